"""How full the code pools are, through the API: a partner reads its own pools (free, expiring soon, sold), flagged
below its low-stock threshold; another partner finds none of them, the operator all, a bank's staff is refused."""

from __future__ import annotations

from mall.accounts.models import ScopeKind
from tests.factories import make_staff, token_for
from tests.fulfilment.digital.api import gid, staff_token
from tests.fulfilment.digital.world import COFFEE_PARTNER, TOPUP_PARTNER, build_digital_mall, redeem, stock_codes

POOLS = """query Pools($below: Int!) { digitalCodePools(lowStockBelow: $below) {
  variant productName sku partnerCode availableCodes expiringSoon soldCodes withdrawnCodes lowStock } }"""


async def test_a_partner_reads_its_pool_levels_with_the_low_stock_flag(api, settings, set_clock):
    # given: four codes, two of them valid only until 20 December, and one redeemed (the first to expire)
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-A", "BREW-B", valid_until="2026-12-20")
    await stock_codes(mall, "BREW-C", "BREW-D", valid_until="2027-06-30")
    await redeem(mall, [(mall.coffee, 1)])
    brew = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS"], COFFEE_PARTNER)

    # when
    low = (await api.ok(POOLS, {"below": 5}, brew))["digitalCodePools"]
    enough = (await api.ok(POOLS, {"below": 3}, brew))["digitalCodePools"]

    # then: three codes left, one of them expiring within 30 days; below 5 is low, 3 is not
    assert low == [{"variant": gid("ProductVariant", mall.coffee.id), "productName": "COFFEE-50 voucher",
                    "sku": "COFFEE-50", "partnerCode": COFFEE_PARTNER, "availableCodes": 3, "expiringSoon": 1,
                    "soldCodes": 1, "withdrawnCodes": 0, "lowStock": True}]
    assert [pool["lowStock"] for pool in enough] == [False]


async def test_pools_are_seen_by_their_partner_and_the_operator_only(api, settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-A")
    rival = await staff_token(settings, "topup@example.com", ["MANAGE_PRODUCTS"], TOPUP_PARTNER)
    operator = await staff_token(settings, "ops@example.com", ["MANAGE_PRODUCTS"])
    bank = token_for(await make_staff("bank@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.ISSUER, "BANKA")),
                     settings)

    # when
    rivals = (await api.ok(POOLS, {"below": 20}, rival))["digitalCodePools"]
    operators = (await api.ok(POOLS, {"below": 20}, operator))["digitalCodePools"]
    banks = await api.post(POOLS, {"below": 20}, bank)

    # then: the top-up partner's gifts are issued by its API, so it has no pool; the coffee pool is not its
    assert rivals == []
    assert [(pool["partnerCode"], pool["availableCodes"]) for pool in operators] == [(COFFEE_PARTNER, 1)]
    assert banks.error_codes == ["PermissionDenied"]


async def test_a_threshold_out_of_range_is_refused(api, settings):
    # given
    operator = await staff_token(settings, "ops@example.com", ["MANAGE_PRODUCTS"])

    # when
    answer = await api.post(POOLS, {"below": -1}, operator)

    # then
    assert answer.data is None
    assert [error["message"] for error in answer.errors] == ["lowStockBelow must be between 0 and 100000."]
