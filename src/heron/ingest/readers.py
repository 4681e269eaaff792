"""Reading input paths into :class:`~heron.records.Document` records.

``iter_documents(paths)`` yields one ``Document`` per story, or one ``ReadFailure`` per input it
could not read; nothing is dropped and one bad record never stops the rest.

=====================  ==========================================================================
input                  read as
=====================  ==========================================================================
``-``                  standard input: JSON Lines when its first line is an object with ``text``,
                       else one document with id ``stdin``
a directory            walked recursively in sorted order; hidden entries are skipped, files with
                       other suffixes than .txt, .html, .jsonl and .csv are named as *ignored*
                       (a ReadFailure with ``ignored`` set, not a failure), and a folder that
                       cannot be read is a ReadFailure
``.txt``               one story per file; id = the path relative to the directory walked, or the
                       file name for a file named explicitly
``.html`` / ``.htm``   the main text extracted by trafilatura (title, date, url, site from its
                       metadata)
``.jsonl``/``.ndjson`` one record per line, blank lines skipped
``.csv``               one record per row under a header row
``.json``              named explicitly: an array of records (or one record), ``file.json[3]``
any other suffix       read as text when the file is named explicitly
=====================  ==========================================================================

Record fields: ``text`` (required), ``id``, ``date`` or ``published`` (ISO date or datetime),
``title``, ``url``, ``source``. A record's own date wins over the ``published`` argument.

A document's identity: its ``id`` when the record gives one; otherwise its file's name (as for a
``.txt`` file) and its content, ``feed.jsonl#<12 hex digits of sha256(text, date)>``, so the id
stays put when lines move. Within one call, a record with an id seen before is

* a *true duplicate* when its text and date are the same: a ``ReadFailure`` with
  ``duplicate_of`` set, reported once and not coded again (not a failure);
* for a file whose id is its name (``story.txt`` in two folders walked): kept as
  ``story.txt#<hash>`` (``heron.batch`` does the same across runs, from the stored origin);
* otherwise a ``ReadFailure`` stored under its own place (``feed.jsonl:151``), never under the
  id it repeats, so it cannot replace the first record. A record that fails without an id is
  also stored under its place.

Bytes are decoded as UTF-8 (BOM stripped; UTF-16 with a BOM), else cp1252, else latin-1, but only
when they look like text. Newlines are normalised to ``\\n`` before the text is fixed, so offsets
computed downstream index into ``Document.text``. A failure's ``reason`` is a full message that
starts with its origin (``file.jsonl:12: record has no 'text' field …``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from heron.ingest.decode import Decoded, NotText, bom_encoding, decode, decode_utf8, refuse_binary
from heron.ingest.language import language_warning
from heron.nlp import MAX_TEXT_CHARS
from heron.records import Document, ReadFailure

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
JSON_SUFFIXES = frozenset({".json"})
LINE_SUFFIXES = JSONL_SUFFIXES | CSV_SUFFIXES | JSON_SUFFIXES
WALKED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES

MAX_CHARS = MAX_TEXT_CHARS  # the largest single document, in characters (5,000,000)
MAX_BYTES_PER_CHAR = 4  # a file larger than max_chars * this cannot fit, so it is not read
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False}

Item = Document | ReadFailure


class _Unreadable(Exception):
    """Why one input cannot become a document (internal; turned into a ReadFailure)."""


@dataclass(frozen=True, slots=True)
class _Options:
    published: date | None
    max_chars: int


def iter_documents(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    stdin: TextIO | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Item]:
    """Yield a Document for every story in ``paths`` and a ReadFailure for every unreadable one.

    ``published`` is the date of documents that do not carry their own; ``stdin`` replaces
    ``sys.stdin`` for the path ``-``; ``max_chars`` is the largest document accepted.
    """
    opts = _Options(published=published, max_chars=max_chars)
    seen: dict[str, tuple[str, str]] = {}  # id → (first origin, content key)
    for item, derived in _read_paths(paths, opts, stdin):
        if isinstance(item, Document):
            warning = language_warning(item.text)
            if warning is not None:
                item = replace(item, warnings=(*item.warnings, warning))
            item = _identified(item, derived, seen)
        elif item.id in seen and item.origin not in seen:
            # a failed record whose id is taken: kept under its place, never under that id
            item = ReadFailure(item.origin, item.origin, item.reason)
            seen[item.id] = (item.origin, "")
        else:
            seen.setdefault(item.id, (item.origin, ""))
        yield item


def count_records(paths: Sequence[str | Path]) -> int | None:
    """About how many items :func:`iter_documents` will yield for ``paths``, counted cheaply
    (files, non-blank lines of JSON Lines, lines of CSV after the header, items of a JSON array)
    for a progress bar's total. None when standard input (``-``) is among them: it can be read
    only once."""
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        path = Path(raw)
        if path.is_dir():
            files, passed = _walk(path)
            total += len(passed) + sum(_count_file(path / rel) for rel in files)
        else:
            total += _count_file(path)
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as f:
                return max(1, sum(1 for line in f if line.strip()))
        if suffix in CSV_SUFFIXES:
            with path.open("rb") as f:
                return max(1, sum(1 for line in f if line.strip()) - 1)
        if suffix in JSON_SUFFIXES:
            data = json.loads(path.read_bytes())
            return max(1, len(data)) if isinstance(data, list) else 1
    except (OSError, ValueError, RecursionError):
        return 1  # read as one failure
    return 1


def _identified(doc: Document, derived: bool, seen: dict[str, tuple[str, str]]) -> Item:
    """``doc`` checked against the ids seen so far in this run (see the module docstring)."""
    origin = doc.origin or doc.id
    key = content_key(doc.text, doc.published)
    if doc.id not in seen:
        seen[doc.id] = (origin, key)
        return doc
    first, first_key = seen[doc.id]
    if first_key == key:
        return ReadFailure(
            doc.id, origin, f"{origin}: duplicate of {first} (same id, text and date)", first
        )
    if derived:  # a file named like another: both are kept, the later one under a longer id
        new_id = f"{doc.id}#{key[:12]}"
        if new_id not in seen:
            seen[new_id] = (origin, key)
            return replace(doc, id=new_id)
    return ReadFailure(
        origin,
        origin,
        f"{origin}: id {doc.id!r} is already used by {first} for a different text; "
        "give every record its own id",
    )


def content_key(text: str, published: date | None) -> str:
    """sha256 (hex) of a document's text and date: what makes two records the same document."""
    h = hashlib.sha256(text.encode("utf-8"))
    h.update(b"\x00" + (published.isoformat() if published else "").encode("ascii"))
    return h.hexdigest()


