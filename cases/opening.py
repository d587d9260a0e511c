"""Opening a case: a member about their own order, shipment, gift, points or programme (on the web), or staff
on a member's behalf (the call centre: by phone, at a bank branch). The case is routed and given its first
deadline at once; pictures are checked as images and kept in the storage backend.

Errors (DomainError codes, CaseErrorCode): REQUIRED (description, what the case is about), INVALID (too long,
too many pictures, a picture that is no image, a contact channel a member cannot use), NOT_FOUND (an order,
shipment, gift, member or channel the caller does not reach).
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field

from tortoise.expressions import Q

from cases.access import Viewer
from cases.errors import CaseErrorCode, not_found, refusal
from cases.lifecycle import record
from cases.models import Case, CaseAttachment, CaseCategory, CaseEventKind, CaseSubject, ContactChannel, Party
from cases.notices import NoticeKind, notify_member
from cases.rules import deadlines_for, programme_rules, route
from catalog.models import Product  # read-only: whose gift it is
from catalog.services.images import check_image
from fulfilment.models import Shipment  # read-only: which order and partner a shipment belongs to
from kernel import clock
from mall.accounts.auth import Scope
from mall.accounts.customer_scope import customers_in_scope
from mall.accounts.models import ScopeKind, User
from mall.channels.models import Channel
from mall.storage import ObjectStorage, StorageError
from orders.models import Order, OrderLine

MAX_DESCRIPTION = 4_000
MAX_PICTURES = 5
ABOUT_AN_ORDER = frozenset({CaseSubject.ORDER, CaseSubject.SHIPMENT})


@dataclass(frozen=True)
class Picture:
    content: bytes
    content_type: str = ""


@dataclass(frozen=True)
class CaseRequest:
    subject: CaseSubject
    category: CaseCategory
    description: str
    member_id: int | None = None  # staff name the member; a member opens their own
    channel_id: int | None = None  # needed when no order says which mall
    order_id: str | None = None
    shipment_id: int | None = None
    product_id: int | None = None
    contact_channel: ContactChannel = ContactChannel.WEB
    pictures: list[Picture] = field(default_factory=list)


@dataclass
class About:
    """What the case turned out to be about, once checked."""

    channel: Channel
    order: Order | None = None
    shipment: Shipment | None = None
    product_id: int | None = None
    partner_code: str | None = None


def _check_text(request: CaseRequest, viewer: Viewer) -> str:
    description = request.description.strip()
    if not description:
        raise refusal(CaseErrorCode.REQUIRED, "Tell us what happened.", "description")
    if len(description) > MAX_DESCRIPTION:
        raise refusal(CaseErrorCode.INVALID, f"Use at most {MAX_DESCRIPTION} characters.", "description")
    if len(request.pictures) > MAX_PICTURES:
        raise refusal(CaseErrorCode.INVALID, f"Send at most {MAX_PICTURES} pictures.", "pictures")
    if not viewer.is_staff and request.contact_channel != ContactChannel.WEB:
        raise refusal(CaseErrorCode.INVALID, "Members open cases on the web.", "contact_channel")
    return description


async def _member(viewer: Viewer, request: CaseRequest) -> User:
    """The member the case is for: the caller, or (staff) the member named, within the staff's reach."""
    member_id = viewer.user_id if not viewer.is_staff else request.member_id
    if member_id is None:
        raise refusal(CaseErrorCode.REQUIRED, "Name the member the case is for.", "user")
    if viewer.party == Party.PARTNER:  # partners answer cases, the call centre opens them
        raise not_found("user", f"User:{member_id}")
    # A bank's call centre reaches its own members only (the operator's, everyone).
    reach = customers_in_scope(Scope(ScopeKind.ISSUER, viewer.code or "")) if viewer.party == Party.ISSUER else Q()
    member = await User.filter(reach, id=member_id, is_staff=False, is_active=True).first()
    if member is None:
        raise not_found("user", f"User:{member_id}")
    return member


def _single_partner(codes: set[str | None]) -> str | None:
    return next(iter(codes)) if len(codes) == 1 else None


