"""Catalogue promotions (Saleor's promotions API, in points): promotions with rules that lower the points
price of the variants a catalogue predicate selects, in the rules' channels, between a start and an end."""
