"""How accounts refuse: every DomainError of mall.accounts (and of sign-on plugins) carries one of these codes.

The names are Saleor's AccountErrorCode names, which the account mutations answer with; field names are
the services' Python names (the API layer camel-cases them).
"""

from __future__ import annotations

from enum import StrEnum


class AccountsErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank
    INVALID = "INVALID"  # a value is malformed (e-mail, URL, language, country, postal code, token...)
    UNIQUE = "UNIQUE"  # another account already uses the e-mail
    NOT_FOUND = "NOT_FOUND"  # no account with that e-mail, no such sign-on issuer
    INVALID_PASSWORD = "INVALID_PASSWORD"  # the old password given is wrong
    PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT"
    PASSWORD_ENTIRELY_NUMERIC = "PASSWORD_ENTIRELY_NUMERIC"
    PASSWORD_TOO_COMMON = "PASSWORD_TOO_COMMON"
    PASSWORD_TOO_SIMILAR = "PASSWORD_TOO_SIMILAR"
    PASSWORD_RESET_ALREADY_REQUESTED = "PASSWORD_RESET_ALREADY_REQUESTED"
    OUT_OF_SCOPE_PERMISSION = "OUT_OF_SCOPE_PERMISSION"  # granting a permission the granter lacks
    OUT_OF_SCOPE_USER = "OUT_OF_SCOPE_USER"  # an account outside the caller's (or the issuer's) scope
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INACTIVE = "INACTIVE"  # the account (or the member) is switched off
    DEACTIVATE_OWN_ACCOUNT = "DEACTIVATE_OWN_ACCOUNT"  # staff may not switch their own account off
    DEACTIVATE_SUPERUSER_ACCOUNT = "DEACTIVATE_SUPERUSER_ACCOUNT"  # only a superuser switches one off
    DELETE_OWN_ACCOUNT = "DELETE_OWN_ACCOUNT"  # staff may not remove their own account
    DELETE_SUPERUSER_ACCOUNT = "DELETE_SUPERUSER_ACCOUNT"  # only a superuser removes one
    ACCOUNT_NOT_CONFIRMED = "ACCOUNT_NOT_CONFIRMED"
    LOGIN_ATTEMPT_DELAYED = "LOGIN_ATTEMPT_DELAYED"  # too many failed attempts: try again later
    # Sign-on with another party's token (external authentication plugins such as the bank's).
    JWT_MISSING_TOKEN = "JWT_MISSING_TOKEN"
    JWT_DECODE_ERROR = "JWT_DECODE_ERROR"
    JWT_INVALID_TOKEN = "JWT_INVALID_TOKEN"
    JWT_SIGNATURE_EXPIRED = "JWT_SIGNATURE_EXPIRED"
    DISABLED_AUTHENTICATION_METHOD = "DISABLED_AUTHENTICATION_METHOD"
