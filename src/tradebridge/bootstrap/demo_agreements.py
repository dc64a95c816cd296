"""Demo data of the agreements app, loaded by `tradebridge load-demo` after the registry's and
the events app's.

Every agreement the seed articles name, with what the articles say of it and nothing more:
where a field must hold a value the source does not give (the exact day of an MOU signed
"during the visit of 20–24 April", the end date of a "2022–2025" MOU, the parties, subjects and
products of the conference's enterprise MOUs), the field is listed in `illustrative_fields` and
the page, the Excel file and the PDFs label it "illustrative". Commitments and their states are
illustrative too; progress taken from the articles cites its source.

The loader is idempotent and corrects the records of earlier versions in place (through the
services, so each correction is kept in the history): the Lào Cai–Honghe talks of 29 January
2024 were talks, not a signed document, and are now an event of the events app only; their old
agreement record is archived.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop

from tradebridge.agreements import services
from tradebridge.agreements.models import Agreement, Commitment, ProgressUpdate
from tradebridge.bootstrap.demo_agreements_data import (
    AGREEMENTS,
    CONFERENCE_EVENT,
    CONFERENCE_MOUS,
    CONFERENCE_NOTE,
    CONFERENCE_SUMMARIES,
    CORRECTED,
    EXTRA_ORGANIZATIONS,
    MISSION_EVENT,
    RETIRED,
    TALKS_EVENT,
    VISIT_NOTE,
    D,
)
from tradebridge.bootstrap.demo_cooperation import load_plans_and_programmes
from tradebridge.bootstrap.demo_data import SEED_000
from tradebridge.catalog.models import HSCode
from tradebridge.core.history import stamp_history
from tradebridge.events.models import Event
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services as registry_services
from tradebridge.registry.models import Organization

__all__ = ["CONFERENCE_EVENT", "MISSION_EVENT", "TALKS_EVENT", "do_load_agreements_demo"]

# The history reason of the demo records (shown in the reader's language through the `note` filter).
DEMO_REASON = gettext_noop("demo data")


def _conference_specs() -> list[dict]:
    specs = []
    for n, (vn, la, category, origin, destination, hs, vi, lo, zh, en) in enumerate(CONFERENCE_MOUS, start=1):
        summary = CONFERENCE_SUMMARIES[category if category == "raw_materials" else f"{category} {origin}"]
        fields = ["title", "parties", "products", "signed_on"]
        if category == "raw_materials":
            fields.append("direction")  # the raw-material areas are in Laos; where the goods go is inferred
        specs.append({
            "key": f"vientiane-2023-mou-{n:02d}",
            "parties": [(vn, ""), (la, "")],
            "products": [hs] if hs else [],
            "event": CONFERENCE_EVENT,
            "labels": {"fields": fields, "note": CONFERENCE_NOTE},
            "fields": {
                "level": "enterprise", "kind": "mou", "category": category,
                "title": f"Biên bản ghi nhớ hợp tác: {vi}", "title_vi": f"Biên bản ghi nhớ hợp tác: {vi}",
                "title_lo": f"ບົດບັນທຶກຄວາມເຂົ້າໃຈ: {lo}", "title_zh_hans": f"合作谅解备忘录：{zh}",
                "title_en": f"MOU: {en}", "summary": "",
                "summary_vi": summary[0], "summary_lo": summary[1], "summary_zh_hans": summary[2],
                "summary_en": summary[3],
                "origin": origin, "destination": destination,
                "signed_on": D(2023, 4, 20), "date_note": VISIT_NOTE, "signed_place": "",
                "recording_organization": "hanoi-doit", "source": SEED_000,
            },
            "commitments": [("Khảo sát thực địa và thống nhất kế hoạch triển khai", vn, D(2023, 9, 30),
                             Commitment.State.DONE)] if n in (1, 4) else [],
        })
    return specs


def _org(slug: str) -> Organization:
    return Organization.objects.get(slug=slug)


def _ensure_extra_organizations() -> None:
    for slug, (kind, alpha3, province, name, en, vi, lo, zh, source) in EXTRA_ORGANIZATIONS.items():
        if Organization.objects.filter(slug=slug).exists():
            continue
        registry_services.do_create_organization(
            actor=None,
            kind=kind,
            name=name,
            country=Country.objects.get(alpha3=alpha3),
            slug=slug,
            province=Province.objects.get(code=province),
            name_en=en,
            name_vi=vi,
            name_lo=lo,
            name_zh_hans=zh,
            source=source,
            reason=DEMO_REASON,
        )


def _resolve(spec: dict) -> tuple[dict, list[services.PartyIn], list[HSCode], dict]:
    """The spec's model values, parties, products and labels, with the references looked up."""
    values = dict(spec["fields"])
    for name in ("origin", "destination"):
        if values.get(name):
            values[name] = Country.objects.get(alpha3=values[name])
    values["recording_organization"] = _org(values["recording_organization"])
    if spec.get("event"):
        values["event"] = Event.objects.filter(slug=spec["event"]).first()
        values["event_label"] = "" if values["event"] else values.get("event_label", "")
    parties = [services.PartyIn(_org(slug), signatory) for slug, signatory in spec["parties"]]
    products = list(HSCode.objects.filter(code__in=spec.get("products", [])))
    label = spec.get("labels", {})
    fields = label.get("fields", [])
    labels = {
        "is_illustrative": bool(fields),
        "illustrative_note": label.get("note", ""),
        "illustrative_fields": f",{','.join(fields)}," if fields else "",
    }
    return values, parties, products, labels


