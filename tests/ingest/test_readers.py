"""Reading paths into Documents; every unreadable input becomes a ReadFailure with its reason."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from heron.ingest import iter_documents
from heron.ingest.readers import content_key
from heron.records import Document, ReadFailure

STORY = "Japan offered talks.\nNorth Korea refused."
HTML = """<html><head><title>Kishida offers summit</title>
<meta property="article:published_time" content="2024-03-26"></head>
<body><nav>Home | World | Asia</nav><article><h1>Kishida offers summit</h1>
<p>North Korea yesterday said that Japanese Prime Minister Fumio Kishida offered to meet North
Korean leader Kim Jong-un as soon as possible, but said prospects depend on Tokyo.</p>
<p>In a parliamentary session, Kishida said that a meeting with Kim is crucial to resolve the
abduction issue, a major sticking point in bilateral ties.</p></article>
<footer>Contact us</footer></body></html>"""


def read(*paths: str | Path, **kwargs: object) -> list[Document | ReadFailure]:
    return list(iter_documents(list(paths), **kwargs))  # type: ignore[arg-type]


def docs_of(items: list[Document | ReadFailure]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures_of(items: list[Document | ReadFailure]) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_txt_file_is_one_document_named_by_its_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    [doc] = read(path, published=date(2024, 3, 26))
    assert doc == Document("story.txt", STORY, published=date(2024, 3, 26), origin=str(path))


def test_crlf_is_normalised_and_utf8_bom_stripped(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    [doc] = docs_of(read(path))
    assert doc.text == STORY


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Kim’s sister said “no” — again.".encode("cp1252"))
    [doc] = docs_of(read(path))
    assert doc.text == "Kim’s sister said “no” — again."
    assert doc.warnings and "read as Windows-1252" in doc.warnings[0]


def test_invalid_utf8_is_replaced_and_counted_not_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Kim’s sister said “no”".encode() + b" \xff\xfe again.")
    [doc] = docs_of(read(path))
    assert doc.text.startswith("Kim’s sister said “no”")  # no mojibake
    assert doc.warnings == (
        "2 invalid UTF-8 byte sequences replaced with U+FFFD; "
        "save the file as UTF-8 to keep every character",
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_jsonl_with_bom_are_records(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "feed.jsonl"
    lines = ['{"id": "a", "text": "Kim’s sister spoke."}', '{"id": "b", "text": "Two."}']
    path.write_bytes("\n".join(lines).encode(encoding))
    assert [d.id for d in docs_of(read(path))] == ["a", "b"]


def test_a_binary_line_fails_alone_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = [json.dumps({"id": f"r{i}", "text": f"Story {i}."}) for i in range(100)]
    path.write_bytes(
        "\n".join(good[:3]).encode() + b"\n\x00\x01\x02binary\n" + "\n".join(good[3:]).encode()
    )
    items = read(path)
    assert len(docs_of(items)) == 100
    [bad] = [i for i in items if isinstance(i, ReadFailure)]
    assert bad.id == f"{path}:4" and "binary data" in bad.reason


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_zero_byte_feed_is_reported(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"feed{suffix}"
    path.write_bytes(b"")
    [failure] = read(path)
    assert isinstance(failure, ReadFailure) and "empty file (0 bytes)" in failure.reason


def test_csv_unbalanced_quote_and_extra_cells_fail_their_row(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        'id,text\na,One.\nb,"Two, runs on\nc,Three.\n',
        encoding="utf-8",
    )
    a, b = read(path)
    assert isinstance(a, Document)
    assert isinstance(b, ReadFailure) and "unbalanced quote" in b.reason and ":3-4" in b.reason
    path.write_text("id,text\na,One, with a comma\nb,Two.\n", encoding="utf-8")
    a, b = read(path)
    assert isinstance(a, ReadFailure) and "3 cells but the header names 2" in a.reason
    assert isinstance(b, Document)


def test_utf16_file_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    path.write_bytes("Kim’s sister spoke.".encode("utf-16"))
    [doc] = docs_of(read(path))
    assert doc.text == "Kim’s sister spoke."


def test_html_main_text_title_and_date_are_extracted(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [doc] = docs_of(read(path, published=date(2000, 1, 1)))
    assert "Kishida offered to meet" in doc.text
    assert "Home | World" not in doc.text
    assert doc.title == "Kishida offers summit"
    assert doc.published == date(2024, 3, 26)  # the page's own date wins


def test_html_without_main_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, ReadFailure)
    assert "no main text" in failure.reason


def test_jsonl_records_with_fields_and_default_ids(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            json.dumps({"id": "a", "text": "One.", "date": "2024-03-25", "title": "T", "url": "u"}),
            "",
            json.dumps({"text": "Two.", "published": "2025-03-14 20:30:26Z", "source": "VOA"}),
            json.dumps({"id": 7, "text": "Three."}),
        ],
    )
    a, two, seven = read(path, published=date(2000, 1, 1))
    assert a == Document("a", "One.", date(2024, 3, 25), title="T", url="u", origin=f"{path}:1")
    assert isinstance(two, Document)
    key = content_key("Two.", date(2025, 3, 14))[:12]
    assert (two.id, two.published, two.source, two.origin) == (
        f"feed.jsonl#{key}",
        date(2025, 3, 14),
        "VOA",
        f"{path}:3",
    )
    assert (seven.id, seven.published) == ("7", date(2000, 1, 1))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "text": "ok"', "feed.jsonl:2: malformed JSON"),
        ('{"id": "x"}', "feed.jsonl:2: the record has no 'text' field"),
        ('{"id": "x", "text": "   "}', "feed.jsonl:2: 'text' is empty"),
        ('{"id": "x", "text": 42}', "feed.jsonl:2: 'text' is a number, not a string"),
        ('{"id": "x", "text": null}', "feed.jsonl:2: 'text' is null"),
        ('{"id": 1.5, "text": "ok"}', "'id' must be a string or a whole number, not 1.5"),
        ("null", "feed.jsonl:2: the record is null, not a JSON object"),
        ('{"id": "x", "text": "ok", "date": "26/03/2024"}', "unreadable date '26/03/2024'"),
        ('["not", "an", "object"]', "the record is a JSON array"),
    ],
)
def test_bad_jsonl_record_fails_and_the_rest_is_read(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        ['{"id": "before", "text": "A."}', line, '{"id": "after", "text": "B."}'],
    )
    items = read(path)
    assert [d.id for d in docs_of(items)] == ["before", "after"]
    [failure] = failures_of(items)
    assert reason in failure.reason
    assert failure.origin == f"{path}:2"


def test_csv_rows_are_records(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    rows = 'id,text,date\nr1,"First story,\r\nwith a newline.",2024-03-26\n\nr2,,\nr3,Third.,\n'
    path.write_bytes(rows.encode())
    items = read(path)
    r1, r3 = docs_of(items)
    assert (r1.id, r1.text, r1.published, r1.origin) == (
        "r1",
        "First story,\nwith a newline.",
        date(2024, 3, 26),
        f"{path}:2",
    )
    assert (r3.id, r3.origin) == ("r3", f"{path}:6")
    [failure] = failures_of(items)
    assert (failure.id, failure.origin) == ("r2", f"{path}:5")
    assert "'text' is empty" in failure.reason


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Skipped.", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("Skipped.", encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", ['{"id": "c1", "text": "See."}'])
    assert [d.id for d in docs_of(read(tmp_path))] == ["a.txt", "b/z.txt", "c1"]


def test_explicit_file_with_unknown_suffix_is_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("Read anyway.", encoding="utf-8")
    [doc] = docs_of(read(path))
    assert (doc.id, doc.text) == ("notes.md", "Read anyway.")


def test_stdin_is_one_document() -> None:
    [doc] = read("-", stdin=io.StringIO("Pasted page.\r\n"), published=date(2024, 3, 26))
    assert doc == Document("stdin", "Pasted page.\n", date(2024, 3, 26), origin="-")


def test_duplicate_ids_fail_without_dropping_the_first(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        ['{"id": "x", "text": "First."}', '{"id": "x", "text": "Second."}'],
    )
    first, second = read(path)
    assert isinstance(first, Document) and first.text == "First."
    assert isinstance(second, ReadFailure)
    assert "id 'x' is already used by" in second.reason and f"{path}:1" in second.reason
    assert second.id == f"{path}:2"  # stored under its place: it cannot replace 'x'


def test_a_true_duplicate_is_reported_once_not_as_a_failure(tmp_path: Path) -> None:
    same = '{"id": "x", "text": "Same.", "date": "2024-01-02"}'
    path = write_jsonl(
        tmp_path / "feed.jsonl", [same, '{"text": "No id."}', same, '{"text": "No id."}']
    )
    first, no_id, again, no_id_again = read(path)
    assert isinstance(first, Document) and isinstance(no_id, Document)
    for dup, of in ((again, f"{path}:1"), (no_id_again, f"{path}:2")):
        assert isinstance(dup, ReadFailure) and dup.duplicate_of == of


def test_files_named_alike_in_two_folders_are_both_kept(tmp_path: Path) -> None:
    for folder, text in (("a", "Story A."), ("b", "Story B.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    first, second = read(tmp_path / "a", tmp_path / "b")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "story.txt" and second.id.startswith("story.txt#")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 9)) * 10 + b"abc", "binary file"),
        (b"", "empty document"),
        (b" \n\t\r\n ", "empty document"),
    ],
)
def test_unreadable_file_fails_and_the_rest_is_read(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    (tmp_path / "a.txt").write_text("Good.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(content)
    (tmp_path / "c.txt").write_text("Also good.", encoding="utf-8")
    items = read(tmp_path)
    assert [d.id for d in docs_of(items)] == ["a.txt", "c.txt"]
    [failure] = failures_of(items)
    assert (failure.id, failure.origin) == ("b.txt", str(tmp_path / "b.txt"))
    assert reason in failure.reason


def test_huge_document_fails_with_its_size_and_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 1_500, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("x" * 5_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Small.", encoding="utf-8")
    items = read(tmp_path, max_chars=1_000)
    assert [d.id for d in docs_of(items)] == ["small.txt"]
    big, huge = failures_of(items)
    assert "1,500 characters, over the limit of 1,000" in big.reason
    assert "5,000 bytes" in huge.reason and "1,000 characters" in huge.reason


def test_huge_record_fails(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [json.dumps({"id": "big", "text": "x" * 50})])
    [failure] = read(path, max_chars=10)
    assert isinstance(failure, ReadFailure)
    assert "50 characters, over the limit of 10" in failure.reason


def test_missing_path_fails(tmp_path: Path) -> None:
    [failure] = read(tmp_path / "nope.txt")
    assert isinstance(failure, ReadFailure)
    assert "no such file or directory" in failure.reason


def test_a_folder_names_files_it_does_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.pdf").write_bytes(b"x")
    doc, ignored = read(tmp_path)
    assert isinstance(doc, Document)
    assert isinstance(ignored, ReadFailure) and ignored.ignored and not ignored.failed
    assert ignored.reason.count("notes.pdf") == 1


def test_a_named_json_array_is_read_as_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps([{"id": "a", "text": "One.", "date": "2024-03-25"}, {"text": 3}, None])
    )
    a, bad_text, null = read(path)
    assert isinstance(a, Document) and a.published == date(2024, 3, 25)
    assert isinstance(bad_text, ReadFailure) and "'text' is a number" in bad_text.reason
    assert isinstance(null, ReadFailure) and f"{path}[3]: the record is null" in null.reason


def test_a_text_that_is_not_english_gets_a_warning(tmp_path: Path) -> None:
    french = (
        "Le président de la République a rencontré mardi le chef du gouvernement allemand pour "
        "discuter de la crise en Ukraine et des sanctions contre la Russie, selon l'Elysée. "
    ) * 2
    english = (
        "Kenyan police arrested 12 protesters in Nairobi on Tuesday after a march against new "
        "taxes turned violent, officials said. The government has said it will not withdraw "
    ) * 2
    (tmp_path / "fr.txt").write_text(french, encoding="utf-8")
    (tmp_path / "en.txt").write_text(english, encoding="utf-8")
    en, fr = docs_of(read(tmp_path))
    assert not en.warnings
    assert fr.warnings and "does not look English" in fr.warnings[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        items = read(tmp_path)
    finally:
        locked.chmod(0o755)
    [failure] = [i for i in items if isinstance(i, ReadFailure)]
    assert failure.failed and "cannot read the folder" in failure.reason


def test_stdin_given_jsonl_is_read_as_records() -> None:
    feed = '{"id": "a", "text": "One."}\n{"text": "Two."}\n'
    a, two = read("-", stdin=io.StringIO(feed))
    assert isinstance(a, Document) and a.id == "a" and a.origin == "-:1"
    assert isinstance(two, Document) and two.id.startswith("stdin#")
    [prose] = read("-", stdin=io.StringIO("Japan offered talks."))
    assert isinstance(prose, Document) and prose.id == "stdin"


def test_count_records_gives_a_progress_bar_its_total(tmp_path: Path) -> None:
    from heron.ingest.readers import count_records

    (tmp_path / "a.txt").write_text("One story.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\nnot json\n')
    (tmp_path / "rows.csv").write_text("id,text\n1,a\n2,b\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored, but named", encoding="utf-8")
    folder_total = count_records([tmp_path])
    assert folder_total == 1 + 3 + 2 + 1
    assert folder_total == sum(1 for _ in iter_documents([tmp_path]))
    assert count_records([tmp_path / "feed.jsonl", tmp_path / "missing.txt"]) == 4
    assert count_records([tmp_path / "a.txt", "-"]) is None  # stdin can be read only once
