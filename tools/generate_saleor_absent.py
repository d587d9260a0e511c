"""Writes mall/graphql/saleor_absent/generated.py: the Saleor types and root fields a Saleor client sends
that the mall lacks.

Run from the repository root, with Saleor's SDL and the folders of the client's operations:

    python -m tools.generate_saleor_absent --write SCHEMA.graphql OPERATIONS_DIR...

(`--write` replaces mall/graphql/saleor_absent/generated.py and runs `ruff check --fix` on it; without it the
module is printed.) Nothing else to do by hand: the mall's side is read from its own roots
(mall.graphql.schema.OwnQuery/OwnMutation), never from the previous output, so two runs write the same
module, and a field or type the mall now serves itself simply stops being generated.

What is generated is what the operations use: each missing object type with the fields they select (and
every argument Saleor declares), every input type they can reach in full, every enum. Types the mall already
has are referenced lazily (`strawberry.lazy`): the mall's own definition stays the one the schema uses.
Root fields answer as a mall without the concept truthfully does (mall/graphql/saleor_absent/answers.py).
Existing types that lack a field the operations select are listed on stderr, for a hand-written resolver.
Regenerate (never edit `generated.py` by hand) when the operations or the mall's schema move.
"""

from __future__ import annotations

import keyword
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    get_named_type,
    parse,
    visit,
)
from graphql.pyutils import Undefined
from strawberry.schema.config import StrawberryConfig

from mall.graphql.scalars import SCALAR_MAP

SCALARS = {
    "ID": "strawberry.ID", "String": "str", "Int": "int", "Float": "float", "Boolean": "bool",
    "DateTime": "datetime", "Date": "date", "UUID": "UUID", "JSONString": "JSONString",
    "JSON": "strawberry.scalars.JSON",
    "Decimal": "SaleorDecimal", "PositiveDecimal": "PositiveDecimal", "PositiveInt": "PositiveInt",
    "Metadata": "Metadata", "Upload": "Upload", "WeightScalar": "WeightScalar", "GenericScalar": "GenericScalar",
    "Minute": "int", "Hour": "int", "Day": "int",
}
LOCAL_INTERFACES = {"Node": "Node", "ObjectWithMetadata": "ObjectWithMetadata"}  # from mall.graphql.common
ROOTS = ("Query", "Mutation")
GENERATED_PACKAGE = "mall.graphql.saleor_absent"
# Modules below this package that import none of the types here (others are named lazily: no import cycles)
SHARED_MODULES = frozenset({"mall.graphql.common", "mall.graphql.connection", "mall.graphql.enums",
                            "mall.graphql.inputs", "mall.graphql.scalars"})


@dataclass
class Needs:
    """What the operations use, by Saleor's schema: named types, and fields per type."""

    types: set[str] = field(default_factory=set)
    fields: dict[str, set[str]] = field(default_factory=dict)


def used_by(saleor: GraphQLSchema, folders: list[Path]) -> Needs:
    needs = Needs()

    class Collect(Visitor):
        def __init__(self, info: TypeInfo) -> None:
            super().__init__()
            self.info = info

        def enter_field(self, node: Any, *_: Any) -> None:
            parent = self.info.get_parent_type()
            if parent is not None and node.name.value != "__typename":
                needs.fields.setdefault(parent.name, set()).add(node.name.value)
                definition = self.info.get_field_def()
                if definition is not None:
                    needs.types.add(get_named_type(definition.type).name)

        def enter_named_type(self, node: Any, *_: Any) -> None:
            needs.types.add(node.name.value)

    for folder in folders:
        for path in sorted(folder.rglob("*.graphql")):
            info = TypeInfo(saleor)
            visit(parse(path.read_text()), TypeInfoVisitor(info, Collect(info)))
    return needs


