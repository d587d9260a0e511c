"""How voucher services refuse: every DomainError of orders.vouchers carries one of these codes.

Names follow Saleor's DiscountErrorCode; field names are the services' Python names. Checkout refusals use
orders.errors.OrdersErrorCode (INVALID, VOUCHER_NOT_APPLICABLE) as Saleor's checkout mutations do.
"""

from __future__ import annotations

from enum import StrEnum


class VoucherErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank
    INVALID = "INVALID"  # a malformed value, a date range, a percentage above 100, points with a fraction
    NOT_FOUND = "NOT_FOUND"  # the voucher, a code, a channel or a catalogue item does not exist
    ALREADY_EXISTS = "ALREADY_EXISTS"  # a code another voucher (or this one) already has
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"  # the same code twice in one input
    VOUCHER_ALREADY_USED = "VOUCHER_ALREADY_USED"  # a used code cannot be deleted (orders name it)
