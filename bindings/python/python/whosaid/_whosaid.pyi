"""Type stubs of the native module ``whosaid._whosaid`` (re-exported by ``whosaid``)."""

import os
import pathlib
from typing import Any, Iterable, Iterator, Optional, Tuple, TypeVar, Union, overload

__version__: str
#: The language codes of the bundled grammar packs (``lang=``).
LANGUAGES: Tuple[str, ...]
#: The columns of ``whosaid export --to csv``, in order.
CSV_COLUMNS: Tuple[str, ...]

#: A claim: the fields of one element of ``claims`` in ``whosaid extract
#: --format jsonl`` (id, kind, content, speaker, cue, via when not empty,
#: confidence, frame). Spans carry text, start/end (code points) and
#: byte_start/byte_end (UTF-8 bytes).
Claim = dict[str, Any]
#: ``{"article": {...}, "claims": [Claim, ...]}``, one line of ``--format jsonl``.
Analysis = dict[str, Any]
#: A ``Grammar`` or the path of a directory of YAML grammar files.
Grammars = Union["Grammar", str, os.PathLike[str]]
_Id = TypeVar("_Id")

class Grammar:
    """A grammar pack: the bundled pack of a language, or the bundled pack
    extended by a directory of YAML grammar files. Load it once and pass it
    to every call as ``grammars=``."""

    @staticmethod
    def load(path: Union[str, os.PathLike[str]], *, lang: Optional[str] = None) -> "Grammar":
        """The bundled grammar of ``lang`` with the ``*.yaml`` files of the
        directory ``path`` replacing bundled files of the same name or added
        to them (the command line's ``--grammars DIR``).

        Raises FileNotFoundError for a missing directory, ValueError for an
        invalid grammar file (with path, line and column) or unknown ``lang``.
        """
    @staticmethod
    def bundled(lang: Optional[str] = None) -> "Grammar":
        """The bundled grammar of ``lang`` (English when None)."""
    @property
    def lang(self) -> str:
        """The language code of the pack."""
    @property
    def path(self) -> Optional[pathlib.Path]:
        """The directory the pack was loaded from; None for a bundled pack."""

def extract(
    text: str,
    *,
    lang: Optional[str] = None,
    grammars: Optional[Grammars] = None,
    min_confidence: Optional[float] = None,
) -> list[Claim]:
    """The attributed claims of one article, in text order.

    ``text`` must be a ``str`` (``bytes`` raise TypeError: decode them
    first). ``lang`` picks a bundled grammar pack (see ``LANGUAGES``); by
    default each text is read with the pack of its detected language;
    ``grammars`` is a ``Grammar`` or a directory loaded for this call;
    claims below ``min_confidence`` (0 to 1) are left out. Bad arguments
    raise TypeError or ValueError; a bug in the engine raises RuntimeError.
    """

def analyze(
    text: str,
    *,
    lang: Optional[str] = None,
    grammars: Optional[Grammars] = None,
    min_confidence: Optional[float] = None,
) -> Analysis:
    """The whole analysis of one article: ``{"article": {...}, "claims":
    [...]}``, as ``whosaid extract --format jsonl`` writes it (the article's
    id is ``"article"``). Arguments as for ``extract``."""

class ClaimStream(Iterator[Any]):
    """The iterator ``extract_many`` returns."""

    def __iter__(self) -> "ClaimStream": ...
    def __next__(self) -> Any: ...

@overload
def extract_many(
    texts: Iterable[str],
    *,
    n_jobs: Optional[int] = None,
    lang: Optional[str] = None,
    grammars: Optional[Grammars] = None,
    min_confidence: Optional[float] = None,
) -> Iterator[list[Claim]]:
    """The claims of many articles, yielded in input order.

    ``texts`` is any iterable of strings, or of ``(id, text)`` pairs: a
    string yields its list of claims, a pair yields ``(id, claims)`` with
    ``id`` untouched. The texts are analysed on ``n_jobs`` threads (None:
    every core) without the GIL, a few batches ahead of the consumer, so
    memory stays bounded however long the iterable is. A bad item raises
    TypeError or ValueError when the iteration reaches it, after the claims
    of every item before it; an exception from the iterable itself is
    raised the same way. Other arguments as for ``extract``.
    """

@overload
def extract_many(
    texts: Iterable[Tuple[_Id, str]],
    *,
    n_jobs: Optional[int] = None,
    lang: Optional[str] = None,
    grammars: Optional[Grammars] = None,
    min_confidence: Optional[float] = None,
) -> Iterator[Tuple[_Id, list[Claim]]]: ...