def _create(spec: dict) -> Agreement:
    values, parties, products, labels = _resolve(spec)
    agreement = services.do_create_agreement(
        actor=None, demo_key=spec["key"], parties=parties, products=products,
        other_categories=spec.get("other_categories", []), reason=DEMO_REASON, **values, **labels,
    )
    by_slug = {p.organization.slug: p for p in agreement.parties.select_related("organization")}
    for title, owner, due, state in spec.get("commitments", []):
        commitment = services.do_add_commitment(
            agreement, actor=None, title=title, owner=by_slug.get(owner), due_on=due, is_illustrative=True
        )
        if state != Commitment.State.OPEN:
            services.do_update_commitment(commitment, {"state": state, "done_on": due}, actor=None)
    for reported_on, text, source in spec.get("progress", []):
        services.do_add_progress(
            agreement, actor=None, reported_on=reported_on, text=text, is_illustrative=not source,
            source=source,
        )
    return agreement


def _correct(agreement: Agreement, spec: dict) -> list[str]:
    """Bring a record of an earlier demo load to what the spec says (the status, commitments and
    anything recorded since stay); returns the fields that changed, none on a second run."""
    values, parties, products, labels = _resolve(spec)
    values.pop("status", None)
    if agreement.event_id and not values.get("event"):
        values.pop("event", None)
    changed = services.do_update_agreement(
        agreement, values, actor=None, parties=parties, products=products,
        other_categories=spec.get("other_categories", []), labels=labels, reason=CORRECTED,
    )
    # Progress that the articles report is dated by the article, not by a guessed day.
    for reported_on, text, source in spec.get("progress", []):
        head = text[:40]  # the records of earlier loads begin like the corrected text
        found = ProgressUpdate.objects.filter(agreement=agreement, source=source, text__startswith=head)
        for update in found:
            if update.reported_on != reported_on or update.text != text:
                update.reported_on, update.text = reported_on, text
                stamp_history(update, None, CORRECTED)
                update.save(update_fields=["reported_on", "text"])
                changed.append("progress")
    return changed


def _retire(key: str, reason: str) -> bool:
    """Archive a record of an earlier demo load that the sources do not support, first taking
    back what it claimed (signatories); its history stays."""
    agreement = Agreement.objects.filter(demo_key=key, archived_at__isnull=True).first()
    if agreement is None:
        # Retired by an earlier load: its note is brought up to date (it cited "seed 004").
        for retired in Agreement.objects.filter(demo_key=key).exclude(illustrative_note=reason[:300]):
            services.do_update_agreement(retired, {}, actor=None, reason=CORRECTED,
                                         labels={"illustrative_note": reason[:300]})
        return False
    parties = [services.PartyIn(p.organization, "") for p in agreement.parties.select_related("organization")]
    services.do_update_agreement(
        agreement, {"signed_place": "", "date_note": "Not a signed document: the source describes talks."},
        actor=None, parties=parties, labels={"is_illustrative": True, "illustrative_note": reason[:300]},
        reason=CORRECTED,
    )
    services.do_archive_agreement(agreement, actor=None, reason="demo data: not a signed agreement")
    return True


def _link_events() -> None:
    """Link agreements recorded before their event existed (the events app loads first)."""
    for spec in _all_specs():
        event = Event.objects.filter(slug=spec.get("event") or "-").first()
        if event is None:
            continue
        for agreement in Agreement.objects.filter(demo_key=spec["key"], event__isnull=True):
            services.do_update_agreement(
                agreement, {"event": event, "event_label": ""}, actor=None, reason="demo data: event linked"
            )


def _all_specs() -> list[dict]:
    return [*_conference_specs(), *AGREEMENTS]


def _create_or_correct() -> None:
    for spec in _all_specs():
        existing = Agreement.objects.filter(demo_key=spec["key"]).first()
        if existing is None:
            _create(spec)
        else:
            _correct(existing, spec)


def do_load_agreements_demo() -> dict[str, int]:
    """Create the demo agreements that are missing and correct those of earlier loads, then their
    focal points, plans and programmes (bootstrap.demo_cooperation); returns counts for the
    summary. A second run changes nothing."""
    with transaction.atomic():
        _ensure_extra_organizations()
        _create_or_correct()
        for key, reason in RETIRED.items():
            _retire(key, reason)
        load_plans_and_programmes()
        _link_events()
    return {"agreements": Agreement.objects.active().filter(demo_key__gt="").count()}
