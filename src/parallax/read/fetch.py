"""Fetch an article by URL: timeout, size cap, few redirects, no private addresses.

Every hop resolves its host once; every address it resolves to must be
public, including the IPv4 address carried inside an IPv6 one (IPv4-mapped
and -compatible, NAT64, 6to4, Teredo); and the connection goes to the address
that was checked (the Host header and TLS server name stay the host's), so a
name that resolves differently the second time cannot reach a private one.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from parallax.errors import InputError
from parallax.limits import MAX_REDIRECTS

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known prefix: the last 32 bits are an IPv4 address
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # local-use NAT64 (RFC 8215): private by definition
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (and would reach through a translator)."""
    found = []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address in NAT64 or address in IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)
    return found


def is_public_address(address: Address) -> bool:
    if address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_LOCAL:
            return False
        inner = embedded_ipv4(address)
        if address in NAT64:  # a translator's prefix: as public as the address it carries
            return all(is_public_address(a) for a in inner)
        return address.is_global and all(is_public_address(a) for a in inner)
    return address.is_global


def resolve(host: str) -> list[Address]:
    """Every address of ``host`` (an IP literal is its own address), resolved once."""
    try:
        return [ipaddress.ip_address(host.strip("[]").split("%")[0])]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else "invalid host name"
        raise InputError(host, f"cannot resolve host ({reason}); is there a network?") from exc
    addresses: list[Address] = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def checked_address(url: str, allow_private: bool) -> Address:
    """The address to connect to for ``url``: resolved once, every address checked."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "only http(s) URLs with a host can be fetched")
    addresses = resolve(parts.hostname)
    if not addresses:
        raise InputError(url, "the host has no address")
    if not allow_private and not all(is_public_address(a) for a in addresses):
        raise InputError(url, "refused: the host is a private, loopback or reserved address (--allow-private to permit)")
    return addresses[0]


def pinned_request(client: httpx.Client, url: str, address: Address) -> httpx.Request:
    """A GET of ``url`` sent to ``address``, with the URL's host as Host header and TLS server name."""
    parts = urlsplit(url)
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    host_header = parts.netloc.rsplit("@", 1)[-1]  # host[:port], as a browser sends it
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return client.build_request("GET", target, headers={"Host": host_header}, extensions={"sni_hostname": parts.hostname})


def fetch_url(url: str, options) -> tuple[bytes, str, str]:
    """Return (body, content type, final URL). Every redirect hop is checked again."""
    current = url
    try:
        with httpx.Client(timeout=options.timeout, follow_redirects=False, trust_env=False,
                          headers={"User-Agent": "parallax/0.1"}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                address = checked_address(current, options.allow_private)
                response = client.send(pinned_request(client, current, address), stream=True)
                try:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code}")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > options.max_bytes:
                            raise InputError(url, f"response over the {options.max_bytes:,}-byte cap")
                    return bytes(body), response.headers.get("content-type", ""), current
                finally:
                    response.close()
            raise InputError(url, f"more than {MAX_REDIRECTS} redirects")
    except InputError as exc:
        if exc.origin != url:
            raise InputError(url, exc.problem) from exc
        raise
    except httpx.TimeoutException as exc:
        raise InputError(url, f"timed out after {options.timeout:g}s") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch ({exc.__class__.__name__}: {exc}); is there a network?") from exc
