"""Query plans: a validated query document turned, once, into the work each request repeats.

graphql-core decides afresh, for every field of every object of every request, which fields a selection
set holds, which resolver a field has, how to coerce its arguments and how to complete its value. On a
20-gift catalogue page that is 925 fields, and that bookkeeping, not our resolvers or the SQL, was three
quarters of the page's CPU. A plan makes those decisions when the document is first seen: per object type,
the fields in response order, each with a getter or resolver and a completer for its return type.
`runner.run_plan` then walks the plan.

A plan is made only for what it can answer exactly as graphql-core would; anything else (directives,
introspection) gets no plan, and the request runs on graphql-core.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from mall.graphql.limits import fragments_of
from mall.graphql.planned.hooks import PlannedObject, SourceField
from mall.graphql.planned.reuse import Reuse, ReusePolicy, variables_used

if TYPE_CHECKING:
    from strawberry import Schema as StrawberrySchema

    from mall.graphql.planned.runner import PlanRun

STRAWBERRY_DEFINITION = "strawberry-definition"  # where strawberry keeps a GraphQLField's own field
TEXT_SCALARS = (GraphQLString, GraphQLID)  # their output coercion is the identity on a str

# A completer turns a resolved value into its response value. Objects are answered with their (still
# empty) response dict and queued on `run` so their fields resolve with their siblings' (breadth first).
Completer = Callable[["PlanRun", Any, Any], Any]


class Unplannable(Exception):
    """The document uses something a plan does not answer; graphql-core runs it."""


class Declined(Exception):
    """This request strayed from what the plan answers (an error, a null in a non-null field, an
    awaitable where none is expected); nothing is returned and graphql-core runs it instead."""


class Site(NamedTuple):
    """Where a value is completed: what graphql-core's `info` for it is built from."""

    field_def: GraphQLField
    parent_type: GraphQLObjectType
    nodes: list[FieldNode]


@dataclass(slots=True, eq=False)
class DirectCall:
    """A strawberry resolver called as strawberry's wrapper would (`get_arguments`, then `get_result`),
    without the wrapper's per-call work: its arguments are converted once per request, not per object."""

    field: StrawberryField
    passes_self: bool
    source_names: tuple[str, ...]  # `root` / `parent` parameters: given the object
    info_name: str | None


@dataclass(slots=True, eq=False)
class FieldPlan:
    key: str
    field_nodes: list[FieldNode]
    field_def: GraphQLField | None  # None for __typename
    getter: Callable[[Any], Any] | None  # strawberry's basic fields: neither info nor arguments
    direct: DirectCall | None  # strawberry resolvers without extensions
    resolve: Callable[..., Any] | None  # every other field: called as graphql-core calls it
    complete: Completer
    leaf: bool  # a scalar or enum: completing it needs no response path
    typename: str | None = None


# Loads, for a whole round's objects of one type at once, what their selected fields will read: given the
# objects and the names of the fields selected on them (PlannedObject.prepare_batch, hooks.py).
Preparer = Callable[[list[Any], frozenset[str]], Awaitable[None]]


@dataclass(slots=True, eq=False)
class ObjectPlan:
    type: GraphQLObjectType
    fields: tuple[FieldPlan, ...]
    keys: tuple[str, ...]
    field_names: frozenset[str] = frozenset()  # the schema's names of `fields`, for `prepare`
    prepare: Preparer | None = None
    reuse: Reuse | None = None  # set when this selection's answers may be reused (reuse.py)


@dataclass(eq=False)
class Plan:
    schema: GraphQLSchema
    converter: GraphQLCoreConverter  # strawberry's: its scalars and config convert arguments
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    root: ObjectPlan


def make_plan(
    strawberry_schema: StrawberrySchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    reuse_policy: ReusePolicy | None = None,
) -> Plan | None:
    """The plan for one of the document's operations if it is a query, or None when graphql-core must run it.
    With a reuse policy, objects that offer a render key may have their answers reused (reuse.py)."""
    schema = strawberry_schema._schema
    if operation.operation.value != "query" or schema.query_type is None:
        return None
    converter = strawberry_schema.schema_converter
    fragments = fragments_of(document)
    builder = _Builder(
        schema, fragments, bool(getattr(converter, "_exception_handler_specs", True)), reuse_policy or {}
    )
    try:
        root = builder.object_plan(schema.query_type, [operation.selection_set])
    except Unplannable:
        return None
    return Plan(schema, converter, operation, fragments, root)


