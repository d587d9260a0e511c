"""Awards: points one rule gives one member for one occasion, booked once, through the ledger only.

    check -> the rule is in force, the member may earn (a refusal first finds an award booked before: replayed)
    claim -> INSERT the award row ON CONFLICT DO NOTHING: of concurrent first attempts one inserts, the others
             wait on the unique (rule, member, occasion) until it commits, then find its award (replayed); an
             occasion booked before (a double tap, a retry) is found the same way, nothing changed
    caps  -> raise the day/month/year counters (loyalty.caps), or refuse CAP_REACHED
    book  -> ledger.award_points from the rule's funding account, idempotency key per occasion
    note  -> the member's qualifying month and last activity (loyalty.standing)
    tell  -> the member hears of it as its rule's kind deserves (loyalty.award_notices: a sign-in, not at all)

All of it runs in the caller's transaction: a refusal anywhere rolls back the claim and the counters too.
The ledger transfer names the rule and its version (`reference`), and its reason is the rule's name, which
is what the member's history shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from kernel import clock
from kernel.errors import DomainError
from ledger import services as ledger
from ledger.models import AccountKind, Transfer
from ledger.policy import ExpiryPolicy, ExpiryRule
from loyalty.award_notices import tell_awarded
from loyalty.caps import use_caps
from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import Award, AwardStatus, AwardTakeBack, EarningRule
from loyalty.programmes import ProgrammeOf, earning_multiplier
from loyalty.rules import is_in_force
from loyalty.standing import record_activity
from mall import sql
from mall.channels.models import Channel

MAX_OCCASION_LENGTH = 100
# The claim books only while the rule is still at the version this award read: a worker's cached rule
# (loyalty.rules.rules_of_kind) changed by another worker is noticed here, at no extra statement.
CLAIM = (
    "INSERT INTO loyalty_award (rule_id, rule_version, member_id, channel_id, issuer_code, occasion, points,"
    " points_taken_back, status, funding_partner_code, shipment_id, local_date, created_at)"
    " SELECT {values} WHERE EXISTS (SELECT 1 FROM loyalty_rule r WHERE r.id = $1 AND r.version = $2)"
    " ON CONFLICT (rule_id, member_id, occasion) DO NOTHING RETURNING *"
)
CLAIM_VALUES = "$1, $2, $3, $4, $5, $6, $7, 0, 'booked', $8, $9, $10, $11"
# PostgreSQL types a SELECT's parameters by themselves (not by the columns they go into, as VALUES would).
CLAIM_VALUES_TYPED = ("$1::int, $2::int, $3::int, $4::int, $5::text, $6::text, $7::int, 0, 'booked', $8::text,"
                      " $9::int, $10::date, $11::timestamptz")


class RuleChanged(DomainError):
    """The rule changed since it was read (nothing was written): a cached rule is read again and the award
    tried once more; to anyone else it is a refusal like the others (RULE_INACTIVE: try again)."""


@dataclass(frozen=True)
class Occasion:
    """One reason to award: `base_points` before the member's tier multiplier."""

    rule: EarningRule
    channel: Channel
    member_id: int
    occasion: str
    base_points: int
    actor: str
    shipment_id: int | None = None
    in_force_at: datetime | None = None  # when the rule must have been in force (a delivery), else now


@dataclass(frozen=True)
class Booked:
    award: Award
    replayed: bool  # booked before: nothing changed


def ledger_key(rule_id: int, member_id: int, occasion: str) -> str:
    return f"loyalty:{rule_id}:{member_id}:{occasion}"


def funding_of(partner_code: str | None) -> ledger.SystemAccount:
    if partner_code:
        return ledger.SystemAccount(AccountKind.PARTNER_ISSUED, partner_code)
    return ledger.ISSUER_FUNDED


async def find_award(rule_id: int, member_id: int, occasion: str) -> Award | None:
    return await Award.get_or_none(rule_id=rule_id, member_id=member_id, occasion=occasion)


def multiplied(points: int, multiplier: Decimal) -> int:
    return int((Decimal(points) * multiplier).to_integral_value(ROUND_FLOOR))


def expiry_policy(rule: EarningRule, programme: ProgrammeOf) -> ExpiryPolicy:
    """The rule's own expiry, or the issuer's (both counted in the issuer's time zone)."""
    issuer = programme.issuer
    if rule.expiry_rule:
        return ExpiryPolicy(ExpiryRule(rule.expiry_rule), rule.expiry_count, issuer.time_zone)
    return ExpiryPolicy(ExpiryRule(issuer.expiry_rule), issuer.expiry_count, issuer.time_zone)


