"""Notifications: one service tells members what happened, by e-mail, SMS and the in-mall inbox.

Domains call `mall.notifications.services.notify` inside the transaction of the use case that caused the
news; what leaves the database (e-mail, SMS) goes through the outbox, the inbox row is written at once.
"""
