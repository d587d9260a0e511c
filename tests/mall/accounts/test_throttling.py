"""Login throttling: repeated failures from one address for one e-mail delay further attempts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from mall.accounts.sign_in import delay_after
from tests.factories import MEMBER_PASSWORD, make_member
from tests.mall.accounts.helpers import sign_in

WRONG_PASSWORD = "not-the-password"
DELAYED = re.compile(
    r"^Logging has been suspended till (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC due to too many failed attempts\.$"
)


async def fail(api, email: str, times: int) -> list[str]:
    codes = []
    for _ in range(times):
        payload = await sign_in(api, email, WRONG_PASSWORD)
        codes.extend(error["code"] for error in payload["errors"])
    return codes


async def test_the_first_five_failures_are_answered_as_invalid_credentials(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    codes = await fail(api, "mei@example.com", 5)

    # then
    assert codes == ["INVALID_CREDENTIALS"] * 5


async def test_after_five_failures_even_the_right_password_is_delayed(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    await fail(api, "mei@example.com", 5)
    before = datetime.now(UTC).replace(microsecond=0)

    # when
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # then
    assert payload["token"] is None
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("email", "LOGIN_ATTEMPT_DELAYED")
    match = DELAYED.match(error["message"])
    assert match is not None, error["message"]
    until = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    assert before + timedelta(seconds=28) <= until <= before + timedelta(seconds=31)


async def test_a_delayed_attempt_does_not_sign_in(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    await fail(api, "mei@example.com", 5)
    await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # when
    codes = await fail(api, "mei@example.com", 1)

    # then
    assert codes == ["LOGIN_ATTEMPT_DELAYED"]


async def test_another_client_address_is_not_delayed(api, settings, make_client):
    # given
    await make_member(settings, "mei@example.com")
    await fail(api, "mei@example.com", 5)
    elsewhere = await make_client(client_ip="10.0.0.2")

    # when
    payload = await sign_in(elsewhere, "mei@example.com", MEMBER_PASSWORD)

    # then
    assert payload["errors"] == []
    assert payload["user"] == {"email": "mei@example.com"}


async def test_another_email_from_the_same_address_is_not_delayed(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    await make_member(settings, "li@example.com")
    await fail(api, "mei@example.com", 5)

    # when
    payload = await sign_in(api, "li@example.com", MEMBER_PASSWORD)

    # then
    assert payload["errors"] == []


async def test_the_delay_counts_the_email_case_insensitively(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    await fail(api, "MEI@example.com", 5)

    # when
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # then
    assert [e["code"] for e in payload["errors"]] == ["LOGIN_ATTEMPT_DELAYED"]


async def test_a_successful_sign_in_forgets_earlier_failures(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    await fail(api, "mei@example.com", 4)
    await sign_in(api, "mei@example.com", MEMBER_PASSWORD)
    await fail(api, "mei@example.com", 4)

    # when
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # then
    assert payload["errors"] == []


async def test_failures_for_an_unknown_email_are_delayed_too(api):
    # given
    await fail(api, "nobody@example.com", 5)

    # when
    codes = await fail(api, "nobody@example.com", 1)

    # then
    assert codes == ["LOGIN_ATTEMPT_DELAYED"]


@pytest.mark.parametrize(
    ("failed_attempts", "delay_seconds"),
    [(1, 0), (4, 0), (5, 30), (6, 60), (7, 120), (11, 1920), (12, 3600), (40, 3600)],
)
def test_the_delay_doubles_after_five_failures_up_to_an_hour(failed_attempts, delay_seconds):
    assert delay_after(failed_attempts) == timedelta(seconds=delay_seconds)
