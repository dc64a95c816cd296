"""Lists read in the reader's language: "、" between items in Chinese, ", " in the others."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tradebridge.core.i18n import UnknownLanguage, join_list


@pytest.mark.parametrize(("language", "joined"), [
    ("zh-hans", "标题、当事方、产品"), ("vi", "标题, 当事方, 产品"), ("lo", "标题, 当事方, 产品"),
    ("en", "标题, 当事方, 产品"), ("zh_Hans", "标题、当事方、产品"),
])
def test_the_language_chooses_the_separator(language, joined):
    assert join_list(["标题", "当事方", "产品"], language) == joined


def test_the_reader_language_by_default_and_any_iterable():
    with translation.override("zh-hans"):
        assert join_list(str(n) for n in (2019, 2020)) == "2019、2020"
    with translation.override("vi"):
        assert join_list(["a"]) == "a" and join_list([]) == ""


def test_an_unknown_language_is_named():
    with pytest.raises(UnknownLanguage, match="'fr'"):
        join_list(["a", "b"], "fr")


def test_the_template_filter_escapes_each_item():
    template = Template("{% load multilingual %}{{ items|join_list }}")
    with translation.override("zh-hans"):
        assert template.render(Context({"items": ["<b>", "c"]})) == "&lt;b&gt;、c"


@pytest.mark.django_db
def test_pages_and_exports_list_the_illustrative_details_with_the_chinese_comma():
    from tests.personas import client_for
    from tradebridge.agreements.exports import _illustrative_cell as illustrative_cell
    from tradebridge.agreements.models import Agreement

    agreement = next(a for a in Agreement.objects.active().filter(is_illustrative=True)
                     if len(a.illustrative_labels()) >= 2)
    with translation.override("zh-hans"):
        labels = agreement.illustrative_labels()
        assert "、".join(labels) in illustrative_cell(agreement)
    for path in (f"/agreements/{agreement.pk}/", "/agreements/"):
        page = client_for(None, "zh-hans").get(path).content.decode()
        assert "、".join(labels) in page and ", ".join(labels) not in page
    with translation.override("vi"):
        labels = agreement.illustrative_labels()
    assert ", ".join(labels) in client_for(None, "vi").get(f"/agreements/{agreement.pk}/").content.decode()
