"""CLI command for the web app (serve)."""

from __future__ import annotations

from pathlib import Path

import typer

from parallax.limits import MIB, Limits

_DEFAULTS = Limits()


def register(app: typer.Typer) -> None:
    """Add the serve command to the main app."""

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        db: Path = typer.Option(Path("parallax.db"), "--db", help="The SQLite store (shared with the corpus commands)."),
        workers: int = typer.Option(1, "--workers", min=1, help="Analysis worker processes."),
        max_file_mb: float = typer.Option(_DEFAULTS.max_file_bytes / MIB, "--max-file-mb", min=0.001, help="Largest accepted upload or pasted article, in MiB."),
        max_files: int = typer.Option(_DEFAULTS.max_files, "--max-files", min=1, help="Most articles per analysis."),
        job_seconds: float = typer.Option(_DEFAULTS.job_seconds, "--job-timeout", min=1, help="Stop an analysis that runs longer than this many seconds."),
        allow_private: bool = typer.Option(False, "--allow-private", help="Let URLs resolve to private or loopback addresses."),
    ) -> None:
        """Serve the web app: paste or upload articles, read and share the reports.

        Ctrl-C or SIGTERM stops it cleanly: workers are stopped and a running
        analysis is queued again for the next start."""
        import uvicorn

        from parallax.web.app import create_app

        limits = Limits(max_file_bytes=int(max_file_mb * MIB), max_files=max_files, job_seconds=job_seconds)
        uvicorn.run(create_app(db, limits, workers, allow_private), host=host, port=port, log_level="warning",
                    timeout_graceful_shutdown=10)
