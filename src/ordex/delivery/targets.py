"""Which addresses a webhook may reach: only globally routable ones (the SSRF rule).

``ipaddress``'s ``is_global`` is the base, and on its own not enough: the Python in use
may call an IPv6 address global although it embeds or reaches private IPv4 space, or
although it belongs to a range no webhook receiver lives in. So, besides ``is_global``:

- multicast is refused (``is_global`` says yes to 224.0.0.0/4 and ff0e::/16);
- IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped
  ``::ffff:0:0/96``, NAT64 ``64:ff9b::/96`` (RFC 6052, the well-known prefix a DNS64
  network answers with) and 6to4 ``2002::/16``; the embedded address must itself pass;
- ranges refused whole: IPv4-compatible ``::/96`` (deprecated; reaches IPv4 on some
  stacks), local-use NAT64 ``64:ff9b:1::/48`` (RFC 8215: a site's own translator),
  Teredo ``2001::/32`` (its server and client addresses are IPv4, the client's
  obfuscated), site-local ``fec0::/10`` (deprecated, still routed inside some sites).

An operator's sandbox may allow everything with ``ORDEX_ALLOW_PRIVATE_WEBHOOKS``; that
choice is the caller's (``HttpTransport``), not this module's.
"""

from __future__ import annotations

import ipaddress

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_REFUSED_V6 = (
    (ipaddress.IPv6Network("::/96"), "IPv4-compatible"),
    (ipaddress.IPv6Network("64:ff9b:1::/48"), "local-use NAT64"),
    (ipaddress.IPv6Network("2001::/32"), "Teredo"),
    (ipaddress.IPv6Network("fec0::/10"), "site-local"),
)


def refusal(address: Address) -> str | None:
    """Why ordex must not call this address, or None when it is globally routable."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            kind, ipv4 = embedded
            reason = refusal(ipv4)
            return None if reason is None else f"{kind}, reaching {ipv4}: {reason}"
    if not address.is_global:
        return "a private, loopback, link-local or reserved address, not globally routable"
    if address.is_multicast:
        return "multicast, not a globally routable address"
    if isinstance(address, ipaddress.IPv6Address):
        for network, kind in _REFUSED_V6:
            if address in network:
                return f"{kind}, not a globally routable address"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address that an IPv4-mapped, NAT64 or 6to4 address stands for."""
    if address.ipv4_mapped is not None:
        return "IPv4-mapped", address.ipv4_mapped
    if address in _NAT64:
        return "NAT64", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return "6to4", address.sixtofour
    return None


def parse_address(text: str) -> Address:
    """An address as ``getaddrinfo`` gives it (an IPv6 one may carry ``%scope``)."""
    return ipaddress.ip_address(text.split("%", 1)[0])
