"""Input types shared by several domains."""

from __future__ import annotations

import strawberry


@strawberry.input
class MetadataInput:
    key: str = strawberry.field(description="Key of a metadata item.")
    value: str = strawberry.field(description="Value of a metadata item.")


def metadata_dict(items: list[MetadataInput] | None) -> dict[str, str] | None:
    if items is None:
        return None
    return {item.key: item.value for item in items}
