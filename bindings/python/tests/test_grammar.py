"""Custom grammars and languages."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosaid

TEXT = '"We will act," the minister blorfed.'
VERBS = """\
kind: speech_verbs
version: 1
entries:
  - {lemma: blorf, forms: [blorfed, blorfs], complements: [quote, that, parenthetical]}
"""


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    (tmp_path / "made_up_verbs.yaml").write_text(VERBS, encoding="utf-8")
    return tmp_path


def test_a_custom_pack_extends_the_bundled_one(pack: Path) -> None:
    assert whosaid.extract(TEXT) == []
    grammar = whosaid.Grammar.load(pack)
    claims = whosaid.extract(TEXT, grammars=grammar)
    assert [(c["cue"]["lemma"], c["speaker"]["name"]) for c in claims] == [("blorf", "minister")]
    # The bundled verbs are still there.
    said = '"We will act," the minister said.'
    assert whosaid.extract(said, grammars=grammar) == whosaid.extract(said)


def test_a_loaded_grammar_is_reused_and_a_path_loads_for_one_call(pack: Path) -> None:
    grammar = whosaid.Grammar.load(str(pack))
    expected = whosaid.extract(TEXT, grammars=grammar)
    assert whosaid.extract(TEXT, grammars=pack) == expected
    assert whosaid.extract(TEXT, grammars=str(pack)) == expected
    assert whosaid.analyze(TEXT, grammars=grammar)["claims"] == expected
    assert list(whosaid.extract_many([TEXT] * 40, grammars=grammar, n_jobs=2)) == [expected] * 40


def test_grammar_attributes(pack: Path) -> None:
    grammar = whosaid.Grammar.load(pack, lang="en")
    assert grammar.lang == "en"
    assert grammar.path == pack
    assert repr(grammar) == f'Grammar.load("{pack}", lang="en")'
    bundled = whosaid.Grammar.bundled()
    assert (bundled.lang, bundled.path, repr(bundled)) == ("en", None, 'Grammar.bundled("en")')
    assert whosaid.extract(TEXT, grammars=bundled) == []


def test_an_invalid_grammar_file_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(VERBS.replace("complements", "complemnts"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml:4:\d+: .*unknown field `complemnts`"):
        whosaid.Grammar.load(tmp_path)
    with pytest.raises(ValueError, match="complemnts"):
        whosaid.extract(TEXT, grammars=tmp_path)


def test_a_missing_directory_is_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError, match="nowhere"):
        whosaid.Grammar.load(missing)


def test_unknown_languages_are_refused_with_the_known_ones(pack: Path) -> None:
    for call in (
        lambda: whosaid.extract(TEXT, lang="fr"),
        lambda: whosaid.analyze(TEXT, lang="fr"),
        lambda: whosaid.Grammar.load(pack, lang="fr"),
        lambda: whosaid.Grammar.bundled("fr"),
    ):
        with pytest.raises(ValueError, match=r'no grammar pack for language "fr" \(bundled: en'):
            call()
    with pytest.raises(TypeError, match="lang must be a language code"):
        whosaid.extract(TEXT, lang=1)
    assert whosaid.extract(TEXT, lang="en", grammars=whosaid.Grammar.load(pack))


def test_grammars_of_the_wrong_type() -> None:
    with pytest.raises(TypeError, match="grammars must be a whosaid.Grammar or the path"):
        whosaid.extract(TEXT, grammars=42)


def test_by_default_each_text_is_read_with_its_detected_language() -> None:
    corpus = Path(__file__).resolve().parents[3] / "tests" / "corpus"
    german = (corpus / "dpa-de-001.txt").read_text(encoding="utf-8")
    russian = (corpus / "tass-ru-001.txt").read_text(encoding="utf-8")
    assert whosaid.analyze(german)["article"]["language"] == "de"
    assert whosaid.analyze(russian)["article"]["language"] == "ru"
    assert whosaid.analyze(german, lang="auto") == whosaid.analyze(german)
    assert whosaid.analyze(german) == whosaid.analyze(german, lang="de")
    # A pack given by hand reads the text even in another language.
    assert whosaid.analyze(german, lang="en")["article"]["language"] == "en"
