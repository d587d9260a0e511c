"""The app serves the staff console at /console/ like the member mall at /: its page paths answer the console's
entry page (its router draws them), its files are served as they are, and a missing file is a real 404."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/console/", "/console/orders", "/console/orders/T3JkZXI6MQ==", "/console/sign-in"])
async def test_console_page_paths_answer_the_consoles_entry_page(http, path):
    # when
    response = await http.get(path)

    # then
    assert response.status_code == 200
    assert '<script type="module" src="/console/app.js"></script>' in response.text


async def test_the_console_without_its_slash_is_redirected(http):
    # when
    response = await http.get("/console")

    # then
    assert (response.status_code, response.headers["location"]) == (307, "/console/")


async def test_console_files_are_served_and_a_missing_one_is_not_found(http):
    # when
    module = await http.get("/console/pages/partner.js")
    missing = await http.get("/console/pages/missing.js")

    # then
    assert module.status_code == 200
    assert module.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert missing.status_code == 404


async def test_the_member_mall_still_answers_its_own_pages(http):
    # when
    response = await http.get("/gifts")

    # then
    assert response.status_code == 200
    assert "/mall/app.js" in response.text
    assert "/console/" not in response.text
