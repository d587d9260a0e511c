"""Key rotation: every code re-sealed under the new key, in batches that can be interrupted and resumed, the
mall reading and matching codes under both keys meanwhile, and never a code in clear at rest."""

from __future__ import annotations

import asyncio

import pytest
from cryptography.fernet import Fernet

from fulfilment.digital.models import CodeStatus, DigitalCode
from fulfilment.digital.pools import mark_used
from fulfilment.digital.rotation import rotate_codes
from fulfilment.digital.vault import CodeVault, key_id_of
from fulfilment.digital.vouchers import member_vouchers
from kernel.errors import DomainError
from tests.catalog.services.builders import partner_editor
from tests.factories import make_member, token_for
from tests.fulfilment.digital.api import gid
from tests.fulfilment.digital.test_code_races import paid_checkout
from tests.fulfilment.digital.world import COFFEE_PARTNER, build_digital_mall, coffee_stock, redeem, stock_codes
from tests.orders.graphql.helpers import COMPLETE
from tests.orders.services.world import give_points

NEW_KEY = Fernet.generate_key()
CODES = ("BREW-AAAA-1111", "BREW-BBBB-2222", "BREW-CCCC-3333")
RACERS = 5


def rotating(settings) -> CodeVault:
    """The vault while the key changes: the new key seals, the old one (derived from SECRET_KEY) still opens."""
    return CodeVault.from_keys(NEW_KEY.decode(), settings.secret_key)


async def rows() -> list[DigitalCode]:
    return list(await DigitalCode.all().order_by("id"))


async def test_a_rotation_reseals_every_code_under_the_new_key(settings, set_clock):
    # given: three codes sealed under the old key, one of them redeemed by the member
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, *CODES)
    await redeem(mall, [(mall.coffee, 1)])
    before = [(row.id, row.status, row.order_line_id) for row in await rows()]  # type: ignore[attr-defined]

    # when
    report = await rotate_codes(rotating(settings), batch_size=2)

    # then: all three under the new key alone; the old key opens none; nothing else about them changed
    assert (report.resealed, report.remaining) == (3, 0)
    after = await rows()
    assert {row.key_id for row in after} == {key_id_of(NEW_KEY)}
    assert [Fernet(NEW_KEY).decrypt(row.sealed.encode()).decode() for row in after] == list(CODES)
    with pytest.raises(DomainError):
        mall.vault.open(after[0].sealed)
    assert [(row.id, row.status, row.order_line_id) for row in after] == before  # type: ignore[attr-defined]
    assert not any(code in row.sealed or code in row.fingerprint for row in after for code in CODES)
    [voucher] = await member_vouchers(CodeVault([NEW_KEY]), mall.member.id)
    assert voucher.code == "BREW-AAAA-1111"


async def test_after_a_rotation_the_pool_still_knows_its_codes(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, *CODES)
    await rotate_codes(rotating(settings))
    mall.vault = CodeVault([NEW_KEY])  # the old key dropped from the setting

    # when: the partner uploads the same file again
    again = await stock_codes(mall, *CODES)

    # then: recognised by their new fingerprints, nothing added
    assert (again.added, again.duplicates) == (0, 3)
    assert await coffee_stock(mall) == (3, 0)


async def test_an_interrupted_rotation_goes_on_where_it_stopped_and_the_mall_works_meanwhile(settings, set_clock):
    # given: a first run stopped after one batch of two codes
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, *CODES)
    await redeem(mall, [(mall.coffee, 1)])
    vault = rotating(settings)
    first = await rotate_codes(vault, batch_size=2, max_batches=1)
    assert (first.resealed, first.remaining) == (2, 1)

    # when: meanwhile the partner uploads the file again and reports the sold code used; then the rotation
    # is run again
    mall.vault = vault
    again = await stock_codes(mall, *CODES)
    used = await mark_used(partner_editor(COFFEE_PARTNER), vault, mall.coffee.id, ["BREW-AAAA-1111"])
    second = await rotate_codes(vault, batch_size=2)

    # then: codes under either key were recognised; the second run re-sealed only the one left
    assert (again.added, again.duplicates, used) == (0, 3, 1)
    assert (second.resealed, second.remaining) == (1, 0)
    assert [row.status for row in await rows()] == [CodeStatus.USED, CodeStatus.AVAILABLE, CodeStatus.AVAILABLE]
    assert [CodeVault([NEW_KEY]).open(row.sealed) for row in await rows()] == list(CODES)


async def test_a_code_no_configured_key_opens_stops_the_rotation_and_changes_nothing(settings, set_clock):
    # given: the old key is missing from the setting (another secret, and only the new key)
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, *CODES)
    before = [(row.sealed, row.fingerprint, row.key_id) for row in await rows()]

    # when
    with pytest.raises(DomainError) as refused:
        await rotate_codes(CodeVault.from_keys(NEW_KEY.decode(), "another-secret"), batch_size=2)

    # then: the batch rolled back whole; the message names the row, never the code
    [detail] = refused.value.details
    assert (detail.field, detail.code) == ("code", "INVALID")
    assert detail.message.startswith(f"Digital code {(await rows())[0].id} cannot be opened with any configured key")
    assert [(row.sealed, row.fingerprint, row.key_id) for row in await rows()] == before


async def test_a_rotation_refuses_a_batch_size_out_of_range(settings):
    # when
    with pytest.raises(DomainError) as refused:
        await rotate_codes(rotating(settings), batch_size=0)

    # then
    assert [(d.field, d.code) for d in refused.value.details] == [("batch_size", "INVALID")]


@pytest.mark.postgres_only
async def test_a_rotation_running_beside_completions_loses_no_code_and_mixes_none_up(api, settings, set_clock):
    # given: five codes and five members, each with a paid checkout of one voucher
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    codes = [f"BREW-RACE-{n:04d}" for n in range(RACERS)]
    await stock_codes(mall, *codes)
    tokens = []
    for n in range(RACERS):
        member = await make_member(settings, f"racer{n}@example.com")
        await give_points(mall.channel, member, 1_000)
        tokens.append(token_for(member, settings))
    variant = gid("ProductVariant", mall.coffee.id)
    checkouts = [await paid_checkout(api, token, mall.channel.slug, variant) for token in tokens]

    # when: the rotation runs, a code a batch, while all five complete
    rotation, *answers = await asyncio.gather(
        rotate_codes(rotating(settings), batch_size=1),
        *(api.ok(COMPLETE, {"id": checkout_id}, token) for checkout_id, token in zip(checkouts, tokens, strict=True)))

    # then: five fulfilled orders, each line holding one of the codes, all under the new key alone
    assert [answer["checkoutComplete"]["order"]["status"] for answer in answers] == ["FULFILLED"] * RACERS
    assert rotation.remaining == 0
    rows = await DigitalCode.all().order_by("id")
    assert {row.key_id for row in rows} == {key_id_of(NEW_KEY)}
    assert [CodeVault([NEW_KEY]).open(row.sealed) for row in rows] == codes
    assert [row.status for row in rows] == [CodeStatus.ASSIGNED] * RACERS
    assert len({row.order_line_id for row in rows}) == RACERS  # type: ignore[attr-defined]
