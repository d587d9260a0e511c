"""Running a plan: breadth first, one round per depth of the response.

Each round resolves every field of every object queued at that depth, then awaits all their awaitables
together, so a page's DataLoader calls for one field are batched into one query whatever the page size
(graphql-core batches them too, by gathering siblings; a round is the same batch with less bookkeeping).

The runner answers only when the request goes exactly as planned. Any error, a null in a non-null field,
or a value the plan does not expect raises `Declined`, and the caller runs graphql-core instead, which
reports errors with their paths and nulls exactly as the spec says. Plans are only made for catalogue
reads, which write nothing, so running one twice is harmless.
"""

from __future__ import annotations

import asyncio
from typing import Any

from graphql import GraphQLAbstractType, get_argument_values
from graphql.execution import Executor
from graphql.pyutils import Path
from strawberry.types.arguments import convert_arguments

from mall.graphql.planned.plans import Declined, DirectCall, FieldPlan, ObjectPlan, Plan, Site

# Values that are never awaitable: most resolved values, so they skip the awaitable check.
PLAIN_TYPES = frozenset({str, int, float, bool, type(None), list, tuple, dict})

# A response path as plain nested tuples (previous, key, type name), the shape of graphql-core's `Path`
# but several times cheaper to make; turned into `Path`s only for the few resolvers that get `info`.
Trail = tuple[Any, str | int, str | None] | None
Queued = tuple[Any, ObjectPlan, dict[str, Any], Trail]
Waiting = tuple[Any, FieldPlan, dict[str, Any], Trail]


def as_path(trail: Trail) -> Path | None:
    if trail is None:
        return None
    previous, key, type_name = trail
    return Path(as_path(previous), key, type_name)


class PlanRun:
    def __init__(self, plan: Plan, executor: Executor) -> None:
        self.plan = plan
        self.executor = executor
        self.is_awaitable = executor.is_awaitable
        self.queued: list[Queued] = []
        self.arguments: dict[FieldPlan, dict[str, Any]] = {}
        self.converted: dict[FieldPlan, dict[str, Any]] = {}  # the same, as strawberry hands them to resolvers

    async def run(self) -> dict[str, Any]:
        data = self.queue(self.executor.root_value, self.plan.root, None)
        while self.queued:
            current, self.queued = self.queued, []
            waiting: list[Waiting] = []
            try:
                for source, object_plan, response, path in current:
                    self._resolve_fields(source, object_plan, response, path, waiting)
            except Declined:
                _discard(waiting)
                raise
            if waiting:
                await self._settle(waiting)
        return data

    def queue(self, value: Any, object_plan: ObjectPlan, path: Trail) -> dict[str, Any]:
        """An object to resolve in the next round; its response dict is filled in then, in field order."""
        response = dict.fromkeys(object_plan.keys)
        self.queued.append((value, object_plan, response, path))
        return response

    @staticmethod
    def item_path(path: Trail, index: int) -> Trail:
        return None if path is None else (path, index, None)

    def runtime_type_name(self, abstract_type: GraphQLAbstractType, value: Any, site: Site, path: Trail) -> str:
        info = self.executor.build_resolve_info(site.field_def, site.nodes, site.parent_type, as_path(path))
        resolve_type = abstract_type.resolve_type or self.executor.type_resolver
        try:
            name = resolve_type(value, info, abstract_type)
        except Exception as error:
            raise Declined("type resolution failed") from error
        if not isinstance(name, str):
            raise Declined("type resolution did not name a type")
        return name

    def _resolve_fields(
        self, source: Any, object_plan: ObjectPlan, response: dict[str, Any], path: Trail,
        waiting: list[Waiting],
    ) -> None:
        type_name = object_plan.type.name
        for field in object_plan.fields:
            field_path = None if field.leaf and field.resolve is None else (path, field.key, type_name)
            try:
                if field.getter is not None:
                    value = field.getter(source)
                elif field.direct is not None:
                    value = self._call_direct(field, field.direct, object_plan, source, field_path)
                elif field.resolve is not None:
                    value = self._call_resolver(field, object_plan, source, field_path)
                else:
                    value = field.typename
            except Declined:
                raise
            except Exception as error:
                raise Declined(f"{type_name}.{field.key} raised") from error
            if value.__class__ in PLAIN_TYPES or not self.is_awaitable(value):
                response[field.key] = field.complete(self, value, field_path)
            else:
                waiting.append((value, field, response, field_path))

    def _call_resolver(self, field: FieldPlan, object_plan: ObjectPlan, source: Any, path: Trail) -> Any:
        info = self.executor.build_resolve_info(field.field_def, field.field_nodes, object_plan.type, as_path(path))
        return field.resolve(source, info, **self._arguments(field))  # type: ignore[misc]

    def _call_direct(
        self, field: FieldPlan, direct: DirectCall, object_plan: ObjectPlan, source: Any, path: Trail
    ) -> Any:
        converted = self.converted.get(field)
        info = None
        if converted is None or direct.info_name is not None:
            raw_info = self.executor.build_resolve_info(
                field.field_def, field.field_nodes, object_plan.type, as_path(path)
            )
            info = self.plan.converter.config.info_class(_raw_info=raw_info, _field=direct.field)
        if converted is None:
            converted = self.converted[field] = convert_arguments(
                self._arguments(field), direct.field.arguments,
                scalar_registry=self.plan.converter.scalar_registry, config=self.plan.converter.config, info=info,
            )
        kwargs = dict(converted)
        for name in direct.source_names:
            kwargs[name] = source
        if direct.info_name is not None:
            kwargs[direct.info_name] = info
        return direct.field.get_result(source, info, [source] if direct.passes_self else [], kwargs)

    def _arguments(self, field: FieldPlan) -> dict[str, Any]:
        """Coerced once per request and field: every object at that place in the response shares them."""
        arguments = self.arguments.get(field)
        if arguments is None:
            node = field.field_nodes[0]
            field_def = field.field_def
            needed = field_def is not None and (field_def.args or node.arguments)
            arguments = get_argument_values(field_def, node, self.executor.variable_values) if needed else {}
            self.arguments[field] = arguments
        return arguments

    async def _settle(self, waiting: list[Waiting]) -> None:
        values = await asyncio.gather(*(item[0] for item in waiting), return_exceptions=True)
        for (_, field, response, path), value in zip(waiting, values, strict=True):
            if isinstance(value, BaseException):
                raise Declined(f"{field.key} raised") from value
            response[field.key] = field.complete(self, value, path)


def _discard(waiting: list[Waiting]) -> None:
    """Close the coroutines a declined round started, so none is left never awaited."""
    for awaitable, *_ in waiting:
        close = getattr(awaitable, "close", None)
        if close is not None:
            close()
