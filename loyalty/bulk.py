"""One rule's award to many members at once: a campaign's event points, a day's sign-ins in the bench.

The guarantees are `book_award`'s, member by member: once per (rule, member, occasion), within every cap,
through the ledger (a transfer, a lot and a key per member, sealed into the chain like any other), the
rule's version named on each award. What changes is the number of statements: on PostgreSQL a batch of
up to MAX_MEMBERS is a dozen set-based statements instead of about twenty per member.

    check   the rule is the channel's programme's and in force, the occasion is well formed: else the whole
            batch is refused (DomainError) before anything is written
    terms   one read: which members exist, may earn (the bank's roster), their tier multiplier, and
            whether the occasion was booked for them before (replayed, nothing changes for them)
    claim   the award rows in one INSERT ... ON CONFLICT DO NOTHING at the rule's version read (a member a
            concurrent call booked meanwhile comes back as replayed)
    caps    every member's counters in one conditional upsert (loyalty.caps): a member whose cap is reached
            is refused CAP_REACHED and their claim and raised counters are taken back in this transaction
    book    ledger.award_points_to_many, then the awards' transfer ids and the members' qualifying months

Per-member refusals (NOT_FOUND, NOT_ELIGIBLE, CAP_REACHED) are reported, not raised: the other members are
booked. Rows are claimed and counted in ascending member id, so two batches never lock crosswise. SQLite
(tests) books the same members one `book_award` at a time, each in a savepoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from bank_link.models import MemberStatus
from kernel import clock
from kernel.errors import DomainError
from ledger import services as ledger
from ledger.bulk import BatchRequest, Credit
from loyalty.activity import rule_in_force
from loyalty.awards import (
    Occasion,
    RuleChanged,
    book_award,
    check_occasion,
    expiry_policy,
    funding_of,
    ledger_key,
    multiplied,
)
from loyalty.caps import caps_of, period_key
from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import CapUnit, EarningRule, RuleKind
from loyalty.programmes import ProgrammeOf, programme_of_channel
from loyalty.rules import is_in_force
from loyalty.standing import record_activities
from mall import sql
from mall.accounts.models import User
from mall.channels.models import Channel

MAX_MEMBERS = 5_000  # per call (ledger.bulk.MAX_CREDITS): a bounded transaction and bounded arrays
MEMBER_REFUSALS = frozenset({"NOT_FOUND", "NOT_ELIGIBLE", "CAP_REACHED", "INVALID"})

# One row per member, each figure a subquery by its unique index: the cost follows the batch, not the tables
# (joins, and EXISTS, let the planner hash whole tables: a scan of the day's awards per batch).
TERMS_OF_MEMBERS = (
    "SELECT m.id AS member_id, (SELECT TRUE FROM account_user u WHERE u.id = m.id) AS known,"
    " (SELECT b.status FROM bank_link_member b WHERE b.issuer_id = $2 AND b.user_id = m.id) AS roster_status,"
    " (SELECT t.earn_multiplier FROM loyalty_programme_member pm JOIN loyalty_tier_level t ON t.id = pm.tier_id"
    " WHERE pm.issuer_code = $3 AND pm.member_id = m.id) AS earn_multiplier,"
    " (SELECT TRUE FROM loyalty_award a WHERE a.rule_id = $4 AND a.member_id = m.id AND a.occasion = $5) AS booked"
    " FROM unnest($1::int[]) AS m (id)"
)
CLAIM_MEMBERS = (
    "INSERT INTO loyalty_award (rule_id, rule_version, member_id, channel_id, issuer_code, occasion, points,"
    " points_taken_back, status, funding_partner_code, shipment_id, local_date, created_at)"
    " SELECT $1, $2, c.member_id, $3, $4, $5, c.points, 0, 'booked', $6, NULL, $7, $8"
    " FROM unnest($9::int[], $10::int[]) AS c (member_id, points)"
    " WHERE EXISTS (SELECT 1 FROM loyalty_rule r WHERE r.id = $1 AND r.version = $2) ORDER BY c.member_id"
    " ON CONFLICT (rule_id, member_id, occasion) DO NOTHING RETURNING id, member_id, points"
)
# Parameters: $1 rule, $2 members, $3 points, $4 periods, $5 period keys, $6-$8 the day, month, year caps.
RAISE_MEMBERS_COUNTERS = (
    "INSERT INTO loyalty_cap_usage AS u (rule_id, member_id, period, period_key, awards, points)"
    " SELECT $1, c.member_id, p.period, p.period_key, 1, c.points FROM unnest($2::int[], $3::int[])"
    " AS c (member_id, points) CROSS JOIN unnest($4::text[], $5::text[]) WITH ORDINALITY AS p (period, period_key, n)"
    " ORDER BY c.member_id, p.n"
    " ON CONFLICT (rule_id, member_id, period, period_key) DO UPDATE SET awards = u.awards + 1,"
    " points = u.points + EXCLUDED.points WHERE u.{used} + {this}"
    " <= CASE u.period WHEN 'day' THEN $6::bigint WHEN 'month' THEN $7::bigint ELSE $8::bigint END"
    " RETURNING member_id, period"
)
# A capped member's counters that were raised, lowered again (the caller's transaction is still open).
LOWER_COUNTERS = (
    "UPDATE loyalty_cap_usage u SET awards = u.awards - 1, points = u.points - c.points"
    " FROM unnest($2::int[], $3::int[], $4::text[], $5::text[]) AS c (member_id, points, period, period_key)"
    " WHERE u.rule_id = $1 AND u.member_id = c.member_id AND u.period = c.period AND u.period_key = c.period_key"
)
SET_TRANSFERS = (
    "UPDATE loyalty_award a SET transfer_id = x.transfer_id FROM unnest($1::int[], $2::int[]) AS x (id, transfer_id)"
    " WHERE a.id = x.id"
)


@dataclass
class BulkAwarded:
    """What a bulk award did, member by member."""

    booked: dict[int, int] = field(default_factory=dict)  # member -> points booked now
    replayed: list[int] = field(default_factory=list)  # booked before: nothing changed
    refused: dict[int, str] = field(default_factory=dict)  # member -> code (NOT_FOUND, NOT_ELIGIBLE, CAP_REACHED)


@dataclass(frozen=True)
class _Batch:
    programme: ProgrammeOf
    rule: EarningRule
    channel: Channel
    occasion: str
    actor: str
    now: datetime

    @property
    def local(self) -> datetime:
        return self.now.astimezone(self.programme.zone)


async def award_to_members(channel: Channel, rule: EarningRule, member_ids: list[int], occasion: str,
                           actor: str) -> BulkAwarded:
    """Award `rule` for `occasion` to each member, once each, in the caller's transaction.

    Raises DomainError NOT_ELIGIBLE (no programme, or switched off), INVALID (another programme's rule, a
    malformed occasion, too many or repeated members, a balance past the ledger's maximum), RULE_INACTIVE;
    RuleChanged when the rule's version moved since it was read (nothing written). Per-member refusals are
    in the result.
    """
    programme = await programme_of_channel(channel)
    batch = _Batch(programme, rule, channel, occasion, actor, clock.now())
    _check_batch(batch, member_ids)
    if not sql.is_postgres():
        return await _one_at_a_time(batch, sorted(member_ids))
    result = BulkAwarded()
    points = await _terms(batch, sorted(member_ids), result)
    claimed = await _claim(batch, points, result)
    await _count_caps(batch, claimed, result)
    if claimed:
        await _book(batch, claimed)
    result.booked = {member: points for member, (_, points) in sorted(claimed.items())}
    return result


def _check_batch(batch: _Batch, member_ids: list[int]) -> None:
    if len(member_ids) > MAX_MEMBERS or len(set(member_ids)) != len(member_ids):
        raise refusal(LoyaltyErrorCode.INVALID, f"1 to {MAX_MEMBERS} members, each once.", "members")
    check_occasion(batch.programme, Occasion(batch.rule, batch.channel, 0, batch.occasion, batch.rule.points,
                                             batch.actor))
    if not batch.programme.issuer.is_active:
        raise refusal(LoyaltyErrorCode.NOT_ELIGIBLE, "The issuer's programme is switched off.", "channel")
    if not is_in_force(batch.rule, batch.now):
        raise refusal(LoyaltyErrorCode.RULE_INACTIVE, f"'{batch.rule.name}' is not in force now.", "rule")


async def _terms(batch: _Batch, member_ids: list[int], result: BulkAwarded) -> dict[int, int]:
    """The points each member would get now; the others go to `result` (replayed or refused)."""
    rows = await sql.fetch(TERMS_OF_MEMBERS, member_ids, batch.programme.issuer.id, batch.programme.code,
                           batch.rule.id, batch.occasion)
    points: dict[int, int] = {}
    for row in rows:
        member = int(row["member_id"])
        if row["booked"]:
            result.replayed.append(member)
        elif not row["known"]:
            result.refused[member] = "NOT_FOUND"
        elif row["roster_status"] is not None and row["roster_status"] != MemberStatus.ACTIVE:
            result.refused[member] = LoyaltyErrorCode.NOT_ELIGIBLE.value
        else:
            multiplier = Decimal(str(row["earn_multiplier"] or 1))
            points[member] = multiplied(batch.rule.points, multiplier)
    return _refuse_small_or_capped(batch, points, result)


def _refuse_small_or_capped(batch: _Batch, points: dict[int, int], result: BulkAwarded) -> dict[int, int]:
    """As `book_award`: an award of no points is INVALID, one larger than a points cap CAP_REACHED."""
    by_points = batch.rule.cap_unit == CapUnit.POINTS
    smallest_cap = min((cap for _, cap in caps_of(batch.rule)), default=None)
    kept: dict[int, int] = {}
    for member, amount in points.items():
        this = amount if by_points else 1
        if amount < 1:
            result.refused[member] = LoyaltyErrorCode.INVALID.value
        elif smallest_cap is not None and this > smallest_cap:
            result.refused[member] = LoyaltyErrorCode.CAP_REACHED.value
        else:
            kept[member] = amount
    return kept


async def _claim(batch: _Batch, points: dict[int, int], result: BulkAwarded) -> dict[int, tuple[int, int]]:
    """Claim the members' award rows; returns member -> (award id, points). Raises RuleChanged."""
    if not points:
        return {}
    rule = batch.rule
    rows = await sql.fetch(CLAIM_MEMBERS, rule.id, rule.version, batch.channel.id, batch.programme.code,
                           batch.occasion, rule.funding_partner_code, batch.local.date(), batch.now,
                           list(points), list(points.values()))
    if not rows and not await sql.fetch_one("SELECT 1 FROM loyalty_rule WHERE id = $1 AND version = $2",
                                            rule.id, rule.version):
        raise RuleChanged.single("rule", f"'{rule.name}' changed meanwhile: try again.", LoyaltyErrorCode.RULE_INACTIVE)
    claimed = {int(row["member_id"]): (int(row["id"]), int(row["points"])) for row in rows}
    result.replayed.extend(member for member in points if member not in claimed)  # a concurrent call's
    return claimed


async def _count_caps(batch: _Batch, claimed: dict[int, tuple[int, int]], result: BulkAwarded) -> None:
    """Raise every claimed member's counters; members past a cap are refused and taken out of `claimed`."""
    caps = caps_of(batch.rule)
    if not caps or not claimed:
        return
    by_points = batch.rule.cap_unit == CapUnit.POINTS
    statement = RAISE_MEMBERS_COUNTERS.format(used="points" if by_points else "awards",
                                              this="EXCLUDED.points" if by_points else "1")
    cap_of = {period.value: cap for period, cap in caps}
    members = sorted(claimed)
    keys = [period_key(period, batch.local) for period, _ in caps]
    rows = await sql.fetch(statement, batch.rule.id, members, [claimed[member][1] for member in members],
                           [period.value for period, _ in caps], keys, cap_of.get("day"), cap_of.get("month"),
                           cap_of.get("year"))
    raised: dict[int, set[str]] = {}
    for row in rows:
        raised.setdefault(int(row["member_id"]), set()).add(str(row["period"]))
    capped = [member for member in members if len(raised.get(member, ())) < len(caps)]
    if capped:
        await _take_back_claims(batch, claimed, capped, raised)
        for member in capped:
            del claimed[member]
            result.refused[member] = LoyaltyErrorCode.CAP_REACHED.value


async def _take_back_claims(batch: _Batch, claimed: dict[int, tuple[int, int]], capped: list[int],
                            raised: dict[int, set[str]]) -> None:
    """Undo what a capped member's award wrote so far: their claim, and the counters that did go up."""
    await sql.execute("DELETE FROM loyalty_award WHERE id = ANY($1::int[])", [claimed[member][0] for member in capped])
    lowered = [(member, claimed[member][1], period, period_key(p, batch.local))
               for member in capped for p, _ in caps_of(batch.rule) if (period := p.value) in raised.get(member, ())]
    if lowered:
        columns: list[list[Any]] = [list(column) for column in zip(*lowered, strict=True)]
        await sql.execute(LOWER_COUNTERS, batch.rule.id, *columns)


async def _book(batch: _Batch, claimed: dict[int, tuple[int, int]]) -> None:
    rule = batch.rule
    credits = [Credit(member, points, ledger_key(rule.id, member, batch.occasion))
               for member, (_, points) in sorted(claimed.items())]
    request = BatchRequest(batch.actor, reference=f"loyalty-rule:{rule.id}:v{rule.version}", reason=rule.name)
    transfers = await ledger.award_points_to_many(batch.channel, credits, request,
                                                  funding=funding_of(rule.funding_partner_code),
                                                  policy=expiry_policy(rule, batch.programme), now=batch.now)
    members = sorted(claimed)
    await sql.execute(SET_TRANSFERS, [claimed[member][0] for member in members],
                      [transfers[member] for member in members])
    await record_activities(batch.programme.code, members, [claimed[member][1] for member in members],
                            batch.local.date(), batch.now)


async def _one_at_a_time(batch: _Batch, member_ids: list[int]) -> BulkAwarded:
    """SQLite: `book_award` per member, each in a savepoint so a refused member leaves the others booked."""
    result = BulkAwarded()
    known: set[int] = {int(row["id"]) for row in await User.filter(id__in=member_ids).values("id")}
    for member in member_ids:
        if member not in known:  # the award row's foreign key would refuse it less politely
            result.refused[member] = LoyaltyErrorCode.NOT_FOUND.value
            continue
        occasion = Occasion(batch.rule, batch.channel, member, batch.occasion, batch.rule.points, batch.actor)
        try:
            async with in_transaction():
                booked = await book_award(batch.programme, occasion)
        except RuleChanged:
            raise
        except DomainError as error:
            code = str(error.details[0].code) if error.details else ""
            if code not in MEMBER_REFUSALS:
                raise
            result.refused[member] = code
            continue
        if booked.replayed:
            result.replayed.append(member)
        else:
            result.booked[member] = booked.award.points
    return result


async def sign_in_members(channel: Channel, member_ids: list[int], actor: str) -> BulkAwarded:
    """Today's sign-in (the issuer's day) for each member, as `activity.sign_in` books it one at a time: the
    same rule, occasion and key, so a member signing in meanwhile is booked once either way.

    Raises DomainError NOT_ELIGIBLE, RULE_INACTIVE, INVALID.
    """
    programme = await programme_of_channel(channel)
    occasion = f"day:{clock.today_in(programme.zone).isoformat()}"
    rule = await rule_in_force(programme, RuleKind.SIGN_IN)
    try:
        return await award_to_members(channel, rule, member_ids, occasion, actor)
    except RuleChanged:  # nothing was written: once more with the rule read again
        rule = await rule_in_force(programme, RuleKind.SIGN_IN, fresh=True)
        return await award_to_members(channel, rule, member_ids, occasion, actor)
