"""Late arrivals on a partner statement: deliveries and returns stamped inside a period already settled with
the partner (by another statement) that no partner statement settled yet.

They happen because a delivery counts at the carrier's time, which the carrier reports after the fact (on
2 December, a delivery of 30 November), and because the transaction recording a delivery or a receipt may
still be open while the period runs. Such a fact is settled by the next run, on a line of kind
`late_arrival` whose entry names the shipment line (`delivery:<id>`) or return line (`return:<id>`).

Which facts can be late is bounded by fulfilment's accepted sequence, which follows commit order (ids and
times stamped at write time do not, see fulfilment.services.acceptance): each statement records the
sequence it was built at (`fulfilment_watermark`), and every fact accepted up to the latest one was visible
to that run, which settled it in its period or as a late arrival (runs of one partner are serialised). So
only facts accepted after it, or not accepted yet, are looked at, then checked against the entries.
"""

from __future__ import annotations

from datetime import datetime

from settlement.models import CounterpartyKind, Statement, StatementEntry
from settlement.partner.goods import DeliveredGoods, GoodsMovement

MAX_SOURCES_CHECKED_AT_ONCE = 500


async def late_arrivals(statement: Statement, goods: DeliveredGoods) -> list[GoodsMovement]:
    """The partner's facts stamped in a period another of its statements settled and on no statement yet."""
    settled = await Statement.filter(kind=CounterpartyKind.PARTNER, counterparty_code=statement.counterparty_code,
                                     ).exclude(id=statement.id).values("period_start", "period_end",
                                                                      "fulfilment_watermark")
    if not settled:
        return []
    watermark = max(int(row["fulfilment_watermark"]) for row in settled)
    periods = [(row["period_start"], row["period_end"]) for row in settled]
    stamped = [movement for movement in await goods.accepted_after(statement.counterparty_code, watermark)
               if _inside_any(movement.at, periods)]
    on_statements = await _settled_sources([movement.source for movement in stamped])
    return [movement.as_late() for movement in stamped if movement.source not in on_statements]


def _inside_any(at: datetime, periods: list[tuple[datetime, datetime]]) -> bool:
    return any(start <= at < end for start, end in periods)


async def _settled_sources(sources: list[str]) -> set[str]:
    found: set[str] = set()
    for first in range(0, len(sources), MAX_SOURCES_CHECKED_AT_ONCE):
        chunk = sources[first:first + MAX_SOURCES_CHECKED_AT_ONCE]
        found.update(await StatementEntry.filter(kind=CounterpartyKind.PARTNER, source__in=chunk)
                     .values_list("source", flat=True))
    return found
