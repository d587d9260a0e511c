"""Demo catalogue for `mall demo`: 5 partner merchants, 8 categories (with children), 208 gifts listed
in both demo banks' malls with points, cost and reference prices, stock in each partner's warehouse (a few
gifts sold out), collections, content pages and a generated picture per gift.

Deterministic (a fixed random seed) and idempotent: it loads once, in one transaction, and does nothing
when the demo partners already exist. Rows go in with bulk inserts so `mall demo` stays fast.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.transactions import in_transaction

from catalog import demo_zh
from catalog.demo_attributes import insert_demo_attributes
from catalog.demo_images import category_png
from catalog.demo_menus import load_menu_demo
from catalog.models import (
    Category,
    ChannelWarehouse,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Page,
    PageTranslation,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ReviewStatus,
    Stock,
    Translation,
    Warehouse,
)
from kernel import clock
from mall.channels.models import Channel
from mall.settings import Settings
from mall.storage import storage_for
from partners.models import Partner, PartnerStatus

SEED = 2026
DEMO_CHANNEL_SLUGS = ("bank-a-mall", "bank-b-mall")
GIFTS_PER_SUBCATEGORY = 13
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class DemoPartner:
    code: str
    name: str
    city: str
    categories: tuple[str, ...]


PARTNERS = (
    DemoPartner("JADE-HOME", "Jade Home & Kitchen Co.", "Hangzhou", ("home-kitchen", "food-drink")),
    DemoPartner("VOLT-TECH", "Volt Electronics Ltd.", "Shenzhen", ("electronics",)),
    DemoPartner("SILK-ROAD", "Silk Road Travel Goods", "Guangzhou", ("travel", "sports-fitness")),
    DemoPartner("LOTUS-CARE", "Lotus Beauty & Care", "Shanghai", ("beauty-care", "kids-toys")),
    DemoPartner("CITY-PERKS", "City Perks Vouchers", "Beijing", ("vouchers-experiences",)),
)

# top-level slug -> (name, colour, ribbon, [(child slug, child name, nouns, reference price range in CNY)])
CATEGORIES: dict[
    str, tuple[str, tuple[int, int, int], tuple[int, int, int], list[tuple[str, str, list[str], tuple[int, int]]]]
] = {
    "home-kitchen": (
        "Home & Kitchen",
        (196, 82, 62),
        (250, 214, 120),
        [
            ("cookware", "Cookware", ["Wok", "Casserole", "Knife Set", "Frying Pan", "Steamer Basket"], (120, 1200)),
            (
                "tea-coffee",
                "Tea & Coffee",
                ["Tea Set", "Pour-over Kettle", "Coffee Grinder", "Tea Caddy", "Espresso Cups"],
                (60, 900),
            ),
        ],
    ),
    "electronics": (
        "Electronics",
        (52, 94, 168),
        (120, 220, 240),
        [
            (
                "audio",
                "Audio",
                ["Wireless Earbuds", "Bluetooth Speaker", "Headphones", "Soundbar", "Radio"],
                (150, 2600),
            ),
            (
                "smart-home",
                "Smart Home",
                ["Smart Lamp", "Air Purifier", "Robot Vacuum", "Smart Plug Set", "Video Doorbell"],
                (90, 3000),
            ),
        ],
    ),
    "travel": (
        "Travel",
        (38, 120, 110),
        (240, 200, 90),
        [
            (
                "luggage",
                "Luggage",
                ["Carry-on Suitcase", "Duffel Bag", "Backpack", "Packing Cubes", "Garment Bag"],
                (150, 2200),
            ),
            (
                "outdoor",
                "Outdoor",
                ["Camping Chair", "Hiking Poles", "Thermos", "Picnic Blanket", "Headlamp"],
                (40, 700),
            ),
        ],
    ),
    "beauty-care": (
        "Beauty & Care",
        (176, 70, 120),
        (250, 230, 240),
        [
            (
                "skincare",
                "Skincare",
                ["Face Serum", "Night Cream", "Sheet Mask Box", "Cleansing Oil", "Sunscreen Duo"],
                (60, 800),
            ),
            (
                "grooming",
                "Grooming",
                ["Electric Shaver", "Hair Dryer", "Trimmer Kit", "Manicure Set", "Styling Brush"],
                (80, 1500),
            ),
        ],
    ),
    "food-drink": (
        "Food & Drink",
        (150, 96, 40),
        (240, 180, 80),
        [
            (
                "snacks",
                "Snacks",
                ["Nut Gift Box", "Mooncake Box", "Dried Fruit Hamper", "Cookie Tin", "Chocolate Box"],
                (40, 400),
            ),
            (
                "gourmet",
                "Gourmet",
                ["Olive Oil Set", "Premium Rice", "Honey Jar Trio", "Spice Collection", "Oolong Tea Gift"],
                (80, 900),
            ),
        ],
    ),
    "kids-toys": (
        "Kids & Toys",
        (230, 140, 40),
        (90, 170, 230),
        [
            ("toys", "Toys", ["Building Blocks", "Plush Panda", "Puzzle Set", "RC Car", "Wooden Train"], (50, 700)),
            (
                "books",
                "Books",
                ["Picture Book Set", "Science Kit", "Drawing Set", "Story Collection", "Atlas"],
                (30, 300),
            ),
        ],
    ),
    "sports-fitness": (
        "Sports & Fitness",
        (70, 140, 60),
        (240, 240, 240),
        [
            (
                "fitness",
                "Fitness",
                ["Yoga Mat", "Dumbbell Pair", "Fitness Tracker", "Resistance Bands", "Foam Roller"],
                (40, 1500),
            ),
            (
                "cycling",
                "Cycling",
                ["Bike Helmet", "Cycling Gloves", "Bike Light Set", "Water Bottle Cage", "Saddle Bag"],
                (40, 600),
            ),
        ],
    ),
    "vouchers-experiences": (
        "Vouchers & Experiences",
        (100, 70, 150),
        (250, 210, 90),
        [
            (
                "dining",
                "Dining",
                ["Hotpot Voucher", "Dim Sum Brunch", "Steakhouse Dinner", "Coffee Card", "Bakery Voucher"],
                (50, 800),
            ),
            (
                "movies-events",
                "Movies & Events",
                ["Cinema Tickets", "Concert Pass", "Theme Park Day", "Museum Pass", "Spa Day"],
                (60, 1200),
            ),
        ],
    ),
}
ADJECTIVES = [
    "Classic",
    "Deluxe",
    "Premium",
    "Everyday",
    "Compact",
    "Signature",
    "Heritage",
    "Urban",
    "Family",
    "Travel",
    "Limited Edition",
    "Essential",
    "Pro",
]
COLOUR_OPTIONS = [("Red", "RED"), ("Blue", "BLU"), ("Grey", "GRY")]
SIZE_OPTIONS = [("Small", "S"), ("Large", "L")]
# The programme's own pages, listed in the footer menu in this order (catalog/demo_menus.py). Each is a
# list of Editor.js blocks: ("h", heading), ("p", paragraph) or ("ul", [items]). The facts are the demo
# programme's: points expire at the end of the year after they are earned, a reminder 30 days ahead, 100 points
# worth 1 CNY, returns within 7 days of delivery.
PAGES = [
    ("about", "About the programme", [
        ("p", "The Points Mall is where the bank's cardholders spend the reward points they earn on their card. Every "
              "gift is sent by one of our partner merchants; the bank pays them for the points you redeem."),
        ("h", "Who does what"),
        ("ul", ["The bank keeps your points account and sets the rules of the programme.",
                "The mall team chooses the partners, checks every gift before it is listed and answers your questions.",
                "Partner merchants pack and send your gifts, or e-mail you a voucher.",
                "Couriers deliver parcels and report each step, which you can follow on your order."]),
        ("h", "Fair prices"),
        ("p", "Each gift shows what its points are worth in cash and the price the same item sells for in shops, "
              "so you can see the value before you redeem."),
    ]),
    ("points-rules", "Points rules", [
        ("h", "How points are earned"),
        ("ul", ["Card spending: points for every purchase, added when the bank sends its daily points file.",
                "Welcome points when you join, and points for taking part in the bank's campaigns.",
                "Daily sign-in and other activities, up to the yearly limit shown on the Rewards page."]),
        ("h", "When points expire"),
        ("p", "Points expire at the end of the calendar year after the year you earn them: points earned in 2026 "
              "can be used until 31 December 2027. When you redeem, the points that expire first are used first."),
        ("p", "We tell you 30 days before any of your points expire, in your inbox and by e-mail, and the home page "
              "shows how many points expire soon. Points that have expired cannot be brought back."),
        ("h", "Refunds and cancellations"),
        ("ul", ["Points are set aside when you place an order and taken only when the order is confirmed.",
                "If an order is cancelled, or a gift cannot be sent, the points come back at once.",
                "Points refunded after a return keep their original expiry date.",
                "Points never turn into cash and cannot be moved to another member."]),
        ("p", "100 points are worth 1 CNY when the bank pays partners for your gifts."),
    ]),
    ("delivery-and-returns", "Delivery and returns", [
        ("h", "Delivery times"),
        ("p", "Partners send parcels within 2 working days; most arrive 3 to 7 working days after you order. Remote "
              "areas can take longer. E-vouchers arrive by e-mail and on the My vouchers page within minutes."),
        ("p", "Your order page shows each step from placed to delivered, with the courier's tracking number."),
        ("h", "Returns"),
        ("ul", ["You can ask to return a gift within 7 days of delivery from your order page.",
                "Keep the gift unused, in its packaging, with everything that came with it.",
                "The partner tells you where to send it; their return address appears on your order.",
                "When the partner receives it, your points are refunded with their original expiry date."]),
        ("p", "A gift that arrives damaged or is not what you ordered: tell us from the order page within 7 days and "
              "we will arrange a replacement or a refund."),
    ]),
    ("privacy", "Privacy", [
        ("p", "The bank shares your name, card member number and points balance with the mall so you can redeem "
              "your points. We use them only to run the programme."),
        ("h", "What partners see"),
        ("p", "A partner sees only what it needs to send your gift: your name, phone number and delivery address "
              "for that order. Partners never see your card details or your points balance."),
        ("h", "What you can do"),
        ("ul", ["Change your details, addresses and language on your account page.",
                "Ask us for a copy of the information we hold about you, or to delete your account.",
                "Card payments for points + cash are handled by the card processor; we never store card numbers."]),
    ]),
    ("faq", "Frequently asked questions", [
        ("h", "Why is a gift sold out?"),
        ("p", "Partners set how many of each gift they can send. Sold-out gifts show a restock date when the partner "
              "has given one."),
        ("h", "I do not have enough points. Can I still redeem?"),
        ("p", "If your bank allows it, you can pay part of a gift by card (points + cash). The checkout shows this "
              "before you enter your address."),
        ("h", "My points disappeared."),
        ("p", "Check My points: every change is listed with its reason, including points that expired. If something "
              "looks wrong, ask us from the Help page and we will trace it with the bank."),
        ("h", "How long does delivery take?"),
        ("p", "Usually 3 to 7 working days. See Delivery and returns."),
    ]),
]


@dataclass
class Built:
    """Rows made in memory before they are inserted (with what each row needs to find its ids)."""

    rows: dict[type, list[Any]]
    images: dict[str, bytes]


def _description(text: str) -> dict[str, Any]:
    return {
        "time": 1767225600000,
        "blocks": [{"id": "intro", "type": "paragraph", "data": {"text": text}}],
        "version": "2.24.3",
    }


def _points(reference: Decimal, channel: Channel, factor: float) -> int:
    """A points price near the reference price's worth, rounded to tens of points."""
    raw = reference / channel.points_cash_value * Decimal(str(factor))
    return int((raw / 10).to_integral_value(rounding=ROUND_HALF_UP)) * 10


