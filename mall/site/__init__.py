"""The mall's site settings: what the operator sets about the shop as a whole (Saleor's site settings page)."""
