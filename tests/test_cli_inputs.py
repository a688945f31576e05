"""Input mistakes a person makes: the option they typed is named; a PDF or UTF-16 file is said to be one."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke

LINES = "".join(f"Made-up Film {i}|directed_by|Made-up Director {i % 3}\n" for i in range(12))


def test_from_names_the_input_kind(invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "kb.txt"
    source.write_text(LINES, encoding="utf-8")
    done = invoke("--store", tmp_path / "store", "ingest", "--from", "triples", source)
    assert done.exit_code == 0, done.output
    assert "12 relations" in done.stdout and "deprecated" not in done.stderr


def test_an_unknown_kind_names_the_option_typed(invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text("A review.\n", encoding="utf-8")
    by_from = invoke("--store", tmp_path / "store", "ingest", source, "--from", "json")
    assert by_from.exit_code == 1
    assert "error: --from: no reader for format 'json'" in by_from.stderr
    by_format = invoke("--store", tmp_path / "store", "ingest", source, "--format", "json")
    assert by_format.exit_code == 1
    assert "warning: --format on ingest is deprecated, use --from" in by_format.stderr
    assert "error: --format: no reader for format 'json'" in by_format.stderr
    assert "--from:" not in by_format.stderr
    assert not (tmp_path / "store").exists()  # nothing was stored


def test_format_still_works_as_the_old_name(invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "kb.txt"
    source.write_text(LINES, encoding="utf-8")
    done = invoke("--store", tmp_path / "store", "ingest", "--format", "triples", source)
    assert done.exit_code == 0, done.output
    assert "12 relations" in done.stdout and "deprecated" in done.stderr
    both = invoke("--store", tmp_path / "store", "ingest", "--format", "triples", "--from", "triples", source)
    assert both.exit_code == 2 and "give the input kind once" in both.output


def test_a_pdf_is_named_with_what_to_do(invoke: Invoke, tmp_path: Path) -> None:
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x00stream")
    done = invoke("--store", tmp_path / "store", "ingest", pdf)
    assert done.exit_code == 1
    assert f"error: {pdf}: a PDF file, not text: convert it to text first" in done.stderr
    assert "binary file" not in done.stderr


def test_utf16_with_a_bom_is_read_like_utf8(invoke: Invoke, tmp_path: Path) -> None:
    for name, encoding in (("le.txt", "utf-16-le"), ("be.txt", "utf-16-be")):
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        source = tmp_path / name
        source.write_bytes(bom + LINES.encode(encoding))
        done = invoke("--store", tmp_path / f"store-{name}", "ingest", source)
        assert done.exit_code == 0, done.output
        assert "12 relations" in done.stdout


def test_utf16_without_a_bom_is_named(invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "kb.txt"
    source.write_bytes(LINES.encode("utf-16-le"))
    done = invoke("--store", tmp_path / "store", "ingest", source)
    assert done.exit_code == 1
    assert "UTF-16 text without a byte-order mark: save it as UTF-8" in done.stderr
    assert f"{source}:1:" in done.stderr  # the file and the line


def test_cypher_on_a_busy_store_points_to_the_http_endpoint(invoke: Invoke, tmp_path: Path) -> None:
    """The store's lock is held (as `serve` holds it): the refusal says where Cypher goes meanwhile."""
    from universe_graph.stores.sync import UniverseStore

    store = tmp_path / "store"
    source = tmp_path / "kb.txt"
    source.write_text(LINES, encoding="utf-8")
    assert invoke("--store", store, "ingest", source).exit_code == 0
    with UniverseStore(store):
        done = invoke("--store", store, "cypher", "MATCH (n) RETURN count(n)")
    assert done.exit_code == 1
    assert "is in use by PID" in done.stderr and "/db/neo4j/query/v2" in done.stderr
    free = invoke("--store", store, "cypher", "MATCH (n:Film) RETURN count(n)", "--format", "json")
    assert free.exit_code == 0, free.output
    assert json.loads(free.stdout)["values"] == [[12]]  # the lock is free again: the query runs


def test_retract_with_a_typo_suggests_the_source(invoke: Invoke, tmp_path: Path) -> None:
    store = tmp_path / "store"
    source = tmp_path / "made-up-kb.txt"
    source.write_text(LINES, encoding="utf-8")
    assert invoke("--store", store, "ingest", source).exit_code == 0
    done = invoke("--store", store, "retract", "made-up-bk")
    assert done.exit_code == 1
    assert "did you mean: made-up-kb?" in done.stderr
