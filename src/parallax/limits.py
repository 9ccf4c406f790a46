"""Every size, count and time limit in one place: the CLI's defaults and the web app's."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024

# One input file, one corpus record, one fetched page (--max-bytes).
DEFAULT_MAX_BYTES = 5 * MIB

# Fetching a URL: seconds per request, redirect hops followed (each hop is checked again).
FETCH_TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5

# Ingest: records per committed batch (a re-run resumes after the last one, --batch-size).
INGEST_BATCH_RECORDS = 200
# Text compresses 3-10×; far beyond that, past the record cap, is a compression bomb.
MAX_INFLATION = 200
MIN_BOMB_BYTES = MIB  # inflation is only judged past this many bytes (or one record's worth)

# Clustering: how many days apart two articles of one event may be (--window), and the
# similarity an article needs to join a story (--threshold; higher: stricter, more stories).
DEFAULT_WINDOW_DAYS = 3
DEFAULT_CLUSTER_THRESHOLD = 0.175

# Below this many articles a second parsing process costs more than it saves.
PARALLEL_MIN_ARTICLES = 8

# Web analysis workers: how often a running job proves it is alive, when a silent one counts
# as orphaned, how long a new worker may take to load its models.
HEARTBEAT_SECONDS = 2.0
STALE_SECONDS = 60.0
WARMUP_SECONDS = 600.0


@dataclass(frozen=True)
class Limits:
    """What one web analysis may bring, and how long it may run."""

    max_file_bytes: int = DEFAULT_MAX_BYTES  # per uploaded file or pasted article
    max_total_bytes: int = 20 * MIB  # all files and pasted text of one analysis
    max_files: int = 50  # files plus pasted articles
    max_urls: int = 20
    job_seconds: float = 300.0  # an analysis still running after this is stopped
    page_size: int = 25  # stories per page of the home list

    @property
    def max_body_bytes(self) -> int:
        """The largest request body: everything above plus room for form fields and multipart framing."""
        return self.max_total_bytes + MIB
