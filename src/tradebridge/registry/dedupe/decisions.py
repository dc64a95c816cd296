"""The decision on each import row: exact keys first, then the match probabilities of the rows
they leave over (:mod:`.linkage`); :func:`resolve_rows` is the entry point."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from tradebridge.core.pure_i18n import translate
from tradebridge.registry.dedupe.linkage import Org, org_of_record, org_of_row, score_pairs
from tradebridge.registry.dedupe.model import COMPARISONS, IDENTIFIER_LEVELS, NAME_LEVELS, reason_of
from tradebridge.registry.dedupe.records import Decision, Record, RowLike

_ = translate  # the name makemessages extracts

SAME_THRESHOLD = 0.95
REVIEW_THRESHOLD = 0.5
MIN_TRAINING_RECORDS = 50
# Share of import rows expected to be in the registry, for the prior match probability when the
# exact keys give no better estimate.
PRIOR_DUPLICATE_SHARE = 0.2


class _ExactIndex:
    """The registry by (country, identifier) and by (country, province, name key)."""

    def __init__(self, records: Sequence[Org]) -> None:
        self.by_identifier: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_name: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for index, org in enumerate(records):
            for value in org.ids:
                self.by_identifier[org.country, value].append(index)
            if org.province:
                for key in org.keys:
                    self.by_name[org.country, org.province, key].append(index)

    def identifier_hits(self, row: Org) -> list[int]:
        return list(dict.fromkeys(i for v in row.ids for i in self.by_identifier.get((row.country, v), ())))

    def name_hits(self, row: Org) -> list[int]:
        if not row.province:
            return []
        return list(dict.fromkeys(
            i for k in row.keys for i in self.by_name.get((row.country, row.province, k), ())
        ))


def _exact_decision(line: int, row: Org, records: Sequence[Record], orgs: Sequence[Org],
                    index: _ExactIndex) -> Decision | None:
    id_hits, name_hits = index.identifier_hits(row), index.name_hits(row)
    if id_hits:
        record, org = records[id_hits[0]], orgs[id_hits[0]]
        reasons = [_("same identifier %(identifier)s") % {"identifier": row.ids[0]}]
        if len(id_hits) > 1:
            others = ", ".join(str(records[i].id) for i in id_hits[1:])
            reasons.append(_("the registry gives this identifier to other records too: %(records)s")
                           % {"records": others})
            return Decision(line, "possible_duplicate", record.id, 1.0, reasons)
        if name_hits and id_hits[0] not in name_hits:
            reasons.append(_("but the name and province are those of record %(record)s")
                           % {"record": records[name_hits[0]].id})
            return Decision(line, "possible_duplicate", record.id, 1.0, reasons)
        if not set(row.keys) & set(org.keys):
            reasons.append(_("although the name differs from the registry's (%(name)s)")
                           % {"name": record.name})
        return Decision(line, "same", record.id, 1.0, reasons)
    if not name_hits:
        return None
    record, org = records[name_hits[0]], orgs[name_hits[0]]
    reasons = [_("same name once legal forms and diacritics are removed"), _("same country and province")]
    if len(name_hits) > 1:
        others = ", ".join(str(records[i].id) for i in name_hits[1:])
        reasons.append(_("other registry records have this name here too: %(records)s") % {"records": others})
        return Decision(line, "possible_duplicate", record.id, 1.0, reasons)
    if row.ids and org.ids:
        reasons.append(_("but the identifiers differ"))
        return Decision(line, "possible_duplicate", record.id, 1.0, reasons)
    return Decision(line, "same", record.id, 1.0, reasons)


_NAME_EXACT = len(NAME_LEVELS) - 1  # gamma of a comparison's first level
_IDENTIFIER_EXACT = len(IDENTIFIER_LEVELS) - 1


def _probable_decision(
    line: int,
    records: Sequence[Record],
    candidates: Mapping[int, tuple[float, dict[str, int]]],
    same_threshold: float,
    review_threshold: float,
) -> Decision:
    if not candidates:
        return Decision(line, "new", None, 0.0, [_("no similar registry record")])
    ranked = sorted(candidates.items(), key=lambda item: -item[1][0])
    best_index, (probability, gammas) = ranked[0]
    record = records[best_index]
    reasons = [r for r in (reason_of(name, gammas.get(name)) for name in COMPARISONS) if r]
    if probability < review_threshold:
        closest = _("closest registry record %(record)s is probably another organisation (match probability "
                    "%(probability)s)") % {"record": record.id, "probability": f"{probability:.2f}"}
        return Decision(line, "new", record.id, probability, [closest, *reasons])
    rivals = [(i, p) for i, (p, _) in ranked[1:] if p >= review_threshold]
    key_agrees = gammas.get("ids") == _IDENTIFIER_EXACT or gammas.get("name") == _NAME_EXACT
    if probability >= same_threshold and key_agrees and not rivals:
        return Decision(line, "same", record.id, probability, reasons)
    if probability >= same_threshold and not key_agrees:
        reasons.append(_("left for review: neither the identifier nor the normalised name agrees"))
    if rivals:
        shown = ", ".join(f"{records[i].id} ({p:.2f})" for i, p in rivals[:3])
        reasons.append(_("also resembles %(records)s") % {"records": shown})
    return Decision(line, "possible_duplicate", record.id, probability, reasons)


def resolve_rows(
    records: Sequence[Record],
    rows: Sequence[RowLike],
    *,
    same_threshold: float = SAME_THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
    min_training_records: int = MIN_TRAINING_RECORDS,
    seed: int = 42,
    max_u_pairs: float = 1e6,
) -> list[Decision]:
    """Classify each import row as ``new``, ``same`` or ``possible_duplicate`` (see the module
    documentation); one :class:`Decision` per row, in the order of ``rows``.

    A row's identifier matches a record's identifier of any scheme in the same country;
    ``same_threshold`` and ``review_threshold`` are match probabilities; a registry with fewer
    than ``min_training_records`` records uses the fixed model instead of training one.
    ``seed`` makes the random sampling of u probabilities reproducible; ``max_u_pairs`` bounds it.
    """
    if not 0 < review_threshold <= same_threshold <= 1:
        raise ValueError("expected 0 < review_threshold <= same_threshold <= 1")
    record_orgs = [org_of_record(r) for r in records]
    row_orgs = [org_of_row(r) for r in rows]
    index = _ExactIndex(record_orgs)
    decisions = [
        _exact_decision(row.line, org, records, record_orgs, index)
        for row, org in zip(rows, row_orgs, strict=True)
    ]
    leftover = [i for i, d in enumerate(decisions) if d is None]
    if leftover and records:
        # Prior: the share of rows the exact keys found (at least PRIOR_DUPLICATE_SHARE), spread
        # over the registry's name variants, since each row meets every one of them.
        share = min(0.9, max(PRIOR_DUPLICATE_SHARE, 1 - len(leftover) / len(rows)))
        prior = min(0.5, share / sum(len(org.keys) for org in record_orgs))
        scored = score_pairs(record_orgs, row_orgs, set(leftover), prior=prior,
                        train=len(records) >= min_training_records, seed=seed, max_u_pairs=max_u_pairs,
                        min_probability=min(0.05, review_threshold))
        for i in leftover:
            decisions[i] = _probable_decision(rows[i].line, records, scored.get(i, {}), same_threshold,
                                              review_threshold)
    return [d if d is not None else Decision(rows[i].line, "new", None, 0.0, [_("the registry is empty")])
            for i, d in enumerate(decisions)]

