"""Accounts: members, staff, their addresses, API apps, and login throttling state.

Only `mall.accounts.services` writes these tables.
"""

from __future__ import annotations

import secrets
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class ScopeKind(StrEnum):
    """What a scoped staff user or app is limited to, later domains filter their data by it."""

    PARTNER = "partner"
    ISSUER = "issuer"


def new_token_key() -> str:
    return secrets.token_hex(16)


class User(Model):
    """A member (cardholder) or a staff user. Staff carry permissions and an optional scope."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    first_name = fields.CharField(max_length=256, default="")
    last_name = fields.CharField(max_length=256, default="")
    password_hash = fields.CharField(max_length=256, null=True)
    is_active = fields.BooleanField(default=True)
    is_confirmed = fields.BooleanField(default=True)
    is_staff = fields.BooleanField(default=False)
    is_superuser = fields.BooleanField(default=False)
    permissions: fields.Field[list[str]] = fields.JSONField(default=list)
    scope_kind = fields.CharEnumField(ScopeKind, max_length=16, null=True)
    scope_code = fields.CharField(max_length=64, null=True)
    # Rotating this key invalidates every token issued before (tokensDeactivateAll, account deletion).
    jwt_token_key = fields.CharField(max_length=64, default=new_token_key)
    language_code = fields.CharField(max_length=35, default="EN")
    note = fields.TextField(null=True)
    external_reference = fields.CharField(max_length=250, unique=True, null=True)
    default_shipping_address: fields.ForeignKeyNullableRelation[Address] = fields.ForeignKeyField(
        "mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    default_billing_address: fields.ForeignKeyNullableRelation[Address] = fields.ForeignKeyField(
        "mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    date_joined = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)
    last_login = fields.DatetimeField(null=True)
    last_password_reset_request_at = fields.DatetimeField(null=True)

    addresses: fields.ReverseRelation[Address]

    class Meta:
        table = "account_user"
        ordering = ("id",)


class Address(Model):
    """A postal address, a member's address book entry when `user` is set."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name="addresses", null=True, on_delete=fields.CASCADE
    )
    first_name = fields.CharField(max_length=256, default="")
    last_name = fields.CharField(max_length=256, default="")
    company_name = fields.CharField(max_length=256, default="")
    street_address_1 = fields.CharField(max_length=256, default="")
    street_address_2 = fields.CharField(max_length=256, default="")
    city = fields.CharField(max_length=256, default="")
    city_area = fields.CharField(max_length=128, default="")
    postal_code = fields.CharField(max_length=20, default="")
    country = fields.CharField(max_length=2)
    country_area = fields.CharField(max_length=128, default="")
    phone = fields.CharField(max_length=32, default="")
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)

    class Meta:
        table = "account_address"
        ordering = ("id",)


class App(Model):
    """A machine client (storefront server, bank system) authenticated by an opaque token."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    is_active = fields.BooleanField(default=True)
    permissions: fields.Field[list[str]] = fields.JSONField(default=list)
    scope_kind = fields.CharEnumField(ScopeKind, max_length=16, null=True)
    scope_code = fields.CharField(max_length=64, null=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "account_app"


class AppToken(Model):
    """Only a hash of the token is kept. The token itself is shown once, when it is created."""

    id = fields.IntField(primary_key=True)
    app: fields.ForeignKeyRelation[App] = fields.ForeignKeyField(
        "mall.App", related_name="tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    token_last_4 = fields.CharField(max_length=4)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "account_app_token"


class LoginThrottle(Model):
    """Failed sign-in attempts per client address and e-mail, to slow down password guessing."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=320, unique=True)
    failed_attempts = fields.IntField(default=0)
    last_failure_at = fields.DatetimeField(null=True)
    blocked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "account_login_throttle"
