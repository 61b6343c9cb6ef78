"""Not sent is not unknown: a request that provably never left becomes OkNotSent, anything later does not.

Real sockets on 127.0.0.1 only (plus a `.invalid` name, which RFC 6761 says resolves nowhere).
"""

from __future__ import annotations

import datetime
import ipaddress
import pickle
import shutil
import socket
import ssl
import subprocess
import threading
import time
import traceback
from pathlib import Path

import pytest
import requests

from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkNetworkError, OkNotSent, OkTimeout
from okcomposer.app.retry import is_transient, outcome_unknown

TOKEN = "tkn-SECRET-access-0123456789"
SESSION_SECRET = "sess-SECRET-5f4dcc3b5aa765d61d83"
CREDS = Credentials("CBAPUBLICKEY", access_token=TOKEN, session_secret_key=SESSION_SECRET)
POST = {"gid": 7, "type": "GROUP_THEME", "attachment": {"media": [{"type": "text", "text": "hello"}]}}
ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n1"


def client(base_url: str, *, verify: bool | str = True, timeout=(2.0, 5.0)) -> OkClient:
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment may stand between the test and its server
    session.verify = verify
    return OkClient(CREDS, base_url, session=session, timeout=timeout)


def everything_about(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + str(exc) + repr(vars(exc))


def assert_not_sent(exc: BaseException, reason: str) -> None:
    assert type(exc) is OkNotSent, repr(exc)
    assert reason in exc.reason
    assert str(exc).startswith("Not sent: ") and "did not reach OK" in str(exc)
    assert reason in str(exc) and "mediatopic.post" in str(exc)
    assert "://" not in str(exc) and "fb.do" not in str(exc)
    assert TOKEN not in everything_about(exc) and SESSION_SECRET not in everything_about(exc)
    assert not outcome_unknown(exc) and is_transient(exc)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_request(conn: socket.socket) -> bytes:
    """The whole HTTP request (head and Content-Length body), or what arrived before the peer stopped."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class RawServer:
    """A TCP (optionally TLS) server that counts every request whose bytes got past the TLS handshake.

    mode: "answer" (send a JSON `1`), "close" (read the request, close without answering), "silent" (accept
    the TCP connection, never say a word: no TLS handshake).
    """

    def __init__(self, context: ssl.SSLContext | None = None, mode: str = "answer"):
        self.context = context
        self.mode = mode
        self.accepted = 0
        self.requests: list[bytes] = []
        self.handshake_errors: list[str] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.open: list[socket.socket] = []

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            self.open.append(conn)
            if self.mode != "silent":
                self.handle(conn)

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        if self.context is not None:
            try:
                conn = self.context.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError) as exc:
                self.handshake_errors.append(str(exc))
                try:  # anything the client still wrote after a failed handshake counts too
                    if conn.recv(65536):
                        self.requests.append(b"<bytes after a failed handshake>")
                except OSError:
                    pass
                conn.close()
                return
        try:
            request = read_request(conn)
            if request:
                self.requests.append(request)
            if self.mode == "answer":
                conn.sendall(ANSWER)
        except OSError:
            pass
        conn.close()

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)
        for conn in self.open:
            conn.close()
        self.listener.close()


def make_cert(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    """A throwaway self-signed certificate and key for `names` (IP addresses or DNS names)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            pytest.skip("neither the cryptography package nor the openssl binary is available")
        san = ",".join(f"IP:{n}" if n[0].isdigit() else f"DNS:{n}" for n in names)
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
            + ["-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=okcomposer test"]
            + ["-addext", f"subjectAltName={san}"],
            check=True,
            capture_output=True,
        )
        return cert, key
    private = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "okcomposer test")])
    alt = [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_connection_refused_is_not_sent():
    with pytest.raises(OkNetworkError) as info:
        client(f"http://127.0.0.1:{free_port()}").call("mediatopic.post", POST)
    assert_not_sent(info.value, "connection refused")
    assert str(info.value) == "Not sent: connection refused — mediatopic.post did not reach OK"


def test_self_signed_tls_server_is_not_sent_with_the_tls_reason_and_sees_no_request(tmp_path):
    cert, key = make_cert(tmp_path, ["127.0.0.1"])
    with RawServer(server_context(cert, key)) as server:
        with pytest.raises(OkNetworkError) as info:
            client(f"https://127.0.0.1:{server.port}").call("mediatopic.post", POST)
    assert_not_sent(info.value, "TLS handshake failed: certificate verify failed")
    assert "self-signed certificate" in info.value.reason or "self signed certificate" in info.value.reason
    assert server.accepted == 1 and len(server.handshake_errors) == 1
    assert server.requests == []


def test_the_same_tls_server_does_count_a_request_once_its_certificate_is_trusted(tmp_path):
    """The control for the test above: the server would have seen a request that got through."""
    cert, key = make_cert(tmp_path, ["127.0.0.1"])
    with RawServer(server_context(cert, key)) as server:
        assert client(f"https://127.0.0.1:{server.port}", verify=str(cert)).call("mediatopic.post", POST) == 1
    assert len(server.requests) == 1 and b"mediatopic.post" in server.requests[0]
    assert server.handshake_errors == []


def test_a_certificate_for_another_host_is_not_sent(tmp_path):
    cert, key = make_cert(tmp_path, ["okcomposer.example"])
    with RawServer(server_context(cert, key)) as server:
        with pytest.raises(OkNetworkError) as info:
            client(f"https://127.0.0.1:{server.port}", verify=str(cert)).call("mediatopic.post", POST)
    assert_not_sent(info.value, "TLS handshake failed: certificate verify failed")
    assert "mismatch" in info.value.reason
    assert server.requests == []


def test_a_server_that_reads_the_request_and_closes_leaves_the_outcome_unknown():
    with RawServer(mode="close") as server:
        with pytest.raises(OkNetworkError) as info:
            client(f"http://127.0.0.1:{server.port}").call("mediatopic.post", POST)
    err = info.value
    assert type(err) is OkNetworkError, repr(err)
    assert str(err) == (
        "Network error in mediatopic.post: the server closed the connection without answering"
    )
    assert outcome_unknown(err) and is_transient(err)
    assert len(server.requests) == 1 and b"mediatopic.post" in server.requests[0]


def test_a_tls_server_that_closes_after_the_handshake_leaves_the_outcome_unknown(tmp_path):
    cert, key = make_cert(tmp_path, ["127.0.0.1"])
    with RawServer(server_context(cert, key), mode="close") as server:
        with pytest.raises(OkNetworkError) as info:
            client(f"https://127.0.0.1:{server.port}", verify=str(cert)).call("mediatopic.post", POST)
    err = info.value
    assert type(err) is OkNetworkError, repr(err)
    assert str(err).startswith("Network error in mediatopic.post: ")
    assert outcome_unknown(err)
    assert len(server.requests) == 1 and server.handshake_errors == []


def test_an_unknown_host_is_not_sent():
    with pytest.raises(OkNetworkError) as info:
        client("https://okcomposer-test.invalid").call("mediatopic.post", POST)
    assert_not_sent(info.value, "host not found")
    assert "okcomposer-test.invalid" not in str(info.value)


def test_a_tls_handshake_that_never_finishes_is_not_sent_and_not_a_read_timeout():
    """urllib3 reports this as a read timeout; it happens inside connect(), before the request."""
    with RawServer(mode="silent") as server:
        started = time.monotonic()
        with pytest.raises(OkNetworkError) as info:
            client(f"https://127.0.0.1:{server.port}", timeout=(0.5, 300.0)).call("mediatopic.post", POST)
        took = time.monotonic() - started
    assert_not_sent(info.value, "no TLS handshake within 0.5 s")
    assert not isinstance(info.value, OkTimeout)
    # Ended by the connect timeout, not the five-minute read timeout (a wide margin, not a speed limit).
    assert took < 150 and server.accepted == 1


def test_no_connection_within_the_connect_timeout_is_not_sent():
    """A listener whose accept queue is full drops new SYNs (Linux), so connect() just waits."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(16):
            filler = socket.socket()
            filler.settimeout(0.2)
            try:
                filler.connect(("127.0.0.1", port))
            except TimeoutError:
                filler.close()
                break
            fillers.append(filler)
        else:
            pytest.skip("this system accepts every connection into the queue; no connect timeout to provoke")
        with pytest.raises(OkNetworkError) as info:
            client(f"http://127.0.0.1:{port}", timeout=(0.3, 30.0)).call("mediatopic.post", POST)
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
    assert_not_sent(info.value, "no connection within 0.3 s")
    assert not isinstance(info.value, OkTimeout)


def test_not_sent_pickles_and_reads_without_a_method():
    err = OkNotSent("connection refused")
    assert str(err) == "Not sent: connection refused — the request did not reach OK"
    copy = pickle.loads(pickle.dumps(OkNotSent("host not found", "photosV2.getUploadUrl")))
    assert (type(copy), copy.reason, copy.method) == (OkNotSent, "host not found", "photosV2.getUploadUrl")
    assert str(copy) == "Not sent: host not found — photosV2.getUploadUrl did not reach OK"
