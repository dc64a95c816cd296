"""Scoring the rows the exact keys leave over: one line per name variant, blocking keys, u and
m probabilities estimated on the registry and the import, and the match probability of each
candidate pair (Splink on DuckDB)."""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tradebridge.registry.dedupe.keys import (
    DENSE_RUN,
    email_domain,
    headings,
    identifier_key,
    name_key,
    name_tokens,
    order_free,
    phone_key,
    province_key,
)
from tradebridge.registry.dedupe.model import (
    COMPARISONS,
    EQUALITY_LEVELS,
    FIXED_COMPARISONS,
    FIXED_MODEL,
    TRAINING_RULES,
    Model,
    model_of,
    splink_settings,
)
from tradebridge.registry.dedupe.records import Record, RowLike

logger = logging.getLogger(__name__)

# Blocking keys of an import name: its words and pairs of words (character bigrams for Lao and
# Chinese) that the fewest registry names share, preferring those shared by MAX_BLOCK_RECORDS at most.
BLOCKING_KEYS = 3
MAX_BLOCK_RECORDS = 500
MAX_PAIRED_TOKENS = 8


@dataclass
class Org:
    """A record or an import row as the matching compares it."""

    keys: list[str]  # distinct name keys, the main name's first
    country: str
    province: str
    ids: list[str]
    phone: str
    email_domain: str
    hs: list[str]


def org_of_record(record: Record) -> Org:
    return Org(
        keys=list(dict.fromkeys(k for k in (name_key(n) for n in [record.name, *record.names] if n) if k)),
        country=record.country,
        province=province_key(record.province),
        ids=sorted({k for k in (identifier_key(v) for v in record.identifiers.values()) if k}),
        phone=phone_key(record.phone or ""),
        email_domain=email_domain(record.email_domain or ""),
        hs=headings(record.hs_codes),
    )


def org_of_row(row: RowLike) -> Org:
    names = [row.name, getattr(row, "name_en", "")]
    ident = identifier_key(row.identifier or "")
    domains = [d for d in (email_domain(e) for e in row.emails) if d]
    return Org(
        keys=list(dict.fromkeys(k for k in (name_key(n) for n in names if n) if k)),
        country=row.country,
        province=province_key(row.province),
        ids=[ident] if ident else [],
        phone=phone_key(row.phones[0]) if row.phones else "",
        email_domain=domains[0] if domains else "",
        hs=headings(row.hs_codes),
    )


def _candidate_keys(country: str, tokens: Sequence[str]) -> list[str]:
    paired = tokens[:MAX_PAIRED_TOKENS]
    return [
        *(f"{country} {t}" for t in tokens),
        *(f"{country} {a} {b}" for i, a in enumerate(paired) for b in paired[i + 1 :]),
    ]


def _blocking_keys(variants: Sequence[tuple[str, str, list[str], bool]]) -> list[list[str]]:
    """For each ``(source, country, tokens, wanted)`` name variant, the keys it blocks on.

    An import name that is ``wanted`` (not settled by the exact keys) blocks on the
    BLOCKING_KEYS of its words and word pairs that the fewest registry names share, preferring
    keys shared by at most MAX_BLOCK_RECORDS; a registry name on those of its keys that some
    import name chose.  So the pairs are bounded by the import side, and a duplicate, which
    shares most of its words and word pairs with its record, meets it even with a typo in one
    word or with the words in another order.
    """
    candidates = [_candidate_keys(country, tokens) for _, country, tokens, _ in variants]
    registry = Counter(k for (source, _, _, _), keys in zip(variants, candidates, strict=True)
                       if source == "registry" for k in keys)
    chosen: list[list[str]] = []
    for (source, _, _, wanted), keys in zip(variants, candidates, strict=True):
        if source != "import" or not wanted:
            chosen.append([])
            continue
        costs = sorted((registry[k], k) for k in keys if k in registry)
        small = [k for cost, k in costs[:BLOCKING_KEYS] if cost <= MAX_BLOCK_RECORDS]
        chosen.append(small or [k for _, k in costs[:1]])
    used = {k for keys in chosen for k in keys}
    return [
        [k for k in keys if k in used] if source == "registry" else mine
        for (source, _, _, _), keys, mine in zip(variants, candidates, chosen, strict=True)
    ]


def _table(
    records: Sequence[Org], rows: Sequence[Org], wanted: set[int]
) -> tuple[dict[str, list[Any]], list[tuple[str, int]]]:
    """The Splink input, one line per name variant, and the owner of each line's unique id.
    All rows serve training; only the ``wanted`` ones get blocking keys, hence predictions."""
    variants: list[tuple[str, str, list[str], bool]] = []
    lines: list[tuple[str, int, Org, str, bool]] = []
    for source, group in (("registry", records), ("import", rows)):
        for owner, org in enumerate(group):
            for position, key in enumerate(org.keys):
                scored = source == "registry" or owner in wanted
                variants.append((source, org.country, name_tokens(key), scored))
                lines.append((source, owner, org, key, position == 0))
    blocking = _blocking_keys(variants)
    owners_wanted = [wanted_line for _, _, _, wanted_line in variants]
    columns: dict[str, list[Any]] = defaultdict(list)
    for uid, ((source, _, org, key, main), (_, country, tokens, _), keys) in enumerate(
        zip(lines, variants, blocking, strict=True)
    ):
        columns["unique_id"].append(uid)
        columns["source_dataset"].append(source)
        columns["is_main"].append(main)
        columns["scored"].append(source == "registry" or owners_wanted[uid])
        columns["country"].append(country or None)
        columns["name_key"].append(key)
        columns["name_sorted"].append(order_free(key))
        columns["name_dense"].append(bool(DENSE_RUN.search(key)))
        columns["name_tokens"].append(tokens)
        columns["name_size"].append(len(tokens))
        columns["block_keys"].append(keys)
        columns["province"].append(org.province or None)
        columns["ids"].append(org.ids or None)
        columns["phone"].append(org.phone or None)
        columns["email_domain"].append(org.email_domain or None)
        columns["hs"].append(org.hs or None)
    return columns, [(source, owner) for source, owner, _, _, _ in lines]



