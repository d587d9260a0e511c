"""Settlement: statements for issuers (what the bank owes) and partners (what the operator owes them).

The statement lifecycle, files, runs and models are shared here; the issuer side is computed in
`bank_link.settlement.issuer`, the partner side in `partners.settlement`.
"""
