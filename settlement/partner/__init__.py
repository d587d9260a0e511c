"""Settling with partner merchants: what the operator owes them for delivered goods."""
