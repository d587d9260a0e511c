"""Serving the member mall (and the other static pages): real page paths, versioned files, compression.

- **Page paths.** The mall is a single-page app whose pages have real paths (`/gifts`, `/gift/<slug>`). The
  browser asks the server for those paths when a member reloads or opens a shared link, so any path that
  is not a file answers with `index.html` and the page's own router draws the right page.
- **Versions.** All static files together are one release, named by a hash of their contents. An HTML page
  is served with its `/static/` links rewritten to `/static/v/<release>/`, and ES modules import each other
  by relative paths, so every file a page loads is fetched under the release's path. Those answers may be
  kept for a year (`immutable`): a new release has a new path. The HTML itself, and anything asked for
  outside a release path, says `no-cache`, so a member never runs yesterday's code against today's API.
  A page of an older release still loads: its files are served, uncached.
- **Compression.** Text files are sent gzip-compressed to clients that accept it (compressed once per file
  and kept in memory: the files are few and small, and a phone on a slow network gains the most).
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Paths owned by the app itself: a typo there is a real 404, never the mall's page.
RESERVED_PREFIXES = ("graphql", "static", "media", "healthz", ".well-known", "webhooks")
RELEASE_PREFIX = "v/"
KEEP_A_YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Compressing a few hundred bytes saves nothing a round trip would notice.
COMPRESS_FROM_BYTES = 512
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def release_of(directory: Path) -> str:
    """A short hash of every file's path and contents: changes whenever any static file does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class Compressed:
    """gzip bodies of the files sent so far, by path, size and modification time (a changed file is new)."""

    bodies: dict[tuple[str, int, int], bytes] = field(default_factory=dict)

    def body(self, path: Path) -> bytes:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self.bodies:
            self.bodies[key] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        return self.bodies[key]


def accepts_gzip(scope: Scope) -> bool:
    accepted = Headers(scope=scope).get("accept-encoding", "")
    return any(part.split(";")[0].strip() == "gzip" for part in accepted.split(","))


def is_text(media_type: str | None) -> bool:
    return media_type is not None and media_type.startswith(TEXT_TYPES)


class ReleaseFiles(StaticFiles):
    """Static files under `/static`: `v/<release>/<path>` kept a year, anything else revalidated."""

    def __init__(self, directory: Path = STATIC_DIR, release: str | None = None) -> None:
        super().__init__(directory=directory)
        self.release = release or release_of(directory)
        self.compressed = Compressed()

    async def get_response(self, path: str, scope: Scope) -> Response:
        file_path, caching = self.unversioned(path)
        response = await super().get_response(file_path, scope)
        response.headers["Cache-Control"] = caching
        return self.compress(response, scope)

    def unversioned(self, path: str) -> tuple[str, str]:
        """The file's own path, and how long the answer may be kept."""
        if not path.startswith(RELEASE_PREFIX):
            return path, REVALIDATE
        release, _, rest = path[len(RELEASE_PREFIX):].partition("/")
        return rest, KEEP_A_YEAR if release == self.release else REVALIDATE

    def compress(self, response: Response, scope: Scope) -> Response:
        if not isinstance(response, FileResponse) or response.status_code != 200:
            return response
        response.headers["Vary"] = "Accept-Encoding"
        path = Path(response.path)
        if not is_text(response.media_type) or path.stat().st_size < COMPRESS_FROM_BYTES or not accepts_gzip(scope):
            return response
        headers = {key: value for key, value in response.headers.items() if key != "content-length"}
        headers["Content-Encoding"] = "gzip"
        if "etag" in headers:  # the compressed bytes are another representation, with their own tag
            headers["etag"] = headers["etag"].rstrip('"') + '-gzip"'
        return Response(self.compressed.body(path), headers=headers, media_type=response.media_type)


class SinglePageFiles(StaticFiles):
    """Static files at the site's root, with `index.html` for any page path the mall's router knows; HTML
    pages point at the current release's files and are never kept."""

    def __init__(self, directory: Path = STATIC_DIR, release: str | None = None) -> None:
        super().__init__(directory=directory, html=True)
        self.release = release or release_of(directory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404 or not is_page_path(path):
                raise
            response = await super().get_response("index.html", scope)
        if isinstance(response, FileResponse) and response.media_type == "text/html":
            return self.page(Path(response.path), scope)
        response.headers["Cache-Control"] = REVALIDATE
        return response

    def page(self, path: Path, scope: Scope) -> Response:
        html = path.read_text(encoding="utf-8").replace('"/static/', f'"/static/{RELEASE_PREFIX}{self.release}/')
        body = html.encode()
        headers = {"Cache-Control": REVALIDATE, "Vary": "Accept-Encoding"}
        if len(body) >= COMPRESS_FROM_BYTES and accepts_gzip(scope):
            body = gzip.compress(body, compresslevel=9, mtime=0)
            headers["Content-Encoding"] = "gzip"
        return Response(body, headers=headers, media_type="text/html")


def is_page_path(path: str) -> bool:
    """A page path has no file extension and is not under a path the app serves itself."""
    first = path.strip("/").split("/", 1)[0]
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return first not in RESERVED_PREFIXES and "." not in last
