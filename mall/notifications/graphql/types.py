"""The notifications API types (mall-only: Saleor has no member inbox). Names start with `Notification`."""

from __future__ import annotations

import datetime
from enum import Enum

import strawberry

from mall.graphql.connection import countable_connection
from mall.graphql.ids import to_global_id
from mall.notifications.models import Notification as NotificationModel
from mall.notifications.models import NotificationPreference


@strawberry.enum(description="Points mall: why a notifications mutation was refused.")
class NotificationErrorCode(Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"


@strawberry.type(description="Points mall: an error of a notifications mutation.")
class NotificationError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: NotificationErrorCode = strawberry.field(description="The error code.")


@strawberry.type(name="Notification", description="Points mall: a message in the member's in-mall inbox, in "
                 "the language of their account.")
class Notification:
    model: strawberry.Private[NotificationModel]

    @strawberry.field(description="The ID of the notification.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Notification", self.model.id))

    @strawberry.field(description="What the news is about, e.g. `order_shipped`, `points_expiring`.")
    def kind(self) -> str:
        return self.model.kind

    @strawberry.field(description="The title.")
    def title(self) -> str:
        return self.model.title

    @strawberry.field(description="The text.")
    def body(self) -> str:
        return self.model.body

    @strawberry.field(description="Where in the mall the news leads (may be empty).")
    def link(self) -> str:
        return self.model.link

    @strawberry.field(description="When the notification was made.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="When the member read it; null while unread.")
    def read_at(self) -> datetime.datetime | None:
        return self.model.read_at


NotificationCountableConnection, NotificationCountableEdge = countable_connection(Notification, "Notification")


@strawberry.type(description="Points mall: the member's notification choices. Marketing goes only where the "
                 "member allows it; transactional news follows the programme's rules.")
class NotificationPreferences:
    model: strawberry.Private[NotificationPreference]

    @strawberry.field(description="Offers by e-mail.")
    def marketing_email(self) -> bool:
        return self.model.marketing_email

    @strawberry.field(description="Offers by text message.")
    def marketing_sms(self) -> bool:
        return self.model.marketing_sms

    @strawberry.field(description="Offers in the in-mall inbox.")
    def marketing_inbox(self) -> bool:
        return self.model.marketing_inbox

    @strawberry.field(description="The IANA time zone text messages' quiet hours follow; empty: the "
                      "programme's.")
    def time_zone(self) -> str:
        return self.model.time_zone
