"""Settling with the issuer: what the bank owes for the points redeemed in its channels."""
