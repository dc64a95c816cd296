"""Deduplication (entity resolution): which rows of an import are organisations the registry
already holds.

Pure Python (no Django ORM); ``registry/imports.py`` is its adapter to the database.
:func:`resolve_rows` classifies each import row against the registry's :class:`Record`
objects and returns one :class:`Decision` per row, in row order:

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
  the names share (see ``linkage._blocking_keys``), the name's first letters within a province, the
  phone, the e-mail domain; so the cost grows with the plausible pairs, not registry × import;
* training without labelled pairs: u probabilities from random pairs of the registry (Splink's
  ``estimate_u_using_random_sampling``; the u of an equality level, too rare for a sample,
  counted exactly), m probabilities by expectation maximisation on two blocking rules (same
  phone; same normalised name).  Identifier levels are fixed: identifiers are unique by law.
* a registry smaller than ``min_training_records`` cannot train the model: the fixed m and u
  of :data:`NAME_LEVELS` and the other ``*_LEVELS`` tables are used (they are also the starting
  point of training and stay where a level is never observed).

The keys are in :mod:`.keys`, the comparison levels and Splink settings in :mod:`.model`, the
scoring in :mod:`.linkage`, the decisions in :mod:`.decisions`.
"""

from tradebridge.registry.dedupe.decisions import resolve_rows
from tradebridge.registry.dedupe.infile import in_file_duplicates
from tradebridge.registry.dedupe.keys import identifier_key, name_key, phone_key
from tradebridge.registry.dedupe.records import KINDS, Decision, Record, RowLike

__all__ = [
    "KINDS",
    "Decision",
    "Record",
    "RowLike",
    "identifier_key",
    "in_file_duplicates",
    "name_key",
    "phone_key",
    "resolve_rows",
]
