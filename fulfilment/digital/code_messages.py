"""Gift codes in the member's e-mail and text message, opened by the worker at send time.

The outbox row of such a message names the order line only (mall/notifications/secrets.py); this source
opens the line's codes from the vault when the worker sends it, so no code sits in clear in any table, file
of ours or log line (the delivered e-mail or text is the member's copy). Sending counts as showing: the
codes are marked shown before the provider is called, so under the partner's contract
(`DigitalContract.returnable_once_shown`) a code that may have reached the member never goes back to the
pool nor, by default, can be returned. A send that then fails leaves them marked although unseen: the doubt
goes the partner's way, as a code that may have been copied must.
"""

from __future__ import annotations

from datetime import date

from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalGift
from fulfilment.digital.vault import CodeVault
from kernel import clock
from mall.notifications.secrets import Secret, SecretSource
from mall.notifications.templates import VALID_UNTIL, Language
from orders.models import OrderLine

LINE_CODES = "digital_line"  # the source name messages and the worker agree on


def line_codes_secret(order_line_id: object) -> Secret:
    return Secret(LINE_CODES, str(order_line_id))


def _code_line(code: str, valid_until: date | None, language: Language) -> str:
    if valid_until is None:
        return code
    return f"{code} ({VALID_UNTIL[language].format(date=valid_until.isoformat())})"


def line_codes_source(vault: CodeVault) -> SecretSource:
    """Opens an order line's codes (its assigned ones: burned or used codes are no longer news) and the
    gift's usage in the member's language; None when the line has none left."""

    async def open_line(order_line_id: str, language: Language) -> dict[str, str] | None:
        codes = await DigitalCode.filter(order_line_id=order_line_id, status=CodeStatus.ASSIGNED).order_by("id")
        if not codes:
            return None
        await DigitalCode.filter(id__in=[c.id for c in codes], revealed_at__isnull=True).update(
            revealed_at=clock.now())
        line = await OrderLine.get(id=order_line_id)
        gift = await DigitalGift.get_or_none(variant_id=line.variant_id)  # type: ignore[attr-defined]
        usage = (gift.usage_zh if language is Language.ZH_HANS else gift.usage_en) if gift else ""
        texts = [_code_line(vault.open(code.sealed), code.valid_until, language) for code in codes]
        return {"codes": "\n".join(texts), "usage": usage}

    return open_line
