"""The real `parallax` command: exit codes, error lines, deterministic JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PARALLAX = [str(Path(sys.executable).with_name("parallax"))]
PROSE = (
    "The regional council voted on Monday to close the old bridge after engineers found deep cracks in two of its pillars. "
    "Residents will have to use a ferry for at least six months, officials said, while a temporary crossing is built."
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(PARALLAX + list(args), capture_output=True, text=True, input=stdin, timeout=300, env=env)


def test_help_teaches() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("compare", "read", "evaluate"):
        assert command in result.stdout


def test_read_json_and_exit_codes(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Old bridge closed\n\n" + PROSE)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    ok = run("read", str(good), "--format", "json")
    assert ok.returncode == 0 and ok.stderr == ""
    payload = json.loads(ok.stdout)
    assert payload["schema_version"] == "1" and payload["articles"][0]["title"] == "Old bridge closed"
    partial = run("read", str(good), str(empty), str(tmp_path / "missing.txt"))
    assert partial.returncode == 1
    lines = partial.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert any(str(empty) in line and "empty" in line for line in lines)
    nothing = run("read", str(empty))
    assert nothing.returncode == 2


def test_usage_error_exits_2(tmp_path) -> None:
    assert run("compare", str(tmp_path), "--format", "pdf").returncode == 2
    assert run("compare").returncode == 2


def test_outlet_option_names_the_outlet(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Bridge closed\n\n" + PROSE)
    result = run("read", str(good), "--outlet", f"{good}=Harbor Times")
    assert json.loads(result.stdout)["articles"][0]["outlet"] == "Harbor Times"


def test_stdin_dash() -> None:
    result = run("read", "-", stdin="Bridge closed\n\n" + PROSE)
    assert result.returncode == 0 and json.loads(result.stdout)["articles"][0]["word_count"] > 20


@pytest.mark.slow
def test_compare_json_is_deterministic(example_dir, tmp_path) -> None:
    first = run("compare", str(example_dir), "--format", "json")
    second = run("compare", str(example_dir), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stderr == ""  # no progress when stderr is not a terminal
    assert first.stdout == (tmp_path / "r.json").read_text()
    report = json.loads(first.stdout)
    assert report["schema_version"] == "1"
    for key in ("articles", "entities", "quotes", "quote_groups", "claims", "claim_groups", "disputes", "framing", "timeline", "summary", "warnings"):
        assert isinstance(report[key], list), key



def test_output_problems_fail_before_the_analysis(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Bridge closed\n\n" + PROSE)
    folder = run("compare", str(good), "--format", "html", "-o", str(tmp_path))
    assert folder.returncode == 2 and folder.stderr.startswith(f"error: {tmp_path}: is a folder"), folder.stderr
    missing = run("compare", str(good), "-f", "json", "-o", str(tmp_path / "nope" / "r.json"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr and missing.stderr.count("\n") == 1


def on_terminal(*args: str) -> tuple[str, str]:
    """Run parallax with stderr on a pseudo-terminal: (stdout, what the terminal showed)."""
    import pty
    import select
    import threading

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"}
    process = subprocess.Popen(PARALLAX + list(args), stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    stdout: list[bytes] = []
    reader = threading.Thread(target=lambda: stdout.append(process.stdout.read()))
    reader.start()
    shown = b""
    while select.select([leader], [], [], 300)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=300)
    reader.join(timeout=30)
    os.close(leader)
    return b"".join(stdout).decode("utf-8", "replace"), shown.decode("utf-8", "replace")


def test_compare_text_report_with_progress_on_a_terminal(example_dir, tmp_path) -> None:
    report, shown = on_terminal("compare", str(example_dir))
    assert "Articles" in report and "Meridian" in report
    assert "parsing articles" in shown and "comparing" in shown  # progress on stderr, not in the report
    assert "parsing articles" not in report
    empty = tmp_path / "empty.txt"
    empty.write_text(" ")
    _, quiet = on_terminal("compare", str(empty), "--quiet")
    assert quiet.strip().splitlines() == [f"error: {empty}: empty or whitespace-only input", "error: no usable articles"], quiet
