"""A mall selling digital gifts: a coffee e-voucher from a code pool and a phone top-up issued by the
partner's API, both of a product type that needs no shipping, and members with points to redeem them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from catalog.models import ProductType, ProductVariant, Stock, Warehouse
from catalog.services.listings import ProductListingChange, update_product_listings
from catalog.services.products import ProductData, create_product
from catalog.services.review import ReviewStep, apply_step
from catalog.services.warehouses import link_channels
from fulfilment.digital.models import DigitalContract, DigitalMode, UnusedCodePolicy
from fulfilment.digital.pools import GiftSetup, UploadOutcome, configure_gift, upload_codes
from fulfilment.digital.vault import CodeVault, vault_for
from mall.accounts.models import User
from mall.channels.models import Channel
from mall.settings import Settings
from orders.models import Order
from orders.services.checkouts import LineRequest, create_checkout
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from tests.catalog.services.builders import OPERATOR, active_partner, listed, partner_editor, variant, warehouse
from tests.factories import make_channel, make_member
from tests.orders.services.world import give_points

COFFEE_PARTNER, TOPUP_PARTNER = "BREW", "TOPUP"
COFFEE_POINTS, TOPUP_POINTS = 300, 500
ISSUER_URL = "https://issuer.topup.example/v1/issue"
ISSUER_SECRET = "topup-signing-secret"
USAGE_EN = "Show the code at the till."
USAGE_ZH = "在收银台出示券码。"


@dataclass
class DigitalMall:
    channel: Channel
    member: User
    vault: CodeVault
    coffee: ProductVariant
    coffee_depot: Warehouse
    topup: ProductVariant
    topup_depot: Warehouse


async def voucher_type() -> ProductType:
    product_type, _ = await ProductType.get_or_create(
        slug="e-voucher", defaults={"name": "E-voucher", "is_shipping_required": False})
    return product_type


async def digital_variant(channel: Channel, partner: str, sku: str, points: int) -> tuple[ProductVariant, Warehouse]:
    """A partner's published, approved e-voucher in the channel, with its warehouse linked to it."""
    await active_partner(partner)
    editor = partner_editor(partner)
    product = await create_product(editor, ProductData(name=f"{sku} voucher",
                                                       product_type_id=(await voucher_type()).id))
    item = await variant(product, sku)
    item.track_inventory = False  # as e-vouchers start: a code pool turns counting on
    await item.save()
    await listed(editor, product, channel.id, (item, points))
    await apply_step(editor, product, ReviewStep.SUBMIT)
    await apply_step(OPERATOR, product, ReviewStep.APPROVE)
    await update_product_listings(
        editor, product, [ProductListingChange(channel.id, is_published=True, is_available_for_purchase=True)], []
    )
    depot = await warehouse(editor, f"{partner} digital")
    await link_channels(depot, [channel.id], [])
    return item, depot


async def build_digital_mall(settings: Settings, points: int = 10_000, channel: Channel | None = None,
                             member: User | None = None) -> DigitalMall:
    """The two partners' digital gifts in `channel` (default: a new one), and `member` (default: a new one
    given `points`)."""
    channel = channel or await make_channel()
    if member is None:
        member = await make_member(settings)
        await give_points(channel, member, points)
    coffee, coffee_depot = await digital_variant(channel, COFFEE_PARTNER, "COFFEE-50", COFFEE_POINTS)
    await configure_gift(partner_editor(COFFEE_PARTNER), coffee.id,
                         GiftSetup(DigitalMode.CODE_POOL, str(coffee_depot.id), USAGE_EN, USAGE_ZH))
    topup, topup_depot = await digital_variant(channel, TOPUP_PARTNER, "TOPUP-30", TOPUP_POINTS)
    await configure_gift(partner_editor(TOPUP_PARTNER), topup.id,
                         GiftSetup(DigitalMode.PARTNER_API, str(topup_depot.id), "Credited to your phone.",
                                   "充值到您的手机。", validity_days=30))
    await DigitalContract.create(partner_code=TOPUP_PARTNER, issue_endpoint_url=ISSUER_URL,
                                 signing_secret=ISSUER_SECRET)
    return DigitalMall(channel, member, vault_for(settings), coffee, coffee_depot, topup, topup_depot)


async def stock_codes(mall: DigitalMall, *codes: str, valid_until: str = "2027-06-30",
                      today: date = date(2026, 12, 1)) -> UploadOutcome:
    text = "code,valid_until\n" + "".join(f"{code},{valid_until}\n" for code in codes)
    return await upload_codes(partner_editor(COFFEE_PARTNER), mall.vault, mall.coffee.id, text, today)


async def return_unseen_codes(partner: str = COFFEE_PARTNER) -> None:
    await DigitalContract.update_or_create(partner_code=partner,
                                           defaults={"unused_code_policy": UnusedCodePolicy.RETURN})


async def redeem(mall: DigitalMall, lines: list[tuple[ProductVariant, int]], member: User | None = None) -> Order:
    """Check out digital gifts with points only: no address, no delivery method."""
    buyer = member or mall.member
    checkout = await create_checkout(mall.channel.slug, buyer, None,
                                     [LineRequest(item.id, quantity) for item, quantity in lines])
    await initialize_points_payment(checkout, None, f"pay:{checkout.token}", f"user:{buyer.id}")
    async with in_transaction():
        return await complete_checkout(checkout.token, f"user:{buyer.id}")


async def coffee_stock(mall: DigitalMall) -> tuple[int, int]:
    row = await Stock.get(variant_id=mall.coffee.id, warehouse_id=mall.coffee_depot.id)
    return row.quantity, row.quantity_allocated
