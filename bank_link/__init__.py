"""Issuers, member roster and points feeds, bank single sign-on, bank settlement. Not built yet."""
