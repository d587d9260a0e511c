"""How notification refusals reach the API's NotificationErrorCode (both notifications mutations answer in it)."""

from __future__ import annotations

from mall.graphql.error_codes import ErrorCodes, same_names
from mall.notifications.errors import NotificationErrorCode as Code
from mall.notifications.graphql.types import NotificationErrorCode

NOTIFICATION_ERRORS = ErrorCodes(NotificationErrorCode, same_names(Code, NotificationErrorCode))
