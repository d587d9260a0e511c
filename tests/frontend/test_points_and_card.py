"""Points + card: a member short of points pays the rest by card with Stripe.js, loaded from the configured
Stripe URL (localstripe's stand-in), and the order is placed with both."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.orders.cash_helpers import stripe_objects

pytestmark = pytest.mark.slow
THREE_D_SECURE_CARD = "4000002760003184"


async def start_three_d_secure(localstripe, amount_minor: int) -> None:
    """What Stripe's servers do when Stripe.js confirms a card: attach it to the PaymentIntent and confirm,
    which asks for 3-D Secure. localstripe's stand-in Stripe.js sends no card details, so this side of
    Stripe is played here; the member's browser then completes the authentication in Stripe's dialog."""
    intents = await stripe_objects(localstripe, "/v1/payment_intents")
    intent = next(i for i in intents if i["amount"] == amount_minor and i["status"] == "requires_payment_method")
    card = {"type": "card", "card[number]": THREE_D_SECURE_CARD, "card[exp_month]": "12",
            "card[exp_year]": "2030", "card[cvc]": "123"}
    async with localstripe.admin() as client:
        method = (await client.post("/v1/payment_methods", data=card)).json()
        (await client.post(f"/v1/payment_intents/{intent['id']}", data={"payment_method": method["id"]}))\
            .raise_for_status()
        confirmed = (await client.post(f"/v1/payment_intents/{intent['id']}/confirm")).json()
    assert confirmed["status"] == "requires_action"


async def test_a_member_pays_the_points_they_have_and_the_rest_by_card(visit, mall_api, localstripe_server):
    # given: 50,000 points for a 63,620-point kettle; the demo bank takes up to 30% in cash, 100 points = 1 CNY
    member = mall_api.member(points=50_000)
    kettle = next(gift for gift in mall_api.gifts(search="kettle") if gift.name == "Heritage Pour-over Kettle")
    short = kettle.points - 50_000
    await visit.checkout_with(member.email, member.password, kettle.slug, kettle.name)
    page = visit.page

    # then: the page offers points + card, with the bank's cash price of the points missing
    await expect(page.get_by_role("heading", name="Pay the rest by card")).to_be_visible()
    await expect(page.locator("#card-heading + p")).to_have_text(
        f"Your 50,000 points pay for most of this order; the other {short:,} points cost "
        f"CN¥{short / 100:,.2f} by card.")
    await expect(page.locator("#card-field input").first).to_be_visible()
    assert visit.requests_to(localstripe_server.url) == [f"{localstripe_server.url}/js.stripe.com/v3/"]

    # when: they type a card and pay
    for placeholder, value in {"number": THREE_D_SECURE_CARD, "exp_month": "12", "exp_year": "30", "cvc": "123",
                               "postal_code": "20012"}.items():
        await page.locator(f"#card-field input[placeholder={placeholder}]").fill(value)
    await visit.shot("checkout-points-and-card")
    await page.get_by_role("button", name=f"Pay 50,000 points + CN¥{short / 100:,.2f}").click()
    authenticate = page.get_by_role("button", name="Complete authentication")
    await expect(authenticate).to_be_visible()
    await start_three_d_secure(localstripe_server, short)
    await visit.shot("card-authentication")
    await authenticate.click()

    # then: the order is placed, paid with every point they had and the card
    confirmation = page.get_by_role("status").filter(has_text="is placed and your points are redeemed")
    await expect(confirmation).to_be_visible(timeout=30_000)
    await expect(page.locator(".balance-chip")).to_have_text("0 points")
    await visit.shot("order-points-and-card")
    assert mall_api.balance(member) == {"available": 0, "held": 0}
    charged = [i for i in await stripe_objects(localstripe_server, "/v1/payment_intents")
               if i["amount"] == short and i["status"] == "succeeded"]
    assert len(charged) == 1


async def test_a_member_slides_how_many_points_to_use_within_the_bank_s_cash_share(visit, mall_api):
    # given: 50,000 points for a 63,620-point kettle; the bank takes up to 30% of an order in cash, 100 points = 1 CNY
    member = mall_api.member(points=50_000)
    kettle = next(gift for gift in mall_api.gifts(search="kettle") if gift.name == "Heritage Pour-over Kettle")
    fewest = kettle.points - kettle.points * 30 // 100
    await visit.checkout_with(member.email, member.password, kettle.slug, kettle.name)
    page = visit.page
    slider = page.get_by_role("slider", name="Points to use")
    await expect(slider).to_have_value("50000")

    # when: they slide to the fewest points the bank allows
    await slider.focus()
    await page.keyboard.press("Home")

    # then: the card pays the rest, and the pay button says so
    cash = (kettle.points - fewest) / 100
    await expect(page.get_by_role("button", name=f"Pay {fewest:,} points + CN¥{cash:,.2f}")).to_be_visible()
    await expect(page.locator("#card-heading + p")).to_have_text(
        f"Your {fewest:,} points pay for most of this order; the other {kettle.points - fewest:,} points cost "
        f"CN¥{cash:,.2f} by card.")
    await expect(page.get_by_role("slider", name="Points to use")).to_have_value(str(fewest))
    await visit.shot("checkout-points-slid")
    assert mall_api.balance(member) == {"available": 50_000, "held": 0}
