"""Planned execution of catalogue reads: the same answers as graphql-core's executor for a fraction of
its per-field cost (see plans.py for why, runner.py for how)."""

from __future__ import annotations

import logging
from typing import Any

from graphql import DocumentNode, GraphQLSchema
from graphql.execution import Executor

from mall.graphql.planned.plans import Declined, Plan, make_plan
from mall.graphql.planned.reuse import RenderedObjects, ReusePolicy
from mall.graphql.planned.runner import PlanRun

__all__ = ["Plan", "RenderedObjects", "ReusePolicy", "make_plan", "run_plan"]

log = logging.getLogger("mall.graphql.planned")


async def run_plan(
    plan: Plan,
    executor_class: type[Executor],
    schema: GraphQLSchema,
    document: DocumentNode,
    context: Any,
    variables: dict[str, Any],
    rendered: RenderedObjects | None = None,
) -> dict[str, Any] | None:
    """The response's `data`, or None when graphql-core must answer instead (bad variables, an error,
    anything the plan does not expect)."""
    operation_name = plan.operation.name.value if plan.operation.name else None
    executor = executor_class.build(
        schema, document, context_value=context, raw_variable_values=variables, operation_name=operation_name
    )
    if not isinstance(executor, Executor):
        return None
    try:
        return await PlanRun(plan, executor, rendered, variables).run()
    except Declined as declined:
        log.debug("plan declined %s: %s", operation_name, declined)
        return None
