"""In-process "certainly sold out" hints, so a refusal costs no more than the decision (issue 23).

When a sale's conditional take finds its units gone, this worker remembers it. The next buyer of that sale
re-checks with one unlocked read of the sale's row (the last committed state, no lock wait) and is refused
at once if it is still sold out, instead of queueing behind the winners' transactions on the row lock. A hint
is only a hint: the read decides, a sale with units again (a cancel gave one back, its quantity was raised)
clears it, and a buyer without a hint always takes the full way (the conditional update). So the fast path
can never refuse a purchase the units could serve.
"""

from __future__ import annotations

# sale id -> the sale's quantity when it was seen sold out. Bounded: one entry a sale, cleared when it ends.
_sold_out: dict[int, int] = {}
MAX_HINTS = 10_000


def mark_sold_out(sale_id: int, quantity: int) -> None:
    if len(_sold_out) >= MAX_HINTS:
        _sold_out.clear()  # hints are cheap to lose: losing one only sends buyers the full way
    _sold_out[sale_id] = quantity


def is_hinted_sold_out(sale_id: int) -> bool:
    return sale_id in _sold_out


def clear(sale_id: int) -> None:
    _sold_out.pop(sale_id, None)


def clear_all() -> None:
    _sold_out.clear()
