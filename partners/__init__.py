"""Partner merchants, contracts, partner staff and partner settlement. Not built yet."""
