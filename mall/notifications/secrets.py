"""What a message tells its member alone (a digital gift's code), opened by the worker at send time.

A secret never sits in clear in the database: the outbox row of an e-mail or a text message that carries
one holds a `Secret` (which source opens it, and a reference such as an order line's id) and the template's
other parameters; the delivery handler asks the source for the secret's parameters just before it sends,
renders the message in memory and hands it to the provider (mall/notifications/delivery.py). The in-mall
inbox never carries a secret: whoever holds a session would read it there.

Sources live above this package (fulfilment opens gift codes), so the worker hands them to the delivery
handlers by name (mall.worker); a message naming a source the worker lacks fails and is retried, never
sent without its secret.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mall.notifications.templates import Language

# Opens the secret a reference names, in the member's language: the template parameters it fills, or None
# when there is nothing to tell any more (the gift's codes were withdrawn before the message went).
SecretSource = Callable[[str, Language], Awaitable[dict[str, str] | None]]
SecretSources = Mapping[str, SecretSource]


@dataclass(frozen=True)
class Secret:
    source: str  # the name the worker registers the opening source under ("digital_line")
    reference: str  # what that source opens: an id, never the secret itself

    def as_payload(self) -> dict[str, str]:
        return {"source": self.source, "reference": self.reference}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Secret:
        return cls(str(payload["source"]), str(payload["reference"]))
