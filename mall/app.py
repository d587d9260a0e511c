"""The ASGI application: GraphQL, JWKS, health, Stripe webhooks, static frontend; request ids and access logs."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise import connections
from tortoise.contrib.starlette import RegisterTortoise

from frontend.serving import CONSOLE_DIR, ReleaseFiles, SinglePageFiles, release_of
from fulfilment.digital.demo import DEMO_ISSUER_PATH, demo_issuer_endpoint
from fulfilment.webhooks import carrier_webhook
from mall.accounts.tokens import keys_for
from mall.db import tortoise_config
from mall.graphql.schema import build_schema, reuse_policy
from mall.graphql.view import GraphQLView
from mall.settings import DEMO_MODE, Settings
from mall.wiring import wire
from orders.webhooks import stripe_webhook_endpoint
from settlement.downloads import PATH as SETTLEMENT_FILES_PATH
from settlement.downloads import settlement_file_endpoint

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend" / "static"
access_log = logging.getLogger("mall.access")


class RequestIdMiddleware:
    """Give each request an id (or keep the caller's X-Request-ID), echo it, and log one access line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode()[:64] or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "request_id": request_id,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )


# What a Saleor Dashboard on another origin sends: its preflight asks for these headers (the Dashboard's
# auth SDK sends `authorization-bearer`), and it fetches with `credentials: "include"`.
CORS_HEADERS = ("authorization", "authorization-bearer", "content-type", "x-request-id")
GRAPHQL_PATH = "/graphql/"


class GraphQLCors:
    """Cross-origin access to /graphql/ only, for the origins of `ALLOWED_GRAPHQL_ORIGINS` (Saleor's setting):
    preflights are answered here, and answers echo the allowed origin with credentials allowed. Other paths
    (the member mall, media, webhooks) stay same-origin."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        any_origin = "*" in origins
        self.cors = CORSMiddleware(
            app,
            allow_origins=() if any_origin else origins,
            # `*` cannot go with credentials: echo whichever origin asks instead, as Saleor does for `*`
            allow_origin_regex=".*" if any_origin else None,
            allow_methods=("GET", "POST", "OPTIONS"),
            allow_headers=CORS_HEADERS,
            allow_credentials=True,
            max_age=86400,
        ) if origins else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.cors is not None and scope["type"] == "http" and scope["path"] in {GRAPHQL_PATH, "/graphql"}:
            await self.cors(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(settings: Settings, manage_database: bool = True) -> Starlette:
    """The mall's ASGI app. Tests that own the database pass `manage_database=False`."""
    wire()
    view = GraphQLView(build_schema(), settings, reuse_policy())

    async def jwks(_: Request) -> Response:
        return JSONResponse(keys_for(settings).jwks())

    async def healthz(_: Request) -> Response:
        try:
            await connections.get("default").execute_query("SELECT 1")
        except Exception as error:  # any database failure means "not healthy", never a crash
            return JSONResponse({"status": "unavailable", "database": type(error).__name__}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        async with RegisterTortoise(app, config=tortoise_config(settings), generate_schemas=False):
            yield

    async def console_home(_: Request) -> Response:
        return RedirectResponse("/console/")

    release = release_of(FRONTEND_DIR)  # the static files' version, in their URLs (frontend/serving.py)
    routes = [
        Route("/graphql/", view.handle, methods=["GET", "POST"]),
        Route("/console", console_home),
        Route("/.well-known/jwks.json", jwks),
        Route("/healthz", healthz),
        Route("/webhooks/stripe", stripe_webhook_endpoint(settings), methods=["POST"]),
        Route("/webhooks/carriers/{code}", carrier_webhook, methods=["POST"]),
        Route(SETTLEMENT_FILES_PATH + "/{id}", settlement_file_endpoint(settings), methods=["GET"]),
        Mount("/static", ReleaseFiles(FRONTEND_DIR, release), name="static"),
        Mount("/console", SinglePageFiles(CONSOLE_DIR, release), name="console"),
        Mount("/media", StaticFiles(directory=settings.storage_dir, check_dir=False), name="media"),
        Mount("/", SinglePageFiles(FRONTEND_DIR, release), name="frontend"),
    ]
    if settings.extra.get(DEMO_MODE) == "1":  # the demo's partner API, never in production
        routes.insert(0, Route(DEMO_ISSUER_PATH, demo_issuer_endpoint, methods=["POST"]))
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.graphql = view  # for operators' introspection and tests (its caches)
    app.add_middleware(GraphQLCors, origins=settings.allowed_graphql_origins)
    app.add_middleware(RequestIdMiddleware)
    return app
