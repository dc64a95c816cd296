"""The probabilistic model (Splink, Fellegi–Sunter): comparison levels with their fixed m and u
probabilities, blocking and training rules, and the Splink settings built from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from tradebridge.core.pure_i18n import gettext_noop, translate

_ = translate  # the name makemessages extracts

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
# linkage._with_exact_u) rather than sampled, being far too rare for a sample to see (two companies of
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
# names sharing one of their rarest blocking keys (see linkage._blocking_keys), names starting alike in
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


def reason_of(comparison: str, gamma: int | None) -> str | None:
    """The label of comparison level ``gamma`` (Splink numbers the levels from the last, the
    ELSE level, at 0; missing values are -1)."""
    if gamma is None or gamma < 0:
        return None
    levels = COMPARISONS[comparison][1]
    return _(levels[len(levels) - 1 - gamma].label)


Model = dict[str, tuple[Level, ...]]
FIXED_MODEL: Model = {name: levels for name, (_, levels) in COMPARISONS.items()}


def splink_settings(link_type: str, prior: float, model: Model) -> dict[str, Any]:
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


def model_of(settings: Mapping[str, Any], model: Model) -> Model:
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

