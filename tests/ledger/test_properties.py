"""Random sequences of ledger operations keep every invariant after every step.

After each step: every unit sums to zero, no wallet is negative, stored balances equal the transfers and
equal a model kept here from the operations' own results, `verify` passes, and a refused step changed
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tortoise.transactions import in_transaction

from kernel.errors import DomainError
from ledger.jobs import run_ledger_jobs
from ledger.models import Account, Transfer, TransferKind
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.sealing import seal_transfers
from ledger.services import (
    adjust_points,
    capture_hold,
    credit_points,
    hold_points,
    refund_capture,
    reverse_transfer,
    void_hold,
)
from ledger.verify import verify_ledger
from mall.accounts.models import User
from mall.channels.models import Channel
from mall.settings import Settings
from tests.factories import make_channel, make_member
from tests.ledger.helpers import NOW, empty_ledger_tables, request, snapshot

MEMBERS = 2
MAX_STEPS = 15
policies = st.sampled_from([
    ExpiryPolicy(), ExpiryPolicy(ExpiryRule.FIXED_DAYS, 1), ExpiryPolicy(ExpiryRule.FIXED_DAYS, 3),
    ExpiryPolicy(ExpiryRule.END_OF_MONTH, 0),
])
member_index = st.integers(0, MEMBERS - 1)


def steps_for(world: World) -> st.SearchStrategy[tuple[Any, ...]]:
    """The steps that make sense now, plus some that should be refused (resolved holds, any transfer)."""
    options = [
        st.tuples(st.just("credit"), member_index, st.integers(1, 300), policies),
        st.tuples(st.just("hold"), member_index, st.integers(1, 200), st.integers(1, 180)),
        st.tuples(st.just("adjust"), member_index, st.integers(-300, 300).filter(bool)),
        st.tuples(st.just("advance"), st.integers(1, 60 * 30)),
        st.tuples(st.just("seal")),
    ]
    if world.holds:
        hold_id = st.sampled_from(world.holds)
        options += [st.tuples(st.just("capture"), hold_id, st.none() | st.integers(1, 100))] * 2
        options.append(st.tuples(st.just("void"), hold_id))
    if world.resolved:
        options.append(st.tuples(st.just("capture"), st.sampled_from(world.resolved), st.none()))
    if world.captures:
        options.append(st.tuples(st.just("refund"), st.sampled_from(world.captures), st.none() | st.integers(1, 80)))
    if world.transfers:
        options.append(st.tuples(st.just("reverse"), st.sampled_from(world.transfers)))
    return st.one_of(options)


@dataclass
class World:
    channel: Any
    members: list[Any]
    now: Any = NOW
    holds: list[int] = field(default_factory=list)  # pending ones: resolving one moves it to `resolved`
    resolved: list[int] = field(default_factory=list)
    captures: list[int] = field(default_factory=list)
    transfers: list[int] = field(default_factory=list)
    model: dict[int, list[int]] = field(default_factory=dict)  # member id -> [available, held]
    counter: int = 0

    def key(self) -> str:
        self.counter += 1
        return f"step-{self.counter}"


async def apply(world: World, step: tuple[Any, ...]) -> None:
    """Run one step in its own transaction and update the model from what the ledger answered."""
    name, *arguments = step
    async with in_transaction():
        if name == "advance":
            world.now += timedelta(minutes=arguments[0])
            await _expire(world)
        elif name == "seal":
            await seal_transfers()
        else:
            transfer = await OPERATIONS[name](world, *arguments)
            world.transfers.append(transfer.id)
            await _book(world, transfer)


async def _expire(world: World) -> None:
    before = set(await Transfer.all().values_list("id", flat=True))
    await run_ledger_jobs(now=world.now)
    for transfer in await Transfer.exclude(id__in=before).order_by("id"):
        await _book(world, transfer)


async def _book(world: World, transfer: Transfer) -> None:
    """The effect of one transfer on the model: the member's [available, held]."""
    wallet = await Account.get(id=transfer.member_account_id)  # type: ignore[attr-defined]
    balance = world.model.setdefault(wallet.member_id, [0, 0])  # type: ignore[attr-defined]
    incoming = transfer.credit_account_id == wallet.id  # type: ignore[attr-defined]
    if transfer.kind == TransferKind.HOLD:
        balance[0], balance[1] = balance[0] - transfer.points, balance[1] + transfer.points
        world.holds.append(transfer.id)
    elif transfer.kind in (TransferKind.CAPTURE, TransferKind.VOID):
        held = (await Transfer.get(id=transfer.pending_id)).points  # type: ignore[attr-defined]
        world.holds.remove(transfer.pending_id)  # type: ignore[attr-defined]
        world.resolved.append(transfer.pending_id)  # type: ignore[attr-defined]
        spent = transfer.points if transfer.kind == TransferKind.CAPTURE else 0
        balance[0], balance[1] = balance[0] + held - spent, balance[1] - held
        if transfer.kind == TransferKind.CAPTURE:
            world.captures.append(transfer.id)
    else:
        balance[0] += transfer.points if incoming else -transfer.points


OPERATIONS: dict[str, Any] = {
    "credit": lambda w, m, n, policy: credit_points(w.channel, w.members[m].id, n, request(w.key()), policy=policy,
                                                    now=w.now),
    "hold": lambda w, m, n, minutes: hold_points(w.channel, w.members[m].id, n, request(w.key()), now=w.now,
                                                 expires_at=w.now + timedelta(minutes=minutes)),
    "capture": lambda w, hold_id, n: capture_hold(hold_id, request(w.key()), points=n, now=w.now),
    "void": lambda w, hold_id: void_hold(hold_id, request(w.key()), now=w.now),
    "refund": lambda w, capture_id, n: refund_capture(capture_id, request(w.key()), points=n, now=w.now),
    "reverse": lambda w, transfer_id: reverse_transfer(transfer_id, request(w.key()), now=w.now),
    "adjust": lambda w, m, n: adjust_points(w.channel, w.members[m].id, n, request(w.key()), now=w.now),
}


async def check_invariants(world: World) -> None:
    report = await verify_ledger()
    assert report.ok, "\n".join(report.lines())
    wallets = await Account.filter(kind="member").values_list("member_id", "points_available", "points_held")
    assert {member: [available, held] for member, available, held in wallets} == {
        member: balance for member, balance in world.model.items()
    }
    assert all(available >= 0 and held >= 0 for _, available, held in wallets)


async def _channel() -> Channel:
    """The examples share the channel and members (only ledger rows are reset): creating users is slow."""
    return await Channel.get_or_none(slug="bank-a-mall") or await make_channel()


async def _member(settings: Settings, index: int) -> User:
    email = f"member{index}@example.com"
    return await User.get_or_none(email=email) or await make_member(settings, email)


@hypothesis_settings(max_examples=50, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    opening=st.lists(st.tuples(st.integers(100, 1_000), policies), min_size=MEMBERS, max_size=MEMBERS),
    data=st.data(),
)
async def test_random_operations_keep_the_ledger_consistent(settings, is_postgres, opening, data):
    # given
    await empty_ledger_tables(is_postgres)
    world = World(await _channel(), [await _member(settings, index) for index in range(MEMBERS)])
    for index, (opening_points, policy) in enumerate(opening):
        await apply(world, ("credit", index, opening_points, policy))

    for _ in range(data.draw(st.integers(3, MAX_STEPS), label="steps")):
        step = data.draw(steps_for(world), label="step")
        before = await snapshot()

        # when
        try:
            await apply(world, step)
            refused = False
        except DomainError:
            refused = True

        # then
        if refused:
            assert await snapshot() == before, step
        await check_invariants(world)
