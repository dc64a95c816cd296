"""The profiles file format (tradebridge.registry.matching.files): a valid document parses, each kind of
malformed input is refused with a message naming the organisation and the field, and random
JSON-like documents either parse or raise ProfileFormatError, never anything else."""

from __future__ import annotations

import contextlib
import copy
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.spec_examples import spec_ginger_grower
from tradebridge.registry.matching import ProductItem, Recommendation
from tradebridge.registry.matching.files import (
    ProfileFormatError,
    dump_recommendations,
    load_profiles,
    parse_profiles,
    write_recommendations,
)


def valid_document() -> dict:
    return {
        "format": "tradebridge.profiles/1",
        "organizations": [
            spec_ginger_grower(),
            {"id": "vn-x", "country": "vnm", "offers": [{"hs": "0910.11"}], "needs": []},
            {
                "id": "la-x",
                "country": "LAO",
                "offers": [{"text": "gừng"}, {"text": " ginger ", "hs": " 091011 "}],
                "needs": [{"text": "phân bón", "hs": ""}],
                "markets": None,
                "sectors": None,
                "name": None,
            },
        ],
    }


def test_a_valid_document_parses():
    profiles = parse_profiles(valid_document())
    assert [p.id for p in profiles] == ["la-khammouane-ginger", "vn-x", "la-x"]
    first, second, third = profiles
    assert first.country == "LAO" and first.markets == ["VNM"] and first.province == "LA-KH"
    assert first.offers == [ProductItem("ຂີງສົດ, 300 ໂຕນຕໍ່ປີ", None)]
    assert first.needs == [ProductItem("ປຸ໋ຍ NPK", "3105")]
    assert second.country == "VNM"  # any case
    assert second.offers == [ProductItem("", "091011")]  # text may be empty when hs is given
    assert third.offers == [ProductItem("gừng", None), ProductItem("ginger", "091011")]
    assert third.needs == [ProductItem("phân bón", None)]  # an empty hs is no hs
    assert third.markets == [] and third.sectors == [] and third.name == ""


def test_hs_error_message_names_organisation_index_and_field():
    document = valid_document()
    document["organizations"][2]["offers"][1]["hs"] = "910.11"
    with pytest.raises(ProfileFormatError) as error:
        parse_profiles(document)
    assert str(error.value) == (
        "organization 'la-x' (index 2): field 'offers[1].hs': '910.11' is not an HS code of 2, 4 or 6 digits"
    )
    assert (error.value.organization, error.value.index, error.value.field) == ("la-x", 2, "offers[1].hs")


def set_path(document: dict, path: tuple, value) -> dict:
    target = document
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


DELETE = object()
ORG = ("organizations", 2)  # la-x


