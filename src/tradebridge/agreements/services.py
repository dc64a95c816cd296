"""Writes to the agreements register (`do_<verb>_<noun>`). Each runs in a transaction, checks
everything before writing (a bad field changes nothing) and keeps history with its author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.agreements import party_rights, uploads
from tradebridge.agreements.models import (
    Agreement,
    Category,
    Commitment,
    Document,
    Party,
    ProgressUpdate,
    Status,
    StatusChange,
)
from tradebridge.core.access import is_agency_or_admin, organization_id_of
from tradebridge.core.history import history_actor, stamp_history
from tradebridge.registry.models import Organization

EDITABLE_FIELDS = (
    "level",
    "kind",
    "title",
    "title_vi",
    "title_lo",
    "title_zh_hans",
    "title_en",
    "summary",
    "summary_vi",
    "summary_lo",
    "summary_zh_hans",
    "summary_en",
    "signed_on",
    "date_note",
    "signed_place",
    "event",
    "event_label",
    "valid_from",
    "valid_until",
    "category",
    "origin",
    "destination",
    "declared_value",
    "currency",
    "visibility",
    "source",
)

# What is illustrative in a record (the source does not give it): set by whoever records it.
LABEL_FIELDS = ("is_illustrative", "illustrative_note", "illustrative_fields")

# Allowed moves of the status workflow; completed, lapsed and terminated are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SIGNED: (Status.IN_IMPLEMENTATION, Status.LAPSED, Status.TERMINATED),
    Status.IN_IMPLEMENTATION: (Status.COMPLETED, Status.LAPSED, Status.TERMINATED),
    Status.COMPLETED: (),
    Status.LAPSED: (),
    Status.TERMINATED: (),
}


@dataclass(frozen=True)
class PartyIn:
    organization: Organization
    signatory: str = ""


def encode_categories(main: str, others: Iterable[str]) -> str:
    codes = [c for c in dict.fromkeys(others) if c and c != main]
    unknown = [c for c in codes if c not in Category.values]
    if unknown:
        raise ValidationError(
            {"other_categories": _("Unknown category: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return f",{','.join(codes)}," if codes else ""


def check_parties(parties: Sequence[PartyIn], *, actor: Any) -> None:
    """Two or more distinct, current organisations; an enterprise member's own among them."""
    organizations = [p.organization for p in parties]
    if len({o.pk for o in organizations}) < 2:
        raise ValidationError({"parties": _("An agreement needs two or more different parties.")})
    if len({o.pk for o in organizations}) != len(organizations):
        raise ValidationError({"parties": _("The same organisation is listed twice.")})
    archived = [o.display_name for o in organizations if o.archived_at is not None]
    if archived:
        raise ValidationError(
            {"parties": _("Archived organisation: %(names)s.") % {"names": ", ".join(archived)}}
        )
    privileged = actor is None or is_agency_or_admin(actor)
    if not privileged and organization_id_of(actor) not in {o.pk for o in organizations}:
        raise ValidationError({"parties": _("Your own organisation must be one of the parties.")})