def _read_paths(
    paths: Sequence[str | Path], opts: _Options, stdin: TextIO | None
) -> Iterator[tuple[Item, bool]]:
    """Items with whether their id was derived from a file name (not given by the record)."""
    for raw in paths:
        if str(raw) == "-":
            for item in _read_stdin(stdin, opts):
                yield item, item.id == "stdin"
            continue
        path = Path(raw)
        if path.is_dir():
            files, passed = _walk(path)
            for rel in files:
                for item in _read_file(path / rel, rel.as_posix(), opts):
                    yield item, rel.suffix.lower() not in LINE_SUFFIXES
            for item in passed:
                yield item, False
        elif path.exists():
            for item in _read_file(path, path.name, opts):
                yield item, path.suffix.lower() not in LINE_SUFFIXES
        else:
            yield ReadFailure(str(raw), str(raw), f"{raw}: no such file or directory"), False


def _walk(root: Path) -> tuple[list[Path], list[Item]]:
    """The readable files under ``root``, relative to it, in sorted order, and what was passed
    over: a ReadFailure for each folder that cannot be read and an ignored one for each file of
    another type (hidden entries are skipped without a word)."""
    found: list[Path] = []
    passed: list[Item] = []

    def unreadable(e: OSError) -> None:
        where = str(e.filename or root)
        passed.append(
            ReadFailure(where, where, f"{where}: cannot read the folder ({e.strerror or e})")
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            if name.startswith("."):
                continue
            if path.suffix.lower() in WALKED_SUFFIXES:
                found.append(path.relative_to(root))
            else:
                passed.append(_ignored(path))
    return sorted(found, key=Path.as_posix), passed


def _ignored(path: Path) -> ReadFailure:
    kinds = ", ".join(sorted(WALKED_SUFFIXES))
    reason = (
        f"{path}: not read: Heron reads {kinds} files in a folder (name the file to read it as "
        "text)"
    )
    return ReadFailure(str(path), str(path), reason, ignored=True)


def _read_file(path: Path, doc_id: str, opts: _Options) -> Iterator[Item]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, doc_id, opts)
        elif suffix in CSV_SUFFIXES:
            yield from _read_csv(path, doc_id, opts)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(path, doc_id, opts)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(path, doc_id, opts)
        else:
            decoded = _decode(_read_bytes(path, opts.max_chars))
            text = _checked(decoded.text, opts.max_chars)
            yield Document(
                doc_id,
                text,
                published=opts.published,
                origin=str(path),
                warnings=_warnings(decoded),
            )
    except _Unreadable as e:
        yield ReadFailure(doc_id, str(path), f"{path}: {e}")
    except OSError as e:
        yield ReadFailure(doc_id, str(path), f"{path}: cannot read the file ({e.strerror or e})")


