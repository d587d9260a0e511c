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
from mall.graphql.planned.reuse import RenderedObjects

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
    def __init__(
        self,
        plan: Plan,
        executor: Executor,
        rendered: RenderedObjects | None = None,
        raw_variables: dict[str, Any] | None = None,
    ) -> None:
        self.plan = plan
        self.executor = executor
        self.is_awaitable = executor.is_awaitable
        self.queued: list[Queued] = []
        self.arguments: dict[FieldPlan, dict[str, Any]] = {}
        self.converted: dict[FieldPlan, dict[str, Any]] = {}  # the same, as strawberry hands them to resolvers
        self.rendered = rendered if rendered is not None and rendered.enabled else None
        self.to_keep: list[tuple[Any, dict[str, Any]]] = []  # (reuse key, answer) of objects rendered here
        self.raw_variables = raw_variables or {}  # as the request sent them: JSON values, cheap to key on
        self.selection_keys: dict[ObjectPlan, Any] = {}

    async def run(self) -> dict[str, Any]:
        """The response's data. Resolvers see `context.prepared_by_plan` (a round's objects of a type with
        `prepare_batch` are prepared together, so lists need not prefetch for them) and
        `context.reuses_rendered` (rendered answers may be reused: lists read render keys)."""
        context = self.executor.context_value
        context.prepared_by_plan, context.reuses_rendered = True, self.rendered is not None
        try:
            data = self.queue(self.executor.root_value, self.plan.root, None)
            while self.queued:
                current, self.queued = self.queued, []
                if self.rendered is not None:
                    current = self._reuse_rendered(current)
                await self._prepare(current)
                waiting = self._resolve_round(current)
                if waiting:
                    await self._settle(waiting)
        finally:
            context.prepared_by_plan = context.reuses_rendered = False
        self._keep_rendered()
        return data

    def _resolve_round(self, current: list[Queued]) -> list[Waiting]:
        """Resolve every field of the round's objects; the awaitables among them are returned to settle."""
        waiting: list[Waiting] = []
        try:
            for source, object_plan, response, path in current:
                self._resolve_fields(source, object_plan, response, path, waiting)
        except Declined:
            _discard(waiting)
            raise
        return waiting

    def _reuse_rendered(self, current: list[Queued]) -> list[Queued]:
        """Fill in the objects answered before (reuse.py); the rest are rendered and kept at the end."""
        assert self.rendered is not None
        to_render = []
        for item in current:
            source, object_plan, response, _ = item
            # Only a PlannedObject's plan has `reuse` (plans.py), and its objects are of that type.
            render_key = source.reuse_key() if object_plan.reuse is not None else None
            if render_key is None:
                to_render.append(item)
                continue
            key = (object_plan, self._selection_key(object_plan), render_key)
            answer = self.rendered.get(key)
            if answer is None:
                self.to_keep.append((key, response))
                to_render.append(item)
            else:
                response.update(answer)
        return to_render

    def _selection_key(self, object_plan: ObjectPlan) -> Any:
        """Once per request and object plan: every object at that place shares the variables."""
        key = self.selection_keys.get(object_plan)
        if key is None:
            key = self.selection_keys[object_plan] = object_plan.reuse.selection_key(self.raw_variables)  # type: ignore[union-attr]
        return key

    def _keep_rendered(self) -> None:
        """Only after the whole run succeeded: by then every kept object's answer is complete."""
        if self.rendered is not None:
            for key, response in self.to_keep:
                self.rendered.put(key, response)

    async def _prepare(self, current: list[Queued]) -> None:
        batches: dict[ObjectPlan, list[Any]] = {}
        for source, object_plan, _, _ in current:
            if object_plan.prepare is not None:
                batches.setdefault(object_plan, []).append(source)
        if not batches:
            return
        try:
            await asyncio.gather(*(plan.prepare(sources, plan.field_names) for plan, sources in batches.items()))  # type: ignore[misc]
        except Exception as error:
            raise Declined("preparing a batch failed") from error

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
