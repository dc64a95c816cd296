"""Issue 11 items 3–5 (continued): words with two senses, fixed notes and chart labels in the
reader's language, HS names falling back to the heading or chapter in that language, and the
language fields of the edit forms side by side."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tradebridge.agreements import fx
from tradebridge.bootstrap.demo_events import ILLUSTRATIVE_NOTE
from tradebridge.catalog.models import HSCode
from tradebridge.core.i18n import translated_note
from tradebridge.events.forms import EventForm
from tradebridge.events.models import MeetingRequest
from tradebridge.trade import charts


def test_words_with_two_senses_have_a_context():
    with translation.override("zh-hans"):
        assert translation.pgettext("trade partner country", "Partner") == "贸易伙伴"
        assert translation.gettext("Partner") == "伙伴方"  # the meeting partner in an agenda
        assert translation.pgettext("trade value", "value") == "贸易额"
        assert translation.pgettext("identifier", "value") == "号码"
        assert str(MeetingRequest.Status.PENDING.label) == "待回复"  # awaiting an answer
        assert translation.gettext("Pending") == "待审核"  # awaiting review (duplicates)
    with translation.override("lo"):
        assert translation.pgettext("trade value", "value") == "ມູນຄ່າ"


@pytest.mark.parametrize(("language", "expected"), [
    ("lo", "ເວລາພົບປະ, ໂຕະ, ບູດ, ການລົງທະບຽນ ແລະ ຄຳຂໍພົບປະເປັນຕົວຢ່າງ."),
    ("zh-hans", "会谈时间、洽谈桌、展位、报名和会谈申请均为示例。"),
    ("en", ILLUSTRATIVE_NOTE),
])
def test_fixed_notes_in_the_readers_language(language, expected):
    with translation.override(language):
        assert translated_note(ILLUSTRATIVE_NOTE) == expected
        # A citation followed by the fixed note (an event's source): the citation as written.
        assert translated_note(f"Báo Lào Cai, 29/1/2024. {ILLUSTRATIVE_NOTE}") == \
            f"Báo Lào Cai, 29/1/2024. {expected}"
        html = Template("{% load multilingual %}{{ text|note }}").render(
            Context({"text": "Delegate (illustrative)"}))
        assert html == translation.gettext("Delegate (illustrative)")


def test_the_exchange_rate_source_is_translated_and_typed_notes_stay_as_typed():
    with translation.override("zh-hans"):
        assert translated_note(fx.source()).startswith("近似值，参照世界银行")
        assert translated_note("Ghi chú do cán bộ nhập.") == "Ghi chú do cán bộ nhập."
        assert translated_note("") == ""


@pytest.mark.django_db
def test_hs_names_fall_back_to_the_heading_then_the_chapter_in_the_readers_language():
    # The reference data (HS 2022 and the glossary) is loaded: set the names this test needs.
    names = {"name_vi": "", "name_lo": "", "name_zh_hans": "", "name_en": ""}
    HSCode.objects.filter(code__in=["091099", "0901", "090190"]).update(**names)
    HSCode.objects.filter(code="09").update(**{**names, "name_lo": "ກາເຟ, ຊາ ແລະ ເຄື່ອງເທດ"})
    HSCode.objects.filter(code="0910").update(**{**names, "name_lo": "ຂີງ ແລະ ເຄື່ອງເທດ"})
    bare, other = HSCode.objects.get(code="091099"), HSCode.objects.get(code="090190")
    with translation.override("lo"):
        assert bare.name == "ຂີງ ແລະ ເຄື່ອງເທດ"  # the heading's Lao name, not "Other spices"
        assert other.name == "ກາເຟ, ຊາ ແລະ ເຄື່ອງເທດ"  # no Lao heading: the chapter's
    with translation.override("zh-hans"):
        assert bare.name == bare.description_en  # nothing in Chinese: English


def test_product_charts_name_the_products():
    rows = [{"product": "091011", "name": "ຂີງ, ບໍ່ບົດ ແລະ ບໍ່ປົ່ນ", "value": 2e6},
            {"product": "090111", "name": "ກາເຟ ທີ່ບໍ່ຂົ້ວ ແລະ ບໍ່ໄດ້ສະກັດຄາເຟອີນອອກ ຊະນິດອື່ນ", "value": 1e6}]
    html = charts.products_chart(rows, "title", "chart-test")
    assert charts.product_label(rows[0]).startswith("091011 ຂີງ, ບໍ່ບົດ")
    assert charts.product_label(rows[0]) in html  # on the axis, not the code alone
    assert "ກາເຟ ທີ່ບໍ່ຂົ້ວ ແລະ ບໍ່ໄດ້ສະກັດຄາເຟອີນອອກ ຊະນິດອື່ນ" in html  # the whole name on hover
    assert charts.product_label(rows[1]).endswith("…")
    potential = charts.potential_chart([{**rows[0], "partner_imports_from_exporter": 1e6, "untapped": 2e6}])
    assert "091011 ຂີງ" in potential


@pytest.mark.django_db
def test_edit_forms_put_the_languages_of_one_text_in_one_row():
    form = EventForm(prefix="event")
    html = Template('{% include "_form_fields.html" with form=form %}').render(Context({"form": form}))
    assert html.count('data-testid="languages-title"') == 1
    assert html.count('data-testid="languages-description"') == 1
    row = html.split('data-testid="languages-title"')[1].split("</fieldset>")[0]
    for name, language in [("title_vi", "Tiếng Việt"), ("title_lo", "ພາສາລາວ"),
                           ("title_zh_hans", "简体中文"), ("title_en", "English")]:
        assert f'name="event-{name}"' in row
        assert f">{language}</label>" in row
    assert 'name="event-starts_on"' in html  # the other fields as before
