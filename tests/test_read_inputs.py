"""Every kind of input, and every kind of bad input."""

from __future__ import annotations

import json

import pytest

from parallax.read import ReadOptions, read_inputs

PROSE = (
    "The regional council voted on Monday to close the old bridge after engineers found deep cracks in two of its pillars. "
    "Residents will have to use a ferry for at least six months, officials said, while a temporary crossing is built."
)


def read(paths, **kw):
    return read_inputs([str(p) for p in paths], ReadOptions(**kw))


def test_text_and_markdown(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Bridge closed\n\n" + PROSE)
    (tmp_path / "b.md").write_text("# Ferry plan\n\nThe ferry will run every hour from Tuesday, the operator said on Friday in a statement.")
    result = read([tmp_path])
    assert len(result.articles) == 2 and not result.failures


def test_html_via_trafilatura(example_dir) -> None:
    result = read([example_dir / "04-public-broadcaster.html"])
    article = result.articles[0]
    assert article.outlet == "VNR News" and article.author == "Daniel Reyes" and article.published == "2026-03-12"
    assert "Most read" not in article.text and "Cup final" not in article.text
    assert article.url.startswith("https://")


def test_json_and_jsonl_fields(tmp_path) -> None:
    record = {"headline": "Bridge closed", "body": PROSE, "source": "Harbor Wire", "date": "2025-06-02T10:00:00Z", "author": ["A. Writer"], "id": "x1"}
    (tmp_path / "one.json").write_text(json.dumps(record))
    (tmp_path / "many.jsonl").write_text(json.dumps({**record, "body": "The ferry operator said on Tuesday that extra boats would run every hour during the summer while the bridge stays shut."}) + "\n\n" + "{broken\n" + json.dumps({"title": "no text"}) + "\n")
    result = read([tmp_path])
    assert len(result.articles) == 2
    one = next(a for a in result.articles if a.path.endswith("one.json"))
    assert (one.title, one.outlet, one.published, one.author, one.source_id) == ("Bridge closed", "Harbor Wire", "2025-06-02", "A. Writer", "x1")
    problems = sorted(f.origin for f in result.failures)
    assert problems == [f"{tmp_path}/many.jsonl:3", f"{tmp_path}/many.jsonl:4"]


def test_invalid_json_names_the_line(tmp_path) -> None:
    (tmp_path / "bad.json").write_text('{\n  "text": "x",\n  oops\n}')
    failure = read([tmp_path / "bad.json"]).failures[0]
    assert "line 3" in failure.problem


def test_directory_recursive_sorted_hidden_skipped(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Ferry plan\n\nThe ferry operator said on Tuesday that extra boats would run every hour during the summer months.")
    (tmp_path / "a.txt").write_text("First story\n\n" + PROSE + " First.")
    (tmp_path / ".hidden" / "c.txt").write_text(PROSE)
    (tmp_path / ".dotfile.txt").write_text(PROSE)
    result = read([tmp_path])
    assert [a.path.split("/")[-1] for a in result.articles] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_bad_files_fail_with_a_clear_line(tmp_path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(PROSE)
    result = read([bad, good])
    assert len(result.articles) == 1
    assert len(result.failures) == 1 and problem in result.failures[0].problem
    assert result.failures[0].line().startswith(f"error: {bad}: ")


def test_missing_path_and_size_cap(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PROSE * 100)
    result = read([tmp_path / "nope.txt", big], max_bytes=1000)
    assert [f.problem.split()[0] for f in result.failures] == ["no", "file"]
    assert "cap" in result.failures[1].problem


def test_encodings_bom_cp1252_mojibake(tmp_path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffBOM story\n\n".encode("utf-8") + PROSE.encode("utf-8"))
    (tmp_path / "cp1252.txt").write_bytes(("Caf\u00e9 story\n\nThe caf\u00e9\u2019s owner said \u201cwe will reopen\u201d on Monday after repairs to the roof were finished by the builders. " + PROSE).encode("cp1252"))
    (tmp_path / "mojibake.txt").write_text("Mojibake story\n\nThe owner\u00e2\u20ac\u2122s statement said the shop would reopen. " + PROSE)
    texts = {a.path.split("/")[-1]: a.text for a in read([tmp_path]).articles}
    assert texts["bom.txt"].startswith("BOM story")
    assert "caf\u00e9\u2019s owner" in texts["cp1252.txt"] and "\u201cwe will reopen\u201d" in texts["cp1252.txt"]
    assert "owner\u2019s statement" in texts["mojibake.txt"]


def test_duplicates_kept_once(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Bridge closed\n\n" + PROSE)
    (tmp_path / "b.txt").write_text("Bridge closed\n\n" + PROSE)
    (tmp_path / "c.txt").write_text("Bridge closed\n\n" + PROSE.replace("six months", "six long months"))
    result = read([tmp_path])
    assert len(result.articles) == 1
    assert len(result.skipped) == 2 and all("duplicate" in s.problem for s in result.skipped)


def test_non_english_warned_or_skipped(tmp_path) -> None:
    (tmp_path / "de.txt").write_text(
        "Brücke gesperrt\n\nDer Gemeinderat hat am Montag beschlossen, die alte Brücke zu sperren, nachdem Ingenieure tiefe Risse "
        "in zwei Pfeilern gefunden hatten. Die Anwohner müssen mindestens sechs Monate lang eine Fähre benutzen."
    )
    analysed = read([tmp_path])
    assert analysed.articles[0].language == "de" and analysed.articles[0].warnings
    skipped = read([tmp_path], only_language="en")
    assert not skipped.articles and "language" in skipped.skipped[0].problem


def test_stdin(monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("Bridge closed\n\n" + PROSE).encode())))
    result = read_inputs(["-"])
    assert result.articles[0].path is None and result.articles[0].word_count > 20


def test_urls_private_refused_and_no_network() -> None:
    private = read_inputs(["http://127.0.0.1:9/article"])
    assert "private" in private.failures[0].problem
    unresolvable = read_inputs(["https://no-such-host.invalid/story"])
    assert "network" in unresolvable.failures[0].problem or "resolve" in unresolvable.failures[0].problem


def test_url_allowed_private_fetches_local_server(tmp_path) -> None:
    import http.server
    import threading

    (tmp_path / "story.html").write_text(
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1><p>" + PROSE + "</p></article></body></html>"
    )
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
        result = read_inputs([url], ReadOptions(allow_private=True))
        assert not result.failures and "ferry" in result.articles[0].text
    finally:
        server.shutdown()
