"""``--engine ray``: the same corpus pipeline, spread over a Ray cluster.

Why it gives the same stories as the local engine: only the pure, per-item
work moves to Ray. Ingest streams records from the driver in chunks and
builds articles and their clustering features with Ray Data
(``from_items → map_batches(build) → iter_rows``, order preserved); the
driver alone writes the SQLite store. Clustering scores each time block
(candidate search + verification, ``cluster.score_block``) in a Ray task,
while the driver assigns stories block by block in the fixed (date, id)
order. Inputs, features and scores are the same values either way.

Running on a real cluster
    1. Install Parallax with the extra on every node, at the same version as
       the driver: ``pip install 'parallax-news[ray]'`` (or ship it with a
       runtime environment: ``ray job submit --runtime-env-json
       '{"pip": ["parallax-news[ray]"]}' -- parallax ingest ...``).
    2. Start the cluster (``ray start --head`` on one node, ``ray start
       --address=HEAD:6379`` on the others, or KubeRay / ``ray up``).
    3. On a node that can write the store file, run for example
       ``parallax ingest crawl/ --db corpus.db --engine ray --address auto``
       then ``parallax cluster --db corpus.db --engine ray --address auto``.
       Input files are read by the driver, so they need to be on its disk.
Without ``--address`` a local Ray runtime starts with 2 CPUs (``--cpus``).
"""

from __future__ import annotations

import logging
import pickle
from collections import deque
from contextlib import contextmanager
from itertools import chain
from typing import Iterator

from parallax.corpus.cluster import Block, ClusterOptions, score_block
from parallax.corpus.ingest import Built, Record, batched, build_record
from parallax.errors import InputError

DEFAULT_CPUS = 2
CHUNK_RECORDS = 5000  # records the driver hands to one Ray Data job
MAP_BATCH = 200
IN_FLIGHT_BLOCKS = 4


class RayMissing(RuntimeError):
    """The optional 'ray' extra is not installed."""


def require_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise RayMissing(
            "--engine ray needs the optional Ray extra: pip install 'parallax-news[ray]' "
            "(or use the default --engine local)"
        ) from exc
    return ray


@contextmanager
def ray_session(address: str | None = None, num_cpus: int = DEFAULT_CPUS) -> Iterator[object]:
    """Connect to ``address`` or start a local runtime; shut down only what we started."""
    ray = require_ray()
    started = False
    # Ray's start-up notices (auth mode, disabled progress bars, finished
    # datasets) would drown the one-line summaries on stderr.
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    if not address:
        logging.getLogger("ray").setLevel(logging.ERROR)
    if not ray.is_initialized():
        quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR", "configure_logging": False}
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=num_cpus, **quiet)
        started = True
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    if hasattr(context, "print_on_execution_start"):
        context.print_on_execution_start = False
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


# ---------------------------------------------------------------------------------- ingest


def _build_batch(batch, only_language: str | None = None):
    """map_batches UDF: pickled Records → pickled Built/InputError, one for one."""
    import pyarrow as pa

    results = []
    for payload in batch.column("record").to_pylist():
        record: Record = pickle.loads(payload)
        results.append(pickle.dumps(build_record(record, only_language)))
    return pa.table({"result": pa.array(results, type=pa.binary())})


def ingest_runner(chunk_records: int = CHUNK_RECORDS, map_batch: int = MAP_BATCH):
    """An ingest runner that builds articles with Ray Data (use inside ``ray_session``)."""
    ray = require_ray()

    def run(batches: Iterator[list[Record]], only_language: str | None) -> Iterator[list[Built | InputError]]:
        for chunk in batched(chain.from_iterable(batches), chunk_records):
            dataset = ray.data.from_items([{"record": pickle.dumps(record)} for record in chunk])
            dataset = dataset.map_batches(
                _build_batch, batch_size=map_batch, batch_format="pyarrow", fn_kwargs={"only_language": only_language}
            )
            yield [pickle.loads(row["result"]) for row in dataset.iter_rows()]

    return run


# ---------------------------------------------------------------------------------- cluster


def cluster_runner(in_flight: int = IN_FLIGHT_BLOCKS):
    """A cluster runner that scores time blocks in Ray tasks, results in block order."""
    ray = require_ray()
    remote_score = ray.remote(score_block)

    def run(blocks: Iterator[Block], idf: dict[str, float], default_idf: float, options: ClusterOptions) -> Iterator[list]:
        idf_ref = ray.put(idf)
        waiting: deque = deque()
        for block in blocks:
            waiting.append((block, remote_score.remote(block.query_ids, block.rows, idf_ref, default_idf, options)))
            if len(waiting) >= in_flight:
                done, ref = waiting.popleft()
                yield done, ray.get(ref)
        while waiting:
            done, ref = waiting.popleft()
            yield done, ray.get(ref)

    return run