async def _about_order(request: CaseRequest, member: User) -> About:
    if not request.order_id:
        raise refusal(CaseErrorCode.REQUIRED, "Choose the order the case is about.", "order")
    order = await Order.get_or_none(id=request.order_id, user_id=member.id)
    if order is None:
        raise not_found("order", f"Order:{request.order_id}")
    about = About(channel=await Channel.get(id=order.channel_id), order=order)  # type: ignore[attr-defined]
    if request.subject == CaseSubject.SHIPMENT and request.shipment_id is None:
        raise refusal(CaseErrorCode.REQUIRED, "Choose the shipment the case is about.", "fulfillment")
    if request.shipment_id is not None:
        shipment = await Shipment.get_or_none(id=request.shipment_id, order_id=order.id)
        if shipment is None:
            raise not_found("fulfillment", f"Fulfillment:{request.shipment_id}")
        about.shipment, about.partner_code = shipment, shipment.partner_code
        return about
    # The whole order is one partner's: it answers. Mixed orders go to the operator or the bank.
    codes = set(await OrderLine.filter(order_id=order.id).values_list("partner_code", flat=True))
    about.partner_code = _single_partner(codes)
    return about


async def _channel(request: CaseRequest) -> Channel:
    channel = await Channel.get_or_none(id=request.channel_id or 0, is_active=True)
    if channel is None:
        raise not_found("channel", f"Channel:{request.channel_id}")
    return channel


async def _about(request: CaseRequest, member: User) -> About:
    if request.subject in ABOUT_AN_ORDER:
        return await _about_order(request, member)
    if request.subject == CaseSubject.GIFT:
        product = await Product.get_or_none(id=request.product_id or 0)
        if product is None:
            raise not_found("product", f"Product:{request.product_id}")
        return About(await _channel(request), product_id=product.id, partner_code=product.partner_code)
    return About(await _channel(request))


def _check_reach(viewer: Viewer, about: About) -> None:
    if viewer.party == Party.ISSUER and about.channel.issuer_code != viewer.code:
        raise not_found("channel", f"Channel:{about.channel.id}")


async def _checked_pictures(pictures: list[Picture]) -> list[tuple[Picture, str, str]]:
    """Each picture with its content type and extension; all are checked before any is stored, so a refused
    request leaves no file behind."""
    checked = []
    for picture in pictures:
        content_type, extension = await asyncio.to_thread(check_image, picture.content, "pictures")  # CPU-bound
        checked.append((picture, content_type, extension))
    return checked


async def _store_pictures(storage: ObjectStorage, case: Case, pictures: list[tuple[Picture, str, str]]) -> None:
    for picture, content_type, extension in pictures:
        key = f"cases/{case.id}/{uuid.uuid4().hex}.{extension}"
        try:
            await storage.put(key, picture.content, content_type)
        except StorageError as error:
            raise refusal(CaseErrorCode.INVALID, "The picture could not be stored, try again.", "pictures") from error
        await CaseAttachment.create(case_id=case.id, storage_key=key, content_type=content_type)


async def open_case(viewer: Viewer, request: CaseRequest, storage: ObjectStorage) -> Case:
    """Record the complaint, route it and set its first deadline."""
    description = _check_text(request, viewer)
    pictures = await _checked_pictures(request.pictures)
    member = await _member(viewer, request)
    about = await _about(request, member)
    _check_reach(viewer, about)
    issuer_code = about.channel.issuer_code or ""
    rules = await programme_rules(issuer_code)
    deadlines = await deadlines_for(issuer_code, request.category)
    now = clock.now()
    case = await Case.create(
        member=member, channel_id=about.channel.id, issuer_code=issuer_code, subject=request.subject,
        category=request.category, contact_channel=request.contact_channel,
        order_id=str(about.order.id) if about.order else None,
        shipment_id=about.shipment.id if about.shipment else None, product_id=about.product_id,
        partner_code=about.partner_code, description=description, assignee=route(about.partner_code, rules),
        due_at=rules.due(now, deadlines.first_answer_hours), opened_by=viewer.actor, created_at=now,
    )
    await _store_pictures(storage, case, pictures)
    await record(case, CaseEventKind.OPENED, viewer.actor, data={
        "assignee": case.assignee.value, "dueAt": case.due_at.isoformat(), "contactChannel": case.contact_channel.value,
    })
    await notify_member(case, NoticeKind.OPENED, "opened")
    return case
