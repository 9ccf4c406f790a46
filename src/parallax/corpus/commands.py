"""CLI commands for corpus mode (ingest, cluster, stories, report, export)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the main app."""
