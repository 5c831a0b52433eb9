"""Webhook targets (SSRF): only globally routable addresses, in every IPv4 and IPv6 form.

The URLs hold literal addresses, so resolving them asks no DNS server: ``getaddrinfo``
only parses them. One row per form.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

from ordex.delivery import http
from ordex.delivery.http import HttpTransport
from ordex.domain.errors import InvalidRequest

REFUSED = [
    # IPv4
    ("loopback", "127.0.0.1"),
    ("loopback, decimal", "2130706433"),
    ("private 10/8", "10.1.2.3"),
    ("private 192.168/16", "192.168.0.1"),
    ("link-local (cloud metadata)", "169.254.169.254"),
    ("shared address space 100.64/10", "100.64.0.1"),
    ("this network", "0.0.0.0"),
    ("broadcast", "255.255.255.255"),
    ("reserved 240/4", "240.0.0.1"),
    ("benchmarking 198.18/15", "198.18.0.1"),
    ("documentation", "192.0.2.1"),
    ("IPv4 multicast", "224.0.0.1"),
    ("IPv4 multicast, global scope", "233.252.0.1"),
    # IPv6
    ("IPv6 loopback", "[::1]"),
    ("IPv6 unspecified", "[::]"),
    ("IPv6 link-local", "[fe80::1]"),
    ("unique local", "[fd00::1]"),
    ("IPv6 documentation", "[2001:db8::1]"),
    ("IPv4-mapped loopback", "[::ffff:127.0.0.1]"),
    ("IPv4-mapped private", "[::ffff:10.0.0.1]"),
    ("IPv4-compatible loopback", "[::127.0.0.1]"),
    ("IPv4-compatible private", "[::10.0.0.1]"),
    ("IPv4-compatible public", "[::8.8.8.8]"),
    ("NAT64 to loopback", "[64:ff9b::127.0.0.1]"),
    ("NAT64 to private", "[64:ff9b::10.0.0.1]"),
    ("NAT64 to link-local metadata", "[64:ff9b::169.254.169.254]"),
    ("local-use NAT64", "[64:ff9b:1::a00:1]"),
    ("6to4 to loopback", "[2002:7f00:1::1]"),
    ("6to4 to private", "[2002:a00:1::1]"),
    ("Teredo", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]"),
    ("Teredo, bare prefix", "[2001::1]"),
    ("site-local", "[fec0::1]"),
    ("IPv6 multicast, link scope", "[ff02::1]"),
    ("IPv6 multicast, global scope", "[ff0e::1]"),
]

ACCEPTED = [
    ("public IPv4", "8.8.8.8"),
    ("public IPv6", "[2606:4700::1111]"),
    ("IPv4-mapped public", "[::ffff:8.8.8.8]"),
    ("NAT64 to public", "[64:ff9b::8.8.8.8]"),
    ("6to4 to public", "[2002:808:808::1]"),
]


@pytest.mark.parametrize(("form", "host"), REFUSED, ids=[form for form, _ in REFUSED])
def test_a_target_that_is_not_globally_routable_is_refused(form: str, host: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        HttpTransport().check_target(f"https://{host}/hook")
    assert "ORDEX_ALLOW_PRIVATE_WEBHOOKS" in refused.value.message


@pytest.mark.parametrize(("form", "host"), ACCEPTED, ids=[form for form, _ in ACCEPTED])
def test_a_globally_routable_target_is_accepted(form: str, host: str) -> None:
    HttpTransport().check_target(f"https://{host}/hook")


def test_an_operator_may_allow_private_targets_for_a_sandbox() -> None:
    sandbox = HttpTransport(allow_private=True)
    for _, host in REFUSED:
        sandbox.check_target(f"http://{host}/hook")


def test_the_refusal_names_the_embedded_address() -> None:
    with pytest.raises(InvalidRequest) as refused:
        HttpTransport().check_target("https://[64:ff9b::a00:1]/hook")
    assert "NAT64, reaching 10.0.0.1" in refused.value.message


def test_a_name_that_resolves_to_a_private_address_when_delivering_is_not_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: public when the hook was registered, loopback at delivery.

    (The second answer is one that reaches loopback only, should the check ever miss it.)
    """
    answers = iter(["2606:4700::1111", "::ffff:127.0.0.1"])

    def resolve(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        address = next(answers)
        return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))]

    monkeypatch.setattr(http.socket, "getaddrinfo", resolve)
    transport = HttpTransport()
    transport.check_target("https://hooks.example.com/h")
    result = transport.post("https://hooks.example.com/h", b"{}", {})
    assert result.status_code is None
    assert "IPv4-mapped, reaching 127.0.0.1" in (result.error or "")
