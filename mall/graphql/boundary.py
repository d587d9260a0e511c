"""The input boundary: every string a request carries is checked here, once, before any resolver runs.

Input reaches resolvers two ways: literals written in the document, and variables. Where each sits and what
type it has is worked out once per document and operation (`operation_inputs`, cached with the parsed
document); each request then walks only its variables' values (`refusals`). The rules for a string are in
`input_rules`; IDs are bounded here like any string and parsed by `ids`, which refuses keys no column holds.

What a refusal becomes:
- in the arguments of a root mutation field: that mutation's payload `errors` (`field`, `message`, code
  INVALID), Saleor's way, and its resolver does not run (`MutationInputGuard`);
- anywhere else (queries, nested fields' arguments): the request is answered with top-level errors and
  HTTP 400, as a variable of the wrong type is, and nothing runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    visit,
)
from graphql.language import (
    ArgumentNode,
    FieldNode,
    ObjectFieldNode,
    StringValueNode,
    VariableDefinitionNode,
    VariableNode,
)
from strawberry.extensions import FieldExtension
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField
from strawberry.types.lazy_type import LazyType

from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes
from mall.graphql.errors import DomainError, ErrorDetail
from mall.graphql.input_rules import (
    ID_LIMIT,
    JSON_TEXT_LIMIT,
    MAX_INPUT_DEPTH,
    error_field_name,
    text_limit,
    text_problem,
)
from mall.graphql.mutations import refused

# Scalars whose value is a JSON document (inside a string for JSONString): every string in it is checked.
JSON_VALUE_SCALARS = frozenset({"JSON", "GenericScalar", "Metadata"})
TOO_DEEP = "The input is nested too deeply."


@dataclass(frozen=True)
class Refusal:
    """One refused value: `field` is the argument or input field holding it (Saleor's `field`)."""

    field: str
    message: str


@dataclass(frozen=True)
class VariableSite:
    """A place a variable is used: its type there, the field it fills and the mutation it belongs to."""

    variable: str
    type: GraphQLInputType
    field: str
    parent: str | None  # the input object type holding `field`; None for an argument
    mutation_key: str | None  # response key of the root mutation field whose argument holds it


@dataclass(frozen=True)
class OperationInputs:
    """Where an operation takes input; refusals are grouped by mutation key (None: not a mutation's)."""

    variable_sites: tuple[VariableSite, ...] = ()
    literal_refusals: tuple[tuple[str | None, Refusal], ...] = ()


def operation_inputs(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode
) -> OperationInputs:
    """The operation's variable sites, and its literals refused already (they are the same every time)."""
    fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    type_info = TypeInfo(schema)
    collector = _InputCollector(type_info, operation.operation == OperationType.MUTATION)
    visit(DocumentNode(definitions=(operation, *fragments)), TypeInfoVisitor(type_info, collector))
    return OperationInputs(tuple(collector.sites), tuple(collector.literal_refusals))


def refusals(inputs: OperationInputs, variables: dict[str, Any]) -> dict[str | None, list[Refusal]]:
    """Every refused value of this request, by mutation key (None: outside a root mutation's arguments)."""
    found: dict[str | None, list[Refusal]] = {}
    for key, refusal in inputs.literal_refusals:
        _add(found, key, refusal)
    for site in inputs.variable_sites:
        for refusal in check_value(variables.get(site.variable), site.type, site.field, site.parent):
            _add(found, site.mutation_key, refusal)
    return found


def _add(found: dict[str | None, list[Refusal]], key: str | None, refusal: Refusal) -> None:
    listed = found.setdefault(key, [])
    if refusal not in listed:
        listed.append(refusal)


def check_value(
    value: Any, type_: GraphQLInputType, field: str, parent: str | None, depth: int = 0
) -> Iterator[Refusal]:
    """The refusals of a variable's value (JSON as sent) of `type_`, filling `field` of `parent`."""
    if value is None:
        return
    if depth > MAX_INPUT_DEPTH:
        yield Refusal(field, TOO_DEEP)
        return
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        # A single value where a list is expected is coerced to a list of one, so it is checked the same.
        for item in value if isinstance(value, list) else [value]:
            yield from check_value(item, type_.of_type, field, parent, depth + 1)
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, dict):
            for name, input_field in type_.fields.items():
                if name in value:
                    yield from check_value(value[name], input_field.type, name, type_.name, depth + 1)
    elif isinstance(type_, GraphQLScalarType):
        yield from _check_scalar(value, type_.name, field, parent, depth)


