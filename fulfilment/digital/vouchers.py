"""What a member holds: their vouchers, with the codes in clear for them alone.

The member who redeemed a voucher reads its code (and from then on it counts as shown: it can no longer
go back to the pool, and by default it cannot be returned). Staff who may see the order read the same
voucher with the code masked; nobody else finds it. A voucher whose partner is still issuing shows as
pending, a top-up the partner delivered without a code as done with its reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalGift, DigitalIssue, IssueStatus
from fulfilment.digital.vault import CodeVault, masked
from kernel import clock
from orders.models import Order, OrderLine

MAX_ORDERS = 200  # "My vouchers" reads the member's newest orders' vouchers, not a lifetime's


class VoucherStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    USED = "used"
    VOID = "void"  # burned: its line was cancelled or returned
    PENDING = "pending"  # the partner is issuing it
    DONE = "done"  # delivered by the partner without a code (a top-up)


@dataclass(frozen=True)
class Voucher:
    key: str  # "code:<id>" or "issue:<id>": unique in a list
    order_id: object
    order_number: int
    order_line_id: str
    product_name: str
    variant_name: str
    code: str | None
    code_masked: bool
    valid_until: date | None
    status: VoucherStatus
    usage_en: str
    usage_zh: str
    reference: str
    delivered_at: datetime | None


def status_of(code: DigitalCode, today: date) -> VoucherStatus:
    if code.status == CodeStatus.USED:
        return VoucherStatus.USED
    if code.status == CodeStatus.BURNED:
        return VoucherStatus.VOID
    if code.valid_until is not None and code.valid_until < today:
        return VoucherStatus.EXPIRED
    return VoucherStatus.ACTIVE


@dataclass(frozen=True)
class Reader:
    """Who reads: the buyer sees codes in clear, anyone else masked."""

    vault: CodeVault
    in_clear: bool


def _code_text(reader: Reader, code: DigitalCode) -> str:
    text = reader.vault.open(code.sealed)
    return text if reader.in_clear else masked(text)


async def _lines_and_usage(line_ids: set[str]) -> tuple[dict[str, OrderLine], dict[int, DigitalGift]]:
    lines = {str(line.id): line for line in await OrderLine.filter(id__in=list(line_ids)).select_related("order")}
    variants = [line.variant_id for line in lines.values() if line.variant_id is not None]  # type: ignore[attr-defined]
    return lines, {gift.variant_id: gift for gift in await DigitalGift.filter(variant_id__in=variants)}


def _voucher(key: str, line: OrderLine, gift: DigitalGift | None, **details: object) -> Voucher:
    order: Order = line.order  # type: ignore[assignment]
    return Voucher(key=key, order_id=order.id, order_number=order.number, order_line_id=str(line.id),
                   product_name=line.product_name, variant_name=line.variant_name,
                   usage_en=gift.usage_en if gift else "", usage_zh=gift.usage_zh if gift else "",
                   **details)  # type: ignore[arg-type]


async def vouchers_of_orders(reader: Reader, order_ids: list[object], partner_code: str | None = None) -> list[Voucher]:
    """The vouchers of these orders (a partner's staff: of its own lines only), newest order first."""
    codes = DigitalCode.filter(order_id__in=order_ids)
    issues = DigitalIssue.filter(order_id__in=order_ids).exclude(status=IssueStatus.CANCELLED)
    if partner_code is not None:
        codes, issues = codes.filter(partner_code=partner_code), issues.filter(partner_code=partner_code)
    code_rows, issue_rows = await codes.order_by("id"), await issues.order_by("id")
    lines, gifts = await _lines_and_usage({str(c.order_line_id) for c in code_rows}  # type: ignore[attr-defined]
                                          | {str(i.order_line_id) for i in issue_rows})  # type: ignore[attr-defined]
    today = clock.today_in("UTC")
    found = []
    for code in code_rows:
        line = lines[str(code.order_line_id)]  # type: ignore[attr-defined]
        found.append(_voucher(f"code:{code.id}", line, gifts.get(line.variant_id), code=_code_text(reader, code),  # type: ignore[attr-defined]
                              code_masked=not reader.in_clear, valid_until=code.valid_until,
                              status=status_of(code, today), reference=code.reference,
                              delivered_at=code.assigned_at))
    for issue in issue_rows:
        if issue.status == IssueStatus.ISSUED and not issue.codeless:
            continue  # its codes are listed above
        line = lines[str(issue.order_line_id)]  # type: ignore[attr-defined]
        status = VoucherStatus.DONE if issue.status == IssueStatus.ISSUED else VoucherStatus.PENDING
        found.append(_voucher(f"issue:{issue.id}", line, gifts.get(line.variant_id), code=None,  # type: ignore[attr-defined]
                              code_masked=False, valid_until=None, status=status, reference=issue.reference,
                              delivered_at=issue.issued_at))
    if reader.in_clear:
        await _mark_shown([code.id for code in code_rows])
    return sorted(found, key=lambda v: (-v.order_number, v.key))


async def _mark_shown(code_ids: list[int]) -> None:
    if code_ids:
        await DigitalCode.filter(id__in=code_ids, revealed_at__isnull=True).update(revealed_at=clock.now())


async def member_vouchers(vault: CodeVault, member_id: int, order_id: object | None = None) -> list[Voucher]:
    """The member's own vouchers (of one of their orders, or all), codes in clear: they are shown now."""
    orders = Order.filter(user_id=member_id)
    if order_id is not None:
        orders = orders.filter(id=order_id)
    ids = await orders.order_by("-number").limit(MAX_ORDERS).values_list("id", flat=True)
    return await vouchers_of_orders(Reader(vault, in_clear=True), list(ids))
