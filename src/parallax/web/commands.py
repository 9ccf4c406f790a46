"""CLI command for the web app (serve)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add the serve command to the main app."""

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        db: Path = typer.Option(Path("parallax.db"), "--db", help="The SQLite store (shared with the corpus commands)."),
        workers: int = typer.Option(1, "--workers", min=1, help="Analysis worker processes."),
        max_file_mb: float = typer.Option(5.0, "--max-file-mb", help="Largest accepted upload, per file."),
        max_files: int = typer.Option(50, "--max-files", help="Most files per analysis."),
        allow_private: bool = typer.Option(False, "--allow-private", help="Let URLs resolve to private or loopback addresses."),
    ) -> None:
        """Serve the web app: paste or upload articles, read and share the reports."""
        import uvicorn

        from parallax.web.app import Limits, create_app

        limits = Limits(max_file_bytes=int(max_file_mb * 1_000_000), max_files=max_files)
        uvicorn.run(create_app(db, limits, workers, allow_private), host=host, port=port, log_level="warning")
