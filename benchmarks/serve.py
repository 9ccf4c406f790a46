"""A bounded load run against ``parallax serve`` on loopback: 200 requests,
8 at a time, mixed report views, searches and small analyses. Prints p50/p95
latency and errors per kind, beside a trivial endpoint (the OpenAPI spec) as
the baseline of the same server in the same run. No request may fail.

    .venv/bin/python benchmarks/serve.py [--requests 200] [--concurrency 8]
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
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([sys.executable, "-m", "parallax", "serve", "--port", str(port), "--db", str(Path(folder) / "bench.db")])
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    httpx.get(base + "/api/openapi.json", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            asyncio.run(run(base, args.requests, args.concurrency))
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
