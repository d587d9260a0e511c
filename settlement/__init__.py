"""Settlement: one machinery (periods, runs, lifecycle, files, reconciliation, models) and two counterparties
that plug into it through the `Side` protocol (runs.py): the issuer (`settlement.issuer`: what the bank owes
for redeemed points) and the partner merchant (`settlement.partner`: what the operator owes for delivered
goods, less its service fee). `settlement.settle.settle_period` runs both; `mall settle` and the
settlementRun mutation call it.
"""
