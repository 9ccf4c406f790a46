"""A bounded load run against ``parallax serve`` on loopback: 200 requests,
8 at a time, mixed report views, searches and small analyses. Prints p50/p95
latency and errors per kind, beside a trivial endpoint (the OpenAPI spec) as
the baseline of the same server in the same run. No request may fail.

Then the long-article case: one runaway analysis (a single article of
--long-kb kilobytes, far longer than the --job-timeout allows) followed by
small analyses and page views. The runaway must be stopped at its time limit,
no small analysis may wait behind it longer than that limit, and pages keep
answering meanwhile (their latency is printed beside the same baseline).

    .venv/bin/python benchmarks/serve.py [--requests 200] [--concurrency 8] [--long-kb 400] [--job-timeout 60]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-blackout"
SMALL = {"articles": [
    {"text": "The council approved the budget on Monday, the mayor said. \"It is fair,\" Mayor Ann Lee said.", "outlet": "Gazette"},
    {"text": "Mayor Ann Lee said the council approved the budget on Monday. Critics called it unfair.", "outlet": "Courier"},
]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def seed(client: httpx.AsyncClient) -> str:
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(EXAMPLE.iterdir())]
    job = (await client.post("/api/uploads", files=files)).json()
    while job["status"] not in ("done", "failed"):
        await asyncio.sleep(0.5)
        job = (await client.get(f"/api/jobs/{job['id']}")).json()
    if job["status"] != "done":
        raise SystemExit(f"seeding failed: {job['error']}")
    return job["story_id"]


async def run(base: str, total: int, concurrency: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        story = await seed(client)
        rng = random.Random(7)
        kinds = ["baseline: GET /api/openapi.json"] * 2 + ["report page"] * 4 + ["report JSON"] * 2 + ["search"] + ["small analysis"]
        plan = [rng.choice(kinds) for _ in range(total)]
        timings: dict[str, list[float]] = {k: [] for k in set(kinds)}
        errors: dict[str, int] = {k: 0 for k in set(kinds)}
        semaphore = asyncio.Semaphore(concurrency)

        async def one(kind: str) -> None:
            async with semaphore:
                start = time.perf_counter()
                if kind.startswith("baseline"):
                    response = await client.get("/api/openapi.json")
                elif kind == "report page":
                    response = await client.get(f"/stories/{story}")
                elif kind == "report JSON":
                    response = await client.get(f"/api/stories/{story}")
                elif kind == "search":
                    response = await client.get("/api/search", params={"q": rng.choice(["Kestrel", "malicious code", "Dostria denies"])})
                else:
                    response = await client.post("/api/analyses", json=SMALL)
                timings[kind].append(time.perf_counter() - start)
                if response.status_code >= 400:
                    errors[kind] += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(k) for k in plan))
        wall = time.perf_counter() - started
    print(f"{total} requests, {concurrency} concurrent, {wall:.1f} s wall, {total / wall:.1f} requests/s")
    print(f"{'kind':36s} {'n':>4s} {'p50 ms':>8s} {'p95 ms':>8s} {'errors':>6s}")
    for kind in sorted(timings, key=lambda k: (not k.startswith("baseline"), k)):
        values = sorted(timings[kind])
        if not values:
            continue
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"{kind:36s} {len(values):4d} {1000 * statistics.median(values):8.1f} {1000 * p95:8.1f} {errors[kind]:6d}")
    if sum(errors.values()):
        raise SystemExit("some requests failed")


PARAGRAPH = ("Officials in Harbor City said on Monday that the bridge would stay closed until the spring. \"We will reopen it "
             "as soon as the engineers allow it,\" Mayor Ann Lee told reporters, adding that Kestrel Works had found cracks. "
             "Critics on the council said the closure was announced too late, and ferry operators warned of queues.\n\n")


async def job_until_final(client: httpx.AsyncClient, job_id: str) -> dict:
    while True:
        job = (await client.get(f"/api/jobs/{job_id}")).json()
        if job["status"] in ("done", "failed", "cancelled"):
            return job
        await asyncio.sleep(0.25)


async def long_article_case(base: str, long_kb: int, limit: float, pickup_seconds: float, small_jobs: int = 3) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        # a server in use: its worker has run a job and is warm
        await job_until_final(client, (await client.post("/api/analyses", json=SMALL)).json()["id"])
        text = PARAGRAPH * (long_kb * 1024 // len(PARAGRAPH) + 1)
        runaway = (await client.post("/api/analyses", json={"articles": [{"text": text, "outlet": "Long Gazette"}]})).json()
        while (await client.get(f"/api/jobs/{runaway['id']}")).json()["status"] == "queued":
            await asyncio.sleep(0.1)
        smalls = [(await client.post("/api/analyses", json=SMALL)).json() for _ in range(small_jobs)]
        pages: dict[str, list[float]] = {"baseline: GET /api/openapi.json": [], "home page": [], "job status": []}
        done = asyncio.Event()

        async def browse() -> None:
            while not done.is_set():
                for kind, path in (("baseline: GET /api/openapi.json", "/api/openapi.json"), ("home page", "/"),
                                   ("job status", f"/api/jobs/{smalls[-1]['id']}")):
                    start = time.perf_counter()
                    response = await client.get(path)
                    pages[kind].append(time.perf_counter() - start)
                    if response.status_code >= 400:
                        raise SystemExit(f"{path} failed during the runaway job: {response.status_code}")
                await asyncio.sleep(0.2)

        browsing = asyncio.create_task(browse())
        stopped = await job_until_final(client, runaway["id"])
        finished = [await job_until_final(client, job["id"]) for job in smalls]
        done.set()
        await browsing
    print(f"\nlong-article case: one {len(text) // 1024} KB article with a {limit:g} s time limit, then {small_jobs} small analyses")
    print(f"  runaway job: {stopped['status']} after {stopped['run_seconds']:.1f} s ({stopped['error']})")
    waits = [job["queued_seconds"] for job in finished]
    ran = ", ".join(f"{job['run_seconds']:.1f}" for job in finished)
    pickup = waits[0] - stopped["run_seconds"]  # the small jobs were queued as the runaway started
    print(f"  small analyses: {sum(j['status'] == 'done' for j in finished)}/{small_jobs} done; the first waited "
          f"{waits[0]:.1f} s in the queue (the runaway's time limit: {limit:g} s), taken {max(0.0, pickup):.1f} s after "
          f"the runaway was stopped; ran {ran} s")
    print(f"  {'while it ran':34s} {'n':>4s} {'p50 ms':>8s} {'p95 ms':>8s}")
    for kind, values in pages.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"  {kind:34s} {len(values):4d} {1000 * statistics.median(values):8.1f} {1000 * p95:8.1f}")
    if stopped["status"] != "failed" and stopped["run_seconds"] > limit + 5:
        raise SystemExit("the runaway job was not stopped at its time limit")
    # the first small job waits at most one time limit (plus the worker's restart), the others run after it
    if waits[0] > limit + pickup_seconds or not all(job["status"] == "done" for job in finished):
        raise SystemExit("a small analysis waited behind the runaway job longer than its time limit")


@contextmanager
def serving(folder: str, *options: str) -> Iterator[str]:
    """A ``parallax serve`` process on a free loopback port with its own store; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "parallax", "serve", "--port", str(port),
                               "--db", str(Path(folder) / f"bench-{port}.db"), *options])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="Requests of the load run (0: skip it).")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--long-kb", type=int, default=400, help="Size of the runaway article (0: skip the long-article case).")
    parser.add_argument("--job-timeout", type=float, default=60.0, help="The per-job time limit of the long-article case's server.")
    parser.add_argument("--pickup-seconds", type=float, default=15.0,
                        help="How soon after a runaway is stopped the next job must start (a spare worker warms up beside a "
                             "job that may run away; on a machine loaded by other work, warming up takes longer).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.requests:
            with serving(folder) as base:  # the load run: default limits
                asyncio.run(run(base, args.requests, args.concurrency))
        if args.long_kb:
            with serving(folder, "--job-timeout", str(args.job_timeout)) as base:
                asyncio.run(long_article_case(base, args.long_kb, args.job_timeout, args.pickup_seconds))


if __name__ == "__main__":
    main()