def _read_stdin(stdin: TextIO | None, opts: _Options) -> Iterator[Item]:
    """Standard input: JSON Lines when its first line is a JSON object with a ``text`` field
    (records ``-:1``, ``-:2`` …), else one document with id ``stdin``."""
    try:
        if stdin is None:
            buffer = getattr(sys.stdin, "buffer", None)
            text = _decode(buffer.read()).text if buffer is not None else sys.stdin.read()
        else:
            text = stdin.read()
        if _looks_like_jsonl(text):
            yield from _jsonl_records(text.split("\n"), "-", "stdin", opts)
            return
        yield Document("stdin", _checked(text, opts.max_chars), opts.published, origin="-")
    except _Unreadable as e:
        yield ReadFailure("stdin", "-", f"-: {e}")


def _looks_like_jsonl(text: str) -> bool:
    first = next((line for line in text.split("\n", 50) if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record


def _read_html(path: Path, doc_id: str, opts: _Options) -> Item:
    import trafilatura  # imported on first use: it is slow to import

    html = _decode(_read_bytes(path, opts.max_chars)).text
    try:
        page = trafilatura.bare_extraction(
            html,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=_HTML_DATE_PARAMS,
        )
    except Exception as e:  # a third-party parser: any failure is this page's failure
        raise _Unreadable(f"the HTML could not be parsed ({e})") from e
    text = getattr(page, "text", None)
    if not text or not text.strip():
        raise _Unreadable(
            "no main text found in the HTML (trafilatura extracted nothing); "
            "save the article text as .txt instead"
        )
    try:
        own_date = _parse_date(getattr(page, "date", None))
    except ValueError:
        own_date = None
    return Document(
        doc_id,
        _checked(text, opts.max_chars),
        published=own_date or opts.published,
        source=getattr(page, "sitename", None) or None,
        url=getattr(page, "url", None) or None,
        title=getattr(page, "title", None) or None,
        origin=str(path),
    )


def _read_jsonl(path: Path, name: str, opts: _Options) -> Iterator[Item]:
    """One record per line; binary data and bad bytes are judged line by line, so one bad line
    fails alone. A UTF-16/32 file (with its BOM) is decoded whole first."""
    with path.open("rb") as f:
        head = f.read(4)
        f.seek(0)
        if not head:
            raise _Unreadable("empty file (0 bytes): no records to read")
        if bom_encoding(head) is not None:
            lines: Iterable[bytes | str] = _decode(f.read()).text.split("\n")
        else:
            lines = f
        yield from _jsonl_records(lines, str(path), name, opts)


def _jsonl_records(
    lines: Iterable[bytes | str], label: str, name: str, opts: _Options
) -> Iterator[Item]:
    """The records of JSON Lines ``lines`` from ``label`` (a path, or ``-``), one per line."""
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{label}:{lineno}"
        try:
            decoded = _line_text(raw)
            record = json.loads(decoded.text)
        except NotText as e:
            yield ReadFailure(where, where, f"{where}: {e}; fix or remove the line")
            continue
        except (ValueError, RecursionError) as e:  # JSONDecodeError is a ValueError
            detail = f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError) else e
            reason = f"{where}: malformed JSON ({detail}); fix or remove the line"
            yield ReadFailure(where, where, reason)
            continue
        item = _from_record(record, where, name, opts)
        if isinstance(item, Document) and decoded.replaced:
            item = replace(item, warnings=_warnings(decoded))
        yield item


def _line_text(raw: bytes | str) -> Decoded:
    if isinstance(raw, str):
        return Decoded(raw, "bom")
    refuse_binary(raw, "data")
    return decode_utf8(raw)


def _warnings(decoded: Decoded) -> tuple[str, ...]:
    return () if decoded.warning is None else (decoded.warning,)


def _read_json(path: Path, name: str, opts: _Options) -> Iterator[Item]:
    """A ``.json`` file named explicitly: an array of records, or one record."""
    decoded = _decode(_read_bytes(path, opts.max_chars))
    try:
        data = json.loads(decoded.text)
    except (ValueError, RecursionError) as e:
        detail = f"{e.msg} at line {e.lineno}" if isinstance(e, json.JSONDecodeError) else e
        raise _Unreadable(f"malformed JSON ({detail}); give an array of records") from e
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records, start=1):
        yield _from_record(record, f"{path}[{i}]", name, opts)


