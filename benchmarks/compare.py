"""The whole `parallax compare` command against a bare spaCy parse of the same texts.

Both run as fresh processes on the same files (the 84 PolNeAR dev articles by
default), so start-up, reading, every per-article stage, embeddings and the
story stage all count for Parallax, and model loading plus `nlp.pipe` count
for the baseline. The parse uses the same model and the same number of
processes as `compare` does for this many articles. Peak memory is the
largest resident set of any one process of the command (workers included).

CPU seconds (user + system, the workers included) are printed beside the wall
seconds: on a shared machine they move less than wall time.

Target: compare at most 1.5x the bare parse, peak memory flat in the number of articles.

    .venv/bin/python benchmarks/compare.py [--articles 84] [--sizes 21,42,84]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks_common import POLNEAR, ROOT

PARSE = """
import sys
from pathlib import Path
from parallax.api import PARALLEL_MIN_ARTICLES
from parallax.nlp import get_nlp
files = sorted(Path(sys.argv[1]).glob("*.txt"))
texts = [f.read_text(encoding="utf-8") for f in files]
n_process = 2 if len(texts) >= PARALLEL_MIN_ARTICLES else 1
for doc in get_nlp().pipe(texts, n_process=n_process, batch_size=8):
    pass
"""


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, of the command and every process it waited for),
    and the peak resident MB of the largest process the command started, measured by a fresh
    wrapper process so runs do not see each other's peaks."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--sizes", default="", help="comma-separated article counts to show how time and memory scale")
    args = parser.parse_args()
    files = sorted(POLNEAR.glob("*.txt"))
    if not files:
        print(f"PolNeAR dev texts not found under {POLNEAR}", file=sys.stderr)
        return 2
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | {min(args.articles, len(files))})
    python = sys.executable
    parallax = str(Path(python).parent / "parallax")
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            for f in files[:size]:
                (Path(folder) / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
            words = sum(len(f.read_text(encoding="utf-8").split()) for f in files[:size])
            parse_s, parse_cpu, parse_mb = run([python, "-c", PARSE, folder])
            compare_s, compare_cpu, compare_mb = run([parallax, "compare", folder, "--format", "json", "-o", str(Path(folder) / "out.json")])
            rows.append({"articles": size, "words": words, "parse_s": round(parse_s, 1), "compare_s": round(compare_s, 1),
                         "ratio": round(compare_s / parse_s, 2), "parse_cpu_s": round(parse_cpu, 1),
                         "compare_cpu_s": round(compare_cpu, 1), "cpu_ratio": round(compare_cpu / parse_cpu, 2),
                         "parse_peak_mb": round(parse_mb), "compare_peak_mb": round(compare_mb)})
    print(f"{'articles':>8} {'words':>7} {'bare parse s':>12} {'compare s':>10} {'ratio':>6}"
          f" {'parse cpu s':>11} {'compare cpu s':>13} {'cpu ratio':>9} {'parse MB':>9} {'compare MB':>11}")
    for r in rows:
        print(f"{r['articles']:>8} {r['words']:>7} {r['parse_s']:>12} {r['compare_s']:>10} {r['ratio']:>6}"
              f" {r['parse_cpu_s']:>11} {r['compare_cpu_s']:>13} {r['cpu_ratio']:>9} {r['parse_peak_mb']:>9} {r['compare_peak_mb']:>11}")
    print("target: ratio <= 1.5 (PolNeAR dev texts, same model, same process count)")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