@cache
def own_schema() -> strawberry.Schema:
    """The mall's schema without this package's root fields and listed types: what the mall answers itself.
    Built from the mall's own roots (mall.graphql.schema.OwnQuery/OwnMutation), never from the previous run's
    output, so that two runs over the same inputs write the same module."""
    from mall.graphql.schema import OwnMutation, OwnQuery, own_types

    return strawberry.Schema(query=OwnQuery, mutation=OwnMutation, types=own_types(),
                             config=StrawberryConfig(scalar_map=SCALAR_MAP))


@cache
def own_introspection() -> dict[str, Any]:
    """Introspected once: each introspection of the whole schema takes seconds."""
    return own_schema().introspect()["__schema"]  # type: ignore[no-any-return]


def ours() -> tuple[dict[str, tuple[str, str] | None], set[str]]:
    """The mall's own types: name -> (module, attribute) (None for scalars and unions); and the types of this
    package the mall's own modules use (they are generated whether or not the operations name them)."""
    from mall.graphql.saleor_absent import generated

    found: dict[str, tuple[str, str] | None] = {}
    borrowed: set[str] = set()
    for name, concrete in own_schema().schema_converter.type_map.items():
        definition = concrete.definition
        origin = getattr(definition, "origin", None) or getattr(definition, "wrapped_cls", None)
        if origin is None or not hasattr(origin, "__name__"):
            if name in vars(generated):  # a union of this package's (e.g. UserOrApp), used by the mall's code
                borrowed.add(name)
            else:
                found[name] = None
            continue
        if origin.__module__.startswith(GENERATED_PACKAGE):
            borrowed.add(name)
            continue
        where = _home_of(origin)
        if where is None:  # the mall has it: generating it again would declare the type twice
            raise SystemExit(f"the mall's type {name} ({origin.__module__}.{origin.__name__}) is bound to no "
                             "module attribute: bind it to one, so that generated types can name it lazily")
        found[name] = where
    return found, borrowed


def _home_of(origin: Any) -> tuple[str, str] | None:
    module = sys.modules.get(origin.__module__)
    if module is not None and getattr(module, origin.__name__, None) is origin:
        return origin.__module__, origin.__name__
    for name, candidate in list(sys.modules.items()):
        if name.split(".")[0] not in {"mall", "catalog", "orders", "fulfilment", "settlement", "bank_link",
                                      "partners", "ledger", "loyalty", "cases", "kernel"}:
            continue
        for attribute, value in list(vars(candidate).items()):
            if value is origin:
                return name, attribute
    return None


def root_fields_of_ours() -> dict[str, set[str]]:
    introspection = own_introspection()
    names = {"Query": introspection["queryType"]["name"], "Mutation": introspection["mutationType"]["name"]}
    types = {t["name"]: t for t in introspection["types"]}
    return {root: {f["name"] for f in types[name]["fields"]} for root, name in names.items()}


# How Saleor's SDL states a field's permissions (its descriptions have a typo or two: "of of")
PERMISSIONS_SENTENCE = re.compile(r"Requires (?:one of the following|of of the following|the following) "
                                  r"permissions: ([A-Z_]+(?:, [A-Z_]+)*)")


def required_permissions(definition: GraphQLField) -> tuple[str, ...]:
    """The permissions Saleor asks of a root field, one of which the caller must hold (none: anyone)."""
    found = PERMISSIONS_SENTENCE.search(definition.description or "")
    return tuple(found.group(1).split(", ")) if found else ()


