"""to_records: flat rows with the columns of `whosaid export --to csv`."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

import whosaid
from conftest import CORPUS


def cli_csv(cli: Path, out: Path) -> List[Dict[str, str]]:
    """The CLI's CSV export of the corpus's claim files."""
    articles = sorted(str(p) for p in CORPUS.glob("*.txt"))
    subprocess.run([str(cli), "extract", "-q", "-o", str(out), *articles], check=True)
    text = subprocess.run(
        [str(cli), "export", "--to", "csv", str(out)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    return list(csv.DictReader(io.StringIO(text)))


def as_cell(column: str, value: Any) -> str:
    """A record's value as the CSV writes it."""
    if value is None:
        return ""
    if column == "confidence":
        return f"{value:.2f}"
    return str(value)


def test_records_hold_the_csv_exports_columns_and_values(cli: Path, tmp_path: Path) -> None:
    expected = cli_csv(cli, tmp_path / "claims")
    # The review columns come from claim files, the article's date, outlet
    # and URL from the article: claims alone have neither.
    apart = ["review", "note", "reviewer", "date", "outlet", "url"]
    assert list(expected[0]) == [*whosaid.RECORD_FIELDS, *apart]
    pairs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    records = whosaid.to_records(whosaid.extract_many(pairs))
    assert any(r["via"] for r in records), "the corpus has a claim reported through a source"
    # The CLI sorts claim files by name; the records follow the input.
    key = lambda row: (row["article"], int(row["start"]), row["claim"])  # noqa: E731
    got = sorted(({k: as_cell(k, v) for k, v in r.items()} for r in records), key=key)
    assert got == sorted(({k: v for k, v in e.items() if k not in apart} for e in expected), key=key)
    assert isinstance(records[0]["start"], int)
    assert isinstance(records[0]["confidence"], float)


def test_the_article_column_follows_the_input(seed: str) -> None:
    claims = whosaid.extract(seed)
    rows = whosaid.to_records(claims)
    assert len(rows) == len(claims)
    assert tuple(rows[0]) == whosaid.RECORD_FIELDS[1:]
    assert [r["claim"] for r in rows] == [c["id"] for c in claims]
    assert {r["article"] for r in whosaid.to_records(whosaid.analyze(seed))} == {"article"}
    by_position = whosaid.to_records(whosaid.extract_many(["", seed, seed]))
    assert len(by_position) == 2 * len(claims)
    assert {r["article"] for r in by_position} == {1, 2}
    for row, claim in zip(rows, claims):
        assert seed[row["start"] : row["end"]] == row["content"] == claim["content"]["text"]


def test_to_records_refuses_what_is_not_claims() -> None:
    for bad in ("text", {"a": 1}, [3]):
        with pytest.raises(TypeError, match="to_records takes claims"):
            whosaid.to_records(bad)

