"""Spend awards follow the order lifecycle, read from fulfilment's facts by `mall worker`.

    a shipment delivered   -> each spend rule in force at the delivery awards the shipment's points value
                              (x ratio, or the points set per product), as soon as it is delivered or once the
                              channel's return window has closed (the programme's `spend_timing`); the value
                              also counts as the member's spend for tiers
    a return received      -> the awards of that shipment give back the returned lines' share
    a cancelled order      -> nothing: nothing of it was delivered, so nothing was awarded

Each fact is handled once (a HandledFact row, written in the same transaction as its awards), each in its own
transaction, so a refusal (a cap, a member who spent the points to take back) never holds up the others:
a take-back refused INSUFFICIENT_POINTS stays due and is tried again on the next pass. The scans read only
facts without a HandledFact row, through indexes, never every order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from tortoise.transactions import in_transaction

from kernel import clock
from kernel.errors import DomainError
from loyalty.awards import Occasion, book_award, take_back
from loyalty.models import SPEND_KINDS, Award, EarningRule, HandledFact, RuleKind, SpendTiming
from loyalty.programmes import ProgrammeOf, programme_of_channel
from loyalty.rules import is_in_force
from loyalty.standing import record_activity
from mall import sql
from mall.channels.models import Channel
from mall.transactions import in_retried_transaction

log = logging.getLogger("loyalty.spend")
SPEND_ACTOR = "system:loyalty"
BATCH = 200

DELIVERED_SHIPMENTS = (
    "SELECT s.id, s.delivered_at, o.user_id, o.channel_id, c.return_window_days FROM fulfilment_shipment s"
    " JOIN orders_order o ON o.id = s.order_id JOIN channel_channel c ON c.id = o.channel_id"
    " WHERE s.delivered_at IS NOT NULL AND s.delivered_at <= $1 AND o.user_id IS NOT NULL"
    " AND c.issuer_code IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM loyalty_handled_fact f WHERE f.fact = 'shipment:' || CAST(s.id AS TEXT))"
    " ORDER BY s.id LIMIT $2"
)
RECEIVED_RETURNS = (
    "SELECT r.id, r.shipment_id, o.user_id, o.channel_id FROM fulfilment_return r"
    " JOIN orders_order o ON o.id = r.order_id JOIN channel_channel c ON c.id = o.channel_id"
    " WHERE r.status = 'received' AND o.user_id IS NOT NULL AND c.issuer_code IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM loyalty_handled_fact f WHERE f.fact = 'return:' || CAST(r.id AS TEXT))"
    " AND EXISTS (SELECT 1 FROM loyalty_handled_fact h WHERE h.fact = 'shipment:' || CAST(r.shipment_id AS TEXT))"
    " ORDER BY r.id LIMIT $1"
)
SHIPMENT_LINES = (
    "SELECT sl.id, sl.quantity, ol.unit_price_points, ol.product_sku FROM fulfilment_shipment_line sl"
    " JOIN orders_order_line ol ON ol.id = sl.order_line_id WHERE sl.shipment_id = $1 ORDER BY sl.id"
)
RETURNED_LINES = (
    "SELECT rl.shipment_line_id AS id, rl.quantity, ol.unit_price_points, ol.product_sku"
    " FROM fulfilment_return_line rl JOIN fulfilment_shipment_line sl ON sl.id = rl.shipment_line_id"
    " JOIN orders_order_line ol ON ol.id = sl.order_line_id WHERE rl.return_request_id = $1"
)


@dataclass(frozen=True)
class Line:
    shipment_line_id: int
    quantity: int
    unit_price_points: int
    sku: str

    @classmethod
    def of(cls, row: dict[str, Any]) -> Line:
        return cls(int(row["id"]), int(row["quantity"]), int(row["unit_price_points"]), row["product_sku"] or "")


def net_of(shipped: list[Line], returned: list[Line]) -> list[Line]:
    """The shipped lines less the units returned of each."""
    back: dict[int, int] = {}
    for line in returned:
        back[line.shipment_line_id] = back.get(line.shipment_line_id, 0) + line.quantity
    kept = [Line(line.shipment_line_id, line.quantity - back.get(line.shipment_line_id, 0), line.unit_price_points,
                 line.sku) for line in shipped]
    return [line for line in kept if line.quantity > 0]


def points_value(lines: list[Line]) -> int:
    return sum(line.quantity * line.unit_price_points for line in lines)


def base_points(rule: EarningRule, lines: list[Line]) -> int:
    """What a spend rule gives for these lines, before the tier multiplier."""
    if rule.kind == RuleKind.SPEND_RATIO:
        return int((Decimal(points_value(lines)) * Decimal(rule.ratio)).to_integral_value(ROUND_FLOOR))
    per_unit = rule.product_points or {}
    return sum(line.quantity * int(per_unit.get(line.sku, 0)) for line in lines)


async def run_spend_jobs(now: datetime | None = None) -> bool:
    """One batch of deliveries and returns; True while more may be waiting."""
    now = now or clock.now()
    deliveries = await sql.fetch(DELIVERED_SHIPMENTS, now, BATCH)
    handled = 0
    for row in deliveries:
        handled += await _handle_delivery(row, now)
    returns = await sql.fetch(RECEIVED_RETURNS, BATCH)
    for row in returns:
        await _handle_return(row)
    return handled == BATCH or len(returns) == BATCH


async def _handle_delivery(row: dict[str, Any], now: datetime) -> int:
    """Award one delivered shipment, unless its programme waits for the return window. 1 when handled."""
    channel = await Channel.get(id=row["channel_id"])
    try:
        programme = await programme_of_channel(channel)
    except DomainError:
        await HandledFact.get_or_create(fact=f"shipment:{row['id']}")  # no programme: nothing to earn, ever
        return 1
    delivered_at = sql.as_datetime(row["delivered_at"])
    assert delivered_at is not None
    window = timedelta(days=int(row["return_window_days"]))
    if programme.settings.spend_timing == SpendTiming.AFTER_RETURN_WINDOW and delivered_at + window > now:
        return 0

    async def award() -> None:
        if await HandledFact.exists(fact=f"shipment:{row['id']}"):
            return  # another worker handled it meanwhile
        await _award_shipment(programme, channel, int(row["id"]), int(row["user_id"]), delivered_at)
        await HandledFact.create(fact=f"shipment:{row['id']}")

    await in_retried_transaction(award)
    return 1


async def _award_shipment(programme: ProgrammeOf, channel: Channel, shipment_id: int, member_id: int,
                          delivered_at: datetime) -> None:
    # Returns received before the award (a programme that waits for the return window) are netted here.
    returns = await sql.fetch("SELECT id FROM fulfilment_return WHERE shipment_id = $1 AND status = 'received'",
                              shipment_id)
    returned = [Line.of(line) for row in returns for line in await sql.fetch(RETURNED_LINES, row["id"])]
    for row in returns:
        await HandledFact.get_or_create(fact=f"return:{row['id']}")
    lines = net_of([Line.of(row) for row in await sql.fetch(SHIPMENT_LINES, shipment_id)], returned)
    local_day = delivered_at.astimezone(programme.zone).date()
    await record_activity(programme.code, member_id, local_day, spend=points_value(lines), active_at=delivered_at)
    rules = await EarningRule.filter(issuer_code=programme.code, kind__in=[kind.value for kind in SPEND_KINDS])
    for rule in sorted(rules, key=lambda rule: rule.id):
        base = base_points(rule, lines)
        # A rule made today does not pay for deliveries of the past (the worker's first pass reads them all).
        if base < 1 or delivered_at < rule.created_at or not is_in_force(rule, delivered_at):
            continue
        occasion = Occasion(rule, channel, member_id, f"shipment:{shipment_id}", base, SPEND_ACTOR,
                            shipment_id=shipment_id, in_force_at=delivered_at)
        try:
            async with in_transaction():  # a savepoint: a refused award leaves the others standing
                await book_award(programme, occasion)
        except DomainError as refused:
            log.info("spend award for shipment %s by rule %s refused: %s", shipment_id, rule.id, refused)


async def _handle_return(row: dict[str, Any]) -> None:
    """Give back the returned lines' share of the shipment's awards, and of the member's spend."""

    async def give_back() -> None:
        fact = f"return:{row['id']}"
        if await HandledFact.exists(fact=fact):
            return
        channel = await Channel.get(id=row["channel_id"])
        programme = await programme_of_channel(channel)
        returned = [Line.of(line) for line in await sql.fetch(RETURNED_LINES, row["id"])]
        shipped = [Line.of(line) for line in await sql.fetch(SHIPMENT_LINES, row["shipment_id"])]
        awards = await Award.filter(shipment_id=row["shipment_id"]).order_by("id")
        for award in awards:
            rule = await EarningRule.get(id=award.rule_id)  # type: ignore[attr-defined]
            share = _share(award.points, base_points(rule, returned), base_points(rule, shipped))
            await take_back(award.id, share, fact, SPEND_ACTOR)
        day = clock.today_in(programme.zone)
        await record_activity(programme.code, int(row["user_id"]), day, spend=-points_value(returned))
        await HandledFact.create(fact=fact)

    try:
        await in_retried_transaction(give_back)
    except DomainError as refused:  # the member spent them: try again on a later pass
        log.info("take-back for return %s refused: %s", row["id"], refused)


def _share(awarded: int, returned_base: int, shipped_base: int) -> int:
    """The awarded points' share of the returned lines, rounded up (a whole return takes all of them)."""
    if shipped_base <= 0:
        return 0
    return min(awarded, -(-awarded * returned_base // shipped_base))