async def book_award(programme: ProgrammeOf, occasion: Occasion) -> Booked:
    """Award the occasion once. Raises DomainError INVALID, RULE_INACTIVE, NOT_ELIGIBLE, NOT_FOUND, CAP_REACHED
    (and the ledger's refusals); RuleChanged when the rule's version moved since `occasion.rule` was read
    (nothing was written)."""
    rule = occasion.rule
    check_occasion(programme, occasion)
    now = clock.now()
    # No look for a replay first (a statement on every award): the claim finds one anyway. A refusal looks
    # first, so an occasion booked before is still answered with its award when the rule has ended since.
    if not is_in_force(rule, occasion.in_force_at or now):
        return await _replayed_or(occasion, refusal(LoyaltyErrorCode.RULE_INACTIVE,
                                                    f"'{rule.name}' is not in force now.", "rule"))
    # An unknown member: the ledger says NOT_FOUND.
    points = multiplied(occasion.base_points, await earning_multiplier(programme, occasion.member_id))
    if points < 1:
        return await _replayed_or(occasion, refusal(LoyaltyErrorCode.INVALID, "This occasion earns no points.",
                                                    "points"))
    local = now.astimezone(programme.zone)
    claim = CLAIM.format(values=CLAIM_VALUES_TYPED if sql.is_postgres() else CLAIM_VALUES)
    claimed = await sql.fetch_one(
        claim, rule.id, rule.version, occasion.member_id, occasion.channel.id, programme.code, occasion.occasion,
        points, rule.funding_partner_code, occasion.shipment_id, local.date(), now,
    )
    if claimed is None:  # a concurrent first attempt booked it and committed while we waited, or the rule changed
        stored = await find_award(rule.id, occasion.member_id, occasion.occasion)
        if stored is None:
            raise RuleChanged.single("rule", f"'{rule.name}' changed meanwhile: try again.",
                                     LoyaltyErrorCode.RULE_INACTIVE)
        return Booked(stored, replayed=True)
    await use_caps(rule, occasion.member_id, points, local)
    transfer = await _book_in_ledger(programme, occasion, points, now)
    await sql.execute("UPDATE loyalty_award SET transfer_id = $1 WHERE id = $2", transfer.id, claimed["id"])
    await record_activity(programme.code, occasion.member_id, local.date(), points_earned=points, awards=1,
                          active_at=now)
    award = Award._init_from_db(**claimed)
    award.transfer_id = transfer.id
    await tell_awarded(rule, occasion.channel, award)
    return Booked(award, replayed=False)


async def _replayed_or(occasion: Occasion, error: DomainError) -> Booked:
    """The occasion's award booked before (a retry), else the refusal raised."""
    stored = await find_award(occasion.rule.id, occasion.member_id, occasion.occasion)
    if stored is None:
        raise error
    return Booked(stored, replayed=True)


def check_occasion(programme: ProgrammeOf, occasion: Occasion) -> None:
    if occasion.rule.issuer_code != programme.code or occasion.channel.issuer_code != programme.code:
        raise refusal(LoyaltyErrorCode.INVALID, "The rule belongs to another programme than the channel.", "rule")
    if not occasion.occasion.strip() or len(occasion.occasion) > MAX_OCCASION_LENGTH:
        raise refusal(LoyaltyErrorCode.INVALID, f"An occasion is 1 to {MAX_OCCASION_LENGTH} characters.",
                      "occasion")


async def _book_in_ledger(programme: ProgrammeOf, occasion: Occasion, points: int, now: datetime) -> Transfer:
    rule = occasion.rule
    request = ledger.Request(
        ledger_key(rule.id, occasion.member_id, occasion.occasion), occasion.actor,
        reference=f"loyalty-rule:{rule.id}:v{rule.version}", reason=rule.name,
    )
    return await ledger.award_points(occasion.channel, occasion.member_id, points, request,
                                     funding=funding_of(rule.funding_partner_code),
                                     policy=expiry_policy(rule, programme), now=now)


async def take_back(award_id: int, points: int, reason: str, actor: str) -> int:
    """Take up to `points` of an award back (its purchase was returned), once per `reason`: the member's
    wallet -> the award's funding account. Returns the points taken back (0 when `reason` was done before,
    or nothing is left of the award).

    The award row is locked first, so two returns of one shipment handled at once take back in turn and
    never more than the award gave. Raises DomainError INSUFFICIENT_POINTS (the member spent them: the
    caller tries again later, when the member has points again).
    """
    award = await Award.filter(id=award_id).select_for_update().first()
    if award is None or await AwardTakeBack.exists(reason=reason):
        return 0
    amount = min(points, award.points - award.points_taken_back)
    if amount > 0:
        await _take_back_in_ledger(award, amount, reason, actor)
        left = award.points - award.points_taken_back - amount
        await Award.filter(id=award.id).update(points_taken_back=award.points_taken_back + amount,
                                               status=AwardStatus.TAKEN_BACK if left == 0 else AwardStatus.BOOKED)
        await record_activity(award.issuer_code, award.member_id, award.local_date,  # type: ignore[attr-defined]
                              points_earned=-amount)
    await AwardTakeBack.create(award_id=award.id, reason=reason, points=max(amount, 0))
    return max(amount, 0)


async def _take_back_in_ledger(award: Award, amount: int, reason: str, actor: str) -> None:
    channel = await Channel.get(id=award.channel_id)  # type: ignore[attr-defined]
    member_id = award.member_id  # type: ignore[attr-defined]
    request = ledger.Request(f"{ledger_key(award.rule_id, member_id, award.occasion)}:back:{reason}",  # type: ignore[attr-defined]
                             actor, reference=f"loyalty-award:{award.id}", reason="Points taken back: returned")
    await ledger.take_back_points(channel, member_id, amount, request, funding=funding_of(award.funding_partner_code))
