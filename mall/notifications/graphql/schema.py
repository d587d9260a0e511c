"""The member's inbox and notification choices: `User` fields and two mutations (mall-only)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from mall.accounts.models import User as UserModel
from mall.graphql.connection import PageArgs, SortKey, paginate
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import INT8_MAX, parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_user
from mall.notifications import services
from mall.notifications.graphql.errors import NOTIFICATION_ERRORS
from mall.notifications.graphql.types import (
    Notification,
    NotificationCountableConnection,
    NotificationCountableEdge,
    NotificationError,
    NotificationPreferences,
)
from mall.notifications.models import Notification as NotificationModel

NEWEST_FIRST = (SortKey("created_at", descending=True),)
OWNER_ONLY = "Requires the member themself (OWNER). Points mall extension."


async def _own(info: Info, member: UserModel) -> None:
    """Only the member reads their inbox: it may hold what staff should see through their own screens."""
    user = await info.context.user()
    if user is None or user.id != member.id:
        raise PermissionDenied(["OWNER"])


@strawberry.type
class UserNotificationFields:
    model: strawberry.Private[UserModel]

    @strawberry.field(description=f"The member's in-mall inbox, newest first. {OWNER_ONLY}")
    async def inbox(
        self, info: Info,
        first: Annotated[int | None, strawberry.argument(description="Return the first n elements.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Return elements after this cursor.")] = None,
        last: Annotated[int | None, strawberry.argument(description="Return the last n elements.")] = None,
        before: Annotated[str | None, strawberry.argument(description="Return elements before this cursor.")] = None,
    ) -> NotificationCountableConnection | None:  # type: ignore[valid-type]
        await _own(info, self.model)
        result: Any = await paginate(
            info, NotificationModel.filter(user_id=self.model.id), PageArgs(first, last, after, before),
            NotificationCountableConnection, NotificationCountableEdge, sort=NEWEST_FIRST,
            to_node=lambda row: Notification(model=row))
        return result

    @strawberry.field(description=f"How many inbox messages the member has not read. {OWNER_ONLY}")
    async def unread_notifications(self, info: Info) -> int:
        await _own(info, self.model)
        return await services.unread_count(self.model.id)

    @strawberry.field(description=f"The member's notification choices. {OWNER_ONLY}")
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        await _own(info, self.model)
        return NotificationPreferences(model=await services.preferences(self.model.id))


@strawberry.type(description="Points mall: inbox messages marked read.")
class NotificationsMarkRead:
    marked: int = strawberry.field(default=0, description="How many messages were unread and are read now.")
    unread_notifications: int = strawberry.field(default=0, description="How many stay unread.")
    errors: list[NotificationError] = strawberry.field(default_factory=list, description="List of errors that "
                                                       "occurred executing the mutation.")


@strawberry.input(description="Points mall: the member's notification choices; omitted fields stay as they are.")
class NotificationPreferencesInput:
    marketing_email: bool | None = strawberry.field(default=None, description="Offers by e-mail.")
    marketing_sms: bool | None = strawberry.field(default=None, description="Offers by text message.")
    marketing_inbox: bool | None = strawberry.field(default=None, description="Offers in the inbox.")
    time_zone: str | None = strawberry.field(default=None, description="IANA time zone for quiet hours; empty: "
                                             "the programme's.")


@strawberry.type(description="Points mall: the member's notification choices, saved.")
class NotificationPreferencesUpdate:
    preferences: NotificationPreferences | None = strawberry.field(default=None, description="The choices.")
    errors: list[NotificationError] = strawberry.field(default_factory=list, description="List of errors that "
                                                       "occurred executing the mutation.")


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(description="Points mall: mark inbox messages read (all of them when `ids` is omitted). "
                         "Requires a signed-in member.")
    async def notifications_mark_read(
        self, info: Info,
        ids: Annotated[list[strawberry.ID] | None, strawberry.argument(description="The messages (at most 100).")]
        = None,
    ) -> NotificationsMarkRead | None:
        user = await require_user(info)

        async def mark() -> NotificationsMarkRead:
            keys = None if ids is None else [parse_int_id_for_mutation(str(i), "Notification", "ids", INT8_MAX)
                                             for i in ids]
            marked = await services.mark_read(user.id, keys)
            return NotificationsMarkRead(marked=marked, unread_notifications=await services.unread_count(user.id))

        return await run_in_transaction(NotificationsMarkRead, NotificationError, NOTIFICATION_ERRORS, mark)

    @strawberry.mutation(description="Points mall: choose which channels may carry offers, and the time zone of "
                         "quiet hours. Requires a signed-in member.")
    async def notification_preferences_update(
        self, info: Info, input: NotificationPreferencesInput,
    ) -> NotificationPreferencesUpdate | None:
        user = await require_user(info)

        async def save() -> NotificationPreferencesUpdate:
            changes = services.PreferenceChanges(input.marketing_email, input.marketing_sms, input.marketing_inbox,
                                                 input.time_zone)
            saved = await services.update_preferences(user.id, changes)
            return NotificationPreferencesUpdate(preferences=NotificationPreferences(model=saved))

        return await run_in_transaction(NotificationPreferencesUpdate, NotificationError, NOTIFICATION_ERRORS, save)