def _check_scalar(value: Any, scalar: str, field: str, parent: str | None, depth: int) -> Iterator[Refusal]:
    """Other scalars (numbers, dates, UUIDs, uploads) are refused by their own parsing when malformed."""
    if scalar in ("String", "ID"):
        if isinstance(value, str):
            problem = text_problem(value, ID_LIMIT if scalar == "ID" else text_limit(field, parent))
            if problem is not None:
                yield Refusal(error_field_name(field, parent), problem)
    elif scalar == "JSONString":
        yield from _check_json_string(value, field, depth)
    elif scalar in JSON_VALUE_SCALARS:
        yield from _check_json(value, field, depth)


def _check_json_string(value: Any, field: str, depth: int) -> Iterator[Refusal]:
    if not isinstance(value, str):
        yield from _check_json(value, field, depth)  # the scalar also takes the decoded value
        return
    problem = text_problem(value, JSON_TEXT_LIMIT)
    if problem is not None:
        yield Refusal(field, problem)
        return
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        return  # not JSON: the scalar refuses it
    # Escapes such as \u0000 are clean text here and a NUL once decoded, which PostgreSQL's JSON refuses.
    yield from _check_json(decoded, field, depth)


def _check_json(value: Any, field: str, depth: int) -> Iterator[Refusal]:
    if depth > MAX_INPUT_DEPTH:
        yield Refusal(field, TOO_DEEP)
    elif isinstance(value, str):
        problem = text_problem(value, JSON_TEXT_LIMIT)
        if problem is not None:
            yield Refusal(field, problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _check_json(key, field, depth + 1)
            yield from _check_json(item, field, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _check_json(item, field, depth + 1)


class _InputCollector(Visitor):
    """Visits an operation (and its document's fragments) with TypeInfo, noting each variable's use and
    refusing literal strings on the spot."""

    def __init__(self, type_info: TypeInfo, in_mutation: bool) -> None:
        super().__init__()
        self.type_info = type_info
        self.in_mutation = in_mutation
        self.sites: list[VariableSite] = []
        self.literal_refusals: list[tuple[str | None, Refusal]] = []
        # (field, parent input type) of each argument or input field entered, innermost last
        self.names: list[tuple[str, str | None]] = []
        self.fields: list[FieldNode] = []
        self.in_fragment = False
        self.in_definition = False

    def _mutation_key(self) -> str | None:
        """The root mutation field whose argument is being visited, if that is where we are."""
        if not self.in_mutation or self.in_fragment or len(self.fields) != 1:
            return None
        root = self.fields[0]
        return root.alias.value if root.alias else root.name.value

    def enter_fragment_definition(self, *_: Any) -> None:
        self.in_fragment = True

    def leave_fragment_definition(self, *_: Any) -> None:
        self.in_fragment = False

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        self.fields.append(node)

    def leave_field(self, *_: Any) -> None:
        self.fields.pop()

    def enter_variable_definition(self, node: VariableDefinitionNode, *_: Any) -> None:
        self.in_definition = True  # its variable is a declaration; its default value is a literal
        self.names.append((node.variable.name.value, None))

    def leave_variable_definition(self, *_: Any) -> None:
        self.in_definition = False
        self.names.pop()

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self.names.append((node.name.value, None))

    def leave_argument(self, *_: Any) -> None:
        self.names.pop()

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        parent = get_named_type(self.type_info.get_parent_input_type())
        if isinstance(parent, GraphQLInputObjectType):
            self.names.append((node.name.value, parent.name))
        else:  # a key inside a JSON literal: refusals name the field holding the JSON
            self.names.append(self.names[-1] if self.names else (node.name.value, None))

    def leave_object_field(self, *_: Any) -> None:
        self.names.pop()

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        input_type = self.type_info.get_input_type()
        if self.in_definition or not self.names or input_type is None:
            return
        name, parent = self.names[-1]
        self.sites.append(VariableSite(node.name.value, input_type, name, parent, self._mutation_key()))

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        name, parent = self.names[-1] if self.names else ("input", None)
        scalar = get_named_type(self.type_info.get_input_type())
        # Strings inside a JSON literal have no input type of their own: they are JSON content.
        scalar_name = scalar.name if isinstance(scalar, GraphQLScalarType) else "JSON"
        for refusal in _check_scalar(node.value, scalar_name, name, parent, 0):
            self.literal_refusals.append((self._mutation_key(), refusal))


class MutationInputGuard(FieldExtension):
    """On every root mutation field (`guard_mutations`): when the request's input for this field was refused,
    answers the payload with those refusals as `errors` (code INVALID) and the resolver never runs."""

    def resolve(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        refused = self._refused(info)
        return refused if refused is not None else next_(source, info, **kwargs)

    async def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        refused = self._refused(info)
        return refused if refused is not None else await next_(source, info, **kwargs)

    def _refused(self, info: Info) -> Any:
        found = info.context.input_refusals.get(str(info.path.key))
        if not found:
            return None
        payload_type, error_type, code_enum = _payload_types(self.field)
        # The refusals name API fields and the payload's own INVALID: nothing to translate.
        code = refusal_code(code_enum)
        failure = DomainError(*(ErrorDetail(r.field, r.message, code) for r in found))
        return refused(payload_type, error_type, ErrorCodes(code_enum), failure)

    def apply(self, field: StrawberryField) -> None:
        self.field = field


def _payload_types(mutation: StrawberryField) -> tuple[type, type, Any]:
    """A mutation's payload class, the class of its `errors` items and their code enum."""
    payload_type = _resolved(getattr(mutation.type, "of_type", mutation.type))
    errors = payload_type.__strawberry_definition__.get_field("errors")
    error_type = _resolved(errors.type.of_type)  # type: ignore[union-attr]
    code = error_type.__strawberry_definition__.get_field("code")
    return payload_type, error_type, _resolved(code.type).wrapped_cls


def _resolved(annotation: Any) -> Any:
    """The type itself, also when it is named lazily (`strawberry.lazy`, across layers) or nullable."""
    annotation = (
        getattr(annotation, "of_type", annotation) if isinstance(annotation, StrawberryOptional) else annotation
    )
    return annotation.resolve_type() if isinstance(annotation, LazyType) else annotation


def refusal_code(code_enum: Any) -> Any:
    """The code refused input is answered with: INVALID, or GRAPHQL_ERROR in the few Saleor enums without
    it (promotionDelete, promotionRuleDelete: Saleor answers malformed input there with GRAPHQL_ERROR)."""
    members = code_enum.__members__
    return members.get("INVALID") or members.get("GRAPHQL_ERROR")


def guard_mutations(mutation_type: type, refusing_all: frozenset[str] = frozenset()) -> None:
    """Put the guard on each field of the root Mutation type (once; call before building the schema).
    `refusing_all` names mutations that read no input and refuse every call (Saleor's concepts a points mall
    lacks): there is nothing to guard, and some of their error enums have no INVALID.

    Raises TypeError for a mutation whose payload has no `errors` list of Saleor-style errors with a code
    INVALID: a refused input could not be reported there."""
    for mutation in mutation_type.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        if mutation.python_name in refusing_all or mutation.graphql_name in refusing_all:
            continue
        payload_type, _, code_enum = _payload_types(mutation)
        if refusal_code(code_enum) is None:
            raise TypeError(f"{payload_type.__name__} errors have no INVALID code")
        if not any(isinstance(extension, MutationInputGuard) for extension in mutation.extensions):
            mutation.extensions.append(MutationInputGuard())
