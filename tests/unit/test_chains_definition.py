"""The tradebridge.chain/1 parser (spec/chains.md): valid files, every bad-file case with a
message naming the stage and code, BEC placement, the seven built-in MOU chains, and property
tests (valid definitions round-trip; corruptions are refused with DefinitionError only)."""

from __future__ import annotations

import copy
import json

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradebridge.chains.bec import BEC_STAGES, bec_stage_of, bec_stages, hs_nomenclature
from tradebridge.chains.definition import (
    BUILTIN_SLUGS,
    LANGUAGES,
    ChainDef,
    DefinitionError,
    builtin_definitions,
    definition_to_json,
    parse_definition,
)

SPEC_EXAMPLE = {
    "format": "tradebridge.chain/1",
    "id": "dairy",
    "name": {"vi": "Chuỗi sữa", "lo": "ຕ່ອງໂສ້ນົມ", "zh-hans": "乳业链", "en": "Dairy"},
    "stages": [
        {"id": "inputs", "name": {"en": "Feed and livestock"}, "hs": ["0102", "1214", "2309"]},
        {"id": "milk", "name": {"en": "Raw milk"}, "hs": ["0401"]},
        {"id": "processed", "name": {"en": "Processed dairy"}, "hs": ["0402", "0403", "0404", "0405", "0406"]},
        {"id": "packaging", "name": {"en": "Packaging"}, "hs": ["4819", "7612"]},
    ],
}


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (the site's default language is Vietnamese)."""
    with translation.override("en"):
        yield


def example(**changes) -> dict:
    document = copy.deepcopy(SPEC_EXAMPLE)
    document.update(changes)
    return document


def with_stage(number: int, **changes) -> dict:
    document = example()
    document["stages"][number].update(changes)
    return document


def refused(document) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(document)
    return caught.value


# --- valid files -----------------------------------------------------------------------------
def test_spec_example_resolves_every_code_to_its_subheadings():
    chain = parse_definition(SPEC_EXAMPLE)
    assert chain.slug == "dairy"
    assert [s.key for s in chain.stages] == ["inputs", "milk", "processed", "packaging"]
    milk = chain.stages[1]
    assert milk.subheadings == ("040110", "040120", "040140", "040150")
    assert milk.hs == ("0401",) and milk.bec_stage == ""
    assert chain.stage_of("040120") is milk
    assert chain.stage_of("090111") is None
    # A name missing in a language is empty, and shown in English.
    assert milk.names == {"vi": "", "lo": "", "zh-hans": "", "en": "Raw milk"}
    assert milk.name("lo") == "Raw milk"
    assert chain.name("zh-hans") == "乳业链"


def test_json_text_and_bytes_are_accepted():
    text = json.dumps(SPEC_EXAMPLE, ensure_ascii=False)
    assert parse_definition(text) == parse_definition(SPEC_EXAMPLE)
    assert parse_definition(text.encode("utf-8")) == parse_definition(SPEC_EXAMPLE)
    assert parse_definition(b"\xef\xbb\xbf" + text.encode("utf-8")).slug == "dairy"  # a BOM is fine


def test_chapter_and_subheading_codes():
    chain = parse_definition(with_stage(0, hs=["01", "230990"]))
    inputs = chain.stages[0].subheadings
    assert "010121" in inputs and "010690" in inputs and "230990" in inputs and "230910" not in inputs
    assert len([c for c in inputs if c.startswith("01")]) == len(hs_nomenclature()["01"])


def test_bec_stages_take_the_chain_wide_codes():
    document = {
        "format": "tradebridge.chain/1", "id": "bovine", "name": {"en": "Bovine"}, "hs": ["0102", "0401"],
        "stages": [
            {"id": "raw", "name": {"en": "Raw"}, "bec_stage": "raw"},
            {"id": "capital", "name": {"en": "Breeding stock"}, "bec_stage": "capital"},
            {"id": "consumer", "name": {"en": "Milk"}, "bec_stage": "consumer", "hs": ["0402"]},
        ],
    }
    chain = parse_definition(document)
    expected = {
        stage: {c for c in hs_nomenclature()["0102"] + hs_nomenclature()["0401"] if bec_stage_of(c) == stage}
        for stage in ("raw", "capital", "consumer")
    }
    assert set(chain.stages[0].subheadings) == expected["raw"]
    assert set(chain.stages[1].subheadings) == expected["capital"] and expected["capital"]
    # bec_stage and hs together: both sets.
    assert set(chain.stages[2].subheadings) == expected["consumer"] | set(hs_nomenclature()["0402"])
    assert chain.hs == ("0102", "0401")


def test_bec_placement_rule():
    # 010130 is split n:n over 111 (raw) and 41 (capital): a tie goes upstream.
    assert bec_stage_of("010130") == "raw"
    # 300693 is split over 122 (consumer), 22 (intermediate) and 63 (consumer): the majority.
    assert bec_stage_of("300693") == "consumer"
    # Passenger cars (BEC 51) and motor spirit (321) have no stage of processing.
    assert bec_stage_of("870321") == "" and bec_stage_of("271012") == ""
    assert set(bec_stages().values()) == set(BEC_STAGES)


def test_extra_keys_are_kept_and_written_back():
    document = example(note="The project's own mapping", horizon_year=2030)
    document["stages"][0]["colour"] = "green"
    chain = parse_definition(document)
    assert chain.extra == {"note": "The project's own mapping", "horizon_year": 2030}
    assert chain.stages[0].extra == {"colour": "green"}
    assert definition_to_json(chain) == document


def test_definition_to_json_round_trips_the_spec_example():
    assert definition_to_json(parse_definition(SPEC_EXAMPLE)) == SPEC_EXAMPLE


# --- the seven MOU chains --------------------------------------------------------------------
def test_builtin_chains_parse_and_no_subheading_sits_in_two_stages():
    documents = builtin_definitions()
    assert [d["id"] for d in documents] == list(BUILTIN_SLUGS) == [
        "materials", "chemicals", "textiles-leather", "mechanical-transport", "dairy", "electronics", "power",
    ]
    for document in documents:
        chain = parse_definition(document)
        placed = [code for stage in chain.stages for code in stage.subheadings]
        assert len(placed) == len(set(placed)), chain.slug
        assert all(chain.names[lang] for lang in LANGUAGES), chain.slug
        assert all(stage.names[lang] for stage in chain.stages for lang in LANGUAGES), chain.slug
        assert "project's own mapping" in document["note"]
        assert document["horizon_year"] == 2030
        assert definition_to_json(chain) == document


def test_power_chain_has_electricity_and_transmission_stages():
    power = parse_definition(next(d for d in builtin_definitions() if d["id"] == "power"))
    assert power.stage_of("271600").subheadings == ("271600",)
    transmission = power.stage_of("854449")
    assert transmission.key == "transmission"
    for heading in ("8504", "8535", "8536", "8537", "8538", "8544"):
        assert set(hs_nomenclature()[heading]) <= set(transmission.subheadings)


def test_builtin_stages_run_upstream_to_downstream():
    order = {stage: n for n, stage in enumerate(BEC_STAGES)}
    for document in builtin_definitions():
        bec = [order[s["bec_stage"]] for s in document["stages"] if s.get("bec_stage")]
        assert bec == sorted(bec), document["id"]


# --- bad files -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("document", "named"),
    [
        (example(format="tradebridge.chain/2"), ["tradebridge.chain/2"]),
        ({k: v for k, v in SPEC_EXAMPLE.items() if k != "format"}, ["format"]),
        (example(id="dairy chain"), ["dairy chain"]),
        (example(id=""), ["id"]),
        (example(id=7), ["7"]),
        (example(name={"vi": "Chuỗi sữa"}), ["English"]),
        (example(name={"en": "Dairy", "fr": "Laitier"}), ["fr"]),
        (example(name={"en": 5}), ["en"]),
        (example(name="Dairy"), ["name"]),
        (example(name={"en": "x" * 201}), ["200"]),
        (with_stage(1, name={"lo": "ນົມດິບ"}), ["milk", "English"]),
        (with_stage(1, hs=["0499"]), ["milk", "0499"]),
        (with_stage(1, hs=["040"]), ["milk", "040"]),
        (with_stage(1, hs=[401]), ["milk", "401"]),
        (with_stage(1, hs=["040199"]), ["milk", "040199"]),
        (with_stage(1, hs="0401"), ["milk", "hs"]),
        (with_stage(2, hs=["0401"]), ["040110", "milk", "processed"]),
        (with_stage(2, hs=[]), ["processed", "empty"]),
        (with_stage(2, id="milk"), ["milk", "twice"]),
        (with_stage(2, id="new stage"), ["3", "new stage"]),
        (with_stage(2, bec_stage="final"), ["processed", "final"]),
        (with_stage(2, bec_stage="raw"), ["processed", "top-level"]),
        (example(stages=[]), ["stages"]),
        (example(stages={"milk": {}}), ["stages"]),
        (example(stages=["milk"]), ["Stage 1"]),
        (example(hs=["0401", "2"]), ["\u201c2\u201d"]),
    ],
)
def test_bad_files_are_refused_naming_stage_and_code(document, named):
    message = str(refused(document))
    for word in named:
        assert word in message, (word, message)


