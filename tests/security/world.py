"""The authorization matrix's world: the two tenants of tests/tenants.py, one caller of every kind, and the
rows the representative calls name (tenant A's cart, shipment, address, catalogue rows...).

Also what an answer is looked at for: which tenant's rows it shows (markers) and whose personal data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from catalog.models import Category, Collection, MenuItem, Page, Product
from catalog.services import menus
from fulfilment.models import Shipment
from fulfilment.services.carriers import CarrierData, create_carrier
from kernel import clock
from mall.accounts.addresses import add_address
from mall.accounts.models import Address, ScopeKind, User
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.accounts.services import create_app
from mall.graphql.ids import to_global_id
from mall.settings import Settings
from orders.flash_sales.models import FlashSale
from orders.models import Checkout
from orders.services.checkouts import LineRequest, create_checkout, set_address
from partners.models import Partner
from partners.services import TermsChange, change_partner_terms
from tests.catalog.factories import make_category, make_collection, make_gift, make_page, make_warehouse
from tests.factories import make_member, make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.tenants import LEI, MEI, Person, Tenant, Tenants, address_of, enrol, make_tenants


@dataclass(frozen=True)
class Actor:
    """A kind of caller. `tenant`: the side (A or B) a member or scoped caller belongs to."""

    name: str
    kind: str  # anonymous, member, partner, bank, staff (no permission), operator
    tenant: str | None = None


ACTORS = (
    Actor("anonymous", "anonymous"),
    Actor("member A", "member", "A"),
    Actor("member B", "member", "B"),
    Actor("partner A staff", "partner", "A"),
    Actor("partner B staff", "partner", "B"),
    Actor("bank A staff", "bank", "A"),
    Actor("bank A app", "bank", "A"),
    Actor("bank B staff", "bank", "B"),
    Actor("bank B app", "bank", "B"),
    Actor("staff without the permission", "staff"),
    Actor("operator", "operator"),
)


@dataclass
class World:
    tenants: Tenants
    users: dict[str, User]  # the callers that are accounts, by actor name
    tokens: dict[str, str | None]
    ids: dict[str, str]  # names the calls use -> global IDs, slugs, codes
    markers: dict[str, str] = field(default_factory=dict)  # a text in an answer -> the tenant it shows
    personal: dict[str, str] = field(default_factory=dict)  # a text in an answer -> the kind of personal data
    fresh_count: int = 0
    settings: Settings | None = None  # for accounts made afresh

    @property
    def a(self) -> Tenant:
        return self.tenants.a

    def unique(self, prefix: str) -> str:
        self.fresh_count += 1
        return f"{prefix}-{self.fresh_count}"


FULFIL = """
mutation($order: ID!, $line: ID!, $warehouse: ID!) {
  orderFulfill(order: $order, input: {lines: [{orderLineId: $line, stocks: [{quantity: 1, warehouse: $warehouse}]}]}) {
    fulfillments { id } errors { code }
  }
}
"""


async def _users(tenants: Tenants) -> dict[str, User]:
    """Scoped callers hold every permission (as `mall staff create --partner` without `--permission` grants):
    the scope alone must confine them."""
    users = {"member A": tenants.a.member, "member B": tenants.b.member}
    for tenant, partner in (("A", "ACME"), ("B", "ZETA")):
        users[f"partner {tenant} staff"] = await make_staff(f"staff@{partner.lower()}.example", list(ALL_PERMISSIONS),
                                                            (ScopeKind.PARTNER, partner))
        users[f"bank {tenant} staff"] = await make_staff(f"staff@bank-{tenant.lower()}.example",
                                                         list(ALL_PERMISSIONS), (ScopeKind.ISSUER, f"BANK{tenant}"))
    users["staff without the permission"] = await make_staff("clerk@example.com", [])
    users["operator"] = await make_staff("operator@example.com", list(ALL_PERMISSIONS))
    return users


async def _app_tokens() -> dict[str, str | None]:
    tokens: dict[str, str | None] = {}
    for tenant in ("A", "B"):
        _, tokens[f"bank {tenant} app"] = await create_app(f"Bank {tenant} system", ALL_PERMISSIONS,
                                                           (ScopeKind.ISSUER, f"BANK{tenant}"))
    return tokens


async def user_tokens(settings: Settings, users: dict[str, User]) -> dict[str, str | None]:
    """Access tokens minted from the accounts as they are now (a call may have revoked the earlier ones)."""
    fresh = {user.id: user for user in await User.filter(id__in=[user.id for user in users.values()])}
    return {name: token_for(fresh[user.id], settings) for name, user in users.items()}


async def members_cart(tenant: Tenant) -> Checkout:
    cart = await create_checkout(tenant.channel.slug, tenant.member, None, [LineRequest(tenant.variant.id, 1)])
    await set_address(cart, address_of(tenant.person, tenant.person.shipping_street), "SHIPPING")
    return cart


async def fresh_product(world: World, tenant: Tenant) -> str:
    product = await make_gift(tenant.channel, world.unique(f"Spare {tenant.partner_code}"), 100,
                              partner_code=tenant.partner_code)
    return to_global_id("Product", product.id)


async def fresh_variant(world: World, tenant: Tenant) -> str:
    product = await make_gift(tenant.channel, world.unique(f"Spare {tenant.partner_code}"), 100,
                              partner_code=tenant.partner_code)
    return to_global_id("ProductVariant", (await product.variants.all())[0].id)


async def fresh_warehouse(world: World, tenant: Tenant) -> str:
    warehouse = await make_warehouse(world.unique(f"spare-{tenant.partner_code.lower()}"), [tenant.channel],
                                     partner_code=tenant.partner_code)
    return to_global_id("Warehouse", warehouse.id)


async def fresh_address(world: World) -> str:
    address = await add_address(world.a.member, address_of(MEI, world.unique("Spare Street")))
    return to_global_id("Address", address.id)


async def fresh_customer(world: World) -> str:
    """A member of bank A of their own, for the calls that change or remove a customer's account (the world's
    members keep their sessions)."""
    assert world.settings is not None
    name = world.unique("spare")
    email = f"{name}@example.com"
    member = await make_member(world.settings, email)
    phone = f"+86137{world.fresh_count:08d}"  # the roster keeps one member per phone number
    await enrol(world.a.issuer, member, Person(email, "Spare", "Member", phone, "", ""), f"A-{name}")
    return to_global_id("User", member.id)


async def fresh_staff(world: World) -> str:
    """A staff account of bank A of its own (MANAGE_ORDERS only), for the calls that change or remove one."""
    staff = await make_staff(f"{world.unique('spare-staff')}@bank-a.example", ["MANAGE_ORDERS"],
                             (ScopeKind.ISSUER, world.a.issuer.code))
    return to_global_id("User", staff.id)


async def fresh_cart(world: World) -> str:
    return to_global_id("Checkout", (await members_cart(world.a)).token)


async def _catalogue(tenants: Tenants) -> tuple[Category, Collection, Page]:
    category = await make_category("Kitchen")
    products: list[Product] = [tenants.a.product, tenants.b.product]
    collection = await make_collection("Featured", [tenants.a.channel, tenants.b.channel], products)
    return category, collection, await make_page("About", "about")


def _ids(tenants: Tenants, catalogue: tuple[Category, Collection, Page], cart: Checkout) -> dict[str, str]:
    a = tenants.a
    category, collection, page = catalogue
    return {
        "order": to_global_id("Order", a.order.id), "mei": to_global_id("User", a.member.id),
        "cart": to_global_id("Checkout", cart.token), "warehouse": to_global_id("Warehouse", a.warehouse.id),
        "channel": to_global_id("Channel", a.channel.id), "slug": a.channel.slug, "issuer": a.issuer.code,
        "partner": a.partner_code, "category": to_global_id("Category", category.id),
        "collection": to_global_id("Collection", collection.id), "page": to_global_id("Page", page.id),
        "product_type": to_global_id("ProductType", a.product.product_type_id),  # type: ignore[attr-defined]
    }


async def _ship(api: GraphQLClient, world: World) -> None:
    """Tenant A's order leaves ACME's warehouse (shipped by the operator)."""
    line = (await world.a.order.lines.all())[0]
    answer = await api.ok(FULFIL, {"order": world.ids["order"], "line": to_global_id("OrderLine", line.id),
                                   "warehouse": world.ids["warehouse"]}, world.tokens["operator"])
    assert answer["orderFulfill"]["errors"] == [], answer
    shipment = await Shipment.get(order_id=world.a.order.id)
    world.ids["shipment"] = to_global_id("Fulfillment", shipment.id)
    world.markers[world.ids["shipment"]] = "A"


async def _menu() -> dict[str, str]:
    """The storefront's footer with one item (the menu mutations edit them; deletes name rows that do not exist)."""
    link = menus.ItemLink(url="https://bank.example")
    menu = await menus.create_menu("Footer", "footer", [menus.ItemData("Bank", link)])
    item = await MenuItem.get(menu_id=menu.id)
    return {"menu": to_global_id("Menu", menu.id), "menu_item": to_global_id("MenuItem", item.id)}


