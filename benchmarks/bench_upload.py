"""Upload throughput and memory: our streamed multipart uploader vs `curl -F`, same files and run.

Usage: python benchmarks/bench_upload.py [--runs 3]
Prints wall time and throughput for one 50 MB image and for 20 x 5 MB images, the ratio to curl, and the
uploader's peak RSS above its idle RSS during the 50 MB upload (measured in a child process).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MIB, SandboxProcess, median, noise_png, table  # noqa: E402

from okcomposer.api import methods  # noqa: E402
from okcomposer.api.upload import UploadFile  # noqa: E402
from okcomposer.app.photos import upload_all  # noqa: E402

LIMITS = {"OKC_LIMIT_PHOTO_MAX_BYTES": str(80 * MIB)}


def ours(client, files: list[Path], parallel: int) -> float:
    uploads = [UploadFile("pic1", f, "image/png") for f in files]
    started = time.perf_counter()
    upload_all(
        client,
        uploads,
        lambda batch: methods.get_photo_upload_url(client, [u.size for u in batch]),
        per_url=10,
        parallel=parallel,
    )
    return time.perf_counter() - started


def curl(client, files: list[Path], parallel: int) -> float:
    """The same batches as ours, each one `curl -F pic1=@... -F pic2=@...`, `parallel` at a time."""
    per = max(1, min(10, -(-len(files) // parallel)))
    batches = [files[i : i + per] for i in range(0, len(files), per)]
    slots = [methods.get_photo_upload_url(client, [f.stat().st_size for f in b]) for b in batches]
    started = time.perf_counter()
    procs = []
    for batch, slot in zip(batches, slots, strict=True):
        form = [arg for i, f in enumerate(batch) for arg in ("-F", f"pic{i + 1}=@{f};type=image/png")]
        # "Expect:" turns off curl's 100-continue wait (up to 1 s), which would flatter us.
        procs.append(
            subprocess.Popen(["curl", "-sS", "-o", "/dev/null", "-H", "Expect:", *form, slot.upload_url])
        )
    for p in procs:
        if p.wait() != 0:
            raise SystemExit("curl failed")
    return time.perf_counter() - started


def child_memory(base_url_info: str, path: str) -> None:
    """Run in a child: idle RSS after imports, then the 50 MB upload, then peak RSS (KB on Linux)."""
    import gc

    from common import SandboxProcess as _  # noqa: F401  (same imports as the parent)

    from okcomposer.api.client import OkClient
    from okcomposer.api.credentials import Credentials

    info = json.loads(base_url_info)
    client = OkClient(
        Credentials(info["application_key"], info["access_token"], info["session_secret_key"]),
        info["base_url"],
    )
    methods.get_current_user(client)  # warm the connection pool and imports
    gc.collect()
    idle = _status_kb("VmRSS")
    ours(client, [Path(path)], 1)
    # VmHWM is this process's own peak; ru_maxrss would include the parent's peak inherited at fork.
    print(json.dumps({"idle_kb": idle, "peak_kb": _status_kb("VmHWM")}))


def _status_kb(key: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_memory(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp, SandboxProcess(env=LIMITS) as sandbox:
        folder = Path(tmp)
        big = [noise_png(folder / "big.png", 50)]
        small = [noise_png(folder / f"s{i}.png", 5) for i in range(20)]
        client = sandbox.client()
        rows = []
        for name, files, parallel in (("1 x 50 MB", big, 1), ("20 x 5 MB", small, 4)):
            size = sum(f.stat().st_size for f in files)
            t_ours, t_curl = [], []
            for _ in range(args.runs):
                t_curl.append(curl(client, files, parallel))
                t_ours.append(ours(client, files, parallel))
            mo, mc = median(t_ours), median(t_curl)
            rows.append(
                (
                    name,
                    f"{size / MIB:.0f} MB",
                    f"{mc:.2f}",
                    f"{size / MIB / mc:.0f}",
                    f"{mo:.2f}",
                    f"{size / MIB / mo:.0f}",
                    f"{mc / mo:.0%}",
                )
            )
        print(f"Upload to the sandbox on loopback, median of {args.runs} runs")
        print(table(rows, ("files", "bytes", "curl s", "curl MB/s", "ours s", "ours MB/s", "ours/curl")))
        env_info = json.dumps(sandbox.info)
        done = subprocess.run(
            [sys.executable, __file__, "--child", env_info, str(big[0])],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, **LIMITS},
        )
        mem = json.loads(done.stdout)
        extra = (mem["peak_kb"] - mem["idle_kb"]) / 1024
        print(
            f"\nPeak RSS during the 50 MB upload: {mem['peak_kb'] / 1024:.1f} MB, "
            f"idle {mem['idle_kb'] / 1024:.1f} MB,"
            f" +{extra:.1f} MB (target < 20 MB)"
        )


if __name__ == "__main__":
    main()
