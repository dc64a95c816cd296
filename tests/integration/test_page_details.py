"""Small things a newcomer stumbled on (issue 11, item 13): times in the event's zone, articles
cited as sources (not our file names), feedback only after a meeting, the HS "auto" badge
explained, the product example in the reader's language, HS codes listed once in the picker,
and the chart markup that lets pages show before Plotly (item 11)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from tests.personas import client_for
from tradebridge.core.charts import figure_html
from tradebridge.events import outcomes
from tradebridge.events.models import Event, Meeting, MeetingFeedback, Registration
from tradebridge.registry import services
from tradebridge.registry.models import Organization
from tradebridge.trade.demo import article_source, seed_figures
from tradebridge.trade.models import InvestmentRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

HYBRID = "laocai-export-conference-2021"


def test_registrations_page_shows_times_in_the_events_zone(administrator):
    event = Event.objects.get(slug=HYBRID)
    zone = event.main_venue.time_zone
    html = client_for(administrator).get(reverse("events:registrations", args=[HYBRID])).content.decode()
    assert f"({zone})" in html
    assert " UTC<" not in html and " UTC)" not in html
    request = event.requests.first()
    local = timezone.localtime(request.created_at, event.main_venue.zone).strftime("%Y-%m-%d %H:%M")
    assert f"{local} ({zone})" in html


def test_outcome_workbook_gives_local_times_with_the_zone(administrator):
    event = Event.objects.get(slug=HYBRID)
    venue = event.main_venue
    response = client_for(administrator).get(reverse("events:outcomes_xlsx", args=[HYBRID]))
    sheet = load_workbook(BytesIO(response.content))["Meetings"]
    assert sheet.cell(1, 2).value == f"{gettext('Time')} ({venue.time_zone})"
    meeting = Meeting.objects.filter(event=event).select_related("slot").order_by("slot__starts_at").first()
    local = meeting.slot.starts_at.astimezone(venue.zone).replace(tzinfo=None)
    assert local in [sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)]


def test_sources_cite_the_article_not_our_file():
    articles = seed_figures()["articles"]
    text = article_source(articles, "000")
    assert ".txt" not in text and "seed" not in text
    assert articles["000"]["publisher"] in text and articles["000"]["title"] in text
    assert articles["000"]["date"] in text


def test_investment_page_sources_are_articles():
    html = client_for().get(reverse("trade:investments")).content.decode()
    assert InvestmentRecord.objects.exists()
    assert ".txt" not in html and "(seed " not in html


def test_feedback_waits_until_the_meeting_has_ended(cn_member):
    own = Registration.objects.get(event__slug=HYBRID, organization=cn_member.organization)
    meeting = Meeting.objects.select_related("slot").get(request__sender=own)
    slot = meeting.slot
    slot.starts_at, slot.ends_at = timezone.now() - timedelta(minutes=10), timezone.now() + timedelta(minutes=20)
    slot.save(update_fields=["starts_at", "ends_at"])
    MeetingFeedback.objects.filter(meeting=meeting, registration=own).delete()
    with pytest.raises(ValidationError, match="has ended"):
        outcomes.do_give_feedback(meeting, own, actor=None, outcome="agreement")
    client = client_for(cn_member)
    page = client.get(reverse("events:agenda", args=[HYBRID])).content.decode()
    assert "After the meeting" in page
    client.post(reverse("events:feedback", args=[HYBRID, meeting.pk]), {"outcome": "agreement"})
    assert not MeetingFeedback.objects.filter(meeting=meeting, registration=own).exists()
    slot.ends_at = timezone.now() - timedelta(minutes=1)
    slot.save(update_fields=["ends_at"])
    client.post(reverse("events:feedback", args=[HYBRID, meeting.pk]), {"outcome": "agreement"})
    assert MeetingFeedback.objects.get(meeting=meeting, registration=own).outcome == "agreement"


def test_automatic_hs_match_is_explained(vn_officer):
    organization = Organization.objects.get(slug="hanoi-doit")
    services.do_add_trade_item(organization, actor=vn_officer, direction="offer", text="gừng tươi")
    html = client_for(vn_officer).get(reverse("registry:organization", args=[organization.slug])).content.decode()
    assert "matched automatically from the description" in html
    assert ">auto<" not in html


@pytest.mark.parametrize(("language", "example"), [("lo", "ຂີງສົດ"), ("zh-hans", "鲜姜"), ("vi", "gừng tươi"),
                                                    ("en", "fresh ginger")])
def test_product_example_is_in_the_readers_language(language, example):
    from tradebridge.registry.forms import TradeItemForm

    with translation.override(language):
        assert example in str(TradeItemForm().fields["text"].help_text)


def test_hs_number_in_the_picker_lists_each_code_once():
    html = client_for().get(reverse("catalog:picker"), {"q": "091011"}).content.decode()
    assert html.count(">0910.11<") == 1 and "091011" not in html  # no second copy of the code


def test_charts_are_data_for_the_deferred_script_not_inline_code():
    import plotly.graph_objects as go

    html = figure_html(go.Figure(go.Bar(x=["</script><b>"], y=[1])), "chart-x")
    assert html.startswith('<div class="plotly-chart" id="chart-x"')
    assert "</script><b>" not in html and "\\u003C/script\\u003E" in html
    assert "Plotly.newPlot" not in html
    with pytest.raises(ValueError, match="not in"):
        figure_html(go.Figure(go.Scattergeo(lon=[1], lat=[1])), "chart-y")