async def load_catalog_demo(step: Callable[[str], None] = lambda _: None, settings: Settings | None = None) -> int:
    """Create the demo catalogue unless it exists; returns how many rows were created."""
    pages = await load_page_demo(step)
    if await Partner.filter(code=PARTNERS[0].code).exists():
        step("catalogue already loaded")
        return pages + await _load_menus(step)
    channels = list(await Channel.filter(slug__in=DEMO_CHANNEL_SLUGS).order_by("slug"))
    settings = settings or Settings.from_environ()
    storage = storage_for(settings)
    plan = _plan(channels)
    for key, content in plan.gifts_images.items():
        await storage.put(key, content, "image/png")
    step(f"{len(plan.gifts_images)} gift and category pictures")
    async with in_transaction():
        created = await _insert(plan, channels)
    step(f"catalogue: {len(plan.products)} gifts from {len(PARTNERS)} partners")
    return created + pages + await _load_menus(step)


async def _load_menus(step: Callable[[str], None]) -> int:
    async with in_transaction():
        return await load_menu_demo([slug for slug, _, _ in PAGES], step)


@dataclass
class GiftPlan:
    category_slug: str
    partner: DemoPartner
    name: str
    slug: str
    description: str
    reference: Decimal
    variants: list[tuple[str, str]]  # (variant name, sku)
    image_key: str
    hidden_in_b: bool
    price_factor: float
    sold_out: bool
    rating: float
    name_zh: str
    description_zh: str


