"""A bank's loyalty programme for tests: the issuer (Shanghai time), its channel, a member, and rules made
through the rule service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from bank_link.models import Issuer
from ledger.services import points_balance
from loyalty.models import EarningRule, RuleKind
from loyalty.rules import RuleTerms, create_rule
from mall.accounts.models import User
from mall.channels.models import Channel
from tests.factories import make_channel, make_member
from tests.settlement.helpers import make_issuer

OPERATOR = "user:1"


@dataclass
class Programme:
    issuer: Issuer
    channel: Channel
    member: User


async def make_programme(settings: Any, code: str = "BANKA", time_zone: str = "Asia/Shanghai") -> Programme:
    issuer = await make_issuer(code, time_zone=time_zone)
    channel = await make_channel(slug=f"{code.lower()}-mall", issuer_code=code)
    member = await make_member(settings, email=f"mei@{code.lower()}.example")
    return Programme(issuer, channel, member)


async def make_rule(code: str, kind: RuleKind, issuer: str = "BANKA", **terms: Any) -> EarningRule:
    async with in_transaction():
        return await create_rule(issuer, code, RuleTerms(name=terms.pop("name", code.title()), kind=kind, **terms),
                                 OPERATOR)


async def available(programme: Programme, member: User | None = None) -> int:
    return (await points_balance(programme.channel.id, (member or programme.member).id)).points_available
