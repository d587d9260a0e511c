"""The inbox through the API: `me { inbox unreadNotifications }`, marking read, and the member's choices."""

from __future__ import annotations

from mall.graphql.ids import to_global_id
from mall.notifications.models import Notification, NotificationPreference
from mall.notifications.services import notify
from mall.notifications.templates import NotificationKind
from tests.factories import make_member, token_for

INBOX = """
query { me { unreadNotifications inbox(first: 10) { totalCount edges { node { kind title body link readAt } } } } }
"""
MARK = """
mutation Mark($ids: [ID!]) { notificationsMarkRead(ids: $ids) { marked unreadNotifications errors { field code } } }
"""
PREFERENCES = """
mutation Choose($input: NotificationPreferencesInput!) {
  notificationPreferencesUpdate(input: $input) {
    preferences { marketingEmail marketingSms marketingInbox timeZone } errors { field code message } }
}
"""


async def given_two_messages(settings):
    mei = await make_member(settings)
    await notify(mei.id, NotificationKind.ORDER_PLACED, {"order": "1007", "points": "500", "unit": "PTS"},
                 "order:7:placed", link="/orders/7")
    await notify(mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")
    return mei, token_for(mei, settings)


async def test_the_member_reads_their_inbox_newest_first(api, settings):
    # given
    _, token = await given_two_messages(settings)

    # when
    me = (await api.ok(INBOX, token=token))["me"]

    # then
    assert me["unreadNotifications"] == 2
    assert me["inbox"]["totalCount"] == 2
    assert [edge["node"] for edge in me["inbox"]["edges"]] == [
        {"kind": "order_delivered", "title": "Order 1007 delivered",
         "body": "Your gifts from order 1007 were delivered. Enjoy them!", "link": "", "readAt": None},
        {"kind": "order_placed", "title": "Order 1007 placed",
         "body": "Thank you! Your order 1007 for 500 PTS is placed. We will tell you when it ships.",
         "link": "/orders/7", "readAt": None},
    ]


async def test_marking_one_then_all_read(api, settings):
    # given
    _, token = await given_two_messages(settings)
    first = await Notification.filter(key="order:7:placed").first()

    # when
    one = (await api.ok(MARK, {"ids": [to_global_id("Notification", first.id)]}, token))["notificationsMarkRead"]
    rest = (await api.ok(MARK, {}, token))["notificationsMarkRead"]

    # then
    assert one == {"marked": 1, "unreadNotifications": 1, "errors": []}
    assert rest == {"marked": 1, "unreadNotifications": 0, "errors": []}


async def test_another_members_message_is_not_found_and_nothing_is_marked(api, settings):
    # given
    _, token = await given_two_messages(settings)
    bo = await make_member(settings, email="bo@example.com")
    await notify(bo.id, NotificationKind.ORDER_DELIVERED, {"order": "2001"}, "shipment:9:delivered")
    theirs = await Notification.get(user_id=bo.id)

    # when
    answer = (await api.ok(MARK, {"ids": [to_global_id("Notification", theirs.id)]}, token))["notificationsMarkRead"]

    # then
    assert answer == {"marked": 0, "unreadNotifications": 0, "errors": [{"field": "ids", "code": "NOT_FOUND"}]}
    assert await Notification.filter(read_at__isnull=False).count() == 0


async def test_the_member_chooses_offers_by_text_and_a_time_zone(api, settings):
    # given
    mei = await make_member(settings)

    # when
    answer = (await api.ok(PREFERENCES, {"input": {"marketingSms": True, "timeZone": "Europe/Paris"}},
                           token_for(mei, settings)))["notificationPreferencesUpdate"]

    # then
    assert answer == {"preferences": {"marketingEmail": False, "marketingSms": True, "marketingInbox": True,
                                      "timeZone": "Europe/Paris"}, "errors": []}


async def test_an_unknown_time_zone_is_refused_and_nothing_saved(api, settings):
    # given
    mei = await make_member(settings)

    # when
    answer = (await api.ok(PREFERENCES, {"input": {"marketingSms": True, "timeZone": "Mars/Olympus"}},
                           token_for(mei, settings)))["notificationPreferencesUpdate"]

    # then
    assert answer == {"preferences": None, "errors": [
        {"field": "timeZone", "code": "INVALID", "message": "Unknown time zone."}]}
    assert await NotificationPreference.all().count() == 0


async def test_nobody_else_reads_a_members_inbox(api, settings):
    # given: staff who may read users
    from tests.factories import make_staff

    mei, _ = await given_two_messages(settings)
    staff = await make_staff(permissions=["MANAGE_USERS"])
    query = 'query($id: ID!) { user(id: $id) { unreadNotifications } }'

    # when
    response = await api.post(query, {"id": to_global_id("User", mei.id)}, token_for(staff, settings))

    # then
    assert response.errors[0]["extensions"]["exception"]["code"] == "PermissionDenied"