async def _flash_sale(tenant: Tenant) -> str:
    """A sale of tenant A's gift next month: nothing in the world's carts is priced by it."""
    starts = clock.now() + timedelta(days=30)
    sale = await FlashSale.create(channel=tenant.channel, variant=tenant.variant, price_points=1, quantity=1,
                                  starts_at=starts, ends_at=starts + timedelta(days=1))
    return to_global_id("FlashSale", sale.id)


def _markers(tenants: Tenants) -> dict[str, str]:
    found: dict[str, str] = {}
    for tenant in (tenants.a, tenants.b):
        for text in (to_global_id("Order", tenant.order.id), to_global_id("User", tenant.member.id),
                     tenant.person.email, f"{tenant.person.email[0]}...@example.com", tenant.channel.slug,
                     tenant.issuer.code, tenant.partner_code, tenant.product.name,
                     f"staff@{tenant.partner_code.lower()}.example", f"staff@bank-{tenant.name.lower()}.example"):
            found[text] = tenant.name
    return found


def _personal() -> dict[str, str]:
    found: dict[str, str] = {}
    for person in (MEI, LEI):
        found |= {person.email: "email", person.phone: "phone", person.shipping_street: "street",
                  person.home_street: "address book"}
    return found


async def _change_terms(tenants: Tenants) -> None:
    """Each partner's terms changed once, the note naming the partner: another partner reading it would show."""
    for tenant in (tenants.a, tenants.b):
        partner = await Partner.get(code=tenant.partner_code)
        await change_partner_terms(partner, TermsChange(Decimal(6), None, tenant.partner_code), "user:0",
                                   "Asia/Shanghai")