@dataclass
class Plan:
    products: list[GiftPlan]
    gifts_images: dict[str, bytes]


def _plan(channels: list[Channel]) -> Plan:
    generator = random.Random(SEED)
    owner = {slug: partner for partner in PARTNERS for slug in partner.categories}
    gifts: list[GiftPlan] = []
    images: dict[str, bytes] = {}
    for top_slug, (_, colour, ribbon, children) in CATEGORIES.items():
        for child_slug, child_name, nouns, (low, high) in children:
            for index in range(GIFTS_PER_SUBCATEGORY):
                gift = _gift(generator, owner[top_slug], child_slug, child_name, nouns, index, low, high)
                gifts.append(gift)
                images[gift.image_key] = category_png(child_slug, colour, ribbon, len(gifts))
        for slug in (top_slug, *(child[0] for child in children)):
            images[_category_image_key(slug)] = category_png(slug, colour, ribbon)
    return Plan(gifts, images)


def _category_image_key(slug: str) -> str:
    return f"demo/categories/{slug}.png"


def _gift(
    generator: random.Random,
    partner: DemoPartner,
    child_slug: str,
    child_name: str,
    nouns: list[str],
    index: int,
    low: int,
    high: int,
) -> GiftPlan:
    noun = nouns[index % len(nouns)]
    adjective = ADJECTIVES[index % len(ADJECTIVES)]
    name = f"{adjective} {noun}"
    slug = f"{child_slug}-{name.lower().replace(' ', '-').replace('&', 'and')}-{index + 1}"
    sku_base = f"{partner.code[:4]}-{child_slug[:4].upper()}-{index + 1:03d}"
    options = COLOUR_OPTIONS if index % 4 == 0 else SIZE_OPTIONS if index % 4 == 1 else []
    variants = [(f"{label}", f"{sku_base}-{code}") for label, code in options] or [("", sku_base)]
    reference = (
        Decimal(generator.randint(low, high)) + Decimal("0.99") if high > 100 else Decimal(generator.randint(low, high))
    )
    return GiftPlan(
        category_slug=child_slug,
        partner=partner,
        name=name,
        slug=slug,
        description=f"{name} from {partner.name}, a {child_name.lower()} favourite. Shipped by the partner.",
        reference=reference,
        variants=variants,
        image_key=f"demo/products/{slug}.png",
        hidden_in_b=generator.random() < 0.05,
        price_factor=1.4 if generator.random() < 0.04 else generator.uniform(0.9, 1.15),
        sold_out=generator.random() < 0.05,
        rating=round(generator.uniform(3.5, 5.0), 1),
        name_zh=demo_zh.gift_name(adjective, noun),
        description_zh=demo_zh.gift_description(demo_zh.gift_name(adjective, noun), partner.code, child_slug),
    )


