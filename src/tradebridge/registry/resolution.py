"""Entity resolution: which rows of an import are organisations the registry already holds.

Pure Python (no Django ORM).  :func:`resolve_rows` classifies each import row against the
registry's :class:`Record` objects and returns one :class:`Decision` per row, in row order:

``same``
    an existing record, decided automatically: its identifier equals the row's (same
    country), or its normalised name (:func:`name_key`) equals the row's in the same country
    and province; or, from the probabilistic model, a match probability of at least
    ``same_threshold`` *and* the identifier or the normalised name agreeing, with no rival
    candidate above ``review_threshold``.
``possible_duplicate``
    for a person to review: a match probability of at least ``review_threshold``, or exact
    keys that contradict each other (the identifier points at one record, the name at another;
    several records share the key).
``new``
    nothing in the registry resembles the row enough.

Exact keys first; only the rows they leave over are scored, with Splink on DuckDB
(probabilistic record linkage, Fellegi–Sunter), each name of a record (:attr:`Record.names`)
against each name of a row:

* comparisons: the normalised name (exact, same words in another order, one letter apart,
  Jaro–Winkler and token-set Jaccard levels), identifiers, province, phone, e-mail domain (free
  mail services ignored) and HS headings in common;
* candidate pairs from blocking rules, always within a country: the rarest words and word pairs
  the names share (see ``_blocking_keys``), the name's first letters within a province, the
  phone, the e-mail domain; so the cost grows with the plausible pairs, not registry × import;
* training without labelled pairs: u probabilities from random pairs of the registry (Splink's
  ``estimate_u_using_random_sampling``; the u of an equality level, too rare for a sample,
  counted exactly), m probabilities by expectation maximisation on two blocking rules (same
  phone; same normalised name).  Identifier levels are fixed: identifiers are unique by law.
* a registry smaller than ``min_training_records`` cannot train the model: the fixed m and u
  of :data:`NAME_LEVELS` and the other ``*_LEVELS`` tables are used (they are also the starting
  point of training and stay where a level is never observed).
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Protocol

from tradebridge.core.pure_i18n import gettext_noop, translate
from tradebridge.core.text import fold, normalize_text

__all__ = [
    "KINDS",
    "Decision",
    "Record",
    "RowLike",
    "identifier_key",
    "name_key",
    "phone_key",
    "resolve_rows",
]

logger = logging.getLogger(__name__)
_ = translate  # the name makemessages extracts



Kind = Literal["new", "same", "possible_duplicate"]
KINDS: tuple[Kind, ...] = ("new", "same", "possible_duplicate")

SAME_THRESHOLD = 0.95
REVIEW_THRESHOLD = 0.5
MIN_TRAINING_RECORDS = 50


@dataclass(frozen=True)
class Record:
    """An organisation of the registry as the resolver sees it.

    ``names`` are its other names (other languages, former names); ``country`` an ISO alpha-3
    code; ``province`` a province code or name (compared after folding); ``identifiers`` maps a
    scheme to a value (``{"vn_tax_code": "0100109106"}``); ``email_domain`` the domain of its
    contact address; ``hs_codes`` the HS codes of its offers and needs.
    """

    id: Any
    name: str
    names: list[str] = field(default_factory=list)
    country: str = ""
    province: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    phone: str = ""
    email_domain: str = ""
    hs_codes: set[str] = field(default_factory=set)


class RowLike(Protocol):
    """What is read of an import row (:class:`~tradebridge.registry.importing.ImportRow`)."""

    line: int
    name: str
    name_en: str
    country: str
    province: str
    identifier: str
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    hs_codes: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """The verdict on the import row at spreadsheet line ``row_line``.

    ``record_id`` is the matched (or most similar) record, ``None`` for ``new`` rows with no
    candidate; ``probability`` the match probability (1.0 for exact keys); ``reasons`` say
    why, in English, for the reviewer.
    """

    row_line: int
    kind: Kind
    record_id: Any
    probability: float
    reasons: list[str]


# --- Normalised keys ---------------------------------------------------------------------------

# Legal forms, folded (no diacritics, lower case, punctuation as spaces).  Phrases are removed
# wherever they stand; the short ambiguous words only at the end of the name, and only when
# typed without diacritics ("Co" is a legal form, "Cỏ" the Vietnamese for grass).
_LEGAL_PHRASES = (
    # Vietnamese ("tổng công ty", a corporation, keeps its "tong": its subsidiaries are "công ty")
    "cong ty trach nhiem huu han", "trach nhiem huu han", "cong ty co phan", "cong ty cp", "cty cp",
    "co phan", "cong ty", "cty", "ctcp", "tnhh", "hai thanh vien tro len", "2 thanh vien tro len",
    "mot thanh vien", "1 thanh vien", "mtv", "1tv", "doanh nghiep tu nhan", "dntn",
    # English
    "limited liability company", "company limited", "joint stock company", "public company",
    "sole company", "one member", "single member", "joint stock", "co ltd", "pte ltd", "llc",
    "ltd", "limited", "jsc", "jsco", "corporation", "corp", "inc", "incorporated", "plc",
    "company",
)
_LEGAL_END_WORDS = frozenset({"co", "cp", "sole"})
# Lao and Chinese are written without spaces between words: their legal forms are removed as
# substrings, longest first ("分公司", a branch, keeps its 分 and so stays apart from the company).
_LAO_LEGAL = ("ວິສາຫະກິດສ່ວນບຸກຄົນ", "ບໍລິສັດ", "ຈຳກັດຜູ້ດຽວ", "ຈຳກັດ", "ຜູ້ດຽວ", "ມະຫາຊົນ")
_HAN_LEGAL = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")

# First word → the phrases it starts, longest first.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = defaultdict(list)
for _phrase in sorted((tuple(p.split()) for p in _LEGAL_PHRASES), key=len, reverse=True):
    _PHRASES_BY_FIRST_WORD[_phrase[0]].append(_phrase)
_LAO_VARIANTS = (("\u0eab\u0e99", "\u0edc"), ("\u0eab\u0ea1", "\u0edd"), ("\u0ecd\u0eb2", "\u0eb3"))
_DENSE = r"\u0e80-\u0eff\u3400-\u9fff\uf900-\ufaff"  # Lao and Han: no spaces between words
_SPACE_IN_DENSE = re.compile(rf"(?<=[{_DENSE}]) (?=[{_DENSE}])")
_DENSE_RUN = re.compile(rf"[{_DENSE}]+")
_NOT_WORD = re.compile(r"[^\w\u0300-\u036f\u0e80-\u0eff]+")  # punctuation and symbols


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def _words(text: str) -> list[tuple[str, str]]:
    """``(folded, accented)`` words of ``text``: lower case, Lao variants unified, punctuation
    as separators; the folded form also without diacritics."""
    accented = normalize_text(text)
    for typed, canonical in _LAO_VARIANTS:
        accented = accented.replace(typed, canonical)
    words = _NOT_WORD.sub(" ", accented.replace("_", " ")).split()
    return [(folded, word) for word in words if (folded := _fold_word(word))]


def _strip_legal_words(words: list[tuple[str, str]]) -> list[str]:
    folded = [f for f, _ in words]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for phrase in _PHRASES_BY_FIRST_WORD.get(folded[i], ()):
            if tuple(folded[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    while len(out) > 1 and out[-1][0] in _LEGAL_END_WORDS and out[-1][0] == out[-1][1]:
        out.pop()
    return [f for f, _ in out]


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The normalised name: folded (case and Vietnamese diacritics removed), punctuation
    dropped, legal forms removed in the four languages, no spaces inside Lao or Chinese.

    >>> name_key("Công ty TNHH Gốm Bát Tràng") == name_key("Gom Bat Trang Co., Ltd") == "gom bat trang"
    True

    A name that is nothing but a legal form keeps its words (``"Công ty TNHH"`` → ``"cong ty tnhh"``).
    """
    words = _words(name)
    text = " ".join(_strip_legal_words(words))
    for legal in _LAO_LEGAL:
        text = text.replace(legal, " ")
    for legal in _HAN_LEGAL:
        text = text.replace(legal, " ")
    text = _SPACE_IN_DENSE.sub("", " ".join(text.split()))
    return text or _SPACE_IN_DENSE.sub("", " ".join(f for f, _ in words))


