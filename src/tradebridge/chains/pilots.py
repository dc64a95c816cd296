"""Pilots of the linkage chains (seed 003: the pilot Vietnam–Laos industrial park, pilot chain
models for selected products), their milestones, the planned zones a pilot park creates, and the
links between work-plan activities and the chains or pilots they move. Writes are
`do_<verb>_<noun>` services (checked, kept in history); `chain_page_context` is what the chain
page shows of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradebridge.agreements.access import visible_agreements
from tradebridge.catalog.codes import clean_hs_codes
from tradebridge.chains.access import can_edit_chain, visible_pilots
from tradebridge.chains.models import ActivityLink, Chain, Milestone, MinisterReport, Pilot
from tradebridge.cooperation.models import Activity
from tradebridge.core.access import is_agency_or_admin
from tradebridge.core.history import stamp_history
from tradebridge.geo.models import Country, Province, Zone

PILOT_FIELDS = {
    "slug",
    "kind",
    "name_vi",
    "name_lo",
    "name_zh_hans",
    "name_en",
    "chain",
    "zone",
    "agreement",
    "hs_codes",
    "state",
    "description",
    "source",
    "is_illustrative",
    "demo_key",
}
MILESTONE_FIELDS = {"title", "due_on", "done_on", "state", "note", "is_illustrative"}


def _check_pilot(pilot: Pilot) -> None:
    if pilot.chain_id and pilot.agreement_id and pilot.chain.agreement_id not in (None, pilot.agreement_id):
        raise ValidationError({"agreement": _("The pilot's agreement must be the one its chain implements.")})


@transaction.atomic
def do_save_pilot(pilot: Pilot | None = None, *, actor: Any, members=None, **fields) -> Pilot:
    """Create a pilot (`pilot` None) or change the fields given; `members` (organisations)
    replaces the pilot's members when given. Products are checked against HS 2022."""
    unknown = set(fields) - PILOT_FIELDS
    if unknown:
        raise TypeError(f"unknown pilot field(s): {', '.join(sorted(unknown))}")
    if "hs_codes" in fields:
        fields["hs_codes"] = clean_hs_codes(fields["hs_codes"])
    for key in ("slug", "name_vi", "name_lo", "name_zh_hans", "name_en", "description", "source"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    creating = pilot is None
    if creating:
        pilot = Pilot()
    if creating and fields.get("agreement") is None and fields.get("chain") is not None:
        fields["agreement"] = fields["chain"].agreement
    changed = [key for key, value in fields.items() if getattr(pilot, key) != value]
    for key in changed:
        setattr(pilot, key, fields[key])
    pilot.full_clean()
    _check_pilot(pilot)
    if creating:
        stamp_history(pilot, actor, "created")
        pilot.save()
    elif changed:
        stamp_history(pilot, actor, "changed")
        pilot.save(update_fields=changed)
    if members is not None and set(pilot.members.values_list("pk", flat=True)) != {m.pk for m in members}:
        stamp_history(pilot, actor, "members changed")
        pilot.members.set(members)
    return pilot


@transaction.atomic
def do_archive_pilot(pilot: Pilot, *, actor: Any) -> Pilot:
    if pilot.archived_at is None:
        pilot.mark_archived()
        stamp_history(pilot, actor, "archived")
        pilot.save(update_fields=["archived_at"])
    return pilot


def _unique_zone_code(base: str) -> str:
    base = (slugify(base) or "pilot-park")[:56]
    code, n = base, 1
    while Zone.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def do_create_planned_zone(
    *,
    actor: Any,
    name_en: str,
    country: Country,
    province: Province,
    latitude,
    longitude,
    name_vi: str = "",
    name_lo: str = "",
    name_zh_hans: str = "",
    code: str = "",
) -> Zone:
    """A pilot park not built yet: a zone of the kind "industrial park (planned)", so that it
    shows on the zones map. (Zones keep no history; the pilot that names it does.)"""
    errors = {}
    if not (name_en or "").strip():
        errors["name_en"] = _("Give the zone a name.")
    if province is not None and country is not None and province.country_id != country.pk:
        errors["province"] = _("The province %(province)s is not in %(country)s.") % {
            "province": province.code,
            "country": country.alpha3,
        }
    try:
        lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    except ArithmeticError:
        lat = lon = None
    if lat is None or not -90 <= lat <= 90:
        errors["latitude"] = _("Latitude must be between -90 and 90.")
    if lon is None or not -180 <= lon <= 180:
        errors["longitude"] = _("Longitude must be between -180 and 180.")
    if errors:
        raise ValidationError(errors)
    zone = Zone(
        code=code or _unique_zone_code(name_en),
        kind=Zone.Kind.INDUSTRIAL_PARK_PLANNED,
        country=country,
        province=province,
        latitude=round(lat, 4),
        longitude=round(lon, 4),
        name_en=name_en.strip(),
        name_vi=name_vi.strip(),
        name_lo=name_lo.strip(),
        name_zh_hans=name_zh_hans.strip(),
    )
    zone.full_clean()
    zone.save()
    return zone


def _check_milestone(milestone: Milestone) -> None:
    if milestone.state == Milestone.State.DONE and milestone.done_on is None:
        raise ValidationError({"done_on": _("A milestone that is done needs the date it was done.")})
    if milestone.done_on and milestone.state != Milestone.State.DONE:
        raise ValidationError({"state": _("A milestone with a date done must have the status “Done”.")})
    if milestone.done_on and milestone.done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date done cannot be in the future.")})


@transaction.atomic
def do_add_milestone(
    pilot: Pilot,
    *,
    actor: Any,
    title: str,
    due_on: dt.date | None = None,
    done_on: dt.date | None = None,
    state: str = Milestone.State.PLANNED,
    note: str = "",
    is_illustrative: bool = False,
) -> Milestone:
    milestone = Milestone(
        pilot=pilot,
        title=(title or "").strip(),
        due_on=due_on,
        done_on=done_on,
        state=state,
        note=(note or "").strip(),
        is_illustrative=is_illustrative,
    )
    milestone.full_clean()
    _check_milestone(milestone)
    stamp_history(milestone, actor, "added")
    milestone.save()
    return milestone


@transaction.atomic
def do_update_milestone(milestone: Milestone, *, actor: Any, **changes) -> Milestone:
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"unknown milestone field(s): {', '.join(sorted(unknown))}")
    changed = [key for key, value in changes.items() if getattr(milestone, key) != value]
    for key in changed:
        setattr(milestone, key, changes[key])
    milestone.full_clean()
    _check_milestone(milestone)
    if changed:
        stamp_history(milestone, actor, "changed")
        milestone.save(update_fields=changed)
    return milestone


