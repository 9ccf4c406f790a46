"""What every response and every request of the web app goes through.

- Request bodies are limited while they stream in: a declared length over the
  limit is refused before a byte is read, and a body that turns out longer
  is cut off at the limit (never parsed or held whole).
- Unsafe requests (POST) from another site are refused: a browser names the
  page's origin on every cross-site POST, and form posts carry a token that
  only our own pages hand out (double-submit cookie).
- Every page says what it may load (Content-Security-Policy), may not be
  framed, and is not to be content-sniffed.
"""

from __future__ import annotations

import hmac
import json
import secrets
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "parallax_csrf"
CSRF_FIELD = "csrf_token"

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# The report page is one self-contained file with inline styles and scripts (as written by --format html).
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
              "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
    b"cross-origin-opener-policy": b"same-origin",
}


def html_wanted(path: str) -> bool:
    return not path.startswith("/api")


def error_body(path: str, message: str) -> tuple[bytes, bytes]:
    """(content type, body) of an error answered by the middleware itself."""
    if html_wanted(path):
        from html import escape

        page = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Parallax: error</title></head>"
                f"<body><h1>Something is wrong with the request</h1><p>{escape(message)}</p><p><a href=\"/\">Back</a></p></body></html>")
        return b"text/html; charset=utf-8", page.encode()
    return b"application/json", json.dumps({"detail": message}).encode()


class Guard:
    """ASGI middleware: body size limit, cross-site POST refusal, security headers."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                if started:  # the middleware has answered already (body over the limit)
                    return
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS.items() if k not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            elif message["type"] == "http.response.body" and cut_off:
                return
            await send(message)

        async def refuse(status: int, message: str) -> None:
            nonlocal started
            content_type, body = error_body(path, message)
            await send_with_headers({"type": "http.response.start", "status": status,
                                     "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                                                 (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})

        cut_off = False
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not same_origin(headers):
            await refuse(403, "refused: this request came from another site")
            return
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await refuse(413, f"the request is over the {self.max_body_bytes:,}-byte limit")
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received, cut_off
            if cut_off:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # answer now and tell the app the client went away: nothing more is read or parsed
                    if not started:
                        await refuse(413, f"the request is over the {self.max_body_bytes:,}-byte limit")
                    cut_off = True
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except Exception:
            if not cut_off:
                raise  # a body cut off at the limit has been answered; what the app made of it does not matter


def same_origin(headers: dict[bytes, bytes]) -> bool:
    """False for a browser request that says it comes from another site.

    Browsers send Origin with every cross-site POST (and Sec-Fetch-Site with
    all requests); a request with neither is not a browser's cross-site post."""
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1")
    if site == "cross-site":
        return False
    origin = headers.get(b"origin", b"").decode("latin-1")
    if not origin:
        return True
    if origin == "null":  # an opaque origin (sandboxed frame, file: page)
        return site == "same-origin"
    return urlsplit(origin).netloc == headers.get(b"host", b"").decode("latin-1")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_ok(cookie: str | None, field: str | None) -> bool:
    return bool(cookie) and bool(field) and hmac.compare_digest(cookie, field)