def _search_text(gift: GiftPlan) -> str:
    """What search matches, as catalog.services.products.refresh_search_text writes it: names and
    descriptions in both languages, SKUs, and the category's names."""
    category = _category_names()[gift.category_slug]
    words = [gift.name, gift.name_zh, gift.description, gift.description_zh, *(sku for _, sku in gift.variants)]
    return " ".join([*words, *category]).lower()


def _category_names() -> dict[str, tuple[str, str]]:
    names = {slug: (name, demo_zh.CATEGORY_NAMES[slug]) for slug, (name, *_rest) in CATEGORIES.items()}
    for _, (_, _, _, children) in CATEGORIES.items():
        names.update({slug: (name, demo_zh.CATEGORY_NAMES[slug]) for slug, name, _, _ in children})
    return names


async def _ids(model: type, field: str, values: list[str]) -> dict[str, int]:
    return dict(await model.filter(**{f"{field}__in": values}).values_list(field, "id"))


async def _insert(plan: Plan, channels: list[Channel]) -> int:
    now = clock.now()
    created = 0
    partners = [
        Partner(code=p.code, name=p.name, status=PartnerStatus.ACTIVE, contact_email=f"ops@{p.code.lower()}.example")
        for p in PARTNERS
    ]
    await Partner.bulk_create(partners)
    created += len(partners)
    created += await _insert_warehouses(channels)
    product_types = [
        ProductType(name="Physical gift", slug="physical-gift"),
        ProductType(name="E-voucher", slug="e-voucher", is_shipping_required=False),
    ]
    await ProductType.bulk_create(product_types)
    created += len(product_types)
    type_ids = await _ids(ProductType, "slug", ["physical-gift", "e-voucher"])
    category_ids, count = await _insert_categories()
    created += count
    products = [
        Product(
            name=gift.name,
            slug=gift.slug,
            description=_description(gift.description),
            description_plaintext=gift.description,
            product_type_id=type_ids["e-voucher" if gift.partner.code == "CITY-PERKS" else "physical-gift"],
            category_id=category_ids[gift.category_slug],
            partner_code=gift.partner.code,
            review_status=ReviewStatus.APPROVED,
            search_text=_search_text(gift),
            rating=gift.rating,
            weight_grams=None if gift.partner.code == "CITY-PERKS" else 500 + len(gift.name) * 40,
            seo_title=gift.name[:70],
            seo_description=gift.description[:300],
        )
        for gift in plan.products
    ]
    await Product.bulk_create(products)
    created += len(products)
    product_ids = await _ids(Product, "slug", [gift.slug for gift in plan.products])
    created += await _insert_variants_and_prices(plan, channels, product_ids, now)
    created += await _insert_media(plan, product_ids)
    created += await _insert_collections(plan, channels, product_ids, now)
    created += await _insert_translations(plan, product_ids)
    return created + await insert_demo_attributes(type_ids["physical-gift"], _gifts_by_category(plan, product_ids))


