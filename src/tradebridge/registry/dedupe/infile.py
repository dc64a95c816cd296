"""Duplicates inside one import file: two rows of one organisation (with and without accents,
a legal form spelled out or abbreviated, the same identifier or e-mail address).

:func:`in_file_duplicates` maps the spreadsheet line of each later row to the line of the first
row it repeats, with the reason; the adapter merges the later rows into the first one's action.
"""

from __future__ import annotations

from collections.abc import Sequence

from tradebridge.core.pure_i18n import translate
from tradebridge.registry.dedupe.keys import identifier_key, name_key, name_tokens
from tradebridge.registry.dedupe.records import RowLike

_ = translate  # the name makemessages extracts

# Two rows with one e-mail address are one organisation when their names share this much.
EMAIL_NAME_OVERLAP = 0.5


def _overlap(a: str, b: str) -> float:
    ta, tb = set(name_tokens(a)), set(name_tokens(b))
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def in_file_duplicates(rows: Sequence[RowLike]) -> dict[int, tuple[int, str]]:
    """Later row's line -> (first row's line, why), for rows that repeat an earlier row of the
    same country: same identifier, same normalised name, or same e-mail address with similar
    names."""
    by_identifier: dict[tuple[str, str], int] = {}
    by_name: dict[tuple[str, str], int] = {}
    by_email: dict[tuple[str, str], tuple[int, str]] = {}
    found: dict[int, tuple[int, str]] = {}
    for row in rows:
        ident = identifier_key(row.identifier or "")
        keys = [k for k in (name_key(n) for n in (row.name, getattr(row, "name_en", "")) if n) if k]
        emails = [e.strip().lower() for e in row.emails if e.strip()]
        first: tuple[int, str] | None = None
        if ident and (row.country, ident) in by_identifier:
            first = (by_identifier[row.country, ident],
                     _("same identifier %(identifier)s as line %(line)s")
                     % {"identifier": ident, "line": by_identifier[row.country, ident]})
        for key in keys:
            if first is None and (row.country, key) in by_name:
                line = by_name[row.country, key]
                first = (line, _("same name as line %(line)s once legal forms and diacritics are removed")
                         % {"line": line})
        for email in emails:
            earlier = by_email.get((row.country, email))
            if first is None and earlier and keys and _overlap(keys[0], earlier[1]) >= EMAIL_NAME_OVERLAP:
                first = (earlier[0], _("same e-mail address and a similar name as line %(line)s")
                         % {"line": earlier[0]})
        if first is not None:
            # Chains lead to the first row of all.
            target = found.get(first[0], (first[0], ""))[0]
            found[row.line] = (target, first[1])
            continue
        if ident:
            by_identifier.setdefault((row.country, ident), row.line)
        for key in keys:
            by_name.setdefault((row.country, key), row.line)
        for email in emails:
            if keys:
                by_email.setdefault((row.country, email), (row.line, keys[0]))
    return found
