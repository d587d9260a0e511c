"""A programme with two members to tell: Mei (English, e-mail and phone) and Lin (Simplified Chinese, phone
only: the bank gave no e-mail)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bank_link.issuers import IssuerData, create_issuer
from bank_link.member_import import import_members
from bank_link.models import Issuer, Member
from mall.accounts.models import User
from mall.accounts.services import ProfileChanges, update_profile
from mall.channels.models import Channel
from tests.factories import make_channel

ROSTER = ["customer_reference,name,email,phone,status",
          "C001,Mei Lin,mei@example.com,+86 138 0000 0001,",
          "C002,Lin Bo,,+86 138 0000 0002,"]


@dataclass(frozen=True)
class World:
    issuer: Issuer
    channel: Channel
    mei: User
    lin: User


async def build_world(folder: Path, **issuer_fields: object) -> World:
    issuer = await create_issuer(IssuerData(code="BANKA", name="Bank A", points_unit="PTS", **issuer_fields))
    channel = await make_channel("bank-a-mall", issuer_code=issuer.code)
    roster = folder / "roster.csv"
    roster.write_text("".join(line + "\n" for line in ROSTER), encoding="utf-8")
    await import_members("BANKA", str(roster))
    members = {m.customer_reference: await User.get(id=m.user_id)  # type: ignore[attr-defined]
               for m in await Member.filter(issuer_id=issuer.id)}
    lin = await update_profile(members["C002"], ProfileChanges(language_code="ZH_HANS"))
    return World(issuer, channel, members["C001"], lin)
