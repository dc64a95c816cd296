"""Issue 11 items 3–5: reasons in the reader's language, one msgid per meaning, multilingual
content shown in the reader's language with a marker, place names from the reference data."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories.registry import profile
from tradebridge.core.i18n import localized_text, place_name
from tradebridge.geo.cities import cities_of
from tradebridge.registry.matching import RecommendationEngine


@pytest.fixture(scope="module")
def engine() -> RecommendationEngine:
    built = RecommendationEngine.from_csv()
    built.build([profile("1", "LAO", offers=[("ginger", "091011")]),
                 profile("2", "VNM", needs=[("ginger", "091011")])])
    return built


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "offers ginger (HS 0910.11), which they need"),
    ("lo", "ສະເໜີຂາຍ ຂີງ (HS 0910.11), ເຊິ່ງເຂົາເຈົ້າຕ້ອງການ"),
    ("zh-hans", "供应生姜（HS 0910.11），正是对方所需"),
])
def test_reasons_in_the_readers_language(engine, language, expected):
    with translation.override(language):
        reasons = engine.recommend_for("1")[0].reasons
    assert reasons[0] == expected
    if language == "zh-hans":
        assert reasons[1] == "跨境（LAO → VNM）"


def test_one_msgid_per_meaning():
    with translation.override("zh-hans"):
        assert translation.pgettext("agreement register", "Register") == "协议登记册"
        assert translation.pgettext("date range", "to") == "至"
        assert translation.pgettext("trade flow", "imports") == "进口"
        assert translation.gettext("Register") == "报名"  # the event's sign-up keeps its word


def test_content_in_the_readers_language_says_which_language_otherwise():
    event = SimpleNamespace(title_vi="Hội chợ", title_lo="ງານວາງສະແດງ", title_zh_hans="", title_en="",
                            primary_language="vi")
    assert localized_text(event, "title", "lo") == ("ງານວາງສະແດງ", "lo")
    assert localized_text(event, "title", "zh-hans") == ("Hội chợ", "vi")
    template = Template('{% load multilingual %}{% in_language event "title" %}')
    with translation.override("zh-hans"):
        html = template.render(Context({"event": event}))
    assert html == '<span lang="vi">Hội chợ</span> <span class="lang-shown" title="Tiếng Việt">(Tiếng Việt)</span>'
    with translation.override("lo"):
        assert template.render(Context({"event": event})) == "ງານວາງສະແດງ"


def test_place_names_from_the_reference_data():
    yunnan = SimpleNamespace(name_vi="Vân Nam", name_lo="ຢຸນນານ", name_zh_hans="云南省", name_en="Yunnan",
                             aliases=cities_of("CN-YN"))
    assert place_name("Côn Minh", yunnan, language="zh-hans") == "昆明"
    assert place_name("côn minh ", yunnan, language="lo") == "ຄຸນໝິງ"
    assert place_name("Vân Nam", yunnan, language="en") == "Yunnan"
    assert place_name("Trung tâm Hội nghị", yunnan, language="zh-hans") == "Trung tâm Hội nghị"
