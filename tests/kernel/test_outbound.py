"""Fetching URLs someone else chose: only public addresses, checked on every hop, within time and size
(issue #16, defect 5). Every request a test lets through goes to a server on 127.0.0.1; refused URLs are
refused before anything is sent."""

from __future__ import annotations

import ipaddress
import time

import pytest

from kernel.outbound import FetchLimits, FetchRefused, FetchTooLarge, OutboundPolicy, fetch, is_public
from tests.web_server import Answer

PNG_BYTES = b"\x89PNG\r\n\x1a\nnot really"
LIMITS = FetchLimits(max_bytes=1024, timeout_seconds=5)
NOTHING_ALLOWED = OutboundPolicy()


def resolving(names: dict[str, list[str]]):
    """A resolver that knows only `names` (instead of DNS, which the tests must not query)."""

    async def resolve(host: str, port: int) -> list[str]:
        if host not in names:
            raise OSError(f"unknown host {host}")
        return names[host]

    return resolve


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True),
    ("2606:4700:4700::1111", True),
    ("127.0.0.1", False),
    ("10.1.2.3", False),
    ("172.16.0.1", False),
    ("192.168.1.1", False),
    ("169.254.169.254", False),  # cloud metadata
    ("100.64.0.1", False),  # shared (carrier-grade NAT)
    ("0.0.0.0", False),
    ("224.0.0.1", False),
    ("255.255.255.255", False),
    ("::1", False),
    ("::", False),
    ("fe80::1", False),
    ("fc00::1", False),
    ("::ffff:127.0.0.1", False),  # IPv4-mapped
    ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
    ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
    ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # Teredo of 10.0.0.1
])
def test_only_public_addresses_are_public(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/kettle.png",
    "http://localhost:{port}/kettle.png",
    "http://2130706433:{port}/kettle.png",  # 127.0.0.1 written as one number
    "http://[::ffff:127.0.0.1]:{port}/kettle.png",
    "http://0.0.0.0:{port}/kettle.png",
    "http://[::1]:{port}/kettle.png",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/kettle.png",
], ids=["loopback", "localhost", "decimal", "mapped", "unspecified", "ipv6-loopback", "metadata", "private"])
async def test_non_public_addresses_are_refused_before_anything_is_sent(web_server, url):
    # given
    web_server.answer("/kettle.png", Answer(body=PNG_BYTES))

    # when
    with pytest.raises(FetchRefused):
        await fetch(url.format(port=web_server.port), NOTHING_ALLOWED, LIMITS)

    # then
    assert web_server.received == []


async def test_a_name_is_checked_by_what_it_resolves_to(web_server):
    # given: a public-looking name that resolves to the mall's own machine
    web_server.answer("/kettle.png", Answer(body=PNG_BYTES))
    resolver = resolving({"images.partner.example": ["127.0.0.1"]})

    # when
    with pytest.raises(FetchRefused) as refused:
        await fetch(web_server.url("/kettle.png", "images.partner.example"), NOTHING_ALLOWED, LIMITS, resolver)

    # then
    assert str(refused.value) == "images.partner.example resolves to non-public 127.0.0.1"
    assert web_server.received == []


async def test_a_name_resolving_to_any_private_address_is_refused():
    # given
    resolver = resolving({"images.partner.example": ["93.184.216.34", "10.0.0.7"]})

    # when
    with pytest.raises(FetchRefused) as refused:
        await fetch("http://images.partner.example/kettle.png", NOTHING_ALLOWED, LIMITS, resolver)

    # then
    assert str(refused.value) == "images.partner.example resolves to non-public 10.0.0.7"


async def test_an_allowed_host_is_fetched_from_the_address_that_was_checked(web_server):
    # given
    web_server.answer("/kettle.png", Answer(body=PNG_BYTES))
    resolver = resolving({"images.internal": ["127.0.0.1"]})
    policy = OutboundPolicy(frozenset({"images.internal"}))

    # when
    body = await fetch(web_server.url("/kettle.png", "Images.Internal"), policy, LIMITS, resolver)

    # then
    assert body == PNG_BYTES
    assert [(r.path, r.host) for r in web_server.received] == [("/kettle.png", f"images.internal:{web_server.port}")]


async def test_every_redirect_hop_is_checked(web_server):
    # given: an allowed host redirects to an address that is not
    resolver = resolving({"images.internal": ["127.0.0.1"], "localhost": ["127.0.0.1"]})
    policy = OutboundPolicy(frozenset({"images.internal"}))
    web_server.answer("/moved", Answer(302, headers={"Location": web_server.url("/kettle.png", "localhost")}))
    web_server.answer("/kettle.png", Answer(body=PNG_BYTES))

    # when
    with pytest.raises(FetchRefused) as refused:
        await fetch(web_server.url("/moved", "images.internal"), policy, LIMITS, resolver)

    # then
    assert str(refused.value) == "localhost resolves to non-public 127.0.0.1"
    assert [r.path for r in web_server.received] == ["/moved"]


async def test_redirects_are_followed_to_a_limit(web_server):
    # given
    policy = OutboundPolicy(frozenset({"127.0.0.1"}))
    for hop in range(5):
        web_server.answer(f"/hop{hop}", Answer(301, headers={"Location": f"/hop{hop + 1}"}))
    web_server.answer("/hop5", Answer(body=PNG_BYTES))

    # when
    near = await fetch(web_server.url("/hop2"), policy, LIMITS)
    with pytest.raises(FetchRefused) as refused:
        await fetch(web_server.url("/hop0"), policy, LIMITS)

    # then
    assert near == PNG_BYTES
    assert str(refused.value) == "more than 3 redirects"


async def test_a_body_over_the_limit_is_refused(web_server):
    # given
    policy = OutboundPolicy(frozenset({"127.0.0.1"}))
    web_server.answer("/huge.png", Answer(body=b"x" * 1025))

    # when
    with pytest.raises(FetchTooLarge):
        await fetch(web_server.url("/huge.png"), policy, LIMITS)


async def test_a_slow_server_is_cut_off_at_the_deadline(web_server):
    # given
    policy = OutboundPolicy(frozenset({"127.0.0.1"}))
    web_server.answer("/slow.png", Answer(body=PNG_BYTES, delay_seconds=2))
    started = time.monotonic()

    # when
    with pytest.raises(FetchRefused):
        await fetch(web_server.url("/slow.png"), policy, FetchLimits(max_bytes=1024, timeout_seconds=0.3))

    # then
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/kettle.png", "file:///etc/passwd", "http:///kettle.png", "kettle"])
async def test_urls_that_are_not_http_are_refused(url):
    with pytest.raises(FetchRefused):
        await fetch(url, OutboundPolicy(frozenset({"127.0.0.1"})), LIMITS)
