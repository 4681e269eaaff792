"""Bytes → text for the readers: encodings by their byte-order mark, binary refused, invalid UTF-8
counted (never guessed as another encoding).

=====================  ==========================================================================
bytes                  decoded as
=====================  ==========================================================================
UTF-32 / UTF-16 BOM    that encoding (BOM removed); broken data is an error
UTF-8 BOM or none      UTF-8; invalid byte sequences become U+FFFD and are counted, so the reader
                       can warn ("3 invalid UTF-8 sequences replaced") instead of silently
                       reading cp1252 mojibake; bytes with no valid non-ASCII UTF-8 at all are
                       Windows-1252 (else Latin-1), with a warning
NUL bytes, or more     binary, not text: :class:`NotText`
than 30% controls
=====================  ==========================================================================
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

BINARY_CONTROL_SHARE = 0.30  # more control characters than this share of the bytes: binary
_TEXT_CONTROLS = frozenset(b"\t\n\v\f\r\x1b")
_CONTROLS = frozenset(range(32)) - _TEXT_CONTROLS | {0x7F}
_REPLACEMENT = "\ufffd"
# UTF-32 first: its little-endian BOM begins with UTF-16's
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are binary or broken in their declared encoding; the message says which."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and what decoding it cost: ``replaced`` invalid UTF-8 sequences."""

    text: str
    encoding: str
    replaced: int = 0

    @property
    def warning(self) -> str | None:
        """A one-line warning when bytes were replaced or guessed, else None."""
        if self.encoding in ("cp1252", "latin-1"):
            return (
                f"not UTF-8: read as {'Windows-1252' if self.encoding == 'cp1252' else 'Latin-1'}; "
                "save the file as UTF-8 to be sure of every character"
            )
        if not self.replaced:
            return None
        n = self.replaced
        what = "sequence" if n == 1 else "sequences"
        return (
            f"{n} invalid UTF-8 byte {what} replaced with U+FFFD; "
            "save the file as UTF-8 to keep every character"
        )


def bom_encoding(data: bytes) -> str | None:
    """``utf-32`` or ``utf-16`` when ``data`` starts with that byte-order mark, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(data: bytes) -> Decoded:
    """A whole file's bytes as text (see the module docstring); NotText when it is not text."""
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as e:
            raise NotText(f"broken {encoding.upper()} text ({e.reason})") from e
    refuse_binary(data)
    return decode_utf8(data)


def decode_utf8(data: bytes) -> Decoded:
    """UTF-8 (BOM stripped), invalid sequences replaced and counted.

    Bytes with no valid UTF-8 sequence beyond ASCII at all are a legacy 8-bit file, read as
    Windows-1252 (else Latin-1) with a warning: mixing the two would turn every valid UTF-8
    character of a file with one bad byte into mojibake."""
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
        if any(ord(c) > 0x7F and c != _REPLACEMENT for c in text):
            return Decoded(text, "utf-8", replaced)
    for encoding in ("cp1252", "latin-1"):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def refuse_binary(data: bytes, what: str = "file") -> None:
    """NotText when ``data`` holds NUL bytes or too many control characters."""
    if b"\x00" in data:
        raise NotText(
            f"binary {what} (it contains NUL bytes), not text; give text, HTML, JSONL or CSV"
        )
    controls = sum(1 for byte in data if byte in _CONTROLS)
    if data and controls / len(data) > BINARY_CONTROL_SHARE:
        raise NotText(
            f"binary {what} ({controls / len(data):.0%} control characters), not text; "
            "give text, HTML, JSONL or CSV"
        )
