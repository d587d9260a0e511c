"""Fetching a URL someone else chose (a partner's image URL) without letting it reach inside our network.

Server-side request forgery is the risk: a URL naming 127.0.0.1, 169.254.169.254 (cloud metadata), 10.x or a
host name that resolves to one of them would make the mall fetch, and report on, what only the mall can reach.
So, for the URL and again for every redirect it leads to:

1. the host name is resolved once, and every address it resolves to must be public (`is_public`): loopback,
   private, link-local, shared, reserved, multicast and unspecified addresses are refused, including IPv4
   addresses carried inside IPv6 ones (::ffff:a.b.c.d, 6to4, Teredo, NAT64);
2. the request then goes to the very address that was checked (the URL's host is kept for the Host header,
   TLS SNI and the certificate check), so a name that resolves differently a moment later (DNS rebinding)
   cannot move the connection;
3. the whole fetch, redirects included, has one deadline, at most `max_redirects` redirects and a size cap
   enforced while the body streams.

Named hosts may be allowed private addresses (`OutboundPolicy.private_hosts`: an internal image store, a test
server); nothing is allowed by default.

Errors:

    FetchRefused          the URL was refused or could not be fetched; the message is for logs only:
    └── FetchTooLarge     callers answer one uniform error, so the answer never maps the network
                          the body is larger than `max_bytes`
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses it resolves to (as text); injectable so tests can name hosts without DNS.
Resolver = Callable[[str, int], Awaitable[list[str]]]
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")


class FetchRefused(Exception):
    """The URL was refused or could not be fetched (the message says why, for logs)."""


class FetchTooLarge(FetchRefused):
    """The body is larger than the limit."""


@dataclass(frozen=True)
class OutboundPolicy:
    """Which hosts may resolve to non-public addresses (lower-case names; none by default)."""

    private_hosts: frozenset[str] = frozenset()

    def allows_private(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.private_hosts


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int
    timeout_seconds: float = 10.0  # the whole fetch, every redirect included
    max_redirects: int = 3


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def is_public(address: IPAddress) -> bool:
    """Whether `address` is on the public internet (an IPv4 address inside an IPv6 one must be too)."""
    embedded = _embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
    if embedded is not None and not is_public(embedded):
        return False
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


async def fetch(
    url: str, policy: OutboundPolicy, limits: FetchLimits, resolver: Resolver = system_resolver
) -> bytes:
    """The body of a 200 answer to GET `url`, following redirects; raises FetchRefused or FetchTooLarge."""
    try:
        async with asyncio.timeout(limits.timeout_seconds):
            async with httpx.AsyncClient(trust_env=False, timeout=limits.timeout_seconds) as client:
                return await _follow(client, httpx.URL(url), policy, limits, resolver)
    except FetchRefused:
        raise
    except (httpx.HTTPError, httpx.InvalidURL, OSError, TimeoutError, ValueError, UnicodeError) as error:
        raise FetchRefused(f"{type(error).__name__}: {error}") from error


async def _follow(
    client: httpx.AsyncClient, target: httpx.URL, policy: OutboundPolicy, limits: FetchLimits, resolver: Resolver
) -> bytes:
    for _ in range(limits.max_redirects + 1):
        request = await _pinned_request(client, target, policy, resolver)
        reply = await client.send(request, stream=True)
        try:
            if reply.status_code in REDIRECT_STATUSES and "location" in reply.headers:
                target = target.join(reply.headers["location"])
                continue
            if reply.status_code != 200:
                raise FetchRefused(f"{target} answered {reply.status_code}")
            return await _read_bounded(reply, limits.max_bytes)
        finally:
            await reply.aclose()
    raise FetchRefused(f"more than {limits.max_redirects} redirects")


async def _pinned_request(
    client: httpx.AsyncClient, target: httpx.URL, policy: OutboundPolicy, resolver: Resolver
) -> httpx.Request:
    """GET `target`, sent to the one address its host was checked to resolve to."""
    if target.scheme not in ("http", "https") or not target.host:
        raise FetchRefused(f"not an http(s) URL: {target}")
    port = target.port or (443 if target.scheme == "https" else 80)
    address = await _checked_address(target.host, port, policy, resolver)
    headers = {"Host": target.netloc.decode("ascii")}
    # httpx sends TLS SNI and checks the certificate for `sni_hostname` instead of the address it connects to.
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return client.build_request("GET", target.copy_with(host=str(address)), headers=headers, extensions=extensions)


async def _checked_address(host: str, port: int, policy: OutboundPolicy, resolver: Resolver) -> IPAddress:
    """The address to connect to: every address `host` resolves to must be public (or the host allowed)."""
    try:
        resolved = [ipaddress.ip_address(text.split("%", 1)[0]) for text in await resolver(host, port)]
    except (OSError, ValueError) as error:
        raise FetchRefused(f"{host} does not resolve: {error}") from error
    if not resolved:
        raise FetchRefused(f"{host} resolves to nothing")
    if not policy.allows_private(host):
        refused = [str(address) for address in resolved if not is_public(address)]
        if refused:
            raise FetchRefused(f"{host} resolves to non-public {', '.join(refused)}")
    return resolved[0]


async def _read_bounded(reply: httpx.Response, max_bytes: int) -> bytes:
    declared = reply.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise FetchTooLarge(f"declared {declared} bytes")
    chunks, size = [], 0
    async for chunk in reply.aiter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise FetchTooLarge(f"more than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