def _read_csv(path: Path, name: str, opts: _Options) -> Iterator[Item]:
    """One record per row under a header row. A row with binary data, more cells than the
    header names, or an unbalanced quote (which would swallow the rows after it into its text)
    fails alone, named by its lines."""
    data = path.read_bytes()
    if not data:
        raise _Unreadable("empty file (0 bytes): give a header row (id,text,date,…) and rows")
    decoded = _decode(data) if bom_encoding(data) else decode_utf8(data)
    lines = io.StringIO(decoded.text, newline="").readlines()
    # A long article is longer than the csv module's default field limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_chars + 1))
    rows = csv.reader(io.StringIO(decoded.text, newline=""))
    header = next((row for row in rows if any(cell.strip() for cell in row)), None)
    if header is None:
        raise _Unreadable(
            "empty CSV file: give a header row (id,text,date,…) and one row per story"
        )
    header = [cell.strip() for cell in header]
    warnings = _warnings(decoded)
    line_end = rows.line_num
    while True:
        start = line_end + 1
        where = f"{path}:{start}"
        try:
            row = next(rows, None)
        except csv.Error as e:
            yield ReadFailure(where, where, f"{where}: {e}")
            if rows.line_num == line_end:
                return
            line_end = rows.line_num
            continue
        if row is None:
            return
        line_end = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        problem = _row_problem(row, len(header), lines[start - 1 : line_end])
        if problem:
            span = where if line_end == start else f"{where}-{line_end}"
            yield ReadFailure(where, where, f"{span}: {problem}")
            continue
        item = _from_record(dict(zip(header, row, strict=False)), where, name, opts)
        if isinstance(item, Document) and warnings:
            item, warnings = replace(item, warnings=warnings), ()  # said once per file
        yield item


def _row_problem(row: list[str], width: int, raw: list[str]) -> str | None:
    """Why a CSV row cannot be trusted as one record, or None."""
    try:
        refuse_binary("".join(row).encode("utf-8", errors="replace"), "data")
    except NotText as e:
        return f"{e}; fix or remove the row"
    if len(raw) > 1 and sum(line.count('"') for line in raw) % 2:
        return (
            f"an unbalanced quote: this row runs on over {len(raw)} lines to the end of the "
            'file or the next quote; close the quote (a quote inside a text is written "")'
        )
    extra = [cell for cell in row[width:] if cell.strip()]
    if extra:
        return (
            f"the row has {len(row)} cells but the header names {width}; "
            'quote a text that holds commas ("…, …")'
        )
    return None


