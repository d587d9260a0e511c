"""Shipments per warehouse, carriers, tracking and returns. Not built yet (issue: fulfilment)."""
