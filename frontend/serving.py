"""Serving the member mall and the staff console: single-page apps whose pages have real paths (`/gifts`,
`/gift/<slug>`, `/console/orders`).

The browser asks the server for those paths when a member reloads or opens a shared link, so any path
that is not a file answers with `index.html` and the page's own router draws the right page.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
# The staff console (partners, the bank, the operator): its own entry page and modules, served at /console/.
CONSOLE_DIR = Path(__file__).resolve().parent / "console"
# Paths owned by the app itself: a typo there is a real 404, never the mall's page.
RESERVED_PREFIXES = ("graphql", "static", "media", "healthz", ".well-known", "webhooks", "console")


class SinglePageFiles(StaticFiles):
    """Static files, with `index.html` for any page path the mall's router knows."""

    def __init__(self, directory: Path = STATIC_DIR) -> None:
        super().__init__(directory=directory, html=True)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404 or not is_page_path(path):
                raise
            return await super().get_response("index.html", scope)


def is_page_path(path: str) -> bool:
    """A page path has no file extension and is not under a path the app serves itself."""
    first = path.strip("/").split("/", 1)[0]
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return first not in RESERVED_PREFIXES and "." not in last