@pytest.mark.parametrize(
    ("path", "value", "field", "words"),
    [
        ((*ORG, "id"), DELETE, "id", "missing"),
        ((*ORG, "id"), 7, "id", "expected a string"),
        ((*ORG, "id"), "  ", "id", "empty"),
        ((*ORG, "id"), "vn-x", "id", "duplicate id (first used at index 1)"),
        ((*ORG, "country"), DELETE, "country", "missing"),
        ((*ORG, "country"), "VN", "country", "not a 3-letter country code"),
        ((*ORG, "country"), "XYZ", "country", "not an ISO 3166-1 alpha-3 country code"),
        ((*ORG, "country"), ["LAO"], "country", "got a list"),
        ((*ORG, "offers"), DELETE, "offers", "missing"),
        ((*ORG, "needs"), {"text": "x"}, "needs", "expected a list of products"),
        ((*ORG, "offers", 0), "gừng", "offers[0]", "expected an object"),
        ((*ORG, "offers", 1, "hs"), 91011, "offers[1].hs", "expected a string"),
        ((*ORG, "offers", 1, "hs"), "0910.1", "offers[1].hs", "not an HS code of 2, 4 or 6 digits"),
        ((*ORG, "offers", 0, "text"), "", "offers[0].text", "empty: give the product's text, or its hs code"),
        ((*ORG, "offers", 0, "text"), DELETE, "offers[0].text", "empty"),
        ((*ORG, "needs", 0, "text"), ["phân bón"], "needs[0].text", "expected a string"),
        ((*ORG, "markets"), "VNM", "markets", "expected a list of country codes"),
        ((*ORG, "markets"), ["VNM", "Vietnam"], "markets[1]", "not a 3-letter country code"),
        ((*ORG, "sectors"), ["textiles", 3], "sectors[1]", "expected a string"),
        ((*ORG, "name"), {"en": "x"}, "name", "expected a string or null"),
        ((*ORG, "kind"), 1, "kind", "expected a string or null"),
        ((*ORG, "province"), True, "province", "expected a string or null"),
    ],
)
def test_malformed_organisations_are_refused_naming_organisation_and_field(path, value, field, words):
    document = set_path(valid_document(), path, value)
    with pytest.raises(ProfileFormatError) as error:
        parse_profiles(document)
    message = str(error.value)
    if field == "id":
        assert message.startswith("organization at index 2: ") or message.startswith(
            "organization 'vn-x' (index 2): "
        )
    else:
        assert message.startswith("organization 'la-x' (index 2): ")
    assert f"field '{field}'" in message
    assert words in message


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ([], "field 'document': expected a JSON object, got a list"),
        ({"organizations": []}, "field 'format': expected 'tradebridge.profiles/1', got null"),
        ({"format": "tradebridge.profiles/2", "organizations": []}, "got 'tradebridge.profiles/2'"),
        ({"format": "tradebridge.profiles/1"}, "field 'organizations': expected a list"),
        ({"format": "tradebridge.profiles/1", "organizations": [3]}, "organization at index 0: field"),
    ],
)
def test_malformed_documents_are_refused(document, words):
    with pytest.raises(ProfileFormatError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_profiles(document)


def test_load_profiles_refuses_bad_json_and_reads_good(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tradebridge.profiles/1", "organizations": [', encoding="utf-8")
    with pytest.raises(ProfileFormatError, match="not valid JSON"):
        load_profiles(bad)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(valid_document(), ensure_ascii=False), encoding="utf-8-sig")  # with a BOM
    assert len(load_profiles(good)) == 3


def test_output_document_and_its_streamed_form_agree():
    mapping = {
        "la-a": [Recommendation("vn-b", 0.91, ["offers ginger (HS 0910.11), which they need"])],
        "vn-b": [],
        'quote"d': [Recommendation("la-a", 0.5, ['needs "x" (HS 09)', "across the border (VNM → LAO)"])],
    }
    document = write_recommendations(mapping)
    assert document == {
        "format": "tradebridge.recommendations/1",
        "recommendations": {
            "la-a": [
                {"id": "vn-b", "score": 0.91, "reasons": ["offers ginger (HS 0910.11), which they need"]}
            ],
            "vn-b": [],
            'quote"d': [
                {
                    "id": "la-a",
                    "score": 0.5,
                    "reasons": ['needs "x" (HS 09)', "across the border (VNM → LAO)"],
                }
            ],
        },
    }
    stream = io.StringIO()
    dump_recommendations(mapping.items(), stream)
    assert json.loads(stream.getvalue()) == document
    empty = io.StringIO()
    dump_recommendations([], empty)
    assert json.loads(empty.getvalue()) == {"format": "tradebridge.recommendations/1", "recommendations": {}}


# --- property: never anything but profiles or ProfileFormatError -------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
likely_strings = st.sampled_from(
    ["", " ", "LAO", "vnm", "XYZ", "0910.11", "910.11", "09", "gừng", "ຂີງ", "生姜"]
)
field_values = json_values | likely_strings | st.lists(likely_strings, max_size=3)
item_documents = st.fixed_dictionaries({}, optional={"text": field_values, "hs": field_values})
organization_documents = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=6) | json_values,
        "country": likely_strings | json_values,
        "offers": st.lists(item_documents, max_size=3) | json_values,
        "needs": st.lists(item_documents, max_size=3) | json_values,
        "markets": st.lists(likely_strings, max_size=3) | json_values,
        "sectors": st.lists(st.text(max_size=5), max_size=2) | json_values,
        "name": field_values,
        "kind": field_values,
        "province": field_values,
    },
)
documents = (
    st.fixed_dictionaries(
        {},
        optional={
            "format": st.just("tradebridge.profiles/1") | json_values,
            "organizations": st.lists(organization_documents, max_size=4) | json_values,
        },
    )
    | json_values
)


def check(document) -> None:
    try:
        profiles = parse_profiles(document)
    except ProfileFormatError as exc:
        assert str(exc)
        if exc.index is not None:
            assert str(exc).startswith("organization ")
            assert exc.field
        return
    assert isinstance(profiles, list)
    assert len({p.id for p in profiles}) == len(profiles)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_parse_or_raise_profile_format_error(document):
    check(document)


paths = st.lists(
    st.sampled_from(
        [
            "organizations",
            0,
            1,
            2,
            "offers",
            "needs",
            "hs",
            "text",
            "id",
            "country",
            "markets",
            "sectors",
            "name",
        ]
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(paths, field_values)
def test_mutated_valid_documents_parse_or_raise_profile_format_error(path, value):
    document = copy.deepcopy(valid_document())
    target = document
    for key in path[:-1]:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            break
    else:
        with contextlib.suppress(IndexError, TypeError):  # a path into a scalar: left as it is
            target[path[-1]] = value
    check(document)
