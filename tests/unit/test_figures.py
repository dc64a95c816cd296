"""Qualifiers of reported figures: parsing and wording in the four languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tradebridge.core.figures import Qualifier, check_qualifier, derived_note, qualify


@pytest.mark.parametrize(("raw", "stored"), [
    ("", ""), (None, ""), ("exact", ""), ("More than", "more_than"), ("more-than", "more_than"),
    ("estimated", "estimated"), ("approximately", "approximately"), ("NEARLY", "nearly"),
])
def test_check_qualifier_accepts_the_choices_in_any_spelling(raw, stored):
    assert check_qualifier(raw) == stored


def test_check_qualifier_names_the_bad_value_and_the_choices():
    with pytest.raises(ValueError, match=r"unknown qualifier 'roughly'; use one of exact, more_than"):
        check_qualifier("roughly")


@pytest.mark.parametrize(("language", "more_than", "estimated"), [
    ("vi", "trên 6,09 tỷ USD", "ước đạt 6,09 tỷ USD"),
    ("lo", "ຫຼາຍກວ່າ 6,09 tỷ USD", "ຄາດຄະເນ 6,09 tỷ USD"),
    ("zh-hans", "超过6,09 tỷ USD", "估计6,09 tỷ USD"),
    ("en", "more than 6,09 tỷ USD", "estimated 6,09 tỷ USD"),
])
def test_qualify_words_the_figure_in_the_active_language(language, more_than, estimated):
    with translation.override(language):
        assert qualify("6,09 tỷ USD", Qualifier.MORE_THAN) == more_than
        assert qualify("6,09 tỷ USD", "estimated") == estimated
        assert qualify("6,09 tỷ USD", "") == "6,09 tỷ USD"


def test_template_filter_and_derived_label():
    template = Template("{% load figures %}{{ value|qualified:q }} | {% derived_label %}")
    with translation.override("vi"):
        html = template.render(Context({"value": "200", "q": "estimated"}))
    assert html == "ước đạt 200 | suy ra, nguồn không nêu trực tiếp"
    with translation.override("en"):
        assert derived_note() == "derived, not stated by the source"