def _from_record(record: Any, where: str, name: str, opts: _Options) -> Item:
    """One JSONL/CSV record → Document, or ReadFailure naming the line and the field at fault.

    A record without its own id is identified by its file's name (as a .txt file's id is: the
    path under the folder walked, or the name of a file named) and its content (``name#hash``), so
    its id does not move when lines are added above it and a repeated record is one document."""
    if not isinstance(record, Mapping):
        kind = _JSON_KINDS.get(type(record), type(record).__name__)
        return ReadFailure(where, where, f"{where}: the record is {kind}, not a JSON object")
    raw_id = _field(record, "id")
    if raw_id is not None and not _usable_id(raw_id):
        reason = f"{where}: 'id' must be a string or a whole number, not {raw_id!r}"
        return ReadFailure(where, where, reason)
    text = record.get("text")
    fail_id = where if raw_id is None else str(raw_id)
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(fail_id, where, f"{where}: {_text_problem(record)}")
    key = "date" if _field(record, "date") is not None else "published"
    try:
        own_date = _parse_date(_field(record, key))
    except ValueError:
        value = record.get(key)
        reason = f"{where}: unreadable date {value!r} in '{key}'; use an ISO date like 2024-03-26"
        return ReadFailure(fail_id, where, reason)
    try:
        text = _checked(text, opts.max_chars)
    except _Unreadable as e:
        return ReadFailure(fail_id, where, f"{where}: {e}")
    published = own_date or opts.published
    if raw_id is None:
        doc_id = f"{name}#{content_key(text, published)[:12]}"
    else:
        doc_id = str(int(raw_id)) if isinstance(raw_id, float) else str(raw_id).strip()
    return Document(
        doc_id,
        text,
        published=published,
        source=_text_field(record, "source"),
        url=_text_field(record, "url"),
        title=_text_field(record, "title"),
        origin=where,
    )


_JSON_KINDS: dict[type, str] = {
    type(None): "null",
    list: "a JSON array",
    dict: "a JSON object",
    str: "a JSON string",
    int: "a number",
    float: "a number",
    bool: "true or false",
}


def _usable_id(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, str | int)


def _text_problem(record: Mapping[str, Any]) -> str:
    if "text" not in record:
        fields = ", ".join(map(str, record)) or "none"
        return f"the record has no 'text' field (fields here: {fields})"
    text = record["text"]
    if text is None:
        return "'text' is null; give the story's text as a string"
    if not isinstance(text, str):
        kind = _JSON_KINDS.get(type(text), type(text).__name__)
        return f"'text' is {kind}, not a string; give the story's text as a string"
    return "'text' is empty; give the story's text or leave the record out"


def _field(record: Mapping[str, Any], name: str) -> Any:
    """A record's value for ``name``; missing, null and blank strings all read as None."""
    value = record.get(name)
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _text_field(record: Mapping[str, Any], name: str) -> str | None:
    value = _field(record, name)
    return None if value is None else str(value).strip()


def _parse_date(value: object) -> date | None:
    """An ISO date or datetime string → its date; None → None; anything else → ValueError."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text).date()


def _read_bytes(path: Path, max_chars: int) -> bytes:
    size = path.stat().st_size
    if size > max_chars * MAX_BYTES_PER_CHAR:
        raise _Unreadable(
            f"file is {size:,} bytes, too large for the limit of {max_chars:,} characters "
            "(max_chars); split it into smaller documents"
        )
    return path.read_bytes()


def _decode(data: bytes) -> Decoded:
    try:
        return decode(data)
    except NotText as e:
        raise _Unreadable(str(e)) from e


def _checked(text: str, max_chars: int) -> str:
    """Normalise newlines, then refuse empty and oversized documents."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _Unreadable(
            "empty document (no text to code); give the story's text or leave the input out"
        )
    if len(text) > max_chars:
        raise _Unreadable(
            f"document is {len(text):,} characters, over the limit of {max_chars:,} (max_chars); "
            "split it into smaller documents or raise max_chars"
        )
    return text
