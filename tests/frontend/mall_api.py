"""The served mall's GraphQL API for browser tests: making members with a known balance, reading
balances and orders, and changing stock as the operator (what a partner's stock update would do)."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from mall.demo import DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD

CHANNEL = "bank-a-mall"
OPERATOR_TOKEN_REUSE = 4 * 60  # seconds: under the access token's five minutes
MEMBER_PASSWORD = "quiet-harbour-2026"
SIGN_IN = """mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token user { id } errors { code message } } }"""
REGISTER = """mutation($input: AccountRegisterInput!) { accountRegister(input: $input) { errors { code message } } }"""
ADJUST = """mutation($input: PointsAdjustInput!) { pointsAdjust(input: $input) { errors { code message } } }"""
BALANCE = """query($channel: String!) { me { pointsBalance(channel: $channel) { available held } } }"""
GIFTS = """query($channel: String!, $filter: ProductFilterInput, $first: Int!) {
  products(channel: $channel, first: $first, filter: $filter, sortBy: {field: NAME, direction: ASC}) {
    edges { node { slug name productVariants(first: 5) { edges { node { id name quantityAvailable
      pricing { price { gross { amount } } } } } } } } } }"""
STOCKS = """query($id: ID!) { productVariant(id: $id) { stocks { warehouse { id } quantityAllocated } } }"""
STOCKS_UPDATE = """mutation($id: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $id, stocks: $stocks) { errors { code message } } }"""
RESTOCK_DATE = """mutation($id: ID!, $on: Date) {
  productVariantUpdate(id: $id, input: {restockExpectedOn: $on}) { errors { code message } } }"""


@dataclass(frozen=True)
class Member:
    email: str
    password: str
    token: str


@dataclass(frozen=True)
class Gift:
    slug: str
    name: str
    variant_id: str
    points: int


class MallApi:
    def __init__(self, client: httpx.Client, environment: dict[str, str]) -> None:
        self.client = client
        self.environment = environment
        self._operator_token: str | None = None
        self._operator_token_minted_at = 0.0

    def data(self, document: str, variables: dict[str, Any] | None = None, token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = self.client.post("/graphql/", json={"query": document, "variables": variables or {}},
                                headers=headers).json()
        assert "errors" not in body, body
        return body["data"]

    def token(self, email: str, password: str) -> str:
        result = self.data(SIGN_IN, {"email": email, "password": password})["tokenCreate"]
        assert result["errors"] == [], result
        return result["token"]

    def operator(self) -> str:
        """The operator's access token, minted again before it expires: the browser tests outlast its five
        minutes (ACCESS_TOKEN_TTL), and a token kept for the whole session failed every test after that."""
        if self._operator_token is None or time.monotonic() - self._operator_token_minted_at > OPERATOR_TOKEN_REUSE:
            self._operator_token = self.token(DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD)
            self._operator_token_minted_at = time.monotonic()
        return self._operator_token

    def member(self, points: int) -> Member:
        """A new member of the demo bank with exactly `points` available."""
        email = f"member-{uuid.uuid4().hex[:10]}@example.com"
        registered = self.data(REGISTER, {"input": {"email": email, "password": MEMBER_PASSWORD, "firstName": "Ada",
                                                    "lastName": "Chen", "channel": CHANNEL}})["accountRegister"]
        assert registered["errors"] == [], registered
        user_id = self.data(SIGN_IN, {"email": email, "password": MEMBER_PASSWORD})["tokenCreate"]["user"]["id"]
        if points:
            adjust = {"user": user_id, "channel": CHANNEL, "amount": points, "reason": "browser test",
                      "idempotencyKey": f"browser-test:{email}"}
            assert self.data(ADJUST, {"input": adjust}, self.operator())["pointsAdjust"]["errors"] == []
        return Member(email, MEMBER_PASSWORD, self.token(email, MEMBER_PASSWORD))

    def balance(self, member: Member) -> dict[str, int]:
        return self.data(BALANCE, {"channel": CHANNEL}, member.token)["me"]["pointsBalance"]

    def gifts(self, **filter_input: Any) -> list[Gift]:
        """Single-variant gifts of the demo, by name, e.g. `gifts(stockAvailability="OUT_OF_STOCK")`."""
        edges = self.data(GIFTS, {"channel": CHANNEL, "filter": filter_input, "first": 100})["products"]["edges"]
        found = []
        for node in (edge["node"] for edge in edges):
            variants = [edge["node"] for edge in node["productVariants"]["edges"]]
            if len(variants) == 1 and variants[0]["pricing"]:
                price = int(variants[0]["pricing"]["price"]["gross"]["amount"])
                found.append(Gift(node["slug"], node["name"], variants[0]["id"], price))
        return found

    def set_units_left(self, variant_id: str, units: int) -> None:
        """Set the partner's stock so that `units` can still be redeemed (what is allocated stays)."""
        stocks = self.data(STOCKS, {"id": variant_id}, self.operator())["productVariant"]["stocks"]
        update = [{"warehouse": stock["warehouse"]["id"], "quantity": stock["quantityAllocated"] + units}
                  for stock in stocks[:1]]
        result = self.data(STOCKS_UPDATE, {"id": variant_id, "stocks": update}, self.operator())
        assert result["productVariantStocksUpdate"]["errors"] == []

    def set_restock_date(self, variant_id: str, day: str) -> None:
        """The partner says when a sold-out gift comes back (ISO day)."""
        result = self.data(RESTOCK_DATE, {"id": variant_id, "on": day}, self.operator())
        assert result["productVariantUpdate"]["errors"] == []

    def deliver_mail(self) -> list[str]:
        """Run `mall worker --once` like the operator's worker would, then read the mail it wrote."""
        subprocess.run([sys.executable, "-m", "mall", "worker", "--once"], env=self.environment, check=True,
                       capture_output=True, timeout=60)
        mail_dir = Path(self.environment["MALL_VAR_DIR"]) / "mail"
        return [path.read_text() for path in sorted(mail_dir.glob("*.eml"))]