def _agreement_of(chain: Chain | None, pilot: Pilot | None):
    if pilot is not None:
        return pilot.agreement or (pilot.chain.agreement if pilot.chain_id else None)
    return chain.agreement if chain is not None else None


@transaction.atomic
def do_link_activity(
    activity: Activity, *, actor: Any, chain: Chain | None = None, pilot: Pilot | None = None
) -> ActivityLink:
    """Say that a work-plan activity moves a chain or a pilot. The activity must belong to a
    work plan of the agreement the chain (or pilot) implements; linking twice changes nothing."""
    if chain is None and pilot is None:
        raise ValidationError({"activity": _("Link the activity to a chain or a pilot.")})
    if chain is not None and pilot is not None and pilot.chain_id != chain.pk:
        raise ValidationError({"pilot": _("The pilot is not one of this chain's pilots.")})
    agreement = _agreement_of(chain, pilot)
    if agreement is not None and activity.plan.agreement_id != agreement.pk:
        raise ValidationError(
            {
                "activity": _(
                    "The activity “%(activity)s” is not in a work plan of the agreement this chain "
                    "implements."
                )
                % {"activity": activity.title}
            }
        )
    existing = ActivityLink.objects.filter(activity=activity, chain=chain, pilot=pilot).first()
    if existing is not None:
        return existing
    link = ActivityLink(activity=activity, chain=chain, pilot=pilot)
    link.full_clean()
    stamp_history(link, actor, "linked")
    link.save()
    return link


@transaction.atomic
def do_unlink_activity(link: ActivityLink, *, actor: Any) -> None:
    # A link is a fact about two records, not a record of its own: removed, kept in its history.
    stamp_history(link, actor, "unlinked")
    link.delete()


def linked_activities(chains, *, user: Any = None):
    """Active work-plan activities linked to the chains (a queryset of Chain or a list) or their
    pilots, with their plan; those of agreements the user may not see are left out."""
    chain_ids = [c.pk for c in chains]
    rows = (
        Activity.objects.active()
        .filter(Q(chain_links__chain_id__in=chain_ids) | Q(chain_links__pilot__chain_id__in=chain_ids))
        .distinct()
        .select_related("plan", "owner")
        .order_by("plan__starts_on", "due_on", "id")
    )
    if user is not None:
        rows = rows.filter(plan__agreement__in=visible_agreements(user).values("id"))
    return rows


def linkable_activities(chain: Chain):
    """Activities of the work plans of the chain's agreement, for the link form."""
    if chain.agreement_id is None:
        return Activity.objects.none()
    return (
        Activity.objects.active()
        .filter(plan__agreement_id=chain.agreement_id, plan__archived_at__isnull=True)
        .select_related("plan")
    )


def can_see_reports(user: Any, chain: Chain) -> bool:
    """Reports to the ministers are for the parties' staff (and administrators), never for
    enterprises."""
    return is_agency_or_admin(user) and can_edit_chain(user, chain)


def chain_page_context(user: Any, chain: Chain) -> dict:
    """What the chain page's "Pilots", "Work plan" and "Reports" sections show."""
    can_edit = can_edit_chain(user, chain)
    pilots = visible_pilots(user).filter(chain=chain).select_related("zone").prefetch_related("milestones")
    reports = (
        MinisterReport.objects.filter(chain=chain).select_related("submitted_by")
        if can_see_reports(user, chain)
        else MinisterReport.objects.none()
    )
    return {
        "pilots": pilots,
        "activities": linked_activities([chain], user=user).prefetch_related("chain_links__pilot"),
        "reports": reports,
        "can_edit": can_edit,
        "can_see_reports": can_see_reports(user, chain),
        "linkable_activities": linkable_activities(chain) if can_edit else [],
    }
