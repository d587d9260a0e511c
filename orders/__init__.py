"""Checkout, orders, order events and payments (points gateway, Stripe gateway)."""
