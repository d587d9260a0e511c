"""Codes at rest: sealed with Fernet (AES-128-CBC + HMAC-SHA256) under the mall's digital codes key.

A stolen database dump holds no usable code. The keys come from settings (`DIGITAL_CODES_KEY`: one Fernet
key, or several separated by commas, the first sealing and every one opening, so a key can be replaced
without a moment when stored codes cannot be read). A key derived from `SECRET_KEY` (HKDF) always opens
too, last: it seals when no key is set, so a laptop works with no extra setting, and a mall that starts
setting its own key still reads what it sealed before. `mall digital rotate-key` re-seals every code under
the first key (fulfilment.digital.rotation); after it, older keys can be dropped from the setting.

Each key also keys a fingerprint that spots a code uploaded twice without decrypting the pool. A row's
fingerprint is made with the key that sealed it (`key_id` names that key), so lookups try the fingerprint
under every key: while a rotation is half done, rows of both keys are found.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fulfilment.errors import FulfilmentErrorCode
from kernel.errors import DomainError
from mall.settings import Settings

KEY_BYTES = 32
DERIVATION_INFO = b"points-mall digital codes"
KEY_ID_CHARACTERS = 16  # of a SHA-256 hex digest: names a key on a row without revealing anything of it
MASK = "\u2022"  # a bullet: what staff see instead of a code's characters
SHOWN_TAIL = 2  # characters staff see at the end of a code, to tell two codes apart on the phone


def _derived_key(secret_key: str) -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=DERIVATION_INFO).derive(
        secret_key.encode()
    )
    return base64.urlsafe_b64encode(derived)


def key_id_of(fernet_key: bytes) -> str:
    """A short public name of a key, stored beside each code it sealed (a rotation finds what is left)."""
    return hashlib.sha256(b"key-id:" + fernet_key).hexdigest()[:KEY_ID_CHARACTERS]


def configured_keys(digital_codes_key: str, secret_key: str) -> list[bytes]:
    """The keys in the order they are tried: those set (the first seals), then the derived one."""
    keys = [part.strip().encode() for part in digital_codes_key.split(",") if part.strip()]
    keys.append(_derived_key(secret_key))
    return list(dict.fromkeys(keys))  # the derived key may be set explicitly too


class CodeVault:
    """Seals and opens codes; one per process, built from settings."""

    def __init__(self, fernet_keys: list[bytes]) -> None:
        if not fernet_keys:
            raise ValueError("A code vault needs at least one key.")
        self._fernet = MultiFernet([Fernet(key) for key in fernet_keys])  # ValueError for a malformed key
        self._fingerprint_keys = [hashlib.sha256(b"fingerprint:" + key).digest() for key in fernet_keys]
        self.key_id = key_id_of(fernet_keys[0])

    @classmethod
    def from_keys(cls, digital_codes_key: str, secret_key: str) -> CodeVault:
        """The vault for the configured keys; raises ValueError for a key that is not a Fernet key."""
        return cls(configured_keys(digital_codes_key, secret_key))

    def seal(self, code: str) -> str:
        return self._fernet.encrypt(code.encode()).decode()

    def sealed_fields(self, code: str) -> dict[str, str]:
        """What a `DigitalCode` row stores of a code: sealed under the current key, its fingerprint, the key."""
        return {"sealed": self.seal(code), "fingerprint": self.fingerprint(code), "key_id": self.key_id}

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as error:  # a key no longer configured: a misconfiguration, never shown as a code
            raise DomainError.single("code", "This code cannot be read with the mall's keys.",
                                     FulfilmentErrorCode.INVALID) from error

    def fingerprint(self, code: str) -> str:
        """The fingerprint stored with a code sealed now (under the current key)."""
        return self._fingerprint_under(self._fingerprint_keys[0], code)

    def fingerprints(self, code: str) -> list[str]:
        """The code's fingerprint under every key: what to look a code up by while rows of older keys remain."""
        return [self._fingerprint_under(key, code) for key in self._fingerprint_keys]

    @staticmethod
    def _fingerprint_under(key: bytes, code: str) -> str:
        return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def masked(code: str) -> str:
    """What staff see: the length and the last characters, never the code."""
    tail = code[-SHOWN_TAIL:] if len(code) > 2 * SHOWN_TAIL else ""
    return MASK * (len(code) - len(tail)) + tail


def vault_for(settings: Settings) -> CodeVault:
    return CodeVault.from_keys(settings.digital_codes_key, settings.secret_key)
