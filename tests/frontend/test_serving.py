"""How the static files are served: one release path kept a year, HTML revalidated, text compressed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from frontend.serving import release_of
from mall.app import FRONTEND_DIR

RELEASE = release_of(FRONTEND_DIR)
APP_JS = (FRONTEND_DIR / "mall" / "app.js").read_bytes()


async def test_the_page_points_at_the_current_release_and_is_never_kept(http):
    # when
    reply = await http.get("/gifts", headers={"accept-encoding": "gzip"})

    # then
    assert reply.status_code == 200
    assert reply.headers["cache-control"] == "no-cache"
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    assert "etag" not in reply.headers
    assert re.findall(r'(?:href|src)="(/static/[^"]+)"', reply.text) == [
        f"/static/v/{RELEASE}/mall/mall.css", f"/static/v/{RELEASE}/mall/app.js",
    ]


async def test_a_file_of_the_current_release_is_kept_a_year_and_compressed(http):
    # when
    reply = await http.get(f"/static/v/{RELEASE}/mall/app.js", headers={"accept-encoding": "gzip"})

    # then
    assert reply.status_code == 200
    assert reply.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert reply.headers["content-encoding"] == "gzip"
    assert reply.headers["vary"] == "Accept-Encoding"
    assert reply.headers["content-type"] == "text/javascript; charset=utf-8"
    assert int(reply.headers["content-length"]) == len(gzip.compress(APP_JS, compresslevel=9, mtime=0))
    assert reply.content == APP_JS  # httpx undoes the compression


async def test_a_client_that_does_not_accept_gzip_gets_the_file_as_it_is(http):
    # when
    reply = await http.get(f"/static/v/{RELEASE}/mall/app.js", headers={"accept-encoding": "identity"})

    # then
    assert reply.status_code == 200
    assert "content-encoding" not in reply.headers
    assert int(reply.headers["content-length"]) == len(APP_JS)


async def test_a_file_of_another_release_or_of_no_release_is_served_but_revalidated(http):
    # when
    older = await http.get("/static/v/0123456789ab/mall/app.js")
    plain = await http.get("/static/mall/app.js")

    # then
    assert (older.status_code, older.headers["cache-control"], older.content) == (200, "no-cache", APP_JS)
    assert (plain.status_code, plain.headers["cache-control"], plain.content) == (200, "no-cache", APP_JS)


async def test_a_missing_file_is_a_404_even_under_the_release_path(http):
    # when
    reply = await http.get(f"/static/v/{RELEASE}/mall/missing.js")

    # then
    assert reply.status_code == 404


def test_the_release_changes_when_any_file_changes(tmp_path: Path):
    # given
    (tmp_path / "mall").mkdir()
    (tmp_path / "mall" / "app.js").write_text("export const a = 1;\n")
    before = release_of(tmp_path)

    # when
    (tmp_path / "mall" / "app.js").write_text("export const a = 2;\n")

    # then
    assert release_of(tmp_path) != before
    assert re.fullmatch(r"[0-9a-f]{12}", before)
