"""How loyalty refusals reach the API's LoyaltyErrorCode (every loyalty mutation answers in it).

The engine raises LoyaltyErrorCode (loyalty.errors) and, through it, the ledger's LedgerErrorCode: both map by
name. An award only credits a wallet, so the ledger's hold, reversal and refund codes are unreachable here.
The GraphQL layer's own refusals are ApiErrorCode members (same names) or members of the API enum itself.
"""

from __future__ import annotations

from ledger.errors import LedgerErrorCode
from loyalty.errors import LoyaltyErrorCode as Code
from loyalty.graphql.types import LoyaltyErrorCode
from mall.graphql.error_codes import ErrorCodes, same_names

LOYALTY_ERRORS = ErrorCodes(
    LoyaltyErrorCode,
    same_names(Code, LoyaltyErrorCode),
    same_names(LedgerErrorCode, LoyaltyErrorCode, unreachable={
        LedgerErrorCode.HOLD_ALREADY_RESOLVED, LedgerErrorCode.HOLD_EXPIRED, LedgerErrorCode.NOT_REVERSIBLE,
        LedgerErrorCode.ALREADY_REVERSED, LedgerErrorCode.REFUND_EXCEEDS_CAPTURE,
    }),
    fields={"funding_partner_code": "fundingPartner"},
)
