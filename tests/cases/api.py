"""Shortcuts for the cases API: tokens of every kind of caller, a picture, the operations."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
from PIL import Image

from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from mall.settings import Settings
from tests.factories import make_staff, token_for

CASE_FIELDS = """id number status subject category assignee partnerCode dueAt escalatedAt reopenCount rating
  memberEmail messages { body author internal } pictures { url contentType }
  resolution { kind note goodwillPoints goodwillPayer fulfillmentId } events { kind fromStatus toStatus }"""
OPEN = f"""mutation Open($input: ServiceCaseOpenInput!) {{ serviceCaseOpen(input: $input) {{
  serviceCase {{ {CASE_FIELDS} }} errors {{ field code message }} }} }}"""
MESSAGE = f"""mutation Write($id: ID!, $body: String!, $internal: Boolean!) {{
  serviceCaseMessage(id: $id, body: $body, internal: $internal) {{
    serviceCase {{ {CASE_FIELDS} }} errors {{ field code message }} }} }}"""
RESOLVE = f"""mutation Resolve($id: ID!, $input: ServiceCaseResolveInput!) {{
  serviceCaseResolve(id: $id, input: $input) {{
  serviceCase {{ {CASE_FIELDS} }} errors {{ field code message }} }} }}"""
REOPEN = """mutation Reopen($id: ID!, $reason: String!) { serviceCaseReopen(id: $id, reason: $reason) {
  serviceCase { status reopenCount assignee } errors { field code message } } }"""
RATE = """mutation Rate($id: ID!, $rating: Int!) { serviceCaseRate(id: $id, rating: $rating, comment: "Quick") {
  serviceCase { rating } errors { field code message } } }"""
CASE = f"query One($id: ID!) {{ serviceCase(id: $id) {{ {CASE_FIELDS} }} }}"
CASES = f"query All {{ serviceCases {{ {CASE_FIELDS} }} }}"
MEASURES = """query Measures($since: DateTime!, $until: DateTime!) { serviceCaseMeasures(since: $since, until: $until) {
  rows { partnerCode category cases orders casesPerThousandOrders meanFirstAnswerHours meanResolutionHours backlog
         answered resolved overdueShare
         resolutions { kind count } ratings meanRating } csv } }"""


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


async def staff_token(settings: Settings, email: str, scope: tuple[ScopeKind, str] | None = None) -> str:
    staff = await make_staff(email, ["MANAGE_ORDERS", "MANAGE_USERS"], scope=scope)
    return token_for(staff, settings)


async def open_with_pictures(http: httpx.AsyncClient, token: str, variables: dict[str, Any],
                             pictures: list[bytes]) -> dict[str, Any]:
    """serviceCaseOpen as a multipart request, the pictures in `input.pictures`."""
    variables["input"]["pictures"] = [None] * len(pictures)
    operations = {"query": OPEN, "variables": variables}
    file_map = {str(index): [f"variables.input.pictures.{index}"] for index in range(len(pictures))}
    files = {str(index): (f"p{index}.png", content, "image/png") for index, content in enumerate(pictures)}
    reply = await http.post("/graphql/", headers={"Authorization": f"Bearer {token}"},
                            data={"operations": json.dumps(operations), "map": json.dumps(file_map)}, files=files)
    return reply.json()["data"]["serviceCaseOpen"]


def gid(type_name: str, pk: object) -> str:
    return to_global_id(type_name, pk)