def test_refusal_carries_stage_and_code():
    error = refused(with_stage(2, hs=["0401"]))
    assert (error.stage, error.code) == ("processed", "040110")
    error = refused(with_stage(1, hs=["0499"]))
    assert (error.stage, error.code) == ("milk", "0499")


def test_empty_bec_stage_is_refused():
    document = {"format": "tradebridge.chain/1", "id": "x", "name": {"en": "X"}, "hs": ["0401"],
                "stages": [{"id": "machines", "name": {"en": "Machines"}, "bec_stage": "capital"}]}
    assert "machines" in str(refused(document))


@pytest.mark.parametrize("data", [b"\xff\xfe{", "{not json", "[1, 2]", '"text"', "null", 42, None, ["a"]])
def test_not_a_chain_object(data):
    refused(data)


def test_messages_are_translated():
    with translation.override("vi"):
        vietnamese = str(refused(with_stage(1, hs=["0499"])))
    with translation.override("en"):
        english = str(refused(with_stage(1, hs=["0499"])))
    assert "milk" in vietnamese and "0499" in vietnamese
    assert vietnamese != english


# --- property tests --------------------------------------------------------------------------
CHAPTERS = sorted(c for c in hs_nomenclature() if len(c) == 2 and hs_nomenclature()[c])
name_text = st.text(alphabet="abcxyz ÀƯỡໜ້າ乳业-", min_size=1, max_size=20).map(str.strip).filter(bool)
ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def names(draw):
    given_names = {"en": draw(name_text)}
    for language in ("vi", "lo", "zh-hans"):
        if draw(st.booleans()):
            given_names[language] = draw(name_text)
    return given_names


