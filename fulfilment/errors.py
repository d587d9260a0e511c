"""How fulfilment refuses: every DomainError of fulfilment's services carries one of these codes.

Field names are the services' Python names (the API layer camel-cases them). Shipment refusals use
Saleor's OrderErrorCode names; carriers, hand-offs and returns the mall's LogisticsErrorCode names.
"""

from __future__ import annotations

from enum import StrEnum


class FulfilmentErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank (no lines to fulfil or return)
    INVALID = "INVALID"  # a malformed value, a step the state does not allow, a closed return window
    UNIQUE = "UNIQUE"  # another carrier has the code
    NOT_FOUND = "NOT_FOUND"  # the row does not exist, or belongs to another partner or member
    ZERO_QUANTITY = "ZERO_QUANTITY"  # a fulfilment of no units
    FULFILL_ORDER_LINE = "FULFILL_ORDER_LINE"  # more units than are left to fulfil
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"  # an order line named twice
    CANNOT_CANCEL_FULFILLMENT = "CANNOT_CANCEL_FULFILLMENT"
