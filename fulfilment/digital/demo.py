"""Demo digital gifts: City Perks' e-vouchers come from code pools, and a new partner, Top-Up Hub, issues
phone top-ups and video memberships through its API. Idempotent, like every demo loader.

The demo has no real issuing API: `mall serve --demo` serves a stand-in at /demo/digital-issuer
(`demo_issuer_endpoint`), signed and answered like a partner's would be, and the demo contract points at it.
Run `mall worker` beside the server and a redeemed top-up is issued within a second.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from catalog.models import Product, ProductType, ProductVariant, Warehouse
from catalog.services.access import Editor
from catalog.services.listings import (
    ProductListingChange,
    VariantPrice,
    update_product_listings,
    update_variant_listings,
)
from catalog.services.products import ProductData, create_product
from catalog.services.review import ReviewStep, apply_step
from catalog.services.variants import VariantData, create_variant
from catalog.services.warehouses import WarehouseData, create_warehouse, link_channels
from fulfilment.digital.models import DigitalContract, DigitalGift, DigitalMode
from fulfilment.digital.pools import GiftSetup, available_codes, configure_gift, upload_codes
from fulfilment.digital.vault import CodeVault
from fulfilment.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, SignatureError, verify
from kernel import clock
from mall.actors import SYSTEM
from mall.channels.models import Channel
from partners.models import Partner, PartnerStatus

VOUCHER_PARTNER = "CITY-PERKS"
TOPUP_PARTNER = "TOPUP-HUB"
DEMO_ISSUER_PATH = "/demo/digital-issuer"
CODES_PER_VOUCHER = 25
CODE_VALIDITY_DAYS = 365
VOUCHER_USAGE = ("Show the code or its QR code at the counter before paying. One code per visit.",
                 "结账前在柜台出示券码或二维码。每次消费限用一张。")


@dataclass(frozen=True)
class DemoTopUp:
    sku: str
    name: str
    points: int
    cost: Decimal
    codeless: bool  # a top-up is credited to the phone; a membership comes as an activation code
    usage: tuple[str, str]


TOPUPS = (
    DemoTopUp("TOPUP-HUB-MOBILE-30", "Mobile top-up 30 CNY", 3_000, Decimal("30.00"), True,
              ("Credited to the phone number of your account within minutes.", "几分钟内充值到您账户绑定的手机号。")),
    DemoTopUp("TOPUP-HUB-VIDEO-1M", "Video membership, 1 month", 2_500, Decimal("25.00"), False,
              ("Open the video app, choose Redeem code and enter the code.", "打开视频应用，选择“兑换码”并输入券码。")),
)


async def load_digital_demo(vault: CodeVault, public_url: str, step: Callable[[str], None]) -> None:
    """Make City Perks' e-vouchers code-backed (with codes) and add Top-Up Hub's API-issued gifts."""
    await _code_backed_vouchers(vault)
    step(f"digital: {VOUCHER_PARTNER} e-vouchers from code pools")
    await _api_issued_topups(public_url)
    step(f"digital: {TOPUP_PARTNER} top-ups issued by its API ({public_url}{DEMO_ISSUER_PATH})")


async def _code_backed_vouchers(vault: CodeVault) -> None:
    warehouse = await Warehouse.filter(partner_code=VOUCHER_PARTNER).first()
    if warehouse is None:  # the catalogue demo is not loaded
        return
    editor = Editor(actor="system:demo", partner_code=VOUCHER_PARTNER)
    variants = await ProductVariant.filter(product__partner_code=VOUCHER_PARTNER).order_by("id")
    configured = set(await DigitalGift.filter(variant_id__in=[v.id for v in variants]).values_list("variant_id",
                                                                                                      flat=True))
    today = clock.today_in("Asia/Shanghai")
    for variant in variants:
        if variant.id in configured:
            continue
        await configure_gift(editor, variant.id, GiftSetup(DigitalMode.CODE_POOL, str(warehouse.id), *VOUCHER_USAGE))
        if not await available_codes(variant.id):
            valid_until = (today + timedelta(days=CODE_VALIDITY_DAYS)).isoformat()
            codes = "".join(f"CP-{secrets.token_hex(3).upper()}-{secrets.token_hex(3).upper()},{valid_until}\n"
                            for _ in range(CODES_PER_VOUCHER))
            await upload_codes(editor, vault, variant.id, "code,valid_until\n" + codes, today)


async def _topup_partner(public_url: str) -> Warehouse:
    partner, _ = await Partner.get_or_create(code=TOPUP_PARTNER, defaults={
        "name": "Top-Up Hub Mobile & Media", "status": PartnerStatus.ACTIVE, "contact_email": "ops@topup-hub.example"})
    await DigitalContract.get_or_create(partner_code=TOPUP_PARTNER, defaults={
        "issue_endpoint_url": f"{public_url}{DEMO_ISSUER_PATH}", "signing_secret": secrets.token_urlsafe(32)})
    warehouse = await Warehouse.get_or_none(slug="topup-hub-digital")
    if warehouse is None:
        warehouse = await create_warehouse(Editor(actor="system:demo", partner_code=partner.code), WarehouseData(
            name="Top-Up Hub digital", slug="topup-hub-digital", partner_code=partner.code,
            company_name=partner.name, city="Shenzhen", country="CN"))
        await link_channels(warehouse, list(await Channel.all().values_list("id", flat=True)), [])
    return warehouse


async def _api_issued_topups(public_url: str) -> None:
    warehouse = await _topup_partner(public_url)
    editor = Editor(actor="system:demo", partner_code=TOPUP_PARTNER)
    voucher_type = await ProductType.get_or_none(slug="e-voucher")
    channels = await Channel.all().order_by("id")
    for item in TOPUPS:
        if voucher_type is None or await ProductVariant.exists(sku=item.sku):
            continue
        product = await create_product(editor, ProductData(name=item.name, product_type_id=voucher_type.id,
                                                           partner_code=TOPUP_PARTNER))
        variant = await create_variant(product, VariantData(sku=item.sku, name="Standard", track_inventory=False,
                                                            given={"sku", "name", "track_inventory"}))
        await _list_everywhere(editor, product, variant, item, channels)
        await configure_gift(editor, variant.id, GiftSetup(DigitalMode.PARTNER_API, str(warehouse.id), *item.usage,
                                                           validity_days=None if item.codeless else 90))


async def _list_everywhere(editor: Editor, product: Product, variant: ProductVariant, item: DemoTopUp,
                           channels: list[Channel]) -> None:
    prices = [VariantPrice(channel.id, item.points, item.cost, item.cost) for channel in channels]
    await update_product_listings(editor, product, [ProductListingChange(c.id, is_published=False) for c in channels],
                                  [])
    await update_variant_listings(editor, variant, prices, [])
    await apply_step(editor, product, ReviewStep.SUBMIT)
    await apply_step(SYSTEM, product, ReviewStep.APPROVE)
    changes = [ProductListingChange(c.id, is_published=True, is_available_for_purchase=True) for c in channels]
    await update_product_listings(editor, product, changes, [])


def _demo_code(secret: str, reference: str, unit: int) -> str:
    """The same request always gets the same code (a retried request issues once, as a real partner's would)."""
    digest = hmac.new(secret.encode(), f"{reference}:{unit}".encode(), hashlib.sha256).hexdigest().upper()
    return f"TV-{digest[:4]}-{digest[4:8]}-{digest[8:12]}"


async def demo_issuer_endpoint(request: Request) -> Response:
    """Top-Up Hub's issuing API, played by the demo server: checks the mall's signature like a partner would,
    answers "done" for a top-up and activation codes for a membership."""
    contract = await DigitalContract.get_or_none(partner_code=TOPUP_PARTNER)
    body = await request.body()
    if contract is None:
        return JSONResponse({"error": "unknown partner"}, status_code=404)
    try:
        verify(contract.signing_secret, request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER),
               body)
        order = json.loads(body)
    except (SignatureError, ValueError):
        return JSONResponse({"error": "bad signature or body"}, status_code=401)
    reference = str(order.get("reference", ""))
    if str(order.get("sku", "")).startswith("TOPUP-HUB-MOBILE"):
        return JSONResponse({"reference": f"THM-{reference}", "status": "done"})
    codes = [{"code": _demo_code(contract.signing_secret, reference, unit), "valid_until": None}
             for unit in range(int(order.get("quantity", 1)))]
    return JSONResponse({"reference": f"THV-{reference}", "codes": codes})
