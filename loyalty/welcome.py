"""Welcome points, given automatically: a member who joins a programme (the bank's roster import, a sign-up
in the issuer's channel, a migrated member arriving with the roster) gets the programme's welcome rule once.

Accounts and the roster announce `member.joined` through the outbox (mall.accounts.joined) in the transaction
that creates the member; the worker hands each message here. The award's occasion is `welcome`, the same a
bank's or the operator's manual welcome uses, so a member is welcomed once however the message is retried
and whoever gave the welcome first. A programme without a welcome rule in force, or a member the bank has
switched off, gets nothing, and the message is done (nothing to retry).
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from kernel.errors import DomainError
from loyalty.activity import rule_in_force
from loyalty.awards import Booked, Occasion, book_award
from loyalty.errors import LoyaltyErrorCode
from loyalty.models import RuleKind
from loyalty.programmes import ProgrammeOf, find_programme
from mall.accounts.joined import MEMBER_JOINED_TOPIC
from mall.channels.models import Channel
from mall.outbox.models import OutboxMessage
from mall.outbox.services import Handler

WELCOME_OCCASION = "welcome"
WELCOME_ACTOR = "loyalty:welcome"
# Refusals that mean "nothing to give": the message is handled. Anything else is retried by the outbox.
NOTHING_TO_GIVE = frozenset({LoyaltyErrorCode.RULE_INACTIVE, LoyaltyErrorCode.NOT_ELIGIBLE})


async def welcome_channel(programme: ProgrammeOf) -> Channel | None:
    """The channel the welcome is booked in: the issuer's first channel (its points unit is the issuer's)."""
    return await Channel.filter(issuer_code=programme.code).order_by("id").first()


async def welcome_member(issuer_code: str, member_id: int) -> Booked | None:
    """Book the programme's welcome for the member once (None: the issuer has no channel to book it in).
    Runs in the caller's transaction.

    Raises DomainError NOT_FOUND (an unknown issuer or member), RULE_INACTIVE (no welcome rule in force),
    NOT_ELIGIBLE (the member or the programme is switched off) and the ledger's refusals.
    """
    programme = await find_programme(issuer_code)
    # Once per member: not worth the cache.
    rule = await rule_in_force(programme, RuleKind.WELCOME, fresh=True)
    channel = await welcome_channel(programme)
    if channel is None:
        return None
    return await book_award(programme, Occasion(rule, channel, member_id, WELCOME_OCCASION, rule.points,
                                                WELCOME_ACTOR))


async def welcome_joined(issuer_code: str, member_id: int) -> Booked | None:
    """The use case behind `member.joined`: the welcome in its own transaction; None when there is nothing
    to give (the refusal rolled back whatever it began). Other refusals raise: the outbox retries them."""
    try:
        async with in_transaction():
            return await welcome_member(issuer_code, member_id)
    except DomainError as error:
        if {detail.code for detail in error.details} <= NOTHING_TO_GIVE:
            return None
        raise


def welcome_handlers() -> dict[str, Handler]:
    """The worker's handler of `member.joined`: each welcome in its own transaction."""

    async def welcome(message: OutboxMessage) -> None:
        await welcome_joined(str(message.payload["issuer_code"]), int(message.payload["user_id"]))

    return {MEMBER_JOINED_TOPIC: welcome}
