"""A one-shot listener on 127.0.0.1 that catches OK's sign-in answer, as desktop apps do.

OK sends the browser to the application's redirect address (docs/ok-api.md, "Sign-in (OAuth)"). With the
loopback address `http://localhost:51739/auth` registered for the application, that is this listener:
- the code flow brings `code` and `state` in the query, which the listener reads at once;
- the implicit (token) flow brings the token in the fragment, which a browser never sends to a server: the
  listener answers a tiny page whose script POSTs the fragment back to `/auth/answer`.
An answer whose `state` is not this sign-in's is refused and the listener keeps waiting; the first answer
with the right `state` is taken, and the listener closes at once, so the same answer cannot be used twice.
The browser is answered with a short page ("you can close this tab") in the texts it is given.
"""

from __future__ import annotations

import hmac
import html
import http.server
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from okcomposer.api.errors import OkAuthError

# Fixed so a distributor can register the address in the OK application's settings (docs/ok-app.md).
LOOPBACK_PORT = 51739
LOOPBACK_PATH = "/auth"
ANSWER_PATH = "/auth/answer"
LOOPBACK_REDIRECT = f"http://localhost:{LOOPBACK_PORT}{LOOPBACK_PATH}"
WAIT_S = 300.0  # how long the browser has to come back
MAX_ANSWER_BYTES = 8192


@dataclass(frozen=True)
class BrowserTexts:
    """What the browser tab shows; the caller passes them in the user's language (`lang` is its code)."""

    received: str = "okcomposer has received OK's answer. You can close this tab."
    refused: str = "OK did not allow access. You can close this tab and sign in again in okcomposer."
    stale: str = (
        "This answer does not belong to the sign-in okcomposer is waiting for. "
        "Close this tab and sign in again."
    )
    no_answer: str = (
        "There is no sign-in answer on this page. If it stays, copy this page's address into okcomposer."
    )
    lang: str = "en"
    title: str = "okcomposer"


RUSSIAN = BrowserTexts(
    received="okcomposer получил ответ OK. Эту вкладку можно закрыть.",
    refused="OK не разрешил доступ. Закройте вкладку и войдите в okcomposer ещё раз.",
    stale="Этот ответ не относится ко входу, которого ждёт okcomposer. Закройте вкладку и войдите ещё раз.",
    no_answer="На этой странице нет ответа OK. Если так и осталось, скопируйте адрес страницы в okcomposer.",
    lang="ru",
)


def texts_for(language: str) -> BrowserTexts:
    """The browser texts for a language code such as "ru", "ru_RU" or "en" (English for any other)."""
    return RUSSIAN if language.lower().startswith("ru") else BrowserTexts()


# The fragment never reaches a server: this page sends it back, then drops it from the address bar.
_SCRIPT = """
var m = document.getElementById("m"), h = location.hash.substring(1);
if (h) {
  history.replaceState(null, "", location.pathname);
  fetch(%(answer)s, {method: "POST", headers: {"Content-Type": "text/plain"}, body: h})
    .then(function (r) { return r.text(); }).then(function (t) { m.textContent = t; });
} else { m.textContent = %(none)s; }
"""


def _params(raw: str) -> dict[str, str]:
    """The fields of a query or fragment; none when there are more than a sign-in answer has."""
    try:
        return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True, max_num_fields=50).items()}
    except ValueError:
        return {}


def _page(texts: BrowserTexts, message: str, script: str = "") -> bytes:
    body = (
        f'<!doctype html><html lang="{html.escape(texts.lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(texts.title)}</title></head>"
        f'<body style="font-family:sans-serif;margin:3em"><p id="m">{html.escape(message)}</p>'
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>"
    )
    return body.encode("utf-8")


