"""Two tenants side by side, for tests of who sees and changes what.

Tenant A: bank A (issuer BANKA, channel bank-a-mall), partner ACME, and Mei, bank A's member, who redeemed
ACME's kettle (an order shipped to her Shanghai address) and keeps a Beijing address in her address book.
Tenant B mirrors it: bank B (BANKB, bank-b-mall), partner ZETA, and Lei with his order of ZETA's lamp.
Every row is made through the services (or the catalogue test factories, as other suites do).
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from bank_link.issuers import IssuerData, create_issuer
from bank_link.models import Issuer, MemberStatus
from bank_link.roster import RosterRow, apply_roster_batch
from catalog.models import Product, ProductVariant, Warehouse
from mall.accounts.addresses import AddressData, add_address
from mall.accounts.models import User
from mall.channels.models import Channel
from mall.settings import Settings
from orders.models import Order, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from tests.catalog.factories import make_gift, make_warehouse
from tests.catalog.services.builders import active_partner
from tests.factories import give_points, make_channel, make_member


@dataclass(frozen=True)
class Person:
    """What a tenant's member is called and where they live: the personal data tests look for."""

    email: str
    first_name: str
    last_name: str
    phone: str
    shipping_street: str  # on the order
    home_street: str  # in the address book only


MEI = Person("mei@example.com", "Mei", "Lin", "+8613800000001", "88 Century Avenue", "1 Jinbao Street")
LEI = Person("lei@example.com", "Lei", "Wang", "+8613900000002", "9 Huaihai Road", "5 Nanjing Road")


@dataclass
class Tenant:
    name: str  # "A" or "B"
    issuer: Issuer
    channel: Channel
    partner_code: str
    warehouse: Warehouse
    product: Product
    variant: ProductVariant
    shipping: ShippingMethod
    person: Person
    member: User
    order: Order


@dataclass
class Tenants:
    a: Tenant
    b: Tenant


def address_of(person: Person, street: str) -> AddressData:
    return AddressData(first_name=person.first_name, last_name=person.last_name, street_address_1=street,
                       city="Shanghai", postal_code="200120", country="CN", phone=person.phone)


async def place_order(channel: Channel, member: User, person: Person, lines: list[LineRequest],
                      shipping: ShippingMethod) -> Order:
    """A member's checkout, paid with points and completed, as the storefront would do it."""
    checkout = await create_checkout(channel.slug, member, None, lines)
    await set_address(checkout, address_of(person, person.shipping_street), "SHIPPING")
    await set_address(checkout, address_of(person, person.shipping_street), "BILLING")
    await set_delivery_method(checkout, shipping.id)
    await initialize_points_payment(checkout, None, f"pay:{checkout.token}", f"user:{member.id}")
    async with in_transaction():
        return await complete_checkout(checkout.token, f"user:{member.id}")


async def enrol(issuer: Issuer, member: User, person: Person, reference: str) -> None:
    row = RosterRow(reference, f"{person.first_name} {person.last_name}", person.email, person.phone,
                    MemberStatus.ACTIVE)
    outcome = await apply_roster_batch(issuer.id, issuer.code, [row])
    assert outcome.refused == {}, outcome.refused


async def make_tenant(settings: Settings, name: str, partner_code: str, gift: str, person: Person) -> Tenant:
    issuer = await create_issuer(IssuerData(code=f"BANK{name}", name=f"Bank {name}", points_unit="PTS"))
    channel = await make_channel(f"bank-{name.lower()}-mall", issuer_code=issuer.code)
    await active_partner(partner_code)
    warehouse = await make_warehouse(f"{partner_code.lower()}-dc", [channel], partner_code=partner_code)
    product = await make_gift(channel, gift, 900, partner_code=partner_code, warehouse=warehouse)
    variant = (await product.variants.all())[0]
    shipping = await ShippingMethod.create(channel=channel, name="Standard", price_points=0)
    member = await make_member(settings, person.email, first_name=person.first_name, last_name=person.last_name)
    await enrol(issuer, member, person, f"{name}-0001")
    await add_address(member, address_of(person, person.home_street))
    await give_points(channel, member, 10_000)
    order = await place_order(channel, member, person, [LineRequest(variant.id, 1)], shipping)
    return Tenant(name, issuer, channel, partner_code, warehouse, product, variant, shipping, person, member, order)


async def make_tenants(settings: Settings) -> Tenants:
    a = await make_tenant(settings, "A", "ACME", "Acme Kettle", MEI)
    b = await make_tenant(settings, "B", "ZETA", "Zeta Lamp", LEI)
    return Tenants(a, b)
