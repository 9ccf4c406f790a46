"""Reader edge cases: UTF-16 without a byte-order mark, HTML nested past
libxml2's depth limit, symbolic-link loops."""

from __future__ import annotations

import os

import pytest

from parallax.read import read_inputs
from parallax.read.decode import decode_bytes, utf16_without_bom

PROSE = ("The regional council voted on Monday to close the old bridge after engineers found deep cracks in two of its "
         "pillars. Residents will have to use a ferry for at least six months, officials said.")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path, encoding) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(("Bridge closed\n\n" + PROSE + " Café owners worry.").encode(encoding))
    assert utf16_without_bom(path.read_bytes()) == encoding
    result = read_inputs([str(path)])
    assert not result.failures and "Café owners" in result.articles[0].text


def test_binary_is_still_binary() -> None:
    with pytest.raises(Exception, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 200, "x")
    assert utf16_without_bom(bytes(range(256)) * 8) is None


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html_keeps_its_text(tmp_path, depth) -> None:
    page = ("<html><head><title>Bridge closed</title></head><body>" + "<div>" * depth + f"<p>{PROSE}</p><p>Ferries run hourly.</p>"
            + "</div>" * depth + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page)
    result = read_inputs([str(path)])
    assert not result.failures, result.failures
    article = result.articles[0]
    assert "deep cracks" in article.text and "Ferries run hourly." in article.text and article.title == "Bridge closed"


def test_symlink_loops_are_reported(tmp_path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "a.txt").write_text("Bridge closed\n\n" + PROSE)
    os.symlink(folder, folder / "again")  # a folder link back up: not followed
    os.symlink("self", folder / "self")  # a link to itself
    os.symlink(tmp_path / "nowhere", folder / "dangling")
    result = read_inputs([str(folder), str(folder / "self")])
    assert len(result.articles) == 1
    problems = sorted((os.path.basename(f.origin), f.problem) for f in result.failures)
    assert problems == [("dangling", "broken symbolic link (its target does not exist)"),
                        ("self", "symbolic link loop"), ("self", "symbolic link loop")]