def _gifts_by_category(plan: Plan, product_ids: dict[str, int]) -> dict[str, list[int]]:
    gifts: dict[str, list[int]] = {}
    for gift in plan.products:
        gifts.setdefault(gift.category_slug, []).append(product_ids[gift.slug])
    return gifts


def page_content(blocks: list[tuple[str, Any]]) -> dict[str, Any]:
    """Editor.js JSON, the format Saleor's `Page.content` carries, for ("h" | "p" | "ul", value) blocks."""
    built = []
    for number, (kind, value) in enumerate(blocks):
        if kind == "h":
            block: dict[str, Any] = {"type": "header", "data": {"text": value, "level": 2}}
        elif kind == "ul":
            block = {"type": "list", "data": {"style": "unordered", "items": list(value)}}
        else:
            block = {"type": "paragraph", "data": {"text": value}}
        built.append({"id": f"block-{number}", **block})
    return {"time": 1767225600000, "blocks": built, "version": "2.24.3"}


async def load_page_demo(step: Callable[[str], None] = lambda _: None) -> int:
    """The programme's content pages in English and Chinese (the footer menu lists them): each page that is missing
    (by slug) is created, so a mall loaded before these pages existed gets them too. Returns rows created."""
    existing = set(await Page.filter(slug__in=[slug for slug, _, _ in PAGES]).values_list("slug", flat=True))
    missing = [entry for entry in PAGES if entry[0] not in existing]
    async with in_transaction():
        for slug, title, blocks in missing:
            page = await Page.create(title=title, slug=slug, content=page_content(blocks))
            zh_title, zh_blocks = demo_zh.PAGES[slug]
            await PageTranslation.create(page=page, language_code=demo_zh.LANGUAGE_CODE, title=zh_title,
                                         seo_title=zh_title, content=page_content(zh_blocks))
    if missing:
        step(f"{len(missing)} content pages")
    return 2 * len(missing)


