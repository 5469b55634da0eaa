"""Find quotations and reported speech in news articles and say who said what.

``extract(text)`` gives an article's claims as dicts with the fields of
``whosaid extract --format jsonl``; ``extract_many(texts)`` runs many
articles on all cores and yields their claims in input order;
``to_records`` flattens claims into rows for ``pandas.DataFrame``.
Offsets (``start``/``end``) count code points, so ``text[start:end]`` is
the span's ``text``; ``byte_start``/``byte_end`` count UTF-8 bytes.

>>> import whosaid
>>> claims = whosaid.extract('"We will act," the minister said.')
>>> claims[0]["speaker"]["name"], claims[0]["content"]["text"]
('minister', 'We will act,')
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from ._whosaid import (
    CSV_COLUMNS,
    LANGUAGES,
    ClaimStream,
    Grammar,
    __version__,
    analyze,
    extract,
    extract_many,
)

__all__ = [
    "LANGUAGES",
    "RECORD_FIELDS",
    "ClaimStream",
    "Grammar",
    "__version__",
    "analyze",
    "extract",
    "extract_many",
    "to_records",
]

#: The columns of ``to_records`` rows, in order: those of
#: ``whosaid export --to csv`` but the review's (``review``, ``note``,
#: ``reviewer``, which claim files hold) and the article's (``date``,
#: ``outlet``, ``url``); ``article`` only when the input names articles.
RECORD_FIELDS = tuple(
    c
    for c in CSV_COLUMNS
    if c not in ("review", "note", "reviewer", "date", "outlet", "url")
)


def to_records(claims: Any) -> List[Dict[str, Any]]:
    """Flatten claims into one flat dict per claim, for ``pandas.DataFrame``.

    ``claims`` is what another function of this module returned:

    * a list of claims (``extract``): rows without an ``article`` column;
    * an analysis (``analyze``): ``article`` is the article's id;
    * what ``extract_many`` yields, or any iterable of it: for an
      ``(id, claims)`` pair ``article`` is ``id``, for a bare list of claims
      it is the list's position in the input (0, 1, ...).

    The columns are those of ``whosaid export --to csv`` but the review's
    and the article's metadata:
    article, claim (the claim id), kind, speaker, speaker_type, role,
    organization, wikidata, mention, cue, content, start, end, confidence,
    via (joined with `` > ``). A value the claim lacks is None; offsets are
    code points into the article text.

    >>> import pandas as pd  # doctest: +SKIP
    >>> pd.DataFrame(whosaid.to_records(whosaid.extract_many(pairs)))  # doctest: +SKIP
    """
    if isinstance(claims, dict):
        if "claims" not in claims or "article" not in claims:
            raise TypeError("to_records takes claims, not a dict without 'article' and 'claims'")
        article = claims["article"]["id"]
        return [_record(c, article) for c in claims["claims"]]
    if isinstance(claims, (str, bytes)):
        raise TypeError(f"to_records takes claims, not {type(claims).__name__}")
    rows: List[Dict[str, Any]] = []
    for position, item in enumerate(claims):
        if isinstance(item, dict):
            rows.append(_record(item, None))
        elif isinstance(item, tuple) and len(item) == 2:
            rows.extend(_record(c, item[0]) for c in item[1])
        elif isinstance(item, list):
            rows.extend(_record(c, position) for c in item)
        else:
            raise TypeError(
                "to_records takes claims, lists of claims or (id, claims) pairs, "
                f"not {type(item).__name__}"
            )
    return rows


def _record(claim: Dict[str, Any], article: Optional[Any]) -> Dict[str, Any]:
    """One claim as a flat row; ``article`` None leaves the column out."""
    speaker = claim.get("speaker") or {}
    cue = claim.get("cue") or {}
    content = claim["content"]
    via: Iterable[str] = claim.get("via") or ()
    row: Dict[str, Any] = {} if article is None else {"article": article}
    row.update(
        claim=claim["id"],
        kind=claim["kind"],
        speaker=speaker.get("name"),
        speaker_type=speaker.get("type"),
        role=speaker.get("role"),
        organization=speaker.get("organization"),
        wikidata=speaker.get("wikidata"),
        mention=(speaker.get("mention") or {}).get("text"),
        cue=cue.get("text"),
        content=content["text"],
        start=content["start"],
        end=content["end"],
        confidence=claim["confidence"],
        via=" > ".join(via) or None,
    )
    return row
