"""Lines the partner's API issues, through the outbox and `mall worker`, as carriers' hand-offs go.

checkoutComplete queued one message per line (fulfilment.digital.delivery.request_issue). The worker's
handler calls the partner outside any transaction (fulfilment.digital.issuer_api), then records the answer
in one transaction: the codes, sealed, become the line's, and the line is delivered (the order moves to
FULFILLED once nothing else waits). A failed call is retried with the outbox's backoff and dead-lettered
after its attempt limit; the operator lists them (`pending_issues`) and revives one (`retry_issue`).

An order cancelled before the partner answered is not issued: the request is marked cancelled and
nothing is sent. Recording is idempotent: an answer for a request already recorded changes nothing.

Errors (DomainError codes, FulfilmentErrorCode): INVALID (nothing to retry).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from fulfilment.digital.delivery import deliver, digital_gifts_of
from fulfilment.digital.issuer_api import IssueAnswer, IssueRequest, PartnerIssuer
from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalContract, DigitalGift, DigitalIssue, IssueStatus
from fulfilment.digital.vault import CodeVault
from fulfilment.errors import FulfilmentErrorCode
from kernel import clock
from kernel.errors import DomainError
from mall.outbox.models import OutboxMessage, OutboxStatus  # read-only: the request's delivery state
from mall.outbox.services import retry_dead
from orders.models import Order, OrderLine, OrderStatus

log = logging.getLogger("mall.fulfilment.digital")
NOT_ISSUABLE = {OrderStatus.CANCELED}


def _reference(order: Order, line: OrderLine) -> str:
    return f"{order.number}-{line.id}"


async def _cancel(issue: DigitalIssue) -> int:
    return await DigitalIssue.filter(id=issue.id, status=IssueStatus.PENDING).update(status=IssueStatus.CANCELLED)


async def issue_line(payload: dict, vault: CodeVault, issuer: PartnerIssuer) -> int:
    """The outbox handler's work; returns 1 when it recorded an answer. Raises IssuerError (retried)."""
    issue = await DigitalIssue.get_or_none(id=payload["issue"]).select_related("order", "order_line")
    if issue is None or issue.status != IssueStatus.PENDING:
        return 0
    order, line = issue.order, issue.order_line
    if OrderStatus(order.status) in NOT_ISSUABLE:
        await _cancel(issue)
        return 0
    contract = await DigitalContract.get_or_none(partner_code=issue.partner_code)
    request = IssueRequest(_reference(order, line), order.number, line.product_sku or "", line.quantity)
    answer = await issuer.issue(contract or DigitalContract(partner_code=issue.partner_code or ""), request)
    async with in_transaction():
        return await record_answer(issue.id, answer, vault)


def _valid_until(gift: DigitalGift | None, given: date | None) -> date | None:
    if given is not None or gift is None or gift.validity_days is None:
        return given
    return clock.today_in("UTC") + timedelta(days=gift.validity_days)


async def record_answer(issue_id: int, answer: IssueAnswer, vault: CodeVault) -> int:
    """Keep the partner's codes as the line's and deliver the line. Call inside a transaction."""
    issue = await DigitalIssue.get(id=issue_id)
    order = await Order.filter(id=issue.order_id).select_for_update().get()  # type: ignore[attr-defined]
    line = await OrderLine.get(id=issue.order_line_id)  # type: ignore[attr-defined]
    if OrderStatus(order.status) in NOT_ISSUABLE:
        # Cancelled while the partner was issuing: its codes are recorded as void, never shown.
        log.warning("digital issue answered for a cancelled order", extra={"issue": issue.id, "order": order.id})
        await _cancel(issue)
        return 0
    now = clock.now()
    updated = await DigitalIssue.filter(id=issue.id, status=IssueStatus.PENDING).update(
        status=IssueStatus.ISSUED, reference=answer.reference, codeless=answer.codeless, issued_at=now)
    if not updated:
        return 0
    gifts = await digital_gifts_of([line])
    gift = gifts.get(line.variant_id)  # type: ignore[attr-defined]
    await DigitalCode.bulk_create([
        DigitalCode(variant_id=line.variant_id, partner_code=issue.partner_code, **vault.sealed_fields(item.code),  # type: ignore[attr-defined]
                    valid_until=_valid_until(gift, item.valid_until),
                    status=CodeStatus.ASSIGNED, order_line_id=line.id, order_id=order.id,
                    reference=answer.reference, assigned_at=now)
        for item in answer.codes
    ])
    if gift is not None:
        await deliver(order, [(line, gift)])
    return 1


@dataclass(frozen=True)
class PendingIssue:
    issue: DigitalIssue
    message: OutboxMessage | None

    @property
    def is_dead(self) -> bool:
        return self.message is not None and self.message.status == OutboxStatus.DEAD


async def pending_issues(partner_code: str | None = None, dead_only: bool = False,
                         limit: int = 100) -> list[PendingIssue]:
    query = DigitalIssue.filter(status=IssueStatus.PENDING)
    if partner_code is not None:
        query = query.filter(partner_code=partner_code)
    if dead_only:  # before the limit: live requests must not crowd the dead ones out of the page
        waiting = await query.values_list("message_id", flat=True)
        dead = await OutboxMessage.filter(status=OutboxStatus.DEAD, id__in=list(waiting)).values_list("id", flat=True)
        query = query.filter(message_id__in=list(dead))
    issues = await query.order_by("id").limit(limit).select_related("order_line")
    messages = {m.id: m for m in await OutboxMessage.filter(id__in=[i.message_id for i in issues if i.message_id])}
    return [PendingIssue(issue, messages.get(issue.message_id)) for issue in issues]  # type: ignore[arg-type]


async def retry_issue(issue: DigitalIssue) -> None:
    """Give a dead-lettered issuing request a fresh start. Raises INVALID when it is not dead."""
    if issue.message_id is None or not await retry_dead(issue.message_id):
        raise DomainError.single("id", "This digital issue is not dead-lettered.", FulfilmentErrorCode.INVALID)
