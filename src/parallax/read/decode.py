"""Bytes → text: byte-order marks, legacy charsets and mojibake."""

from __future__ import annotations

import codecs

import ftfy
from charset_normalizer import from_bytes

from parallax.errors import InputError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when BOM-less bytes are plainly UTF-16 text, else None.

    Latin-script UTF-16 has a NUL in every other byte (odd positions for
    little-endian, even for big-endian) and almost none in the others.
    """
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros) and others.count(0) <= 0.02 * len(others):
            try:
                text = head.decode(encoding)
            except UnicodeDecodeError:
                continue
            printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
            if printable >= 0.95 * len(text):
                return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean binary (UTF-16 aside)."""
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS) or utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode input bytes to str; raise InputError on binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return fix_text(data[len(bom):].decode(encoding, errors="replace"))
    utf16 = utf16_without_bom(data)
    if utf16:
        return fix_text(data[: len(data) - len(data) % 2].decode(utf16, errors="replace"))
    if looks_binary(data):
        raise InputError(origin, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            text = data.decode("cp1252", errors="replace")
        else:
            text = str(best)
    return fix_text(text)


def fix_text(text: str) -> str:
    """Repair mojibake ("â€™" → "’") without touching line structure."""
    return ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
