"""extract_many: input order, pairs, streaming, errors at their place."""

from __future__ import annotations

import itertools
import random
from typing import Iterator, List

import pytest

import whosaid
from conftest import CORPUS


def corpus_texts() -> List[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    # Short texts with their own claims, so that batches of many documents
    # finish out of order on several threads.
    texts += [f'"We will act on item {i}," the minister said.' for i in range(60)]
    random.Random(20).shuffle(texts)
    return texts


@pytest.mark.parametrize("n_jobs", [None, 1, 2, 3])
def test_results_come_in_input_order(n_jobs: object) -> None:
    texts = corpus_texts()
    expected = [whosaid.extract(t) for t in texts]
    got = list(whosaid.extract_many(texts, n_jobs=n_jobs))
    assert got == expected
    contents = [c[0]["content"]["text"] for c in got if len(c) == 1]
    assert f"We will act on item {0}," in contents


def test_pairs_give_back_their_ids_untouched() -> None:
    texts = corpus_texts()
    ids = [object() for _ in texts]
    ids[0], ids[1] = ("a", 1), 7.5
    got = list(whosaid.extract_many(zip(ids, texts), n_jobs=2))
    assert [i for i, _ in got] == ids
    assert all(a is b for (a, _), b in zip(got, ids))
    assert [claims for _, claims in got] == [whosaid.extract(t) for t in texts]


def test_lists_of_two_are_pairs_and_kinds_can_mix() -> None:
    text = '"We will act," the minister said.'
    got = list(whosaid.extract_many([text, ["doc", text], ("x", "")]))
    assert got == [whosaid.extract(text), ("doc", whosaid.extract(text)), ("x", [])]


def test_an_empty_iterable_yields_nothing() -> None:
    assert list(whosaid.extract_many([])) == []
    assert list(whosaid.extract_many(iter(()))) == []


def test_the_input_is_read_a_bounded_way_ahead() -> None:
    read = 0

    def endless() -> Iterator[str]:
        nonlocal read
        for i in itertools.count():
            read += 1
            yield f'"Item {i} is ready," the clerk said.'

    stream = whosaid.extract_many(endless(), n_jobs=1)
    first = list(itertools.islice(stream, 3))
    assert [c[0]["content"]["text"] for c in first] == [f"Item {i} is ready," for i in range(3)]
    # One thread reads 4 batches of 16 ahead, and refills as it yields.
    assert read <= 5 * 16, read
    more = list(itertools.islice(stream, 200))
    assert more[-1][0]["content"]["text"] == "Item 202 is ready,"
    assert read <= 203 + 5 * 16, read


def test_a_bad_item_raises_after_the_items_before_it() -> None:
    text = '"We will act," the minister said.'
    stream = whosaid.extract_many([text, ("id", text), b"bytes", text])
    assert next(stream) == whosaid.extract(text)
    assert next(stream) == ("id", whosaid.extract(text))
    with pytest.raises(TypeError, match="must be str, not bytes"):
        next(stream)
    assert list(stream) == []


@pytest.mark.parametrize(
    "item, message",
    [
        (3, "strings or \\(id, text\\) pairs, not int"),
        (("a", "b", "c"), "not a tuple of 3 items"),
        (("id", b"bytes"), "text must be str, not bytes"),
        ("lone \ud800", "lone surrogate"),
    ],
)
def test_bad_items(item: object, message: str) -> None:
    error = ValueError if isinstance(item, str) else TypeError
    with pytest.raises(error, match=message):
        list(whosaid.extract_many(["fine", item]))


def test_an_exception_from_the_iterable_is_raised_in_place() -> None:
    text = '"We will act," the minister said.'

    def failing() -> Iterator[str]:
        yield text
        yield text
        raise LookupError("the feed broke")

    got = []
    with pytest.raises(LookupError, match="the feed broke"):
        for claims in whosaid.extract_many(failing()):
            got.append(claims)
    assert got == [whosaid.extract(text)] * 2


def test_options_apply_to_every_text() -> None:
    texts = corpus_texts()
    got = list(whosaid.extract_many(texts, min_confidence=0.9, lang="en"))
    assert got == [whosaid.extract(t, min_confidence=0.9, lang="en") for t in texts]


@pytest.mark.parametrize(
    "texts, kwargs, error, message",
    [
        ("one text", {}, TypeError, "not one str: use extract"),
        (b"one text", {}, TypeError, "not one bytes"),
        (42, {}, TypeError, "not iterable"),
        ([], {"n_jobs": 0}, ValueError, "n_jobs must be at least 1, not 0"),
        ([], {"n_jobs": -1}, ValueError, "None uses every core"),
        ([], {"n_jobs": "2"}, TypeError, "n_jobs must be an int, not str"),
        ([], {"lang": "xx"}, ValueError, "no grammar pack for language"),
        ([], {"min_confidence": 2}, ValueError, "between 0 and 1"),
    ],
)
def test_bad_arguments_fail_at_the_call(
    texts: object, kwargs: dict, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        whosaid.extract_many(texts, **kwargs)


def test_an_interrupt_from_the_iterable_is_raised_at_once() -> None:
    def interrupted() -> Iterator[str]:
        yield '"We will act," the minister said.'
        raise KeyboardInterrupt

    stream = whosaid.extract_many(interrupted())
    with pytest.raises(KeyboardInterrupt):
        next(stream)
    assert list(stream) == []