def _equal_pairs(values: Iterable[str | None]) -> tuple[int, int]:
    """``(equal pairs, pairs)`` among the non-empty values (ordered pairs of distinct items)."""
    counts = Counter(v for v in values if v)
    total = sum(counts.values())
    return sum(c * (c - 1) for c in counts.values()), total * (total - 1)


def _with_exact_u(model: Model, columns: Mapping[str, list[Any]], registry: Sequence[int]) -> Model:
    """``model`` with the u of each equality level counted over the registry's main names: the
    share of pairs of distinct records that agree, at least one pair in all (never 0)."""
    updated = {name: list(levels) for name, levels in model.items()}
    equal = {
        column: _equal_pairs(columns[column][i] for i in registry) for column in set(EQUALITY_LEVELS.values())
    }
    for (name, position), column in EQUALITY_LEVELS.items():
        agree, pairs = equal[column]
        if column == "name_sorted":  # the level after the exact name: equal words, other order
            agree -= equal["name_key"][0]
        if pairs == 0:
            continue
        levels = updated[name]
        levels[position] = levels[position]._replace(u=max(1, agree) / pairs)
        if len(levels) == 2:  # equal / different: keep them summing to one
            levels[1] = levels[1]._replace(u=1 - levels[0].u)
    return {name: tuple(levels) for name, levels in updated.items()}


@contextmanager
def _quiet_splink() -> Iterator[None]:
    """Splink warns at length about levels it could not train, which is expected here (small
    imports, levels never observed: the fixed values stay); keep that out of the logs."""
    splink_logger = logging.getLogger("splink")
    level = splink_logger.level
    splink_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        splink_logger.setLevel(level)


def _estimate_u(db_api: Any, columns: Mapping[str, list[Any]], seed: int, max_pairs: float) -> Model:
    """u probabilities from random pairs of the registry's main names, deduplicated as it is
    (pairs of the registry with the import would include the very duplicates being sought);
    equality levels counted exactly."""
    import pyarrow as pa
    from splink import Linker

    registry = [i for i, (source, main) in enumerate(zip(columns["source_dataset"], columns["is_main"],
                                                           strict=True)) if source == "registry" and main]
    model = _with_exact_u(FIXED_MODEL, columns, registry)
    table = pa.table({name: [values[i] for i in registry] for name, values in columns.items()})
    linker = Linker(db_api.register(table, dataset_display_name="tb_registry"),
                    splink_settings("dedupe_only", 1e-4, model), log_level=None)
    try:
        linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    except Exception as exc:  # Splink and DuckDB raise several types on degenerate samples
        logger.info("resolution model: u not sampled: %s", exc)
        return model
    sampled = model_of(linker.misc.save_model_to_json(), model)
    # Sampled u for every level but the equality levels, whose exact counts stand.
    return {
        name: tuple(
            model[name][i] if (name, i) in EQUALITY_LEVELS or name in FIXED_COMPARISONS else level
            for i, level in enumerate(levels)
        )
        for name, levels in sampled.items()
    }


def _train_m(linker: Any) -> None:
    """m probabilities by expectation maximisation on each training rule; a session that fails
    (no pair under its rule in this import, say) keeps the values it started from."""
    for rule in TRAINING_RULES:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        except Exception as exc:  # Splink raises several types on degenerate samples
            logger.info("resolution model: EM on %r failed: %s", rule, exc)


Candidates = dict[int, dict[int, tuple[float, dict[str, int]]]]


def score_pairs(
    records: Sequence[Org],
    rows: Sequence[Org],
    wanted: set[int],
    *,
    prior: float,
    train: bool,
    seed: int,
    max_u_pairs: float,
    min_probability: float,
) -> Candidates:
    """Row index → record index → (best probability over name variants, comparison levels)."""
    import pyarrow as pa
    from splink import DuckDBAPI, Linker

    columns, owners = _table(records, rows, wanted)
    with _quiet_splink():
        db_api = DuckDBAPI()
        model = _estimate_u(db_api, columns, seed, max_u_pairs) if train else FIXED_MODEL
        table = db_api.register(pa.table(columns), dataset_display_name="tb_organisations")
        linker = Linker(table, splink_settings("link_only", prior, model), log_level=None)
        if train:
            _train_m(linker)
            # A failed EM session can leave comparisons deactivated in this linker: predict with
            # a fresh one that has every comparison and the trained probabilities.
            model = model_of(linker.misc.save_model_to_json(), model)
            linker = Linker(table, splink_settings("link_only", prior, model), log_level=None)
        predictions = linker.inference.predict(threshold_match_probability=min_probability,
                                               warning_mode="never")
        wanted = ["unique_id_l", "unique_id_r", "match_probability", *(f"gamma_{c}" for c in COMPARISONS)]
        pairs = predictions.as_duckdbpyrelation().select(*wanted).fetchall()
    best: Candidates = defaultdict(dict)
    for uid_l, uid_r, probability, *levels in pairs:
        left, right = owners[uid_l], owners[uid_r]
        (_, row_index), (_, record_index) = (left, right) if left[0] == "import" else (right, left)
        if probability is None or math.isnan(probability):
            continue
        known = best[row_index].get(record_index)
        if known is None or probability > known[0]:
            best[row_index][record_index] = (float(probability), dict(zip(COMPARISONS, levels, strict=True)))
    return best

