"""Vouchers: whole-order, per-gift or delivery discounts a member unlocks with a code (Saleor's vouchers, in points).

models (vouchers, codes, channel listings, catalogue, per-customer uses, translations), services (the operator's
writes), codes (bulk generation for a bank's campaign, CSV export) and checkout (what a code takes off a cart,
counting a use at completion and giving it back at cancel)."""
