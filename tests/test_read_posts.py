"""Embedded social posts are lifted out of the outlet's voice."""

from __future__ import annotations

from parallax.read import ReadOptions, read_inputs

ARTICLE = """Ferry service suspended after storm damages pier

Saturday, October 4, 2025 - 10:00 AM

The island's only ferry stopped running on Friday after a storm tore part of the pier away, the port authority said.

Residents posted pictures of the damage within minutes.

🔴 BREAKING: Storm rips through Harbor Point pier, ferry service halted until further notice… pic.twitter.com/AbC123xYz
— Island News (@islandnews) October 3, 2025

This is what happens when nobody maintains anything.
— Pat Quinn (@patquinn) October 3, 2025

The port authority said repairs would take at least two weeks.
"""


def test_posts_found_with_author_handle_date(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    article = read_inputs([str(path)], ReadOptions()).articles[0]
    posts = article.embedded_posts
    assert [p.handle for p in posts] == ["islandnews", "patquinn"]
    assert posts[0].author == "Island News" and posts[0].date == "2025-10-03"
    assert posts[0].text.startswith("🔴 BREAKING")
    assert posts[1].text == "This is what happens when nobody maintains anything."
    # Posts stay in the text (quotes inside need offsets) and their spans point at them.
    for post in posts:
        assert article.text[post.start:post.end].startswith(post.text)
        assert "@" + post.handle in article.text[post.start:post.end]
    # The article's own sentences are not part of any post.
    own = article.text.index("Residents posted pictures")
    assert all(not (p.start <= own < p.end) for p in posts)


def test_kremlin_blog_posts(kremlin_dir) -> None:
    articles = read_inputs([str(kremlin_dir)], ReadOptions()).articles
    blog = max(articles, key=lambda a: len(a.embedded_posts))
    assert len(blog.embedded_posts) == 7
    assert {p.handle for p in blog.embedded_posts} >= {"nexta_tv", "MalcolmNance", "OldSpice_Dad"}