def check_agreement(agreement: Agreement) -> None:
    """Model rules plus the cross-field ones, each naming its field."""
    errors: dict[str, list[str]] = {}
    if agreement.signed_on and agreement.valid_until and agreement.valid_until < agreement.signed_on:
        errors.setdefault("valid_until", []).append(_("The end date is before the signing date."))
    if agreement.valid_from and agreement.valid_until and agreement.valid_until < agreement.valid_from:
        errors.setdefault("valid_until", []).append(_("The end date is before the start date."))
    if agreement.declared_value is not None and not agreement.currency:
        errors.setdefault("currency", []).append(_("A declared value needs its currency."))
    if agreement.declared_value is not None and agreement.declared_value < 0:
        errors.setdefault("declared_value", []).append(_("The value cannot be negative."))
    if agreement.origin_id and agreement.origin_id == agreement.destination_id:
        errors.setdefault("destination", []).append(_("Origin and destination are the same country."))
    try:
        agreement.full_clean(exclude=["products"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _replace_parties(agreement: Agreement, parties: Sequence[PartyIn], actor: Any) -> None:
    keep = {p.organization.pk for p in parties}
    for old in agreement.parties.exclude(organization_id__in=keep).select_related("organization"):
        if Commitment.objects.filter(owner=old).exists():
            raise ValidationError(
                {
                    "parties": _("%(name)s owns commitments of this agreement and stays a party.")
                    % {"name": old.organization.display_name}
                }
            )
        stamp_history(old, actor, "removed")
        old.delete()
    for position, party_in in enumerate(parties):
        party = agreement.parties.filter(organization=party_in.organization).first() or Party(
            agreement=agreement, organization=party_in.organization
        )
        if party.pk and party.signatory == party_in.signatory and party.position == position:
            continue
        party.signatory, party.position = party_in.signatory.strip(), position
        stamp_history(party, actor, "set")
        party.save()


@transaction.atomic
def do_create_agreement(
    *,
    actor: Any,
    parties: Sequence[PartyIn],
    other_categories: Iterable[str] = (),
    products: Iterable = (),
    document=None,
    reason: str = "",
    **fields: Any,
) -> Agreement:
    check_parties(parties, actor=actor)
    agreement = Agreement(
        **{
            k: v
            for k, v in fields.items()
            if k in EDITABLE_FIELDS
            or k in (*LABEL_FIELDS, "status", "status_since", "demo_key")
        }
    )
    recording = fields.get("recording_organization")
    agreement.other_categories = encode_categories(agreement.category, other_categories)
    agreement.recorded_by = history_actor(actor)
    agreement.recording_organization_id = recording.pk if recording else organization_id_of(actor)
    agreement.status_since = agreement.status_since or agreement.signed_on
    check_agreement(agreement)
    checked = uploads.check_upload(document) if document is not None else None
    stamp_history(agreement, actor, reason or "recorded")
    agreement.save()
    _replace_parties(agreement, parties, actor)
    agreement.products.set(list(products))
    StatusChange.objects.create(
        agreement=agreement,
        to_status=agreement.status,
        effective_on=agreement.status_since or timezone.localdate(),
        reason=reason or _("Recorded."),
        actor=history_actor(actor),
    )
    if checked is not None:
        _save_document(agreement, document, checked, actor=actor, title="")
    return agreement


@transaction.atomic
def do_update_agreement(
    agreement: Agreement,
    changes: dict[str, Any],
    *,
    actor: Any,
    parties: Sequence[PartyIn] | None = None,
    other_categories: Iterable[str] | None = None,
    products: Iterable | None = None,
    labels: dict[str, Any] | None = None,
    reason: str = "",
    by_consent: Any = None,
) -> list[str]:
    """Apply the changes after checking them on a copy; return the names of changed fields.
    `labels` sets what is illustrative (LABEL_FIELDS), which forms and the API do not edit.
    `by_consent`: the proposal every party consented to (`party_consent`), which may change the
    parties and visibility in place of the recorder; `actor` gave the last consent."""
    if parties is not None:
        check_parties(parties, actor=None if by_consent is not None else actor)
    copy = Agreement.objects.select_for_update().get(pk=agreement.pk)
    values = {**{f: changes[f] for f in EDITABLE_FIELDS if f in changes},
              **{f: v for f, v in (labels or {}).items() if f in LABEL_FIELDS}}
    parties_before = party_rights.snapshot(copy)
    if by_consent is None:
        party_rights.check(copy, values, parties, actor)
    changed = [f for f, value in values.items() if getattr(copy, f) != value]
    for field in changed:
        setattr(copy, field, values[field])
    if other_categories is not None:
        encoded = encode_categories(copy.category, other_categories)
        if encoded != copy.other_categories:
            copy.other_categories = encoded
            changed.append("other_categories")
    check_agreement(copy)
    if changed:
        stamp_history(copy, actor, reason or "edited " + ", ".join(changed))
        copy.save(update_fields=[*changed, "updated_at"])
    if parties is not None:
        before = list(copy.parties.values_list("organization_id", "signatory"))
        _replace_parties(copy, parties, actor)
        if before != list(copy.parties.values_list("organization_id", "signatory")):
            changed.append("parties")
    if products is not None:
        products = list(products)
        if {p.pk for p in products} != set(copy.products.values_list("pk", flat=True)):
            copy.products.set(products)
            changed.append("products")
    party_rights.notify_after_commit(copy, parties_before, actor, by_consent=by_consent)
    if party_rights.snapshot(copy) != parties_before:
        party_rights.supersede_proposals(copy, keep=by_consent)
    agreement.refresh_from_db()
    return changed


def allowed_transitions(agreement: Agreement) -> tuple[str, ...]:
    return TRANSITIONS.get(agreement.status, ())


@transaction.atomic
def do_change_status(
    agreement: Agreement, to_status: str, *, actor: Any, effective_on: dt.date, reason: str
) -> StatusChange:
    """Move along the workflow with a dated reason; a move the workflow does not allow, a
    missing reason or a date before the signing date changes nothing."""
    if to_status not in allowed_transitions(agreement):
        raise ValidationError(
            {
                "status": _("An agreement that is %(current)s cannot become %(new)s.")
                % {
                    "current": Status(agreement.status).label,
                    "new": Status(to_status).label if to_status in Status.values else to_status,
                }
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if effective_on is None:
        raise ValidationError({"effective_on": _("Give the date of the change.")})
    if agreement.signed_on and effective_on < agreement.signed_on:
        raise ValidationError({"effective_on": _("The date is before the signing date.")})
    last = agreement.status_changes.order_by("-effective_on").first()
    if last and effective_on < last.effective_on:
        raise ValidationError({"effective_on": _("The date is before the previous status change.")})
    change = StatusChange.objects.create(
        agreement=agreement,
        from_status=agreement.status,
        to_status=to_status,
        effective_on=effective_on,
        reason=reason.strip(),
        actor=history_actor(actor),
    )
    agreement.status, agreement.status_since = to_status, effective_on
    stamp_history(agreement, actor, f"status: {to_status}: {reason.strip()}"[:100])
    agreement.save(update_fields=["status", "status_since", "updated_at"])
    return change


@transaction.atomic
def do_archive_agreement(agreement: Agreement, *, actor: Any, reason: str) -> None:
    agreement.mark_archived()
    stamp_history(agreement, actor, reason or "archived")
    agreement.save(update_fields=["archived_at", "updated_at"])
    # A change of parties still awaiting answers no longer applies to an archived agreement.
    party_rights.supersede_proposals(agreement, actor=actor, reason=party_rights.ARCHIVED)


def _save_document(
    agreement: Agreement, upload, checked: uploads.CheckedFile, *, actor: Any, title: str
) -> Document:
    document = Document(
        agreement=agreement,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        title=title.strip(),
        uploaded_by=history_actor(actor),
    )
    upload.seek(0)
    document.file.save(checked.name, ContentFile(upload.read()), save=False)
    stamp_history(document, actor, "uploaded")
    document.save()
    return document


@transaction.atomic
def do_attach_document(agreement: Agreement, upload, *, actor: Any, title: str = "") -> Document:
    checked = uploads.check_upload(upload)
    return _save_document(agreement, upload, checked, actor=actor, title=title)


@transaction.atomic
def do_archive_document(document: Document, *, actor: Any) -> None:
    document.mark_archived()
    stamp_history(document, actor, "archived")
    document.save(update_fields=["archived_at"])


def _check_owner(agreement: Agreement, owner: Party | None) -> None:
    if owner is not None and owner.agreement_id != agreement.pk:
        raise ValidationError({"owner": _("The owner must be a party to this agreement.")})


@transaction.atomic
def do_add_commitment(
    agreement: Agreement,
    *,
    actor: Any,
    title: str,
    owner: Party | None = None,
    due_on: dt.date | None = None,
    is_illustrative: bool = False,
) -> Commitment:
    if not title.strip():
        raise ValidationError({"title": _("Describe the commitment.")})
    _check_owner(agreement, owner)
    if due_on and agreement.signed_on and due_on < agreement.signed_on:
        raise ValidationError({"due_on": _("The due date is before the signing date.")})
    commitment = Commitment(
        agreement=agreement, title=title.strip(), owner=owner, due_on=due_on, is_illustrative=is_illustrative
    )
    commitment.full_clean()
    stamp_history(commitment, actor, "added")
    commitment.save()
    return commitment


# What a change of a commitment may set (pages, the API and the demo loader all pass them here).
COMMITMENT_FIELDS = ("title", "owner", "due_on", "state", "done_on")


def check_commitment(commitment: Commitment) -> None:
    """The rules of a commitment as it would be saved, each naming its field."""
    if not commitment.title.strip():
        raise ValidationError({"title": _("Describe the commitment.")})
    if commitment.state not in Commitment.State.values:
        raise ValidationError({"state": _("Unknown status %(state)s.") % {"state": commitment.state}})
    if commitment.owner_id and commitment.owner.agreement_id != commitment.agreement_id:
        raise ValidationError({"owner": _("The owner must be a party to this agreement.")})
    signed = commitment.agreement.signed_on
    if commitment.due_on and signed and commitment.due_on < signed:
        raise ValidationError({"due_on": _("The due date is before the signing date.")})


@transaction.atomic
def do_update_commitment(commitment: Commitment, changes: dict[str, Any], *, actor: Any) -> list[str]:
    """Change any of COMMITMENT_FIELDS after checking the result on a copy (a bad field changes
    nothing); returns the changed fields. Done without a date is done today; a commitment that
    is not done has no done date."""
    unknown = sorted(set(changes) - set(COMMITMENT_FIELDS))
    if unknown:
        raise TypeError(f"not fields of a commitment: {', '.join(unknown)}")
    copy = Commitment.objects.select_related("agreement").get(pk=commitment.pk)
    values = {k: v.strip() if isinstance(v, str) and k == "title" else v for k, v in changes.items()}
    for name, value in values.items():
        setattr(copy, name, value)
    if copy.state == Commitment.State.DONE:
        copy.done_on = copy.done_on or timezone.localdate()
    else:
        copy.done_on = None
    check_commitment(copy)
    before = Commitment.objects.get(pk=commitment.pk)
    changed = [name for name in COMMITMENT_FIELDS if getattr(before, name) != getattr(copy, name)]
    if changed:
        copy.full_clean()
        reason = f"status: {copy.state}" if "state" in changed else "edited " + ", ".join(changed)
        stamp_history(copy, actor, reason[:100])
        copy.save(update_fields=changed)
    commitment.refresh_from_db()
    return changed


@transaction.atomic
def do_archive_commitment(commitment: Commitment, *, actor: Any) -> None:
    commitment.mark_archived()
    stamp_history(commitment, actor, "archived")
    commitment.save(update_fields=["archived_at"])


@transaction.atomic
def do_add_progress(
    agreement: Agreement,
    *,
    actor: Any,
    reported_on: dt.date,
    text: str,
    commitment: Commitment | None = None,
    attachment=None,
    is_illustrative: bool = False,
    source: str = "",
) -> ProgressUpdate:
    if not text.strip():
        raise ValidationError({"text": _("Describe the progress.")})
    if reported_on is None:
        raise ValidationError({"reported_on": _("Give the date of the progress.")})
    if agreement.signed_on and reported_on < agreement.signed_on:
        raise ValidationError({"reported_on": _("The date is before the signing date.")})
    if reported_on > timezone.localdate() + dt.timedelta(days=1):
        raise ValidationError({"reported_on": _("The date is in the future.")})
    if commitment is not None and commitment.agreement_id != agreement.pk:
        raise ValidationError({"commitment": _("The commitment belongs to another agreement.")})
    checked = uploads.check_upload(attachment, field="attachment") if attachment is not None else None
    update = ProgressUpdate(
        agreement=agreement,
        commitment=commitment,
        reported_on=reported_on,
        text=text.strip(),
        author=history_actor(actor),
        is_illustrative=is_illustrative,
        source=source,
    )
    if checked is not None:
        attachment.seek(0)
        update.attachment.save(checked.name, ContentFile(attachment.read()), save=False)
        update.attachment_name = checked.name
    stamp_history(update, actor, "reported")
    update.save()
    since = agreement.status_since or agreement.signed_on
    if agreement.status == Status.SIGNED and (since is None or reported_on >= since):
        # The first progress report means implementation has started.
        do_change_status(
            agreement,
            Status.IN_IMPLEMENTATION,
            actor=actor,
            effective_on=reported_on,
            reason=_("First progress reported."),
        )
    return update


@transaction.atomic
def do_attach_progress_file(update: ProgressUpdate, upload, *, actor: Any) -> ProgressUpdate:
    """Attach (or replace) the file of a progress update, with the documents' checks."""
    checked = uploads.check_upload(upload, field="attachment")
    upload.seek(0)
    update.attachment.save(checked.name, ContentFile(upload.read()), save=False)
    update.attachment_name = checked.name
    stamp_history(update, actor, "attachment")
    update.save(update_fields=["attachment", "attachment_name"])
    return update
