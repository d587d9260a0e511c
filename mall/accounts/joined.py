"""A member joined an issuer's programme: announced through the outbox, for whoever welcomes new members.

Accounts and the bank's roster sit below the loyalty engine, so they do not call it: they record the fact in
the transaction that creates the member (`member.joined`, once per issuer and member), and the worker hands
it to the loyalty engine, which books the programme's welcome points. A rolled-back sign-up or roster batch
announces nothing; a replayed one announces nothing new (the dedup key is the member's).
"""

from __future__ import annotations

from collections.abc import Iterable

from kernel import clock
from mall.outbox.models import OutboxMessage

MEMBER_JOINED_TOPIC = "member.joined"


def joined_key(issuer_code: str, user_id: int) -> str:
    return f"{issuer_code}:{user_id}"


async def announce_joined(issuer_code: str, user_ids: Iterable[int]) -> None:
    """Record that each account joined the issuer's programme; one INSERT for a whole roster batch."""
    now = clock.now()
    messages = [
        OutboxMessage(topic=MEMBER_JOINED_TOPIC, dedup_key=joined_key(issuer_code, user_id),
                      payload={"issuer_code": issuer_code, "user_id": user_id}, available_at=now)
        for user_id in sorted(set(user_ids))
    ]
    if messages:
        await OutboxMessage.bulk_create(messages, ignore_conflicts=True)
