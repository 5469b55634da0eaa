"""Bad arguments raise TypeError or ValueError with a clear message."""

from __future__ import annotations

import pytest

import whosaid


@pytest.mark.parametrize("function", [whosaid.extract, whosaid.analyze])
@pytest.mark.parametrize(
    "text, error, message",
    [
        (b'"We will act," he said.', TypeError, "text must be str, not bytes: decode it first"),
        (bytearray(b"x"), TypeError, "text must be str, not bytearray"),
        (None, TypeError, "text must be str, not NoneType"),
        (3, TypeError, "text must be str, not int"),
        ("ab\ud800cd", ValueError, "not valid Unicode at character 2"),
    ],
)
def test_only_str_is_text(function: object, text: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        function(text)  # type: ignore[operator]


@pytest.mark.parametrize(
    "value, error, message",
    [
        (1.5, ValueError, "min_confidence must be between 0 and 1, not 1.5"),
        (-0.1, ValueError, "between 0 and 1"),
        (float("nan"), ValueError, "not NaN"),
        ("0.5", TypeError, "min_confidence must be a number, not str"),
        (True, TypeError, "not bool"),
    ],
)
def test_min_confidence_is_a_number_from_0_to_1(value: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        whosaid.extract("text", min_confidence=value)


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        whosaid.extract("text", "en")  # type: ignore[misc]
