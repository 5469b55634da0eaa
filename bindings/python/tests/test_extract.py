"""extract and analyze: the CLI's claims, offsets that slice Python strings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import whosaid
from conftest import CORPUS, SEED, run_cli_jsonl

CLAIM_FIELDS = {"id", "kind", "content", "speaker", "cue", "via", "confidence", "frame"}
REQUIRED_CLAIM_FIELDS = CLAIM_FIELDS - {"via"}
SPAN_FIELDS = {"text", "start", "end", "byte_start", "byte_end"}


def spans(claim: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    """Every span of a claim: content, its brackets, speaker mention, cue."""
    yield claim["content"]
    yield from claim["content"].get("brackets", [])
    if claim["speaker"] is not None:
        yield claim["speaker"]["mention"]
    if claim["cue"] is not None:
        yield claim["cue"]


def assert_offsets_slice(text: str, claims: List[Dict[str, Any]]) -> None:
    encoded = text.encode("utf-8")
    for claim in claims:
        for span in spans(claim):
            assert text[span["start"] : span["end"]] == span["text"], span
            assert encoded[span["byte_start"] : span["byte_end"]].decode("utf-8") == span["text"]


@pytest.mark.parametrize("article", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_analyze_gives_the_clis_json_line(cli: Path, article: Path) -> None:
    expected = run_cli_jsonl(cli, article)
    got = whosaid.analyze(article.read_text(encoding="utf-8"))
    # The CLI names the article after its file; analyze() calls it "article".
    assert got["article"].pop("id") == "article"
    expected["article"].pop("id")
    assert got == expected
    assert whosaid.extract(article.read_text(encoding="utf-8")) == expected["claims"]


def test_the_seed_articles_main_claims(seed: str) -> None:
    claims = whosaid.extract(seed)
    assert claims, "the seed article has claims"
    for claim in claims:
        assert REQUIRED_CLAIM_FIELDS <= claim.keys() <= CLAIM_FIELDS, claim.keys()
        assert SPAN_FIELDS <= claim["content"].keys()
        assert claim["kind"] in {"direct", "indirect", "mixed"}
        assert 0.0 <= claim["confidence"] <= 1.0

    def find(start: str) -> Dict[str, Any]:
        found = [c for c in claims if c["content"]["text"].lstrip('"').startswith(start)]
        assert len(found) == 1, [c["content"]["text"] for c in claims]
        return found[0]

    briefed = find("The Russian President briefed him")
    assert briefed["kind"] == "direct"
    assert briefed["speaker"]["name"] == "Tajik president\u2019s press office"
    assert briefed["speaker"]["mention"]["text"] == "the statement"
    assert briefed["cue"]["text"] == "reads"

    gratitude = find("Country\u2019s President [Emomali Rahmon]")
    assert gratitude["speaker"]["name"] == "Tajik president\u2019s press office"
    assert [b["text"] for b in gratitude["content"]["brackets"]] == ["[Emomali Rahmon]"]

    ushakov = find("Putin and Trump will")
    assert ushakov["kind"] == "mixed"
    assert ushakov["speaker"]["name"] == "Yury Ushakov"
    assert ushakov["cue"]["lemma"] == "according to"

    kremlin = find("Vladimir Putin informed Emomali Rahmon")
    assert kremlin["speaker"]["name"] == "Kremlin\u2019s press office"


def test_the_seed_articles_header(seed: str) -> None:
    article = whosaid.analyze(seed)["article"]
    assert article["date"] == "2025-08-10"
    assert article["dateline"]["place"] == "DUSHANBE"
    assert article["outlet"] == "TASS"


def test_offsets_slice_the_python_string(seed: str) -> None:
    claims = whosaid.extract(seed)
    assert_offsets_slice(seed, claims)
    # Curly apostrophes are one code point but three bytes: the two kinds
    # of offsets part ways after the first one.
    assert any(c["content"]["start"] != c["content"]["byte_start"] for c in claims)


def test_offsets_count_astral_characters_as_one() -> None:
    text = (
        "\U0001f4f0 \U0001d401\U0001d42b\U0001d41e\U0001d41a\U0001d424 news.\n\n"
        '"We will act \U0001f680 now," the minister said. \U0001f600\n\n'
        '"Prices will fall \U00010348," the \U0001d4d0 senator added.'
    )
    claims = whosaid.extract(text)
    assert [c["content"]["text"] for c in claims] == [
        "We will act \U0001f680 now,",
        "Prices will fall \U00010348,",
    ]
    assert_offsets_slice(text, claims)
    first = claims[0]["content"]
    assert first["start"] == text.index("We will act")
    assert first["byte_start"] == len(text[: first["start"]].encode("utf-8"))


def test_min_confidence_leaves_out_weaker_claims(seed: str) -> None:
    claims = whosaid.extract(seed)
    levels = sorted({c["confidence"] for c in claims})
    assert len(levels) > 2, levels
    threshold = levels[len(levels) // 2]
    kept = whosaid.extract(seed, min_confidence=threshold)
    assert kept == [c for c in claims if c["confidence"] >= threshold]
    assert 0 < len(kept) < len(claims)
    assert whosaid.extract(seed, min_confidence=0) == claims
    assert whosaid.analyze(seed, min_confidence=threshold)["claims"] == kept


def test_an_article_without_claims_gives_an_empty_list() -> None:
    assert whosaid.extract("") == []
    assert whosaid.extract("The sun rose over the harbour.") == []
    assert whosaid.analyze("")["claims"] == []


def test_an_english_text_is_read_with_the_english_pack_by_default() -> None:
    text = '"We will act," the minister said.'
    assert whosaid.extract(text, lang="en") == whosaid.extract(text)
    assert whosaid.LANGUAGES == ("en", "de", "ru")


def test_public_functions_have_docstrings() -> None:
    assert "code points" in (whosaid.extract.__doc__ or "")
    assert "input order" in (whosaid.extract_many.__doc__ or "")
    assert "--format jsonl" in (whosaid.analyze.__doc__ or "")
    assert "--grammars DIR" in (whosaid.Grammar.load.__doc__ or "")
    assert "pandas" in (whosaid.to_records.__doc__ or "")