class LoopbackListener:
    """Listens on 127.0.0.1:`port` for one answer to the sign-in whose state is `expected_state`.

    Raises OkAuthError when the port cannot be opened (another program holds it): use the paste way then.
    `port` 0 picks a free one (tests only: OK accepts only a registered address).
    """

    def __init__(
        self,
        expected_state: str,
        texts: BrowserTexts | None = None,
        port: int = LOOPBACK_PORT,
        host: str = "127.0.0.1",
    ):
        if not expected_state:
            raise ValueError("a sign-in needs a state")
        self.expected_state, self.texts = expected_state, texts or BrowserTexts()
        self.answer: str | None = None
        self.got = threading.Event()
        self.closed = False
        self.lock = threading.Lock()
        try:
            self.server = http.server.HTTPServer((host, port), self._handler())
        except OSError as exc:
            raise OkAuthError(
                f"okcomposer could not listen on {host}:{port} for the sign-in answer ({exc.strerror}); "
                "paste the address the browser ends on instead"
            ) from None
        self.port = self.server.server_address[1]
        self.redirect_uri = f"http://localhost:{self.port}{LOOPBACK_PATH}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.1,), daemon=True)
        self.thread.name = "okc-signin-listener"
        self.thread.start()

    def _take(self, answer: str, params: dict[str, str]) -> bool:
        """Keep `answer` if its state is this sign-in's and none was taken yet."""
        got = params.get("state", "")
        if not hmac.compare_digest(got.encode(), self.expected_state.encode()):
            return False
        with self.lock:
            if self.answer is not None:
                return False
            self.answer = answer
        self.got.set()
        return True

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format, *args) -> None:  # noqa: A002 - the answer holds tokens: no log
                pass

            def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            def _host_ok(self) -> bool:
                # A page on another site that rebinds its name to 127.0.0.1 sends its own Host.
                host = self.headers.get("Host", "")
                return host in (f"localhost:{listener.port}", f"127.0.0.1:{listener.port}")

            def _answer(self, answer: str, params: dict[str, str]) -> tuple[int, str]:
                if not listener._take(answer, params):
                    return 400, listener.texts.stale
                return 200, listener.texts.refused if "error" in params else listener.texts.received

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = urlsplit(self.path)
                if not self._host_ok() or parts.path != LOOPBACK_PATH:
                    self._send(404, _page(listener.texts, listener.texts.stale))
                    return
                params = _params(parts.query)
                if {"code", "error", "access_token"} & params.keys():
                    status, text = self._answer(f"{listener.redirect_uri}?{parts.query}", params)
                    self._send(status, _page(listener.texts, text))
                    return
                script = _SCRIPT % {
                    "answer": json.dumps(ANSWER_PATH),
                    "none": json.dumps(listener.texts.no_answer),
                }
                self._send(200, _page(listener.texts, listener.texts.no_answer, script))

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                if not self._host_ok() or self.path != ANSWER_PATH or not 0 < length <= MAX_ANSWER_BYTES:
                    self._send(400, listener.texts.stale.encode(), "text/plain; charset=utf-8")
                    return
                fragment = self.rfile.read(length).decode("utf-8", "replace").strip()
                status, text = self._answer(f"{listener.redirect_uri}#{fragment}", _params(fragment))
                self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8")

        return Handler

    def wait(self, timeout: float = WAIT_S, cancelled: Callable[[], bool] | None = None) -> str:
        """The redirect address the browser came back with (parse it with oauth.parse_*_redirect).

        Closes the listener in every case. Raises OkAuthError when no answer came within `timeout` seconds,
        `cancelled()` became true or the listener was closed meanwhile.
        """
        deadline = time.monotonic() + timeout
        try:
            while not self.got.wait(min(0.2, max(0.0, deadline - time.monotonic()))):
                if self.closed or (cancelled is not None and cancelled()):
                    raise OkAuthError("the sign-in was cancelled")
                if time.monotonic() >= deadline:
                    waited = f"{timeout / 60:g} min" if timeout >= 60 else f"{timeout:g} s"
                    raise OkAuthError(f"the browser brought no answer within {waited}; sign in again")
        finally:
            self.close()
        assert self.answer is not None  # got is set only with an answer
        return self.answer

    def close(self) -> None:
        """Stop listening (the port is free again); a later answer finds nothing there, a wait ends."""
        self.closed = True
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()
