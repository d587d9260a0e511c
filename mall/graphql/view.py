"""`/graphql/` over HTTP, Saleor's way: POST JSON, GET GraphiQL, 200 when the document ran, 400 when not.

Parsing, validation and the document-only limits are cached per query text (validation is the largest
per-request cost); cost and depth depend on variables and are measured per request.
"""

from __future__ import annotations

import inspect
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import orjson
import strawberry
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    execute,
    parse,
    specified_rules,
    validate,
)
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from mall.accounts.auth import read_bearer
from mall.graphql.boundary import OperationInputs, Refusal, operation_inputs, refusals
from mall.graphql.context import Context
from mall.graphql.errors import exception_code
from mall.graphql.limits import Limits, check_cost_and_depth, check_static_limits, select_operation
from mall.graphql.multipart import InvalidMultipart, is_multipart, read_multipart
from mall.graphql.planned import Plan, RenderedObjects, ReusePolicy, make_plan, run_plan
from mall.graphql.response_cache import ResponseCache, changes_catalogue, depends_on_caller, is_cacheable
from mall.rule_versions import RuleCache, begin_request, end_request
from mall.settings import Settings

DOCUMENT_CACHE_SIZE = 1024
log = logging.getLogger("mall.graphql")


@dataclass(frozen=True)
class Prepared:
    document: DocumentNode | None
    errors: list[GraphQLError]
    # Query plans by operation name, made on the operation's first run (None: graphql-core runs it).
    plans: dict[str | None, Plan | None] = field(default_factory=dict)
    # Where each operation takes input (mall/graphql/boundary.py), worked out on its first run.
    inputs: dict[str | None, OperationInputs] = field(default_factory=dict)


class DocumentCache:
    """Parsed and validated documents by query text; a bounded LRU."""

    def __init__(self, schema: GraphQLSchema, limits: Limits, size: int = DOCUMENT_CACHE_SIZE) -> None:
        self.schema = schema
        self.limits = limits
        self.size = size
        self.entries: OrderedDict[str, Prepared] = OrderedDict()

    def get(self, query: str) -> Prepared:
        entry = self.entries.get(query)
        if entry is None:
            entry = self.entries[query] = self._prepare(query)
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        else:
            self.entries.move_to_end(query)
        return entry

    def _prepare(self, query: str) -> Prepared:
        try:
            document = parse(query, max_tokens=20_000)
        except GraphQLError as error:
            return Prepared(None, [error])
        errors = validate(self.schema, document, specified_rules, max_errors=50)
        if not errors:
            errors = check_static_limits(document, self.limits)
        return Prepared(document, list(errors))


def format_error(error: GraphQLError, debug: bool) -> dict[str, Any]:
    """Saleor's error shape; unexpected exceptions are masked unless DEBUG is on."""
    original = error.original_error
    unexpected = original is not None and not isinstance(original, GraphQLError)
    formatted: dict[str, Any] = {"message": error.message}
    if unexpected and not debug:
        formatted["message"] = "Internal Server Error"
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        formatted["path"] = list(error.path)
    formatted["extensions"] = {"exception": {"code": exception_code(error)}}
    return formatted


