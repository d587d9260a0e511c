"""Fulfilment: shipments per warehouse, carriers (adapters and webhooks), tracking, returns."""
