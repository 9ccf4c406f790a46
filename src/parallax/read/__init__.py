"""Reading: inputs of every kind → clean ``Article`` objects.

    sources.py  expand paths/dirs/URLs/stdin into RawDocuments (one loader per kind)
    decode.py   bytes → text (BOM, charsets, mojibake), binary detection
    html.py     main text and metadata from HTML via trafilatura/htmldate
    clean.py    boilerplate removal with reasons and a clean→raw offset map
    posts.py    embedded social posts
    meta.py     title/date/author/outlet found in the text itself
    lang.py     language detection
    dedupe.py   exact and near-duplicate articles
    build.py    RawDocument → Article (ties the above together)
"""

from parallax.read.sources import ReadFailure, ReadOptions, ReadResult, read_inputs

__all__ = ["ReadFailure", "ReadOptions", "ReadResult", "read_inputs"]