def _tokens(key: str) -> list[str]:
    """Words of a name key; Lao and Chinese runs give their character bigrams (their word
    segmentation is unreliable on names, and a bigram survives a changed character nearby)."""
    if key.isascii():
        return sorted(set(key.split()))
    tokens: list[str] = []
    for word in key.split():
        if not _DENSE_RUN.search(word):
            tokens.append(word)
            continue
        for part in re.split(rf"([{_DENSE}]+)", word):
            if not part:
                continue
            if _DENSE_RUN.fullmatch(part):
                tokens.extend(part[i : i + 2] for i in range(max(1, len(part) - 1)))
            else:
                tokens.append(part)
    return sorted(set(tokens))


def _order_free(key: str) -> str:
    """The name key with its words sorted; Lao and Chinese, written without spaces, contribute
    their characters (so ``广州光星贸易`` and ``光星贸易广州`` agree)."""
    parts: list[str] = []
    for word in key.split():
        parts.extend(word if _DENSE_RUN.fullmatch(word) else (word,))
    return " ".join(sorted(parts))


def identifier_key(value: str) -> str:
    """An identifier reduced to upper-case letters and digits (``0100109106-001`` →
    ``0100109106001``)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value).upper() if ch.isalnum())


def phone_key(phone: str) -> str:
    """The last nine digits of a phone number: the country code and the trunk 0 vary between
    lists (``+84 24 3123 4567`` and ``024 3123 4567`` agree)."""
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", phone))
    return digits[-9:] if len(digits) >= 6 else ""


# Shared mailboxes say nothing about who owns them.
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "hotmail.com", "outlook.com",
    "live.com", "icloud.com", "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "aliyun.com",
    "foxmail.com", "yeah.net", "139.com",
})


def _email_domain(value: str) -> str:
    domain = value.rpartition("@")[2].strip().lower()
    return "" if domain in FREE_MAIL_DOMAINS else domain


_PROVINCE_WORDS = frozenset({"tinh", "thanh", "pho", "tp", "province", "city", "municipality"})


@lru_cache(maxsize=4096)
def _province_key(value: str | None) -> str:
    if not value:
        return ""
    words = [f for f, _ in _words(value) if f not in _PROVINCE_WORDS]
    key = "".join(words)
    for suffix in ("省", "市", "自治区"):
        key = key.removesuffix(suffix)
    return key.removeprefix("ແຂວງ").removeprefix("ນະຄອນຫຼວງ") or "".join(f for f, _ in _words(value))


def _headings(codes: Iterable[str]) -> list[str]:
    """HS codes as 4-digit headings (a 2-digit chapter stays as it is)."""
    return sorted({code[:4] for code in codes if code})


# --- The model ---------------------------------------------------------------------------------


class Level(NamedTuple):
    """A comparison level: its English label (a msgid, shown translated as a reason), its DuckDB
    SQL condition on the prepared columns (empty: the ELSE level), and fixed m and u probabilities.

    The fixed values serve a registry too small to train on, and are where training starts
    from and what stays where a level is never observed.  They are judgement, kept
    conservative: an exact normalised name is strong evidence (1,000 : 1), a one-letter
    difference or a similar name weaker; a shared phone or company e-mail domain strong
    (2,500 and 500 : 1) while a different one says little (a company has several).
    """

    label: str
    sql: str
    m: float
    u: float


NAME_LEVELS: tuple[Level, ...] = (
    Level(gettext_noop("same name once legal forms and diacritics are removed"),
          "name_key_l = name_key_r", 0.50, 5e-4),
    Level(gettext_noop("same words in another order"), "name_sorted_l = name_sorted_r", 0.05, 5e-5),
    # The length test first: DuckDB then computes the (slow) edit distance only where it can be 1.
    # DuckDB counts edits in UTF-8 bytes: one Lao or Chinese character is three.
    Level(gettext_noop("name differs by one letter"),
          "abs(length(name_key_l) - length(name_key_r)) <= 1 "
          "and damerau_levenshtein(name_key_l, name_key_r) <= if(name_dense_l and name_dense_r, 3, 1)",
          0.15, 5e-4),
    Level(gettext_noop("very similar name"),
          "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.93", 0.12, 3e-3),
    # Token-set Jaccard >= 0.6, i.e. |A ∩ B| >= 0.6 |A ∪ B| = 0.6 (|A| + |B| - |A ∩ B|).
    Level(gettext_noop("most words of the name in common"),
          "8 * len(list_intersect(name_tokens_l, name_tokens_r)) >= 3 * (name_size_l + name_size_r)",
          0.08, 0.01),
    Level(gettext_noop("similar name"),
          "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.85", 0.05, 0.05),
    Level(gettext_noop("different name"), "", 0.05, 0.93595),
)
# Identifiers are unique by law: their levels are fixed, never trained (EM sees too few pairs
# with identifiers on both sides); a different identifier is the strongest evidence against.
IDENTIFIER_LEVELS: tuple[Level, ...] = (
    Level(gettext_noop("same identifier"), "len(list_intersect(ids_l, ids_r)) > 0", 0.95, 1e-6),
    Level(gettext_noop("different identifiers"), "", 0.05, 1 - 1e-6),
)
PROVINCE_LEVELS: tuple[Level, ...] = (
    Level(gettext_noop("same province"), "province_l = province_r", 0.85, 0.05),
    Level(gettext_noop("different province"), "", 0.15, 0.95),
)
PHONE_LEVELS: tuple[Level, ...] = (
    Level(gettext_noop("same phone number"), "phone_l = phone_r", 0.50, 2e-4),
    Level(gettext_noop("different phone numbers"), "", 0.50, 1 - 2e-4),
)
EMAIL_LEVELS: tuple[Level, ...] = (
    Level(gettext_noop("same e-mail domain"), "email_domain_l = email_domain_r", 0.50, 1e-3),
    Level(gettext_noop("different e-mail domains"), "", 0.50, 0.999),
)
HS_LEVELS: tuple[Level, ...] = (
    Level(gettext_noop("two or more HS headings in common"),
          "len(list_intersect(hs_l, hs_r)) >= 2", 0.30, 5e-3),
    Level(gettext_noop("an HS heading in common"), "len(list_intersect(hs_l, hs_r)) >= 1", 0.30, 0.03),
    Level(gettext_noop("no HS heading in common"), "", 0.40, 0.965),
)
# comparison name → (column that makes it null when either side lacks it, levels)
COMPARISONS: dict[str, tuple[str, tuple[Level, ...]]] = {
    "name": ("name_key", NAME_LEVELS),
    "ids": ("ids", IDENTIFIER_LEVELS),
    "province": ("province", PROVINCE_LEVELS),
    "phone": ("phone", PHONE_LEVELS),
    "email_domain": ("email_domain", EMAIL_LEVELS),
    "hs": ("hs", HS_LEVELS),
}
FIXED_COMPARISONS = frozenset({"ids"})
# Levels that are equality of one column: their u is counted exactly in the registry (see
# _with_exact_u) rather than sampled, being far too rare for a sample to see (two companies of
# the registry with one name).  The order-free name is equal only where the name itself is not.
EQUALITY_LEVELS: dict[tuple[str, int], str] = {
    ("name", 0): "name_key", ("name", 1): "name_sorted", ("province", 0): "province", ("phone", 0): "phone",
    ("email_domain", 0): "email_domain",
}

_NAME_START_IN_PROVINCE = (
    "l.country = r.country and l.province = r.province "
    "and substr(l.name_key, 1, 4) = substr(r.name_key, 1, 4)"
)
# Candidate pairs, always within a country and only for the rows left by the exact keys ("scored"):
# names sharing one of their rarest blocking keys (see _blocking_keys), names starting alike in
# one province, the same phone, the same e-mail domain.
PLAIN_BLOCKING_RULES = (
    f"{_NAME_START_IN_PROVINCE} and l.scored and r.scored",
    "l.country = r.country and l.phone = r.phone and l.scored and r.scored",
    "l.country = r.country and l.email_domain = r.email_domain and l.scored and r.scored",
)
# Expectation maximisation, on each organisation's main name only (pairs of its other names would
# count as matches with different names): pairs sharing a phone estimate the name, province,
# e-mail and HS levels; pairs sharing the normalised name estimate the phone, province, e-mail
# and HS levels (Splink leaves out of a session the comparisons its blocking rule uses).
TRAINING_RULES = (
    "l.is_main and r.is_main and l.country = r.country and l.phone = r.phone",
    "l.is_main and r.is_main and l.country = r.country and l.name_key = r.name_key",
)
# Blocking keys of an import name: its words and pairs of words (character bigrams for Lao and
# Chinese) that the fewest registry names share, preferring those shared by MAX_BLOCK_RECORDS at most.
BLOCKING_KEYS = 3
MAX_BLOCK_RECORDS = 500
MAX_PAIRED_TOKENS = 8
# Share of import rows expected to be in the registry, for the prior match probability when the
# exact keys give no better estimate.
PRIOR_DUPLICATE_SHARE = 0.2


@dataclass
class _Org:
    """A record or an import row as the matching compares it."""

    keys: list[str]  # distinct name keys, the main name's first
    country: str
    province: str
    ids: list[str]
    phone: str
    email_domain: str
    hs: list[str]


def _org_of_record(record: Record) -> _Org:
    return _Org(
        keys=list(dict.fromkeys(k for k in (name_key(n) for n in [record.name, *record.names] if n) if k)),
        country=record.country,
        province=_province_key(record.province),
        ids=sorted({k for k in (identifier_key(v) for v in record.identifiers.values()) if k}),
        phone=phone_key(record.phone or ""),
        email_domain=_email_domain(record.email_domain or ""),
        hs=_headings(record.hs_codes),
    )


def _org_of_row(row: RowLike) -> _Org:
    names = [row.name, getattr(row, "name_en", "")]
    ident = identifier_key(row.identifier or "")
    domains = [d for d in (_email_domain(e) for e in row.emails) if d]
    return _Org(
        keys=list(dict.fromkeys(k for k in (name_key(n) for n in names if n) if k)),
        country=row.country,
        province=_province_key(row.province),
        ids=[ident] if ident else [],
        phone=phone_key(row.phones[0]) if row.phones else "",
        email_domain=domains[0] if domains else "",
        hs=_headings(row.hs_codes),
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
    records: Sequence[_Org], rows: Sequence[_Org], wanted: set[int]
) -> tuple[dict[str, list[Any]], list[tuple[str, int]]]:
    """The Splink input, one line per name variant, and the owner of each line's unique id.
    All rows serve training; only the ``wanted`` ones get blocking keys, hence predictions."""
    variants: list[tuple[str, str, list[str], bool]] = []
    lines: list[tuple[str, int, _Org, str, bool]] = []
    for source, group in (("registry", records), ("import", rows)):
        for owner, org in enumerate(group):
            for position, key in enumerate(org.keys):
                variants.append((source, org.country, _tokens(key), source == "registry" or owner in wanted))
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
        columns["name_sorted"].append(_order_free(key))
        columns["name_dense"].append(bool(_DENSE_RUN.search(key)))
        columns["name_tokens"].append(tokens)
        columns["name_size"].append(len(tokens))
        columns["block_keys"].append(keys)
        columns["province"].append(org.province or None)
        columns["ids"].append(org.ids or None)
        columns["phone"].append(org.phone or None)
        columns["email_domain"].append(org.email_domain or None)
        columns["hs"].append(org.hs or None)
    return columns, [(source, owner) for source, owner, _, _, _ in lines]


def _comparison(name: str, null_column: str, levels: Sequence[Level]) -> dict[str, Any]:
    fixed = name in FIXED_COMPARISONS
    comparison_levels: list[dict[str, Any]] = [{
        "sql_condition": f"{null_column}_l is null or {null_column}_r is null",
        "label_for_charts": "missing",
        "is_null_level": True,
    }]
    for level in levels:
        comparison_levels.append({
            "sql_condition": level.sql or "ELSE", "label_for_charts": level.label,
            "m_probability": level.m, "u_probability": level.u,
            "fix_m_probability": fixed, "fix_u_probability": fixed,
        })
    return {"output_column_name": name, "comparison_levels": comparison_levels}


def _reason_of(comparison: str, gamma: int | None) -> str | None:
    """The label of comparison level ``gamma`` (Splink numbers the levels from the last, the
    ELSE level, at 0; missing values are -1)."""
    if gamma is None or gamma < 0:
        return None
    levels = COMPARISONS[comparison][1]
    return _(levels[len(levels) - 1 - gamma].label)


Model = dict[str, tuple[Level, ...]]
FIXED_MODEL: Model = {name: levels for name, (_, levels) in COMPARISONS.items()}


def _settings(link_type: str, prior: float, model: Model) -> dict[str, Any]:
    from splink import block_on

    return {
        "link_type": link_type,
        "probability_two_random_records_match": prior,
        "comparisons": [_comparison(name, column, model[name]) for name, (column, _) in COMPARISONS.items()],
        "blocking_rules_to_generate_predictions": [
            block_on("country", "block_keys", arrays_to_explode=["block_keys"]),
            *PLAIN_BLOCKING_RULES,
        ],
        "retain_matching_columns": True,  # for the gamma_* columns: their levels give the reasons
        "retain_intermediate_calculation_columns": False,
        "em_convergence": 0.001,
        "max_iterations": 20,
    }


def _model_of(settings: Mapping[str, Any], model: Model) -> Model:
    """``model`` with the m and u probabilities of a trained Splink model's settings; a
    comparison the saved settings lack (Splink leaves out those a session deactivated) keeps
    the values it had, so that every comparison takes part in the prediction."""
    trained: Model = dict(model)
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        trained[name] = tuple(
            level._replace(m=lv.get("m_probability") or level.m, u=lv.get("u_probability") or level.u)
            for level, lv in zip(model[name], levels, strict=True)
        )
    return trained


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
                    _settings("dedupe_only", 1e-4, model), log_level=None)
    try:
        linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    except Exception as exc:  # Splink and DuckDB raise several types on degenerate samples
        logger.info("resolution model: u not sampled: %s", exc)
        return model
    sampled = _model_of(linker.misc.save_model_to_json(), model)
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


def _score(
    records: Sequence[_Org],
    rows: Sequence[_Org],
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
        linker = Linker(table, _settings("link_only", prior, model), log_level=None)
        if train:
            _train_m(linker)
            # A failed EM session can leave comparisons deactivated in this linker: predict with
            # a fresh one that has every comparison and the trained probabilities.
            model = _model_of(linker.misc.save_model_to_json(), model)
            linker = Linker(table, _settings("link_only", prior, model), log_level=None)
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


# --- Decisions ---------------------------------------------------------------------------------


class _ExactIndex:
    """The registry by (country, identifier) and by (country, province, name key)."""

    def __init__(self, records: Sequence[_Org]) -> None:
        self.by_identifier: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_name: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for index, org in enumerate(records):
            for value in org.ids:
                self.by_identifier[org.country, value].append(index)
            if org.province:
                for key in org.keys:
                    self.by_name[org.country, org.province, key].append(index)

    def identifier_hits(self, row: _Org) -> list[int]:
        return list(dict.fromkeys(i for v in row.ids for i in self.by_identifier.get((row.country, v), ())))

    def name_hits(self, row: _Org) -> list[int]:
        if not row.province:
            return []
        return list(dict.fromkeys(
            i for k in row.keys for i in self.by_name.get((row.country, row.province, k), ())
        ))


def _exact_decision(line: int, row: _Org, records: Sequence[Record], orgs: Sequence[_Org],
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
    reasons = [r for r in (_reason_of(name, gammas.get(name)) for name in COMPARISONS) if r]
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
    record_orgs = [_org_of_record(r) for r in records]
    row_orgs = [_org_of_row(r) for r in rows]
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
        scored = _score(record_orgs, row_orgs, set(leftover), prior=prior,
                        train=len(records) >= min_training_records, seed=seed, max_u_pairs=max_u_pairs,
                        min_probability=min(0.05, review_threshold))
        for i in leftover:
            decisions[i] = _probable_decision(rows[i].line, records, scored.get(i, {}), same_threshold,
                                              review_threshold)
    return [d if d is not None else Decision(rows[i].line, "new", None, 0.0, [_("the registry is empty")])
            for i, d in enumerate(decisions)]
