"""How customer service is doing, per partner and category, over cases opened in a period:

    cases per 1,000 orders   the partner's cases / the orders holding its gifts placed in the period
                             (the operator's own: orders holding its gifts)
    first answer             mean hours from opening to the first answer (answered cases)
    resolution               mean hours from opening to the resolution (resolved cases)
    backlog                  cases not resolved yet (open, answered or reopened)
    overdue share            escalated cases / cases
    resolutions              how many of each kind
    rating                   mean rating and how many rated

Scoped staff see their own rows only (a partner's; an issuer's programme's). Exported as CSV too.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from cases.access import Viewer, visible_cases
from cases.models import Case, CaseCategory, CaseStatus, ResolutionKind
from orders.models import OrderLine

OPERATOR_ROW = ""  # the partner code of rows about the operator's own gifts and non-partner cases


@dataclass
class MeasureRow:
    partner_code: str
    category: CaseCategory
    cases: int = 0
    orders: int = 0
    answered: int = 0
    answer_seconds: float = 0.0
    overdue: int = 0
    resolved: int = 0
    resolution_seconds: float = 0.0
    backlog: int = 0
    resolutions: dict[ResolutionKind, int] = field(default_factory=dict)
    ratings: int = 0
    rating_total: int = 0

    @property
    def cases_per_thousand_orders(self) -> float | None:
        return round(self.cases * 1000 / self.orders, 2) if self.orders else None

    @property
    def mean_first_answer_hours(self) -> float | None:
        return round(self.answer_seconds / self.answered / 3600, 2) if self.answered else None

    @property
    def mean_resolution_hours(self) -> float | None:
        return round(self.resolution_seconds / self.resolved / 3600, 2) if self.resolved else None

    @property
    def overdue_share(self) -> float:
        return round(self.overdue / self.cases, 4) if self.cases else 0.0

    @property
    def mean_rating(self) -> float | None:
        return round(self.rating_total / self.ratings, 2) if self.ratings else None


def _count(row: MeasureRow, case: Case) -> None:
    row.cases += 1
    if case.first_answered_at is not None:
        row.answered += 1
        row.answer_seconds += (case.first_answered_at - case.created_at).total_seconds()
    if case.escalated_at is not None:
        row.overdue += 1
    if case.status == CaseStatus.RESOLVED and case.resolved_at is not None:
        row.resolved += 1
        row.resolution_seconds += (case.resolved_at - case.created_at).total_seconds()
    else:
        row.backlog += 1
    if case.resolution_kind is not None:
        kind = ResolutionKind(case.resolution_kind)
        row.resolutions[kind] = row.resolutions.get(kind, 0) + 1
    if case.rating is not None:
        row.ratings += 1
        row.rating_total += case.rating


async def _orders_per_partner(codes: set[str], start: datetime, end: datetime) -> dict[str, int]:
    """Orders placed in the period holding at least one of each partner's gifts ("" the operator's)."""
    rows = await OrderLine.filter(order__created_at__gte=start, order__created_at__lt=end).values_list(
        "order_id", "partner_code")
    orders: dict[str, set[object]] = defaultdict(set)
    for order_id, partner_code in rows:
        orders[partner_code or OPERATOR_ROW].add(order_id)
    return {code: len(orders.get(code, set())) for code in codes}


async def case_measures(viewer: Viewer, start: datetime, end: datetime) -> list[MeasureRow]:
    """One row per partner and category with cases opened in [start, end), ordered by partner and category."""
    cases = await visible_cases(viewer).filter(created_at__gte=start, created_at__lt=end)
    rows: dict[tuple[str, CaseCategory], MeasureRow] = {}
    for case in cases:
        key = (case.partner_code or OPERATOR_ROW, CaseCategory(case.category))
        _count(rows.setdefault(key, MeasureRow(*key)), case)
    orders = await _orders_per_partner({code for code, _ in rows}, start, end)
    for (code, _), row in rows.items():
        row.orders = orders[code]
    return [rows[key] for key in sorted(rows)]


CSV_HEADER = ["partner", "category", "cases", "orders", "cases_per_1000_orders", "mean_first_answer_hours",
              "overdue_share", *(f"resolved_{kind.value}" for kind in ResolutionKind), "ratings", "mean_rating",
              "mean_resolution_hours", "backlog"]  # added last: spreadsheets reading the older columns keep working


def _cell(value: float | None) -> str:
    return "" if value is None else str(value)


def measures_csv(rows: list[MeasureRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([row.partner_code or "operator", row.category.value, row.cases, row.orders,
                         _cell(row.cases_per_thousand_orders), _cell(row.mean_first_answer_hours), row.overdue_share,
                         *(row.resolutions.get(kind, 0) for kind in ResolutionKind), row.ratings,
                         _cell(row.mean_rating), _cell(row.mean_resolution_hours), row.backlog])
    return out.getvalue()