def _code_under(draw, chapter: str) -> str:
    level = draw(st.sampled_from([2, 4, 6]))
    subheading = draw(st.sampled_from(hs_nomenclature()[chapter]))
    return subheading[:level]


@st.composite
def valid_definitions(draw):
    """Stages on distinct chapters (so no subheading is in two), some from BEC stages of a
    chain-wide list of other chapters."""
    chapters = draw(st.lists(st.sampled_from(CHAPTERS), min_size=2, max_size=8, unique=True))
    split = draw(st.integers(1, len(chapters)))
    explicit, top_chapters = chapters[:split], chapters[split:]
    document = {"format": "tradebridge.chain/1", "id": draw(ids), "name": draw(names())}
    stage_ids = draw(st.lists(ids, min_size=len(explicit) + 4, max_size=len(explicit) + 4, unique=True))
    stages = []
    for chapter in explicit:
        count = draw(st.integers(1, 3))
        stages.append({"id": stage_ids.pop(), "name": draw(names()),
                       "hs": [_code_under(draw, chapter) for _ in range(count)]})
    if top_chapters:
        document["hs"] = top_chapters
        present = {bec_stage_of(s) for c in top_chapters for s in hs_nomenclature()[c]} - {""}
        for bec in draw(st.lists(st.sampled_from(sorted(present)), unique=True, max_size=4)) if present else []:
            stages.append({"id": stage_ids.pop(), "name": draw(names()), "bec_stage": bec})
    if draw(st.booleans()):
        document["note"] = draw(json_values)
    document["stages"] = draw(st.permutations(stages))
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_definitions())
def test_valid_definitions_round_trip(document):
    chain = parse_definition(document)
    assert isinstance(chain, ChainDef)
    written = definition_to_json(chain)
    assert written == document
    assert parse_definition(json.dumps(written, ensure_ascii=False)) == chain


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_definitions(), st.data())
def test_corrupted_definitions_are_refused_with_definition_error_only(document, data):
    corrupted = copy.deepcopy(document)
    paths = [p for p in _paths(corrupted) if p]
    path = data.draw(st.sampled_from(paths))
    parent = corrupted
    for step in path[:-1]:
        parent = parent[step]
    action = data.draw(st.sampled_from(["replace", "delete", "code"]))
    if action == "delete":
        del parent[path[-1]]
    elif action == "code":
        parent[path[-1]] = data.draw(st.sampled_from(["", "9", "0000", "999999", "01012", "ab", "01 01"]))
    else:
        parent[path[-1]] = data.draw(json_values)
    try:
        result = parse_definition(corrupted)
    except DefinitionError as exc:
        assert str(exc)
    else:
        assert isinstance(result, ChainDef)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_random_bytes_are_refused_with_definition_error(blob):
    with pytest.raises(DefinitionError):
        parse_definition(blob)
