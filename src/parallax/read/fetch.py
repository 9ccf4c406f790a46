"""Fetch an article by URL: timeout, size cap, few redirects, no private addresses."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from parallax.errors import InputError

MAX_REDIRECTS = 5


def is_public_host(host: str) -> bool:
    """True when every address the host resolves to is a public one."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise InputError(host, f"cannot resolve host ({exc.strerror}); is there a network?") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            return False
    return True


def check_url(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "only http(s) URLs with a host can be fetched")
    if not allow_private and not is_public_host(parts.hostname):
        raise InputError(url, "refused: the host is a private, loopback or reserved address (--allow-private to permit)")


def fetch_url(url: str, options) -> tuple[bytes, str, str]:
    """Return (body, content type, final URL). Every redirect hop is checked again."""
    current = url
    try:
        with httpx.Client(timeout=options.timeout, follow_redirects=False, headers={"User-Agent": "parallax/0.1"}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(current, options.allow_private)
                with client.stream("GET", current) as response:
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
                    return bytes(body), response.headers.get("content-type", ""), str(response.url)
            raise InputError(url, f"more than {MAX_REDIRECTS} redirects")
    except InputError as exc:
        if exc.origin != url:
            raise InputError(url, exc.problem) from exc
        raise
    except httpx.TimeoutException as exc:
        raise InputError(url, f"timed out after {options.timeout:g}s") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch ({exc.__class__.__name__}: {exc}); is there a network?") from exc