def _refusal_error(refusal: Refusal) -> dict[str, Any]:
    message = f'Invalid value for "{refusal.field}": {refusal.message}'
    return {"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}


def json_response(payload: Any, status_code: int = 200) -> Response:
    return Response(orjson.dumps(payload), status_code=status_code, media_type="application/json")


def bad_request(message: str, status_code: int = 400) -> Response:
    error = {"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}
    return json_response({"errors": [error]}, status_code)


async def _sees_catalogue_as_member(context: Context) -> bool:
    """True for a signed-in member; False for staff, apps and tokens that fail (their error is reported by
    the fields that need the caller, outside the cache)."""
    try:
        principal = await context.principal()
    except GraphQLError:
        return False
    return principal.app is None and principal.user is not None and not principal.is_staff


class GraphQLView:
    def __init__(
        self, schema: strawberry.Schema, settings: Settings, reuse_policy: ReusePolicy | None = None
    ) -> None:
        """`reuse_policy`: which objects' rendered answers plans may reuse (none without one)."""
        self.strawberry_schema = schema
        self.schema: GraphQLSchema = schema._schema
        self.settings = settings
        self.limits = Limits(
            max_cost=settings.max_query_cost,
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_aliases,
            max_mutations=settings.max_mutations,
        )
        self.executor_class = schema.execution_context_class
        self.documents = DocumentCache(self.schema, self.limits)
        self.cache = ResponseCache(settings.response_cache_seconds)
        self.rendered = RenderedObjects(settings.render_cache_entries, settings.render_cache_seconds)
        self.reuse_policy = reuse_policy
        self.rules = RuleCache()  # this worker's copies of the pricing rules (mall/rule_versions.py)

    async def handle(self, request: Request) -> Response:
        if request.method == "GET":
            return HTMLResponse(graphiql_page())
        limit = self.settings.max_upload_bytes if is_multipart(request) else self.settings.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:  # refuse before reading it into memory
            return bad_request("Request body too large.", 413)
        body = await request.body()
        if len(body) > limit:
            return bad_request("Request body too large.", 413)
        try:
            data = await read_multipart(request) if is_multipart(request) else self._read_body(request, body)
        except InvalidMultipart as error:
            return bad_request(str(error))
        except ValueError:
            return bad_request("Unable to parse query.")
        if isinstance(data, list):
            if len(data) > self.settings.max_batch:
                return bad_request("Number of batch queries exceeded.")
            results = [await self.run(request, item) for item in data]
            status = 400 if any(code == 400 for _, code in results) else 200
            return json_response([payload for payload, _ in results], status)
        payload, status = await self.run(request, data)
        return json_response(payload, status)

    @staticmethod
    def _read_body(request: Request, body: bytes) -> Any:
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type == "application/graphql":
            return {"query": body.decode()}
        data = orjson.loads(body)
        if not isinstance(data, dict | list):
            raise ValueError("body must be an object or a list")
        return data

    async def run(self, request: Request, data: Any) -> tuple[dict[str, Any], int]:
        begin_request(self.rules)  # the request's pricing rules: this worker's copies, checked once
        try:
            return await self._run(request, data)
        finally:
            end_request()

    async def _run(self, request: Request, data: Any) -> tuple[dict[str, Any], int]:
        if not isinstance(data, dict):
            return {"errors": [{"message": "Unable to parse query."}]}, 400
        query = data.get("query")
        if not isinstance(query, str) or not query.strip():
            return {"errors": [{"message": "Must provide a query string."}]}, 400
        variables = data.get("variables") or {}
        if not isinstance(variables, dict):
            return {"errors": [{"message": "Variables must be an object."}]}, 400
        prepared = self.documents.get(query)
        if prepared.errors or prepared.document is None:
            return self._invalid(prepared.errors), 400
        try:
            operation = select_operation(prepared.document, data.get("operationName"))
        except GraphQLError as error:
            return self._invalid([error]), 400
        cost, limit_errors = check_cost_and_depth(self.schema, prepared.document, operation, variables, self.limits)
        if limit_errors:
            return self._invalid(limit_errors), 400
        found = refusals(self._inputs(prepared, operation), variables)
        if found.get(None):  # refused input outside a root mutation's arguments: nothing runs
            return {"errors": [_refusal_error(refusal) for refusal in found[None]]}, 400
        context = self._context(request)
        # Each mutation whose arguments were refused answers them in its payload.
        context.input_refusals = {key: listed for key, listed in found.items() if key is not None}
        plan = self._plan(prepared, operation)
        cache_key = await self._cache_key(context, operation, query, variables, data.get("operationName"))
        if cache_key is None:
            payload, status = await self._execute(context, prepared.document, operation, variables, cost, plan)
            if changes_catalogue(operation):
                self.cache.clear()  # this process shows catalogue changes at once, others within the TTL
            return payload, status
        return await self.cache.get_or_compute(
            cache_key, lambda: self._execute(context, prepared.document, operation, variables, cost, plan),
            lambda: not context.varies_by_caller,
        )

    def _inputs(self, prepared: Prepared, operation: OperationDefinitionNode) -> OperationInputs:
        name = operation.name.value if operation.name else None
        inputs = prepared.inputs.get(name)
        if inputs is None and prepared.document is not None:
            inputs = prepared.inputs[name] = operation_inputs(self.schema, prepared.document, operation)
        return inputs or OperationInputs()

    def _plan(self, prepared: Prepared, operation: OperationDefinitionNode) -> Plan | None:
        """Catalogue reads (the hot documents, and ones that write nothing, so a declined plan can be
        rerun on graphql-core) get a plan, made once per document and operation."""
        if not self.settings.planned_execution or not is_cacheable(operation) or prepared.document is None:
            return None
        name = operation.name.value if operation.name else None
        if name not in prepared.plans:
            prepared.plans[name] = make_plan(self.strawberry_schema, prepared.document, operation, self.reuse_policy)
        return prepared.plans[name]

    async def _cache_key(
        self, context: Context, operation: OperationDefinitionNode, query: str, variables: dict[str, Any],
        operation_name: Any,
    ) -> tuple[str, bytes, str] | None:
        """Catalogue reads are shared between callers who see the catalogue alike: anonymous visitors and
        signed-in members (visibility rules treat them the same, catalog/visibility.py). Staff and apps,
        whose view depends on their permissions and partner scope, are never served from the cache."""
        if not self.cache.enabled or not is_cacheable(operation) or depends_on_caller(query):
            return None
        if context.token is not None and not await _sees_catalogue_as_member(context):
            return None
        return query, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS), str(operation_name or "")

    def _invalid(self, errors: list[GraphQLError]) -> dict[str, Any]:
        return {"errors": [format_error(e, self.settings.debug) for e in errors]}

    async def _execute(
        self,
        context: Context,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: dict[str, Any],
        cost: int,
        plan: Plan | None = None,
    ) -> tuple[dict[str, Any], int]:
        if plan is not None:
            data = await run_plan(
                plan, self.executor_class, self.schema, document, context, variables, self.rendered
            )
            if data is not None:
                return {"data": data, "extensions": self._cost_extension(cost)}, 200
        result: Any = execute(
            self.schema,
            document,
            context_value=context,
            variable_values=variables,
            operation_name=operation.name.value if operation.name else None,
            executor_class=self.executor_class,
        )
        if inspect.isawaitable(result):
            result = await result
        payload: dict[str, Any] = {}
        status = 200
        if result.errors:
            self._log_unexpected(result.errors, context)
            payload["errors"] = [format_error(e, self.settings.debug) for e in result.errors]
            # Variable coercion failures stop the document before it runs: a client error.
            if result.data is None and all(not e.path for e in result.errors):
                return payload, 400
        payload["data"] = result.data
        payload["extensions"] = self._cost_extension(cost)
        return payload, status

    def _cost_extension(self, cost: int) -> dict[str, Any]:
        return {"cost": {"requestedQueryCost": cost, "maximumAvailable": self.limits.max_cost}}

    def _context(self, request: Request) -> Context:
        headers = {key.lower(): value for key, value in request.headers.items()}
        client = request.client.host if request.client else "unknown"
        return Context(
            settings=self.settings,
            token=read_bearer(headers),
            client_ip=client,
            request_id=getattr(request.state, "request_id", ""),
            cookies=dict(request.cookies),
        )

    @staticmethod
    def _log_unexpected(errors: list[GraphQLError], context: Context) -> None:
        for error in errors:
            original = error.original_error
            if original is not None and not isinstance(original, GraphQLError):
                log.error(
                    "unexpected error resolving %s",
                    error.path,
                    exc_info=original,
                    extra={"request_id": context.request_id},
                )


def graphiql_page() -> str:
    """GraphiQL from files served by the app itself (no CDN: the mall must work offline)."""
    base = "/static/vendor/graphiql"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Points Mall GraphQL</title>
<link rel="stylesheet" href="{base}/graphiql.min.css">
<style>html,body,#graphiql{{height:100%;margin:0}}</style></head>
<body><div id="graphiql">Loading GraphiQL…</div>
<script src="{base}/react.production.min.js"></script>
<script src="{base}/react-dom.production.min.js"></script>
<script src="{base}/graphiql.min.js"></script>
<script>
const fetcher = GraphiQL.createFetcher({{url: window.location.pathname}});
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {{fetcher, defaultEditorToolsVisibility: true}}));
</script></body></html>"""
