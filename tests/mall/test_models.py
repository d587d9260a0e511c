"""Model rules the database imposes that tortoise does not check."""

from __future__ import annotations

import ast
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


def _chain_root(node: ast.expr) -> str | None:
    """The name a call chain starts from: `Model` in `Model.filter(...).select_related(...)`."""
    while isinstance(node, ast.Call | ast.Attribute | ast.Await):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def select_related_calls(path: Path) -> list[tuple[str, str]]:
    """(model, relation) of every `Model....select_related("relation", ...)` chain in a file."""
    tree = ast.parse(path.read_text())
    # Imported under another name (`import VoucherChannelListing as VoucherChannelListingModel`): the model's own
    renamed = {alias.asname: alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               for alias in node.names if alias.asname}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "select_related":
            root = _chain_root(node.func.value)
            found += [(renamed.get(root, root), arg.value) for arg in node.args
                      if root and isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return found


def test_no_code_joins_a_relation_whose_aliases_postgres_truncates():
    # given
    too_long = relations_with_truncated_aliases()

    # when
    offenders = [
        f"{path}: {model}.select_related({relation!r})"
        for folder in SOURCE_FOLDERS
        for path in Path(folder).rglob("*.py")
        for model, relation in select_related_calls(path)
        if (model, relation.split("__")[0]) in too_long
    ]

    # then
    assert too_long == {("CollectionChannelListing", "collection"), ("ProductVariantChannelListing", "variant"),
                        ("CheckoutConfirmation", "user"), ("ShippingMethodTranslation", "shipping_method"),
                        ("VoucherChannelListing", "voucher"), ("AssignedVariantAttributeValue", "variant"),
                        ("AttributeTranslation", "attribute")}
    assert offenders == []
