"""Demo notes cite the article (newspaper or date, and title), never an internal seed number, in
every language; databases of earlier demo loads get the new notes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tests.personas import client_for
from tradebridge.agreements import services
from tradebridge.agreements.models import Agreement
from tradebridge.bootstrap.demo_agreements import do_load_agreements_demo
from tradebridge.bootstrap.demo_agreements_data import RETIRED
from tradebridge.bootstrap.demo_data import SEED_001, SEED_004
from tradebridge.bootstrap.demo_events import do_load_events_demo
from tradebridge.core.i18n import translated_note
from tradebridge.events.models import Event
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db

CONFERENCE = "hanoi-vientiane-craft-villages-2023"
OLD_EVENT_NOTE = ("The source gives the visit's dates (20–24 April 2023), not the conference's day, and does not "
                  "name the city: Vientiane is taken from the conference's name. That the conference was part "
                  "of the April trade mission (seed 001) is an inference.")
OLD_RETIRED_NOTE = ("The source (seed 004) describes talks, not a signed document: recorded as the event "
                    "laocai-honghe-talks-2024 of kind bilateral talks.")


def title(seed: str) -> str:
    return seed.split(": ", 1)[1]


def test_no_demo_note_cites_a_seed_number():
    notes = [*Event.objects.values_list("illustrative_note", "source"),
             *Agreement.objects.values_list("illustrative_note", "source")]
    assert notes and not [n for pair in notes for n in pair if "seed 0" in n.lower()]
    conference = Event.objects.get(slug=CONFERENCE)
    assert title(SEED_001) in conference.illustrative_note


@pytest.mark.parametrize("language", ["vi", "lo", "zh-hans"])
def test_the_notes_are_translated_and_keep_the_citation(language):
    conference = Event.objects.get(slug=CONFERENCE)
    with translation.override(language):
        for note, seed in ((conference.illustrative_note, SEED_001), (RETIRED["laocai-honghe-2024"], SEED_004)):
            shown = translated_note(note)
            assert shown != note and title(seed) in shown
    page = client_for(None, language).get(f"/events/{CONFERENCE}/").content.decode()
    with translation.override(language):
        assert translated_note(conference.illustrative_note) in page


def test_earlier_demo_databases_are_corrected():
    conference = Event.objects.get(slug=CONFERENCE)
    Event.objects.filter(pk=conference.pk).update(illustrative_note=OLD_EVENT_NOTE)
    # An old demo load's record of the talks, retired by a load that wrote the old note.
    retired = services.do_create_agreement(
        actor=None, demo_key="laocai-honghe-2024", level="province", kind="minutes",
        title="Hội đàm Lào Cai – Hồng Hà", category="trade_promotion", signed_on=dt.date(2024, 1, 29),
        parties=[services.PartyIn(Organization.objects.get(slug="laocai-doit")),
                 services.PartyIn(Organization.objects.get(slug="honghe-commerce"))])
    services.do_update_agreement(retired, {}, actor=None, labels={"is_illustrative": True,
                                                                  "illustrative_note": OLD_RETIRED_NOTE})
    services.do_archive_agreement(retired, actor=None, reason="demo data: not a signed agreement")

    do_load_events_demo()
    do_load_agreements_demo()

    conference.refresh_from_db()
    retired.refresh_from_db()
    assert "seed 001" not in conference.illustrative_note and title(SEED_001) in conference.illustrative_note
    assert "seed 004" not in retired.illustrative_note and title(SEED_004) in retired.illustrative_note
    assert retired.history.first().history_change_reason == "demo data corrected to what its source says"
    assert conference.history.first().history_change_reason == "demo data corrected to what its source says"
    # The Chinese reader sees the corrected note in Chinese.
    with translation.override("zh-hans"):
        assert "文章" in translated_note(retired.illustrative_note)


def test_every_demo_event_note_fits_its_field():
    """SQLite does not enforce lengths; PostgreSQL refuses the load if a note is too long."""
    from tradebridge.bootstrap.demo_events import EVENTS, ILLUSTRATIVE_NOTE
    from tradebridge.events.models import Event

    longest = Event._meta.get_field("illustrative_note").max_length
    assert all(len(spec.get("illustrative_note", "")) <= longest for spec in EVENTS)
    source = Event._meta.get_field("source").max_length
    assert all(len(f"{spec.get('source', '')}. {ILLUSTRATIVE_NOTE}") <= source for spec in EVENTS)
