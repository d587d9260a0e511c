"""Limits checked before execution (answered with HTTP 400): cost, depth, aliases, mutations per document.

Cost follows Saleor's model: each object-returning field costs 1, multiplied by the `first`/`last`/`limit`
of itself and of every ancestor, so `products(first: 100) { edges { node { variants(first: 50) } } }`
costs 100 + 100*50. Connection plumbing (`edges`, `node`, `pageInfo`) is free, as in Saleor's cost map.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    get_named_type,
    is_composite_type,
    value_from_ast_untyped,
)

from mall.graphql.errors import QueryCostError

META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}
FREE_FIELDS = frozenset({"edges", "node", "pageInfo", "__typename"})
MULTIPLIER_ARGUMENTS = ("first", "last", "limit")
FRAGMENT_RECURSION_LIMIT = 50


@dataclass(frozen=True)
class Limits:
    max_cost: int
    max_depth: int
    max_aliases: int
    max_mutations: int


@dataclass
class Measure:
    cost: int = 0
    depth: int = 0


def select_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        for operation in operations:
            if operation.name and operation.name.value == operation_name:
                return operation
        raise GraphQLError(f"Unknown operation named '{operation_name}'.")
    if len(operations) != 1:
        raise GraphQLError("Must provide operation name if query contains multiple operations.")
    return operations[0]


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    """The document's fragment definitions by name."""
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


class _Walker:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any]) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = fragments_of(document)
        self.measure = Measure()

    def multiplier(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value in MULTIPLIER_ARGUMENTS:
                value = value_from_ast_untyped(argument.value, self.variables)
                if isinstance(value, int) and value > 0:
                    return value
        return 1

    def walk(self, selection_set: SelectionSetNode | None, parent: Any, factor: int, depth: int, hops: int = 0) -> None:
        if selection_set is None or hops > FRAGMENT_RECURSION_LIMIT:
            return
        self.measure.depth = max(self.measure.depth, depth)
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                self.walk_field(selection, parent, factor, depth)
            elif isinstance(selection, InlineFragmentNode):
                target = self.type_named(selection.type_condition.name.value) if selection.type_condition else parent
                self.walk(selection.selection_set, target, factor, depth, hops + 1)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    target = self.type_named(fragment.type_condition.name.value)
                    self.walk(fragment.selection_set, target, factor, depth, hops + 1)

    def walk_field(self, node: FieldNode, parent: Any, factor: int, depth: int) -> None:
        definition = META_FIELDS.get(node.name.value) or (getattr(parent, "fields", None) or {}).get(node.name.value)
        if definition is None:
            return
        field_type = get_named_type(definition.type)
        own = factor * self.multiplier(node)
        if is_composite_type(field_type) and node.name.value not in FREE_FIELDS:
            self.measure.cost += own
        self.walk(node.selection_set, field_type, own, depth + 1)

    def type_named(self, name: str) -> Any:
        return self.schema.type_map.get(name)


def measure(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: dict[str, Any]
) -> Measure:
    walker = _Walker(schema, document, variables)
    root: GraphQLObjectType | None = schema.get_root_type(operation.operation)
    walker.walk(operation.selection_set, root, 1, 1)
    return walker.measure


def count_aliases(document: DocumentNode) -> int:
    count = 0

    def visit(selection_set: SelectionSetNode | None) -> None:
        nonlocal count
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode) and selection.alias is not None:
                count += 1
            visit(getattr(selection, "selection_set", None))

    for definition in document.definitions:
        visit(getattr(definition, "selection_set", None))
    return count


def check_static_limits(document: DocumentNode, limits: Limits) -> list[GraphQLError]:
    """Limits that depend only on the document (cacheable with it)."""
    errors = []
    if count_aliases(document) > limits.max_aliases:
        errors.append(GraphQLError(f"Number of aliases exceed the limit of {limits.max_aliases}"))
    for definition in document.definitions:
        is_mutation = isinstance(definition, OperationDefinitionNode) and definition.operation.value == "mutation"
        if is_mutation and len(definition.selection_set.selections) > limits.max_mutations:
            errors.append(GraphQLError(f"Number of mutations exceed the limit of {limits.max_mutations}"))
    return errors


def check_cost_and_depth(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict[str, Any],
    limits: Limits,
) -> tuple[int, list[GraphQLError]]:
    result = measure(schema, document, operation, variables)
    errors: list[GraphQLError] = []
    if limits.max_cost and result.cost > limits.max_cost:
        errors.append(
            QueryCostError(f"The query exceeds the maximum cost of {limits.max_cost}. Actual cost is {result.cost}")
        )
    if result.depth > limits.max_depth:
        errors.append(GraphQLError(f"The query exceeds the maximum depth of {limits.max_depth}."))
    return result.cost, errors
