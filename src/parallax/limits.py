"""Every size, count and time limit in one place: the CLI's defaults and the web app's."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024

# One input file, one corpus record, one fetched page (--max-bytes).
DEFAULT_MAX_BYTES = 5 * MIB


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