def snake(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return text + "_" if keyword.iskeyword(text) or text in {"id", "type", "input", "filter", "format"} else text


class Writer:
    def __init__(self, saleor: GraphQLSchema, needs: Needs, existing: dict[str, tuple[str, str] | None],
                 existing_roots: dict[str, set[str]]) -> None:
        self.saleor = saleor
        self.needs = needs
        self.existing = existing
        self.existing_roots = existing_roots
        self.missing: set[str] = set()
        self.lazy: dict[str, tuple[str, str]] = {}
        self.imported: dict[str, tuple[str, str]] = {}
        self.fieldless_errors: set[str] = set()  # refusal errors Saleor gives no `field`: the mall adds one
        self.lines: list[str] = []

    # ---- which types
    def close(self, borrowed: set[str]) -> None:
        self._refusals_need_errors()
        self.needs.types |= borrowed
        pending = [name for name in self.needs.types if name not in self.existing and name not in ROOTS]
        for root in ROOTS:
            for name in self.needs.fields.get(root, set()) - self.existing_roots[root]:
                pending.append(get_named_type(self._root(root).fields[name].type).name)
                pending.extend(self._arg_types(self._root(root).fields[name]))
        for type_name, names in self.needs.fields.items():  # the arguments of the mall's own types' fields too
            kind = self.saleor.get_type(type_name)
            if type_name in self.existing and isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
                for name in names & set(kind.fields):
                    pending.extend(self._arg_types(kind.fields[name]))
        while pending:
            name = pending.pop()
            if name in self.missing or name in self.existing or name in SCALARS or name.startswith("__"):
                continue
            self.missing.add(name)
            kind = self.saleor.get_type(name)
            if isinstance(kind, GraphQLInputObjectType):
                pending.extend(get_named_type(f.type).name for f in kind.fields.values())
            elif isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
                for field_name in self._selected(kind):
                    definition = kind.fields[field_name]
                    pending.append(get_named_type(definition.type).name)
                    pending.extend(self._arg_types(definition))
                pending.extend(i.name for i in kind.interfaces if i.name in self.needs.types)
            elif isinstance(kind, GraphQLUnionType):
                pending.extend(t.name for t in kind.types if t.name in self.needs.types)

    def _refusals_need_errors(self) -> None:
        """A refused mutation answers `errors { field message code }`, selected or not."""
        for name in self.needs.fields.get("Mutation", set()) - self.existing_roots["Mutation"]:
            payload = get_named_type(self._root("Mutation").fields[name].type)
            assert isinstance(payload, GraphQLObjectType)
            self.needs.fields.setdefault(payload.name, set()).add("errors")
            error = get_named_type(payload.fields["errors"].type)
            self.needs.types.add(error.name)
            assert isinstance(error, GraphQLObjectType)
            wanted = {"field", "message", "code"} & set(error.fields)
            self.needs.fields.setdefault(error.name, set()).update(wanted)
            if "field" not in error.fields:
                self.fieldless_errors.add(error.name)
            self.needs.types.add(get_named_type(error.fields["code"].type).name)

    def _root(self, root: str) -> GraphQLObjectType:
        kind = self.saleor.get_type(root)
        assert isinstance(kind, GraphQLObjectType)
        return kind

    @staticmethod
    def _arg_types(definition: GraphQLField) -> list[str]:
        return [get_named_type(a.type).name for a in definition.args.values()]

    def _selected(self, kind: GraphQLObjectType | GraphQLInterfaceType) -> list[str]:
        wanted = set(self.needs.fields.get(kind.name, set()))
        for interface in kind.interfaces:  # an interface's selected fields are selected on its types too
            wanted |= self.needs.fields.get(interface.name, set()) & set(kind.fields)
        if "id" in kind.fields:
            wanted.add("id")
        return sorted(wanted & set(kind.fields))

    # ---- annotations
    def ref(self, kind: Any, nullable_default: bool = True) -> str:
        if isinstance(kind, GraphQLNonNull):
            return self._bare(kind.of_type)
        return f"{self._bare(kind)} | None"

    def _bare(self, kind: Any) -> str:
        if isinstance(kind, GraphQLNonNull):
            return self._bare(kind.of_type)
        if isinstance(kind, GraphQLList):
            return f"list[{self.ref(kind.of_type)}]"
        name = kind.name
        if name in SCALARS:
            return SCALARS[name]
        if name in self.missing:
            return name
        where = self.existing.get(name)
        if where is None:
            raise SystemExit(f"no Python home for the mall's type {name}")
        if where[0] in SHARED_MODULES:  # the GraphQL conventions below this package: imported
            self.imported[name] = where
            return name if where[1] == name else f"{where[1]}"
        self.lazy[name] = where  # a domain's, above this package: named lazily
        return f"Lazy{name}"

    # ---- emitting
    def emit(self) -> str:
        body: list[str] = []
        for name in sorted(self.missing, key=self._order):
            kind = self.saleor.get_type(name)
            if isinstance(kind, GraphQLEnumType):
                body += self._enum(kind)
        for name in sorted(self.missing):
            kind = self.saleor.get_type(name)
            if isinstance(kind, GraphQLInputObjectType):
                body += self._input(kind)
            elif isinstance(kind, GraphQLObjectType):
                body += self._object(kind)
            elif isinstance(kind, GraphQLInterfaceType):
                body += self._interface(kind)
            elif isinstance(kind, GraphQLScalarType) and name not in SCALARS:
                raise SystemExit(f"unknown scalar {name}")
        unions = [self._union(self.saleor.get_type(n)) for n in sorted(self.missing)
                  if isinstance(self.saleor.get_type(n), GraphQLUnionType)]
        roots = self._roots()
        return "\n".join(self._head() + body + [u for group in unions for u in group] + roots) + "\n"

    @staticmethod
    def _order(name: str) -> str:
        return name

    def _head(self) -> list[str]:
        lines = [
            '"""GENERATED by tools/generate_saleor_absent.py from Saleor 3.24\'s SDL and the Saleor',
            "Dashboard's operations: do not edit, regenerate. Saleor's types for concepts a points mall lacks (gift",
            "cards, vouchers, promotions, shipping zones, taxes, apps, webhooks, plugins ...) and the root fields",
            'that answer for them truthfully (answers.py). No row of these types exists, so nothing resolves their',
            'fields; they exist so that Saleor clients\' documents validate."""',
            "",
            "from __future__ import annotations",
            "",
            "from datetime import date, datetime",
            "from typing import Annotated, Union",
            "from uuid import UUID",
            "",
            "import strawberry",
            "",
            "from mall.graphql.common import Node, ObjectWithMetadata",
            "from mall.graphql.saleor_absent.answers import (",
            "    absent_connection, absent_enum, never_resolved, refusal_codes, refused, settings_of,",
            ")",
            "from mall.graphql.scalars import (",
            "    GenericScalar, JSONString, Metadata, PositiveDecimal, PositiveInt, SaleorDecimal, Upload,",
            "    WeightScalar,",
            ")",
            "from mall.graphql.context import Info",
            "",
        ]
        for module in sorted({module for module, _ in self.imported.values()}):
            names = sorted({attribute for m, attribute in self.imported.values() if m == module})
            lines.append(f"from {module} import {', '.join(names)}")
        for name, (module, attribute) in sorted(self.lazy.items()):
            lines.append(f'Lazy{name} = Annotated["{attribute}", strawberry.lazy("{module}")]')
        return [*lines, ""]

    def _enum(self, kind: GraphQLEnumType) -> list[str]:
        values = ", ".join(f'"{v}"' for v in kind.values)
        return [f'{kind.name} = absent_enum("{kind.name}", ({values},))', ""]

    def _field_line(self, name: str, annotation: str, nullable: bool) -> str:
        # every field has a default: payloads are built with their errors only, other types never
        default = "default_factory=list, " if annotation.startswith("list[") else "default=None, "
        return f'    {snake(name)}: {annotation} = strawberry.field({default}name="{name}")'

    def _input(self, kind: GraphQLInputObjectType) -> list[str]:
        lines = ["", f'@strawberry.input(name="{kind.name}")', f"class {kind.name}:"]
        required = [(n, f) for n, f in kind.fields.items() if isinstance(f.type, GraphQLNonNull)
                    and f.default_value is Undefined]
        optional = [(n, f) for n, f in kind.fields.items() if (n, f) not in required]
        for name, definition in required:
            lines.append(f'    {snake(name)}: {self.ref(definition.type)} = strawberry.field(name="{name}")')
        for name, definition in optional:
            annotation = self.ref(definition.type)
            annotation += "" if annotation.endswith("| None") else " | None"
            lines.append(f'    {snake(name)}: {annotation} = strawberry.field(default=strawberry.UNSET, '
                         f'name="{name}")')
        return [*lines, ""]

    def _bases(self, kind: GraphQLObjectType) -> str:
        bases = [LOCAL_INTERFACES[i.name] for i in kind.interfaces if i.name in LOCAL_INTERFACES
                 and i.name in self.existing]
        bases += [i.name for i in kind.interfaces if i.name in self.missing]
        return f"({', '.join(bases)})" if bases else ""

    def _object(self, kind: GraphQLObjectType) -> list[str]:
        lines = ["", f'@strawberry.type(name="{kind.name}")', f"class {kind.name}{self._bases(kind)}:"]
        inherited = {f for i in kind.interfaces if i.name in LOCAL_INTERFACES for f in
                     ({"id"} if i.name == "Node" else {"metadata", "metafield", "metafields", "privateMetadata",
                                                         "privateMetafield", "privateMetafields"})}
        selected = [n for n in self._selected(kind) if n not in inherited]
        for name in selected:
            lines += self._member(name, kind.fields[name])
        if kind.name in self.fieldless_errors:  # every mall error names its field (null here), as clients select
            lines.append('    field: str | None = strawberry.field(default=None, name="field", description="Points '
                         'mall: always null.")')
        if len(lines) == 3:
            lines.append("    pass")
        return [*lines, ""]

    def _interface(self, kind: GraphQLInterfaceType) -> list[str]:
        lines = ["", f'@strawberry.interface(name="{kind.name}")', f"class {kind.name}:"]
        for name in self._selected(kind):
            lines += self._member(name, kind.fields[name])
        return [*lines, ""]

    def _member(self, name: str, definition: GraphQLField) -> list[str]:
        annotation = self.ref(definition.type)
        if not definition.args:
            nullable = not isinstance(definition.type, GraphQLNonNull)
            return [self._field_line(name, annotation, nullable)]
        args = self._args(definition)
        return [f'    @strawberry.field(name="{name}")',
                f"    def {snake(name)}(self{args}) -> {annotation}:",
                "        return never_resolved()"]

    def _args(self, definition: GraphQLField) -> str:
        parts = []
        for arg_name, arg in definition.args.items():
            annotation = self.ref(arg.type)
            # strawberry cannot name a required argument's type lazily: such an argument is declared optional
            lazy_required = annotation.startswith("Lazy") or "[Lazy" in annotation
            if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined and not lazy_required:
                parts.append(f', {snake(arg_name)}: Annotated[{annotation}, strawberry.argument(name="{arg_name}")]')
            else:
                annotation += "" if annotation.endswith("| None") else " | None"
                parts.append(f', {snake(arg_name)}: Annotated[{annotation}, strawberry.argument(name="{arg_name}")]'
                             " = None")
        required = [p for p in parts if not p.endswith("= None")]
        optional = [p for p in parts if p.endswith("= None")]
        return "".join(required + optional)

    def _union(self, kind: Any) -> list[str]:
        members = [t.name for t in kind.types if t.name in self.needs.types]
        names = ", ".join(m if m in self.missing else self._bare(t) for m, t in
                          ((t.name, t) for t in kind.types if t.name in members))
        return [f'{kind.name} = Annotated[Union[{names}], strawberry.union("{kind.name}")]', ""]

    def _roots(self) -> list[str]:
        lines: list[str] = []
        for root, mixin in (("Query", "SaleorAbsentQueries"), ("Mutation", "SaleorAbsentMutations")):
            names = sorted(self.needs.fields.get(root, set()) - self.existing_roots[root])
            lines += ["", "@strawberry.type", f"class {mixin}:"]
            decorator = "strawberry.field" if root == "Query" else "strawberry.mutation"
            asynchronous = "async " if root == "Mutation" else ""  # a mutation awaits its permission check
            for name in names:
                definition = self._root(root).fields[name]
                returns = self.ref(definition.type)
                signature = f"def {snake(name)}(self, info: Info{self._args(definition)}) -> {returns}:"
                lines += [f'    @{decorator}(name="{name}")', f"    {asynchronous}{signature}",
                          f"        return {self._answer(root, name, definition)}", ""]
            lines.append(f"{mixin.upper()} = ({', '.join(repr(n) for n in names)},)")
            if root == "Mutation":  # what each refusal asks of its caller first (for tests' expectations)
                needs = (f"{n!r}: {required_permissions(self._root(root).fields[n])!r}" for n in names)
                lines.append(f"SALEORABSENTPERMISSIONS: dict[str, tuple[str, ...]] = {{{', '.join(needs)}}}")
        refusal_enums = sorted({m.group(1) for m in re.finditer(r"refused\(info, \([^)]*\), \w+, \w+, (\w+),",
                                                                 "\n".join(lines))
                                if m.group(1) in self.missing})
        lines += ["", "# How each refusal's codes are declared (mall/graphql/error_codes.py): the enum's own members"]
        lines += [f"{name}s = refusal_codes({name})" for name in refusal_enums]
        objects = sorted(n for n in self.missing if isinstance(self.saleor.get_type(n), GraphQLObjectType))
        lines += ["", "# every object type, for the schema's `types`: some are reached only through an interface",
                  f"GENERATED_TYPES = ({', '.join(objects)},)"]
        return lines

    def _answer(self, root: str, name: str, definition: GraphQLField) -> str:
        kind = get_named_type(definition.type)
        if root == "Mutation":
            errors = kind.fields["errors"].type  # type: ignore[union-attr]
            error_type = get_named_type(errors)
            code = get_named_type(error_type.fields["code"].type)  # type: ignore[union-attr]
            targets = "id" in definition.args or "ids" in definition.args
            types = f"{kind.name}, {self._bare(error_type)}, {self._bare(code)}"
            return f'await refused(info, {required_permissions(definition)!r}, {types}, "{name}", ' \
                   f'targets_rows={targets})'
        if isinstance(getattr(definition.type, "of_type", definition.type), GraphQLList) or \
                isinstance(definition.type, GraphQLList):
            return "[]"
        if isinstance(definition.type, GraphQLNonNull) and isinstance(kind, GraphQLObjectType):
            return f"settings_of({self._bare(kind)})"
        if kind.name.endswith("CountableConnection"):
            return f"absent_connection({self._bare(kind)})"
        return "None"


TARGET = Path(__file__).resolve().parent.parent / "mall" / "graphql" / "saleor_absent" / "generated.py"


def main(argv: list[str]) -> int:
    write = argv[:1] == ["--write"]
    argv = argv[1:] if write else argv
    saleor = build_schema(Path(argv[0]).read_text())
    needs = used_by(saleor, [Path(p) for p in argv[1:]])
    existing, borrowed = ours()
    writer = Writer(saleor, needs, existing, root_fields_of_ours())
    writer.close(borrowed)
    text = writer.emit()
    for type_name in sorted(needs.fields):
        if type_name in existing and type_name not in ROOTS:
            kind = saleor.get_type(type_name)
            have = _fields_of_ours(type_name)
            lacking = sorted(needs.fields[type_name] - have) if have is not None else []
            if lacking and isinstance(kind, GraphQLNamedType):
                print(f"{type_name} lacks: {' '.join(lacking)}", file=sys.stderr)
    if not write:
        sys.stdout.write(text)
        return 0
    TARGET.write_text(text)
    # ruff sorts and wraps the imports (its per-file settings for this module apply at this path)
    return subprocess.run(["ruff", "check", "--fix", "--quiet", str(TARGET)], check=False).returncode


def _fields_of_ours(type_name: str) -> set[str] | None:
    for kind in own_introspection()["types"]:
        if kind["name"] == type_name:
            return {f["name"] for f in (kind.get("fields") or kind.get("inputFields") or [])}
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