class _Builder:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        strawberry_handles_exceptions: bool,
        reuse_policy: ReusePolicy,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.strawberry_handles_exceptions = strawberry_handles_exceptions
        self.reuse_policy = reuse_policy

    def object_plan(self, object_type: GraphQLObjectType, selection_sets: list[SelectionSetNode]) -> ObjectPlan:
        grouped = self._grouped(object_type, selection_sets)
        fields = tuple(self._field_plan(object_type, key, nodes) for key, nodes in grouped.items())
        planned = _planned_origin(object_type)
        prepare = planned.prepare_batch if planned is not None else None
        reuse = None
        if planned is not None and self._reusable(object_type, grouped):
            nodes = [node for field_nodes in grouped.values() for node in field_nodes]
            reuse = Reuse(variables_used(nodes, self.fragments))
        names = frozenset(nodes[0].name.value for nodes in grouped.values())
        return ObjectPlan(object_type, fields, tuple(grouped), names, prepare, reuse)

    def _grouped(
        self, object_type: GraphQLObjectType, selection_sets: list[SelectionSetNode]
    ) -> dict[str, list[FieldNode]]:
        grouped: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()  # shared by the merged fields' selections, as graphql-core shares it
        for selection_set in selection_sets:
            self._collect(object_type, selection_set, grouped, visited)
        return grouped

    def _reusable(self, object_type: GraphQLObjectType, grouped: Mapping[str, list[FieldNode]]) -> bool:
        """Whether every field selected here and below may be reused, by the policy (reuse.py). A type
        with nothing selected on it (a fragment for another member of a union) answers `{}` whatever happens."""
        if not grouped:
            return True
        classified = self.reuse_policy.get(object_type.name)
        if classified is None:
            return False
        for nodes in grouped.values():
            name = nodes[0].name.value
            if name == "__typename":
                continue
            if name not in classified.reusable or name not in object_type.fields:
                return False
            named = get_named_type(object_type.fields[name].type)
            if is_leaf_type(named):
                continue
            sub_selections = [node.selection_set for node in nodes if node.selection_set is not None]
            possible = [named] if isinstance(named, GraphQLObjectType) else self.schema.get_possible_types(named)
            if not all(self._reusable(member, self._grouped(member, sub_selections)) for member in possible):
                return False
        return True

    def _collect(
        self, object_type: GraphQLObjectType, selection_set: SelectionSetNode,
        grouped: dict[str, list[FieldNode]], visited: set[str],
    ) -> None:
        """The spec's CollectFields, without directives (a document with any gets no plan)."""
        for selection in selection_set.selections:
            if selection.directives:
                raise Unplannable("directives")
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                grouped.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self._applies(condition.name.value, object_type):
                    self._collect(object_type, selection.selection_set, grouped, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited:
                    continue
                visited.add(name)
                fragment = self.fragments.get(name)
                if fragment is not None and self._applies(fragment.type_condition.name.value, object_type):
                    if fragment.variable_definitions:
                        raise Unplannable("fragment variables")
                    self._collect(object_type, fragment.selection_set, grouped, visited)

    def _applies(self, condition: str, object_type: GraphQLObjectType) -> bool:
        condition_type = self.schema.get_type(condition)
        if condition_type is object_type:
            return True
        return is_abstract_type(condition_type) and self.schema.is_sub_type(condition_type, object_type)

    def _field_plan(self, parent: GraphQLObjectType, key: str, nodes: list[FieldNode]) -> FieldPlan:
        name = nodes[0].name.value
        if name == "__typename":
            return FieldPlan(key, nodes, None, None, None, None, _constant, True, typename=parent.name)
        if name.startswith("__"):
            raise Unplannable("introspection")
        field_def = parent.fields.get(name)
        if field_def is None:
            raise Unplannable(f"unknown field {name}")
        complete = self.completer(field_def.type, Site(field_def, parent, nodes))
        leaf = is_leaf_type(get_named_type(field_def.type))
        getter = _basic_getter(field_def)
        if getter is not None:
            return FieldPlan(key, nodes, field_def, getter, None, None, complete, leaf)
        if field_def.resolve is None:
            raise Unplannable(f"{parent.name}.{name} has no resolver")
        direct = _direct_call(field_def, self.strawberry_handles_exceptions)
        return FieldPlan(key, nodes, field_def, None, direct, field_def.resolve, complete, leaf)

    def completer(self, return_type: GraphQLOutputType, site: Site) -> Completer:
        if isinstance(return_type, GraphQLNonNull):
            return _non_null(self.completer(return_type.of_type, site))
        if isinstance(return_type, GraphQLList):
            return _list_of(self.completer(return_type.of_type, site))
        if is_leaf_type(return_type):
            coerce = return_type.coerce_output_value
            return _text(coerce) if return_type in TEXT_SCALARS else _leaf(coerce)
        sub_selections = [node.selection_set for node in site.nodes if node.selection_set is not None]
        if isinstance(return_type, GraphQLObjectType):
            return _object(self.object_plan(return_type, sub_selections))
        if is_abstract_type(return_type):
            return _abstract(self, return_type, sub_selections, site)
        raise Unplannable(f"output type {return_type}")


def _planned_origin(object_type: GraphQLObjectType) -> type[PlannedObject] | None:
    """The strawberry class behind the type when it offers the planned executor's hooks (hooks.py)."""
    definition = object_type.extensions.get("strawberry-definition")
    origin = getattr(definition, "origin", None)
    return origin if isinstance(origin, type) and issubclass(origin, PlannedObject) else None


def _basic_getter(field_def: GraphQLField) -> Callable[[Any], Any] | None:
    """What strawberry's resolver for a basic field does, without its wrapper (`_get_basic_result`)."""
    if not getattr(field_def.resolve, "_is_default", False):
        return None
    strawberry_field = field_def.extensions.get(STRAWBERRY_DEFINITION)
    if not isinstance(strawberry_field, StrawberryField):
        return None
    plain_attribute = (
        strawberry_field.base_resolver is None
        and type(strawberry_field).get_result is StrawberryField.get_result
        and strawberry_field.default_resolver is getattr
    )
    if plain_attribute:
        return attrgetter(strawberry_field.python_name)
    if isinstance(strawberry_field, SourceField):  # its value is a function of its object alone (hooks.py)
        return strawberry_field.source_getter()
    get_result = strawberry_field.get_result
    return lambda source: get_result(source, None, [], {})


def _direct_call(field_def: GraphQLField, strawberry_handles_exceptions: bool) -> DirectCall | None:
    """Only for resolvers strawberry would call plainly: no field extensions (permissions are one), no
    exception handlers."""
    strawberry_field = field_def.extensions.get(STRAWBERRY_DEFINITION)
    if strawberry_handles_exceptions or not isinstance(strawberry_field, StrawberryField):
        return None
    resolver = strawberry_field.base_resolver
    if resolver is None or strawberry_field.extensions:
        return None
    source_names = tuple(
        parameter.name for parameter in (resolver.parent_parameter, resolver.root_parameter) if parameter is not None
    )
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
    return DirectCall(strawberry_field, resolver.self_parameter is not None, source_names, info_name)


# Completers ---------------------------------------------------------------------------------------


def _constant(run: PlanRun, value: Any, path: Any) -> Any:
    return value


def _text(coerce: Callable[[Any], Any]) -> Completer:
    def complete(run: PlanRun, value: Any, path: Any) -> Any:
        if value is None or value.__class__ is str:
            return value
        return _coerce(coerce, value)

    return complete


def _leaf(coerce: Callable[[Any], Any]) -> Completer:
    def complete(run: PlanRun, value: Any, path: Any) -> Any:
        return None if value is None else _coerce(coerce, value)

    return complete


def _coerce(coerce: Callable[[Any], Any], value: Any) -> Any:
    try:
        coerced = coerce(value)
    except Exception as error:
        raise Declined("leaf coercion failed") from error
    if coerced is None or coerced is Undefined:
        raise Declined("leaf coerced to null")
    return coerced


def _non_null(inner: Completer) -> Completer:
    def complete(run: PlanRun, value: Any, path: Any) -> Any:
        if value is None:
            raise Declined("null in a non-null field")
        return inner(run, value, path)

    return complete


def _list_of(inner: Completer) -> Completer:
    def complete(run: PlanRun, value: Any, path: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
            raise Declined("list field resolved to a non-list")
        items = []
        for index, item in enumerate(value):
            if run.is_awaitable(item):
                raise Declined("awaitable list item")
            items.append(inner(run, item, run.item_path(path, index)))
        return items

    return complete


def _object(plan: ObjectPlan) -> Completer:
    is_type_of = plan.type.is_type_of

    def complete(run: PlanRun, value: Any, path: Any) -> Any:
        if value is None:
            return None
        if is_type_of is not None and not is_type_of(value, None):
            raise Declined(f"not a {plan.type.name}")
        return run.queue(value, plan, path)

    return complete


def _abstract(
    builder: _Builder, abstract_type: GraphQLAbstractType, sub_selections: list[SelectionSetNode], site: Site
) -> Completer:
    """Plans per runtime type, made when a value of that type is first seen (a union can have dozens)."""
    plans: dict[str, ObjectPlan] = {}

    def complete(run: PlanRun, value: Any, path: Any) -> Any:
        if value is None:
            return None
        name = run.runtime_type_name(abstract_type, value, site, path)
        plan = plans.get(name)
        if plan is None:
            runtime_type = builder.schema.get_type(name)
            if not isinstance(runtime_type, GraphQLObjectType) or not builder.schema.is_sub_type(
                abstract_type, runtime_type
            ):
                raise Declined(f"{name} is not a possible type of {abstract_type.name}")
            try:
                plan = plans[name] = builder.object_plan(runtime_type, sub_selections)
            except Unplannable as error:
                raise Declined(str(error)) from error
        return run.queue(value, plan, path)

    return complete
