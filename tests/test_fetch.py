"""URL fetching: every address checked (including IPv4 carried in IPv6), the
host resolved once per hop and the checked address connected to. No test
reaches anything but loopback: refused addresses are refused before connecting."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading

import pytest

from parallax.errors import InputError
from parallax.read import ReadOptions
from parallax.read import fetch
from parallax.read.fetch import fetch_url, is_public_address

PAGE = b"<html><head><title>Bridge closed</title></head><body><article><p>The council closed the bridge.</p></article></body></html>"


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True),
    ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("169.254.169.254", False), ("100.64.0.1", False),
    ("::1", False), ("fe80::1", False), ("fc00::1", False), ("ff02::1", False),
    ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False),
    ("64:ff9b::7f00:1", False), ("64:ff9b::a9fe:a9fe", False), ("64:ff9b::5db8:d822", True),  # NAT64
    ("64:ff9b:1::a00:1", False),  # local-use NAT64
    ("2002:7f00:1::1", False), ("2002:c0a8:101::1", False),  # 6to4 around 127.0.0.1 and 192.168.1.1
    ("::127.0.0.1", False), ("::10.0.0.1", False),  # IPv4-compatible
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
])
def test_address_classes(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


def fake_dns(monkeypatch, table: dict[str, list[str]]) -> list[str]:
    calls: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            calls.append(host)
            answer = table[host]
            if callable(answer):
                answer = answer()
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port or 0)) for a in answer]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


@pytest.mark.parametrize("answer", [["93.184.216.34", "127.0.0.1"], ["64:ff9b::7f00:1"], ["2002:a00:1::1"], ["::10.0.0.1"]])
def test_any_private_address_refuses_the_host(monkeypatch, answer) -> None:
    fake_dns(monkeypatch, {"news.example": answer})
    with pytest.raises(InputError, match="private"):
        fetch_url("http://news.example/story", ReadOptions())


@pytest.fixture()
def local_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        hosts: list[str] = []

        def do_GET(self):
            Handler.hosts.append(self.headers["Host"])
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", "http://inner.example/secret")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], Handler.hosts
    server.shutdown()


def test_resolved_once_and_connected_to_the_checked_address(monkeypatch, local_server) -> None:
    port, hosts = local_server
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])  # a rebinding name: the second answer would be private
    calls = fake_dns(monkeypatch, {"rebind.example": lambda: next(answers)})
    body, content_type, final = fetch_url(f"http://rebind.example:{port}/story", ReadOptions(allow_private=True))
    assert body == PAGE and "html" in content_type and final == f"http://rebind.example:{port}/story"
    assert calls == ["rebind.example"] and hosts[-1] == f"rebind.example:{port}"


def test_every_redirect_hop_is_checked(monkeypatch, local_server) -> None:
    port, _ = local_server
    calls = fake_dns(monkeypatch, {"outer.example": ["127.0.0.1"], "inner.example": ["10.0.0.7"]})
    # the first hop stands for a public server; the redirect points at a private one
    monkeypatch.setattr(fetch, "is_public_address", lambda a: str(a) == "127.0.0.1")
    with pytest.raises(InputError, match="private") as error:
        fetch_url(f"http://outer.example:{port}/hop", ReadOptions())
    assert error.value.origin == f"http://outer.example:{port}/hop"
    assert calls == ["outer.example", "inner.example"]
