"""What keeps the pages' writes safe: a CSRF token in every form, and, when the service has
a token ($SUPPLYLINE_TOKEN), a session cookie that the first write asks the token for.

Both cookies are HttpOnly and SameSite=Strict, so a script cannot read them and another
site cannot make the browser send them. The CSRF token of a form is an HMAC of the
browser's own random cookie under a secret of this service run: a page from elsewhere can
neither read it nor forge it. The session cookie holds a random nonce with its HMAC under
the service's token: it proves the token was given once, without holding the token, and
stops working when the token changes. Reads need neither.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

BROWSER_COOKIE = "supplyline_browser"
SESSION_COOKIE = "supplyline_session"


@dataclass(frozen=True)
class FormContext:
    """What a form page needs: its CSRF token, whether to ask for the service's token, and
    the browser cookie to set when the browser had none."""

    csrf: str
    ask_token: bool
    new_browser: str | None = None


class WebGuard:
    def __init__(self, token: str | None) -> None:
        self.token = token
        self._secret = secrets.token_bytes(32)

    # -- forms -----------------------------------------------------------------------
    def context(self, request: Request) -> FormContext:
        browser = request.cookies.get(BROWSER_COOKIE) or ""
        new = None
        if not _well_formed(browser):
            browser = new = secrets.token_urlsafe(24)
        return FormContext(self._csrf(browser), self.token is not None
                           and not self.has_session(request), new)

    def _csrf(self, browser: str) -> str:
        return hmac.new(self._secret, b"csrf:" + browser.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, request: Request, given: str | None) -> bool:
        browser = request.cookies.get(BROWSER_COOKIE) or ""
        return (_well_formed(browser) and given is not None
                and hmac.compare_digest(given.encode(), self._csrf(browser).encode()))

    # -- the service's token ---------------------------------------------------------
    def has_session(self, request: Request) -> bool:
        if self.token is None:
            return True
        nonce, _, mac = (request.cookies.get(SESSION_COOKIE) or "").partition(".")
        return bool(nonce) and hmac.compare_digest(mac.encode(), self._session_mac(nonce)
                                                   .encode())

    def token_ok(self, given: str | None) -> bool:
        return self.token is not None and given is not None and hmac.compare_digest(
            given.encode(), self.token.encode())

    def _session_mac(self, nonce: str) -> str:
        assert self.token is not None
        return hmac.new(self.token.encode(), b"session:" + nonce.encode(),
                        hashlib.sha256).hexdigest()

    def new_session(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._session_mac(nonce)}"


def _well_formed(value: str) -> bool:
    return 16 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value)


def set_cookie(response: Response, request: Request, name: str, value: str) -> None:
    """A session cookie (gone when the browser closes), HttpOnly and SameSite=Strict; Secure
    when the page came over HTTPS (a plain-HTTP loopback service could not set it)."""
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
