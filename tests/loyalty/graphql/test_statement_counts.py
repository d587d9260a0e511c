"""SQL statements of a member's daily sign-in (`loyaltySignIn`), the single award path (issue 19).

Counts are deterministic, unlike time: they keep the award path as cheap as it was made (bench/README.md,
"Loyalty engine"). A count that goes up means the sign-in does more round trips than before: look at what was
added before raising the number. SHOW_STATEMENTS=1 python -m pytest -s ... prints them.
"""

from __future__ import annotations

import os

from mall.sql import is_postgres
from mall.statement_count import StatementCounter, install_statement_counter
from tests.factories import make_member, token_for
from tests.graphql_client import GraphQLClient
from tests.loyalty.graphql.test_member_api import SIGN_IN, a_programme

# The whole request: the token's account, BEGIN and COMMIT included (SQLite notes the qualifying month in two
# statements where PostgreSQL takes one). Before the wallet's accounts were opened by one statement and the
# claim stopped being preceded by a look for a replay: 28 and 19 on PostgreSQL, 29 and 20 on SQLite.
EXPECTED = {
    "postgres": {"first sign-in": 21, "next day's sign-in": 18},
    "sqlite": {"first sign-in": 22, "next day's sign-in": 19},
}


async def signed_in(counter: StatementCounter, api: GraphQLClient, token: str) -> int:
    await counter.measure_from_now()
    data = await api.ok(SIGN_IN, {"channel": "banka-mall"}, token)
    assert data["loyaltySignIn"]["errors"] == []
    assert data["loyaltySignIn"]["replayed"] is False
    if counter.keep_texts:
        for text in counter.texts:
            print("  ", " ".join(text.split())[:200])
    return await counter.measure_from_now()


async def test_a_first_and_a_next_day_sign_in_send_their_counted_statements(api, settings, set_clock):
    # given: the programme's channel already has its accounts (another member signed in before), and the
    # member has no wallet yet
    _, token = await a_programme(settings)
    other = await make_member(settings, email="li@banka.example")
    set_clock("2026-12-07T08:00:00+08:00")
    await api.ok(SIGN_IN, {"channel": "banka-mall"}, token_for(other, settings))
    counter = await install_statement_counter(keep_texts=bool(os.environ.get("SHOW_STATEMENTS")))

    # when
    first = await signed_in(counter, api, token())
    set_clock("2026-12-08T08:00:00+08:00")
    next_day = await signed_in(counter, api, token())

    # then
    counts = {"first sign-in": first, "next day's sign-in": next_day}
    assert counts == EXPECTED["postgres" if is_postgres() else "sqlite"]
