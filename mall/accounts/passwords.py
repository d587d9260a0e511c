"""Password hashing (argon2) and the checks Saleor applies to new passwords (Django's validators)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kernel.errors import ErrorDetail
from mall.accounts.errors import AccountsErrorCode

MINIMUM_LENGTH = 8
# The most common passwords in public breach lists; Django ships a longer list, the idea is the same.
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwerty123", "qwertyuiop",
    "iloveyou", "11111111", "00000000", "abc12345", "abcd1234", "admin123", "welcome1", "letmein1", "passw0rd",
    "sunshine", "princess", "football", "baseball", "dragon123", "monkey123", "starwars", "trustno1", "superman",
    "1q2w3e4r", "qazwsxedc", "zaq12wsx", "asdfghjkl", "88888888", "66666666", "woaini1314", "a1234567", "aa123456",
})

_hasher = PasswordHasher()


def use_cheap_hashing_for_tests() -> None:
    """Argon2's defaults cost ~60 ms a hash by design; test suites that create hundreds of users use less."""
    global _hasher
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, email: str, field: str = "password") -> list[ErrorDetail]:
    """Every reason `password` is refused, in Saleor's codes; empty when it is acceptable."""
    problems = []
    if len(password) < MINIMUM_LENGTH:
        problems.append(
            ErrorDetail(
                field,
                f"This password is too short. It must contain at least {MINIMUM_LENGTH} characters.",
                AccountsErrorCode.PASSWORD_TOO_SHORT,
            )
        )
    if password.isdigit():
        problems.append(
            ErrorDetail(field, "This password is entirely numeric.", AccountsErrorCode.PASSWORD_ENTIRELY_NUMERIC)
        )
    if password.lower() in COMMON_PASSWORDS:
        problems.append(ErrorDetail(field, "This password is too common.", AccountsErrorCode.PASSWORD_TOO_COMMON))
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 3 and local_part in password.lower():
        problems.append(
            ErrorDetail(field, "The password is too similar to the email.", AccountsErrorCode.PASSWORD_TOO_SIMILAR)
        )
    return problems
