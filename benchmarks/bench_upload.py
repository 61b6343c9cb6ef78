"""Upload throughput on the wire: okcomposer's streamed multipart uploader against `curl -F`, the same files
and batches, both sending to a receiver that reads the body and discards it (the sandbox would decode every
image and so cap both at a fraction of the wire). Runs interleaved. Also the uploader's peak RSS above idle
during the 50 MB upload (in a child process). Target: at least 80 % of curl's throughput.

Usage: python benchmarks/bench_upload.py [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MIB, interleaved, median, record, verdict  # noqa: E402

from okcomposer.api.client import OkClient  # noqa: E402
from okcomposer.api.credentials import Credentials  # noqa: E402
from okcomposer.api.methods import UploadSlot  # noqa: E402
from okcomposer.api.upload import UploadFile  # noqa: E402
from okcomposer.app.photos import upload_all  # noqa: E402

CHUNK = 1 << 20


class Discard(BaseHTTPRequestHandler):
    """Reads the whole body into one reused buffer and answers a token for each photo id in `?ids=`."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802 (the http.server name)
        left = int(self.headers.get("Content-Length", "0"))
        buffer = memoryview(bytearray(CHUNK))
        while left > 0:
            got = self.rfile.readinto(buffer[: min(CHUNK, left)])
            if not got:
                break
            left -= got
        ids = parse_qs(urlparse(self.path).query).get("ids", [""])[0].split(",")
        body = json.dumps({"photos": {i: {"token": f"t{i}"} for i in ids if i}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def serve() -> None:
    """Run in a child process: print the port, serve until killed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Discard)
    print(server.server_address[1], flush=True)
    server.serve_forever()


class Receiver:
    def __enter__(self) -> Receiver:
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.base = f"http://127.0.0.1:{self.proc.stdout.readline().strip()}/upload"
        self.next_id = 0
        return self

    def slot(self, count: int) -> UploadSlot:
        ids = tuple(str(self.next_id + i) for i in range(count))
        self.next_id += count
        return UploadSlot(f"{self.base}?ids={','.join(ids)}", ids, None, None)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def client() -> OkClient:
    return OkClient(Credentials("key", "token", "secret"), "http://127.0.0.1:9/")  # only .upload is used


def ours(receiver: Receiver, files: list[Path], parallel: int) -> float:
    uploads = [UploadFile("pic1", f, "image/jpeg") for f in files]
    session = client()
    started = time.perf_counter()
    upload_all(session, uploads, lambda batch: receiver.slot(len(batch)), per_url=10, parallel=parallel)
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def curl(receiver: Receiver, files: list[Path], parallel: int) -> float:
    """The same batches as ours, each one `curl -F pic1=@... -F pic2=@...`, `parallel` at a time.

    Timed from when each curl was started plus its own total time (`-w %{time_total}`: from before it
    connects to the end of the answer), so curl's process start is not charged to it.
    """
    per = max(1, min(10, -(-len(files) // parallel)))
    batches = [files[i : i + per] for i in range(0, len(files), per)]
    slots = [receiver.slot(len(b)) for b in batches]
    started = time.perf_counter()
    procs = []
    for batch, slot in zip(batches, slots, strict=True):
        form = [arg for i, f in enumerate(batch) for arg in ("-F", f"pic{i + 1}=@{f};type=image/jpeg")]
        # "Expect:" turns off curl's 100-continue wait (up to 1 s), which would flatter us.
        command = ["curl", "-sS", "-o", "/dev/null", "-w", "%{time_total}", "-H", "Expect:", *form]
        spawned = time.perf_counter() - started
        procs.append(
            (spawned, subprocess.Popen([*command, slot.upload_url], stdout=subprocess.PIPE, text=True))
        )
    ends = []
    for spawned, proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit("curl failed")
        ends.append(spawned + float(out))
    return max(ends)


def random_file(path: Path, megabytes: int) -> Path:
    with open(path, "wb") as fh:
        for _ in range(megabytes):
            fh.write(os.urandom(MIB))
    return path


def child_memory(path: str) -> None:
    """Run in a child: idle RSS after imports, then the 50 MB upload, then this process's peak (VmHWM)."""
    import gc

    with Receiver() as receiver:
        ours(receiver, [Path(path)], 1)  # warm: imports, the connection pool
        gc.collect()
        idle = _status_kb("VmRSS")
        ours(receiver, [Path(path)], 1)
    print(json.dumps({"idle_kb": idle, "peak_kb": _status_kb("VmHWM")}))


def _status_kb(key: str) -> int:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key + ":"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2 runs, no 200 MB file")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve()
        return 0
    if args.child:
        child_memory(args.child)
        return 0
    if shutil.which("curl") is None:
        raise SystemExit("curl is needed as the baseline")
    runs = 2 if args.quick else args.runs
    with tempfile.TemporaryDirectory() as tmp, Receiver() as receiver:
        folder = Path(tmp)
        cases = [("1 × 50 MB", [random_file(folder / "big.jpg", 50)], 1)]
        cases.append(("20 × 5 MB, 4 at a time", [random_file(folder / f"s{i}.jpg", 5) for i in range(20)], 4))
        if not args.quick:
            cases.append(("1 × 200 MB", [random_file(folder / "huge.jpg", 200)], 1))
        for name, files, parallel in cases:
            size = sum(f.stat().st_size for f in files) / MIB
            ours(receiver, files, parallel), curl(receiver, files, parallel)  # warm the page cache
            found = interleaved(
                runs,
                {
                    "curl": lambda f=files, p=parallel: curl(receiver, f, p),
                    "ours": lambda f=files, p=parallel: ours(receiver, f, p),
                },
            )
            mo, mc = median(found["ours"]), median(found["curl"])
            record(
                f"upload {name} to a receiver that discards the body",
                f"{size / mo:.0f} MB/s",
                f"curl {size / mc:.0f} MB/s",
                f"{mc / mo:.0%} of curl — " + verdict(mc / mo >= 0.8, "≥ 80 %"),
                runs,
            )
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(cases[0][1][0])],
            capture_output=True,
            text=True,
            check=True,
        )
    mem = json.loads(done.stdout)
    extra = (mem["peak_kb"] - mem["idle_kb"]) / 1024
    record(
        "peak RSS during the 50 MB upload, above the idle process",
        f"+{extra:.1f} MiB",
        f"idle {mem['idle_kb'] / 1024:.0f} MiB",
        verdict(extra < 20, "< 20 MiB"),
        1,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
