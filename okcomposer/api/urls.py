"""Which addresses the client talks to: the API base, and the upload hosts that may receive the user's files.

Addresses are read with urllib3's parse_url, the parser requests itself uses to connect, so the host that
is checked is the host that receives the bytes (docs/ok-api.md, "Upload hosts").
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit, urlunsplit

from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

# OK's own domains: an upload URL on one of them (or a subdomain) may receive files (docs/ok-api.md,
# "Upload hosts": the seeds show *.mycdn.me; OK services have handed out ok.ru and okcdn.ru addresses).
OK_UPLOAD_DOMAINS = ("ok.ru", "mycdn.me", "okcdn.ru")


class RefusedAddress(ValueError):
    """An address the client will not send anything to; the message names the host as it would connect."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """The API base without a trailing slash: https only, or http on loopback (the sandbox).

    Raises ValueError ("refusing API address ...").
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and is_loopback(host):
        return url.rstrip("/")
    raise ValueError(f"refusing API address {url!r}: only https (or http on 127.0.0.1/localhost) is allowed")


def host_of(url: str) -> str:
    """The host requests would connect to for `url`, lower case; "" if there is none or it does not parse."""
    try:
        return (parse_url(url).host or "").lower().rstrip(".")
    except LocationParseError:
        return ""


def _in_domain(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _plain(url: str) -> str:
    """Refuse what two URL parsers may read differently: whitespace, control characters, backslashes,
    user names or passwords, and non-ASCII host names (look-alikes). Returns the host."""
    if any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        raise RefusedAddress("the address contains spaces or control characters")
    if "\\" in url:
        raise RefusedAddress(f"the address contains a backslash (it would connect to {host_of(url)!r})")
    try:
        parsed = parse_url(url)
    except LocationParseError:
        raise RefusedAddress("the address does not parse") from None
    netloc = urlsplit(url).netloc
    if parsed.auth is not None or "@" in netloc:
        raise RefusedAddress(f"the address carries a user name (it would connect to {host_of(url)!r})")
    if not netloc.isascii():
        raise RefusedAddress(f"the host name {netloc!r} is not plain ASCII")
    host = (parsed.host or "").lower().strip("[]").rstrip(".")
    if not host or host != (urlsplit(url).hostname or "").rstrip("."):
        raise RefusedAddress(f"the address has no single clear host ({host!r})")
    return host


def check_upload_url(url: str, api_base: str) -> str:
    """The URL to upload to: OK's own hosts over https, plain http on them upgraded to https.

    The API base's own host is allowed too, under check_base_url's rules (the sandbox on loopback).
    Raises RefusedAddress naming the host for anything else, and for addresses that parsers could read
    differently (see `_plain`). Source: docs/ok-api.md, "Upload hosts".
    """
    host = _plain(url)
    scheme = urlsplit(url).scheme.lower()
    if host == host_of(api_base).strip("[]"):
        try:
            check_base_url(url)
            return url
        except ValueError:
            raise RefusedAddress(f"plain http to {host!r} is only allowed on loopback") from None
    if not any(_in_domain(host, domain) for domain in OK_UPLOAD_DOMAINS):
        raise RefusedAddress(
            f"unexpected host {host!r}: only OK's own hosts ({', '.join(OK_UPLOAD_DOMAINS)}) receive files"
        )
    if scheme == "https":
        return url
    if scheme == "http":
        # Some OK services hand out http:// upload URLs; the same host serves https.
        parts = urlsplit(url)
        netloc = parts.netloc if parts.port not in (None, 80) else (parts.hostname or "")
        return urlunsplit(parts._replace(scheme="https", netloc=netloc))
    raise RefusedAddress(f"the {scheme or 'missing'} scheme for host {host!r}: only https")


def redirect_host(request_url: str, location: str) -> str:
    """The host a redirect's Location points to (relative locations stay on the request's host)."""
    if not location.strip():
        return "no address"
    return host_of(urljoin(request_url, location.strip())) or "an unreadable address"
