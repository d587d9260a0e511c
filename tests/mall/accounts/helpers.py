"""Helpers of the accounts suite: mail read from the worker's .eml files, raw requests, signing in."""

from __future__ import annotations

import dataclasses
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from mall.accounts.models import User
from mall.settings import Settings
from mall.worker import run_once
from tests.graphql_client import GraphQLClient, Response

TOKEN_CREATE = """
mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken csrfToken
    user { email }
    errors { field code message }
  }
}
"""

ME = """
query Me { me { id email firstName lastName isActive isConfirmed } }
"""

PERMISSION_DENIED = "You do not have permission to perform this action"
AUTHENTICATED_USER_REQUIRED = "To access this path, you need one of the following permissions: AUTHENTICATED_USER"


@dataclasses.dataclass
class Mail:
    to: str
    subject: str
    body: str

    @property
    def link(self) -> str:
        """The one URL in the body (every account mail carries exactly one link)."""
        urls = [word for word in self.body.split() if word.startswith(("http://", "https://"))]
        assert len(urls) == 1, self.body
        return urls[0]

    @property
    def params(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(urlsplit(self.link).query).items()}


@dataclasses.dataclass
class Mailbox:
    """The mail folder of one test: `receive` runs the worker once and returns the messages it wrote."""

    settings: Settings
    seen: set[str] = dataclasses.field(default_factory=set)

    async def receive(self) -> list[Mail]:
        await run_once(self.settings)
        folder = self.settings.mail_dir
        new = sorted(p for p in folder.glob("*.eml") if p.name not in self.seen) if folder.exists() else []
        self.seen.update(path.name for path in new)
        return [_read(path) for path in new]

    async def receive_one(self) -> Mail:
        mails = await self.receive()
        assert len(mails) == 1, mails
        return mails[0]


def _read(path: Path) -> Mail:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    return Mail(to=str(message["To"]), subject=str(message["Subject"]), body=body.get_content())


async def post_with_headers(
    api: GraphQLClient, query: str, variables: dict[str, Any], headers: dict[str, str]
) -> Response:
    """A request with raw headers (cookies, other authorization schemes)."""
    reply = await api.http.post("/graphql/", json={"query": query, "variables": variables}, headers=headers)
    return Response(reply.status_code, reply.json())


async def sign_in(api: GraphQLClient, email: str, password: str) -> dict[str, Any]:
    """The `tokenCreate` payload for these credentials."""
    data = await api.ok(TOKEN_CREATE, {"email": email, "password": password})
    return data["tokenCreate"]


async def user_count() -> int:
    return await User.all().count()