async def _insert_warehouses(channels: list[Channel]) -> int:
    warehouses = [
        Warehouse(
            name=f"{p.name} warehouse",
            slug=f"{p.code.lower()}-warehouse",
            partner_code=p.code,
            company_name=p.name,
            city=p.city,
            country="CN",
            email=f"stock@{p.code.lower()}.example",
        )
        for p in PARTNERS
    ]
    await Warehouse.bulk_create(warehouses)
    links = [
        ChannelWarehouse(channel_id=c.id, warehouse_id=w.id, sort_order=i)
        for c in channels
        for i, w in enumerate(warehouses)
    ]
    await ChannelWarehouse.bulk_create(links)
    return len(warehouses) + len(links)


async def _insert_categories() -> tuple[dict[str, int], int]:
    tops = [
        Category(
            name=name,
            slug=slug,
            level=0,
            description=_description(f"{name} gifts for every points balance."),
            seo_title=name,
            background_image=_category_image_key(slug),
            background_image_alt=name,
        )
        for slug, (name, *_rest) in CATEGORIES.items()
    ]
    await Category.bulk_create(tops)
    ids = await _ids(Category, "slug", list(CATEGORIES))
    children = [
        Category(
            name=child_name,
            slug=child_slug,
            level=1,
            parent_id=ids[top_slug],
            seo_title=child_name,
            description=_description(f"{child_name} from our partner merchants."),
            background_image=_category_image_key(child_slug),
            background_image_alt=child_name,
        )
        for top_slug, (_, _, _, items) in CATEGORIES.items()
        for child_slug, child_name, _, _ in items
    ]
    await Category.bulk_create(children)
    ids.update(await _ids(Category, "slug", [child.slug for child in children]))
    return ids, len(tops) + len(children)


async def _insert_variants_and_prices(
    plan: Plan, channels: list[Channel], product_ids: dict[str, int], now: datetime
) -> int:
    variants = [
        ProductVariant(
            product_id=product_ids[gift.slug],
            sku=sku,
            name=name,
            sort_order=position,
            track_inventory=gift.partner.code != "CITY-PERKS",
            quantity_limit_per_customer=5,
        )
        for gift in plan.products
        for position, (name, sku) in enumerate(gift.variants)
    ]
    await ProductVariant.bulk_create(variants)
    variant_ids = await _ids(ProductVariant, "sku", [v.sku for v in variants if v.sku])
    warehouse_ids = dict(
        await Warehouse.filter(partner_code__in=[p.code for p in PARTNERS]).values_list("partner_code", "id")
    )
    prices, listings, stocks = [], [], []
    generator = random.Random(SEED + 1)
    for gift in plan.products:
        for channel_index, channel in enumerate(channels):
            factor = gift.price_factor * (1.05 if channel_index else 1.0)
            points = [
                _points(gift.reference * (1 + Decimal(i) / 10), channel, factor) for i in range(len(gift.variants))
            ]
            for (_, sku), price in zip(gift.variants, points, strict=True):
                prices.append(
                    ProductVariantChannelListing(
                        variant_id=variant_ids[sku],
                        channel_id=channel.id,
                        price_points=price,
                        cost_price_amount=(gift.reference * Decimal("0.7")).quantize(CENTS),
                        cost_price_currency="CNY",
                        reference_price_amount=gift.reference,
                        reference_price_currency=channel.cash_currency,
                    )
                )
            hidden = channel_index == 1 and gift.hidden_in_b
            listings.append(
                ProductChannelListing(
                    product_id=product_ids[gift.slug],
                    channel_id=channel.id,
                    is_published=not hidden,
                    published_at=now - timedelta(days=30),
                    visible_in_listings=True,
                    available_for_purchase_at=now - timedelta(days=30),
                    min_price_points=min(points),
                    max_price_points=max(points),
                )
            )
        for _, sku in gift.variants:
            quantity = 0 if gift.sold_out else generator.randint(5, 300)
            allocated = 0 if quantity == 0 else generator.randint(0, min(quantity, 4))
            stocks.append(
                Stock(
                    warehouse_id=warehouse_ids[gift.partner.code],
                    variant_id=variant_ids[sku],
                    quantity=quantity,
                    quantity_allocated=allocated,
                )
            )
    await ProductVariantChannelListing.bulk_create(prices)
    await ProductChannelListing.bulk_create(listings)
    await Stock.bulk_create(stocks)
    return len(variants) + len(prices) + len(listings) + len(stocks)


