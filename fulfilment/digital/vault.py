"""Codes at rest: sealed with Fernet (AES-128-CBC + HMAC-SHA256) under the mall's digital codes key.

A stolen database dump holds no usable code. The key comes from settings (`DIGITAL_CODES_KEY`); without
one, a key is derived from `SECRET_KEY` (HKDF), so a laptop works with no extra setting. The same key
also keys the fingerprint that spots a code uploaded twice without decrypting the pool.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fulfilment.errors import FulfilmentErrorCode
from kernel.errors import DomainError
from mall.settings import Settings

KEY_BYTES = 32
DERIVATION_INFO = b"points-mall digital codes"
MASK = "\u2022"  # a bullet: what staff see instead of a code's characters
SHOWN_TAIL = 2  # characters staff see at the end of a code, to tell two codes apart on the phone


def _derived_key(secret_key: str) -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=DERIVATION_INFO).derive(
        secret_key.encode()
    )
    return base64.urlsafe_b64encode(derived)


class CodeVault:
    """Seals and opens codes; one per process, built from settings."""

    def __init__(self, fernet_key: bytes) -> None:
        self._fernet = Fernet(fernet_key)
        self._fingerprint_key = hashlib.sha256(b"fingerprint:" + fernet_key).digest()

    @classmethod
    def from_keys(cls, digital_codes_key: str, secret_key: str) -> CodeVault:
        """The vault for the configured key; raises ValueError for a key that is not a Fernet key."""
        key = digital_codes_key.encode() if digital_codes_key else _derived_key(secret_key)
        return cls(key)

    def seal(self, code: str) -> str:
        return self._fernet.encrypt(code.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as error:  # another key: a misconfiguration, never shown as a code
            raise DomainError.single("code", "This code cannot be read with the mall's key.",
                                     FulfilmentErrorCode.INVALID) from error

    def fingerprint(self, code: str) -> str:
        return hmac.new(self._fingerprint_key, code.encode(), hashlib.sha256).hexdigest()


def masked(code: str) -> str:
    """What staff see: the length and the last characters, never the code."""
    tail = code[-SHOWN_TAIL:] if len(code) > 2 * SHOWN_TAIL else ""
    return MASK * (len(code) - len(tail)) + tail


def vault_for(settings: Settings) -> CodeVault:
    return CodeVault.from_keys(settings.digital_codes_key, settings.secret_key)
