"""What a member hears of the points a loyalty rule gave them (mall/notifications, in their language).

Not every award is news worth a message. A daily sign-in earns a point or two every day: an e-mail or a text
message each morning would teach members to ignore the mall's messages (and cost the bank an SMS a day per
member), and the sign-in's own answer already shows the points, so it tells nothing. A share is a small
activity award the member may like to see later: the in-mall inbox only. Welcome, event, birthday and
spend awards are news: the inbox, e-mail and SMS as the programme's rules allow.

Called inside the award's transaction, once per booked award (a replayed award tells nothing again; the
message is keyed by the award anyway).
"""

from __future__ import annotations

from ledger.balances import points_balance
from loyalty.models import Award, EarningRule, RuleKind
from mall.channels.models import Channel
from mall.notifications.services import Via, notify
from mall.notifications.templates import NotificationKind

SILENT_KINDS = frozenset({RuleKind.SIGN_IN})
INBOX_ONLY_KINDS = frozenset({RuleKind.SHARE})


async def tell_awarded(rule: EarningRule, channel: Channel, award: Award) -> None:
    """Tell the member of a booked award, on the channels its rule's kind deserves."""
    kind = RuleKind(rule.kind)
    if kind in SILENT_KINDS:
        return
    balance = await points_balance(channel.id, award.member_id)  # type: ignore[attr-defined]
    params = {"points": str(award.points), "unit": channel.currency_code, "reason": rule.name,
              "balance": str(balance.points_available)}
    await notify(award.member_id, NotificationKind.POINTS_CREDITED, params, f"award:{award.id}",  # type: ignore[attr-defined]
                 channel_id=channel.id, link="/points", only=Via.INBOX if kind in INBOX_ONLY_KINDS else None)
