"""Resolving a case, explicitly, one of five ways; each does what it says, in the use case's transaction:

    explanation   the answer is the explanation (the note), nothing else moves
    reshipment    a new shipment of the goods through fulfilment (fulfilment.services.reshipments)
    return        a return request of the shipment, approved, through the return flow (points come back
                  when the partner receives the goods)
    refund        points of order lines back to the member (orders' refunds: the ledger, into the lots
                  they came from); a digital gift's codes of those units are taken back (burned, or
                  back into the pool when unseen and the partner's contract says so)
    goodwill      points credited through the ledger from the account of whoever is at fault: the
                  partner's (deducted from its settlement), the operator's or the issuer's

Staff may resolve the cases they see; a partner's staff pay goodwill from their own partner's account only,
an issuer's staff from their issuer's. The ledger keys name the case and how often it was reopened, so a
retried request books nothing twice.

Errors (DomainError codes, CaseErrorCode): REQUIRED, INVALID, NOT_FOUND, INSUFFICIENT_STOCK, and the
refusals of the services called (the ledger's, returns', refunds').
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cases.access import Viewer, locked_case_for
from cases.errors import CaseErrorCode, not_found, refusal
from cases.lifecycle import move
from cases.models import Case, CaseEventKind, CaseStatus, Party, ResolutionKind
from cases.notices import NoticeKind, notify_member
from fulfilment.models import Shipment, ShipmentLine
from fulfilment.services.access import Shipper
from fulfilment.services.digital_refunds import withdraw_refunded_codes
from fulfilment.services.reshipments import reship
from fulfilment.services.returns import ReturnPick, decide_return, request_return
from kernel import clock
from ledger.models import AccountKind
from ledger.policy import channel_expiry_policy
from ledger.services import Request, SystemAccount, goodwill_points
from mall.channels.models import Channel
from orders.models import Order, OrderLine
from orders.services.refunds import LineQuantity, RefundRequest, refund_lines

MAX_NOTE = 4_000
MAX_GOODWILL_POINTS = 1_000_000


@dataclass(frozen=True)
class LineUnits:
    order_line_id: str
    quantity: int


@dataclass(frozen=True)
class Resolution:
    kind: ResolutionKind
    note: str
    shipment_id: int | None = None  # reshipment, return: the case's shipment unless named
    lines: list[LineUnits] = field(default_factory=list)  # refund
    points: int = 0  # goodwill
    payer: Party | None = None  # goodwill


@dataclass(frozen=True)
class Outcome:
    reference: str = ""
    points: int = 0
    payer: Party | None = None


def _shipper(viewer: Viewer) -> Shipper:
    return Shipper(viewer.actor, viewer.code if viewer.party == Party.PARTNER else None)


async def _case_shipment(case: Case, resolution: Resolution) -> Shipment:
    shipment_id = resolution.shipment_id or case.shipment_id
    if shipment_id is None:
        raise refusal(CaseErrorCode.REQUIRED, "Choose the shipment.", "fulfillment")
    shipment = await Shipment.get_or_none(id=shipment_id)
    if shipment is None or case.order_id is None or str(shipment.order_id) != case.order_id:  # type: ignore[attr-defined]
        raise not_found("fulfillment", f"Fulfillment:{shipment_id}")
    return shipment


def _check_ships(viewer: Viewer) -> None:
    if viewer.party == Party.ISSUER:  # banks do not ship: the partner or the operator sends and takes back
        raise refusal(CaseErrorCode.INVALID, "Reshipments and returns are the partner's or the operator's.", "kind")


async def _reshipment(viewer: Viewer, case: Case, resolution: Resolution) -> Outcome:
    _check_ships(viewer)
    shipment = await _case_shipment(case, resolution)
    created = await reship(_shipper(viewer), shipment.id, f"case {case.id}")
    return Outcome(reference=f"fulfillment:{created.id}")


async def _return(viewer: Viewer, case: Case, resolution: Resolution) -> Outcome:
    _check_ships(viewer)
    shipment = await _case_shipment(case, resolution)
    lines = await ShipmentLine.filter(shipment_id=shipment.id)
    picks = [ReturnPick(line.id, line.quantity) for line in lines]
    requested = await request_return(case.member_id, shipment.id, picks, resolution.note)  # type: ignore[attr-defined]
    await decide_return(_shipper(viewer), requested, approve=True, note=f"case {case.id}")
    return Outcome(reference=f"return:{requested.id}")


async def _refund(viewer: Viewer, case: Case, resolution: Resolution) -> Outcome:
    if case.order_id is None:
        raise refusal(CaseErrorCode.INVALID, "Only a case about an order can refund points.", "kind")
    if not resolution.lines:
        raise refusal(CaseErrorCode.REQUIRED, "Choose the order lines to refund.", "lines")
    order = await Order.get(id=case.order_id)
    picked = []
    for item in resolution.lines:
        line = await OrderLine.get_or_none(id=item.order_line_id, order_id=order.id)
        if line is None or not _shipper(viewer).owns(line):
            raise not_found("lines", f"OrderLine:{item.order_line_id}")
        picked.append(LineQuantity(line, item.quantity))
    key = f"case:{case.id}:refund:{case.reopen_count}"
    refunded = await refund_lines(order, picked, RefundRequest(key, viewer.actor, f"case {case.id}"))
    if not refunded.replayed:  # a voucher refunded is a voucher taken back: never the points and the code
        for item in picked:
            await withdraw_refunded_codes(item.line, item.quantity)
    return Outcome(reference=f"refund:{key}", points=refunded.points)


def _payer_account(viewer: Viewer, case: Case, payer: Party | None) -> SystemAccount:
    """The account of the party at fault; scoped staff pay from their own only."""
    allowed = {Party.PARTNER: {Party.PARTNER}, Party.ISSUER: {Party.ISSUER}}.get(
        viewer.party, {Party.PARTNER, Party.OPERATOR, Party.ISSUER})
    if payer not in allowed:
        raise refusal(CaseErrorCode.INVALID, "Choose who pays: the partner, the operator or the issuer.", "payer")
    if payer == Party.PARTNER:
        if not case.partner_code:
            raise refusal(CaseErrorCode.INVALID, "No partner is party to this case.", "payer")
        return SystemAccount(AccountKind.PARTNER_PAYABLE, case.partner_code)
    return SystemAccount(AccountKind.OPERATOR_FEE if payer == Party.OPERATOR else AccountKind.ISSUER_LIABILITY)


async def _goodwill(viewer: Viewer, case: Case, resolution: Resolution) -> Outcome:
    points = resolution.points
    if isinstance(points, bool) or not 0 < points <= MAX_GOODWILL_POINTS:
        raise refusal(CaseErrorCode.INVALID, f"Give 1 to {MAX_GOODWILL_POINTS:,} points.", "points")
    account = _payer_account(viewer, case, resolution.payer)
    channel = await Channel.get(id=case.channel_id)
    request = Request(idempotency_key=f"case:{case.id}:goodwill:{case.reopen_count}", actor=viewer.actor,
                      reference=f"case:{case.id}", reason=f"goodwill, case {case.id}")
    transfer = await goodwill_points(channel, case.member_id, points, request, account,  # type: ignore[attr-defined]
                                     policy=await channel_expiry_policy(channel))
    return Outcome(reference=f"transfer:{transfer.id}", points=points, payer=resolution.payer)


async def _explanation(viewer: Viewer, case: Case, resolution: Resolution) -> Outcome:
    return Outcome()


DO = {
    ResolutionKind.EXPLANATION: _explanation,
    ResolutionKind.RESHIPMENT: _reshipment,
    ResolutionKind.RETURN: _return,
    ResolutionKind.REFUND: _refund,
    ResolutionKind.GOODWILL: _goodwill,
}
RESOLVABLE = frozenset({CaseStatus.OPEN, CaseStatus.ANSWERED, CaseStatus.REOPENED})


async def resolve_case(viewer: Viewer, case_id: int, resolution: Resolution) -> Case:
    """Do what the resolution says and close the case with it."""
    note = resolution.note.strip()
    if not note:
        raise refusal(CaseErrorCode.REQUIRED, "Explain the resolution to the member.", "note")
    if len(note) > MAX_NOTE:
        raise refusal(CaseErrorCode.INVALID, f"Use at most {MAX_NOTE} characters.", "note")
    if not viewer.is_staff:
        raise not_found("id", f"Case:{case_id}")
    case = await locked_case_for(viewer, case_id)
    if CaseStatus(case.status) not in RESOLVABLE:
        raise refusal(CaseErrorCode.INVALID, "This case is resolved already.", "id")
    outcome = await DO[resolution.kind](viewer, case, resolution)
    now = clock.now()
    data = {"kind": resolution.kind.value, "reference": outcome.reference, "points": outcome.points,
            "payer": outcome.payer.value if outcome.payer else None}
    resolved = await move(case, CaseStatus.RESOLVED, CaseEventKind.RESOLVED, viewer.actor, note, data,
                          resolution_kind=resolution.kind, resolution_note=note, resolution_reference=outcome.reference,
                          goodwill_points=outcome.points if resolution.kind == ResolutionKind.GOODWILL else 0,
                          goodwill_payer=outcome.payer, resolved_at=now,
                          first_answered_at=case.first_answered_at or now)
    await notify_member(resolved, NoticeKind.RESOLVED, f"resolved:{resolved.reopen_count}")
    return resolved
