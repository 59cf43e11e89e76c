"""Text from a file's bytes: by its byte-order mark, else UTF-8, else UTF-16 recognised by its zero
bytes, else Windows-1252 with a warning; a binary file or broken text is one clear error.
"""

from __future__ import annotations

import codecs

from graph.errors import InputError

# How much of a file is looked at to tell text from binary.
_BINARY_SAMPLE = 8192
_KINDS = "a .txt, .md, .pdf, .docx or .html document"
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 50)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like UTF-16 text without a byte-order mark (every
    other byte zero, as Latin text is), else None."""
    sample = data[: _BINARY_SAMPLE - _BINARY_SAMPLE % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.5 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.5 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _decode_unicode(data: bytes, codec: str, name: str, path: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, "replace").count("\n") + 1
        raise InputError(path, f"is {name} text with a broken character; re-save it as UTF-8", line) from None
    controls = sum(1 for c in text[:_BINARY_SAMPLE] if ord(c) < 32 and c not in "\t\n\x0c\r")
    if controls > max(4, min(len(text), _BINARY_SAMPLE) // 50):
        raise InputError(path, f"looks like a binary file, not text; pass {_KINDS}")
    return text


def decode_text(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Text from bytes: by its byte-order mark (UTF-8, UTF-16 or UTF-32, little- or big-endian), else
    UTF-8, else UTF-16 recognised by its zero bytes, else Windows-1252 (each guess with a warning), else
    an error. The byte-order mark is not part of the text.

    >>> decode_text("Tide Office\\n".encode("utf-16"), "t.txt")
    ('Tide Office\\n', ())
    """
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return _decode_unicode(data[len(bom) :], codec, name, path), ()
    if (codec16 := _utf16_without_bom(data)) is not None:
        try:
            text = _decode_unicode(data, codec16, "UTF-16", path)
        except InputError:
            pass
        else:
            return text, (f"{path}: UTF-16 without a byte-order mark; read as UTF-16{codec16[-2:].upper()}",)
    if _looks_binary(data):
        raise InputError(path, f"looks like a binary file, not text; pass {_KINDS}")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line = data[:bad].count(b"\n") + 1
        raise InputError(path, "is neither UTF-8 nor Windows-1252 text; re-save it as UTF-8", line) from None
    line = data[:bad].count(b"\n") + 1
    return text, (f"{path}:{line}: not UTF-8; read as Windows-1252 (re-save as UTF-8 to silence this)",)