async def build_world(api: GraphQLClient, settings: Settings) -> World:
    tenants = await make_tenants(settings)
    cart = await members_cart(tenants.a)
    users = await _users(tenants)
    tokens = {"anonymous": None} | await _app_tokens() | await user_tokens(settings, users)
    world = World(tenants, users, tokens, _ids(tenants, await _catalogue(tenants), cart), _markers(tenants),
                  _personal(), settings=settings)
    await create_carrier(CarrierData(code="post", name="Post"))
    await _change_terms(tenants)
    await _ship(api, world)
    # The catalogue mutations edit (and may unpublish) a gift of their own, not the one in carts and orders.
    world.ids["product"] = await fresh_product(world, tenants.a)
    world.ids["variant"] = await fresh_variant(world, tenants.a)
    world.ids["flash_sale"] = await _flash_sale(tenants.a)
    world.ids |= await _menu()
    address = await Address.filter(user_id=tenants.a.member.id).first()
    assert address is not None
    world.ids["address"] = to_global_id("Address", address.id)
    return world


def values_in(answer: Any) -> list[str]:
    """Every text in an answer, however deep."""
    if isinstance(answer, dict):
        return [text for value in answer.values() for text in values_in(value)]
    if isinstance(answer, list):
        return [text for value in answer for text in values_in(value)]
    return [answer] if isinstance(answer, str) else []