async def _insert_media(plan: Plan, product_ids: dict[str, int]) -> int:
    media = [
        ProductMedia(product_id=product_ids[gift.slug], storage_key=gift.image_key, alt=gift.name)
        for gift in plan.products
    ]
    await ProductMedia.bulk_create(media)
    return len(media)


async def _insert_collections(plan: Plan, channels: list[Channel], product_ids: dict[str, int], now: datetime) -> int:
    collections = [
        Collection(
            name="Featured gifts",
            slug="featured",
            seo_title="Featured gifts",
            description=_description("Hand-picked gifts our members love."),
        ),
        Collection(
            name="Under 20,000 points",
            slug="under-20000-points",
            seo_title="Under 20,000 points",
            description=_description("Small treats for modest balances."),
        ),
        Collection(
            name="Travel season",
            slug="travel-season",
            seo_title="Travel season",
            description=_description("Everything for the next trip."),
        ),
    ]
    await Collection.bulk_create(collections)
    ids = await _ids(Collection, "slug", [c.slug for c in collections])
    featured = plan.products[::17][:12]
    cheap = [gift for gift in plan.products if gift.reference < 200][:24]
    travel = [gift for gift in plan.products if gift.category_slug in {"luggage", "outdoor"}]
    links = [
        CollectionProduct(collection_id=ids[slug], product_id=product_ids[gift.slug], sort_order=position)
        for slug, gifts in (("featured", featured), ("under-20000-points", cheap), ("travel-season", travel))
        for position, gift in enumerate(gifts)
    ]
    await CollectionProduct.bulk_create(links)
    listings = [
        CollectionChannelListing(collection_id=pk, channel_id=c.id, is_published=True, published_at=now)
        for pk in ids.values()
        for c in channels
    ]
    await CollectionChannelListing.bulk_create(listings)
    return len(collections) + len(links) + len(listings)


async def _insert_translations(plan: Plan, product_ids: dict[str, int]) -> int:
    """The Chinese catalogue beside the English one: every gift, variant, category and collection."""
    zh = demo_zh.LANGUAGE_CODE
    rows = [
        Translation(language_code=zh, product_id=product_ids[gift.slug], name=gift.name_zh,
                    description=_description(gift.description_zh), seo_title=gift.name_zh[:70],
                    seo_description=gift.description_zh[:300])
        for gift in plan.products
    ]
    variant_ids = await _ids(ProductVariant, "sku", [sku for gift in plan.products for _, sku in gift.variants])
    rows += [
        Translation(language_code=zh, variant_id=variant_ids[sku], name=demo_zh.VARIANT_NAMES[name])
        for gift in plan.products
        for name, sku in gift.variants
        if name
    ]
    category_ids = await _ids(Category, "slug", list(demo_zh.CATEGORY_NAMES))
    rows += [
        Translation(language_code=zh, category_id=category_ids[slug], name=name, seo_title=name,
                    description=_description(demo_zh.category_description(slug, slug in CATEGORIES)))
        for slug, name in demo_zh.CATEGORY_NAMES.items()
    ]
    collection_ids = await _ids(Collection, "slug", list(demo_zh.COLLECTIONS))
    rows += [
        Translation(language_code=zh, collection_id=collection_ids[slug], name=name, seo_title=name,
                    description=_description(text))
        for slug, (name, text) in demo_zh.COLLECTIONS.items()
    ]
    await Translation.bulk_create(rows)
    return len(rows)
