"""Model rules the database imposes that tortoise does not check."""

from __future__ import annotations

import re
from pathlib import Path

from tortoise import Tortoise

POSTGRES_IDENTIFIER_LIMIT = 63
SOURCE_FOLDERS = ("mall", "catalog", "orders", "fulfilment", "bank_link", "partners", "ledger", "settlement",
                  "loyalty", "cases")


def relations_with_truncated_aliases() -> set[tuple[str, str]]:
    """(model, relation) whose select_related column aliases ("<table>__<relation>.<column>") PostgreSQL
    would cut to 63 characters: the joined model then silently misses those columns."""
    found = set()
    for models in Tortoise.apps.values():
        for model in models.values():
            for name in model._meta.fk_fields | model._meta.o2o_fields:
                related = model._meta.fields_map[name].related_model
                aliases = (f"{model._meta.db_table}__{name}.{c}" for c in related._meta.fields_db_projection.values())
                if any(len(alias) > POSTGRES_IDENTIFIER_LIMIT for alias in aliases):
                    found.add((model.__name__, name))
    return found


def test_no_code_joins_a_relation_whose_aliases_postgres_truncates():
    # given
    too_long = relations_with_truncated_aliases()
    pattern = re.compile(r"select_related\(([^)]*)\)")

    # when
    offenders = [
        f"{path}: {model}.{call}"
        for folder in SOURCE_FOLDERS
        for path in Path(folder).rglob("*.py")
        for model, name in too_long
        if f"{model}." in (text := path.read_text())
        for call in pattern.findall(text)
        if f'"{name}"' in call
    ]

    # then
    assert too_long == {("CollectionChannelListing", "collection"), ("ProductVariantChannelListing", "variant"),
                        ("CheckoutConfirmation", "user"), ("ShippingMethodTranslation", "shipping_method"),
                        ("VoucherChannelListing", "voucher")}
    assert offenders == []
