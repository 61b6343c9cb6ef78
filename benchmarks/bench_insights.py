"""Insights with 500 topics: the API calls and time of one refresh, and the time to open them from the cache.

Opening = a new DraftStore on the cache, reading the group's 500 topics and computing the best times (what the
Insights tab and `okcomposer stats` do before drawing). Targets (issue 18): a refresh of 500 topics in at
most 10 calls; the tab open from cache in under 300 ms.
Usage: python benchmarks/bench_insights.py [--topics N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import record, verdict  # noqa: E402

from okcomposer.api.client import OkClient  # noqa: E402
from okcomposer.api.credentials import Credentials  # noqa: E402
from okcomposer.app.best_times import best_times, ranked  # noqa: E402
from okcomposer.app.insights import Insights  # noqa: E402
from okcomposer.sandbox import history  # noqa: E402
from okcomposer.sandbox.server import Sandbox  # noqa: E402
from okcomposer.store.drafts import DraftStore  # noqa: E402

MAX_CALLS = 10
MAX_OPEN_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the same (it takes a few seconds)")
    args = parser.parse_args()
    gid = history.HISTORY_GROUPS[0]
    with Sandbox(with_history=True) as sandbox, tempfile.TemporaryDirectory() as folder:
        base = sandbox.state.past_topics[0]
        start = sandbox.state.now_ms() - 60 * 86_400_000
        with sandbox.state.lock:  # args.topics topics spread over the last 60 days
            sandbox.state.past_topics = [
                {
                    **base,
                    "id": str(80_000_000_000 + i),
                    "created_ms": start + i * 60 * 86_400_000 // args.topics,
                }
                for i in range(args.topics)
            ]
        info = sandbox.info()
        creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
        client = OkClient(creds, info["base_url"])
        path = Path(folder) / "drafts.sqlite3"
        store = DraftStore(path)
        began = time.perf_counter()
        done = Insights(store).refresh(client, gid, since_ms=start - 1)
        refresh_ms = (time.perf_counter() - began) * 1000
        store.close()
        client.close()
        opens = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            again = DraftStore(path)
            topics = Insights(again).topics(gid)
            ranked(best_times(((t.created_ms, t.figures) for t in topics), ZoneInfo("Europe/Moscow")))
            opens.append((time.perf_counter() - began) * 1000)
            again.close()
    open_ms = statistics.median(opens)
    record(
        f"Insights: refresh {done.topics} topics from the sandbox",
        f"{done.calls} API calls, {refresh_ms:.0f} ms",
        "",
        verdict(done.calls <= MAX_CALLS, f"≤ {MAX_CALLS} calls"),
        1,
    )
    record(
        f"Insights: open {len(topics)} topics from the cache with the best times",
        f"{open_ms:.1f} ms",
        "",
        verdict(open_ms < MAX_OPEN_MS, f"< {MAX_OPEN_MS:.0f} ms"),
        args.repeat,
    )
    return 0 if done.calls <= MAX_CALLS and open_ms < MAX_OPEN_MS and len(topics) == args.topics else 1


if __name__ == "__main__":
    sys.exit(main())
