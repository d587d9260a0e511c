"""Partner settlement: statements of delivered goods, their reconciliation, and payouts.

Built on the shared statement models, lifecycle, files and runs of `bank_link.settlement`.
"""
