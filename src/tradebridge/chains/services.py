"""Writes to chains, their stages and their members. Every write keeps its author and reason in
the history (core.history.stamp_history) and checks the record (full_clean) before saving."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.chains.definition import ChainDef, DefinitionError
from tradebridge.chains.models import Chain, Member, Stage
from tradebridge.core.history import stamp_history

# A keyword left out on an update keeps the chain's value (on create: the contract's default).
_KEEP: Any = object()
_CREATE_DEFAULTS = {
    "agreement": None,
    "sector": None,
    "horizon_year": None,
    "is_public": True,
    "is_project_mapping": False,
    "is_illustrative": False,
    "description": "",
    "demo_key": "",
}
# Addresses under /chains/ that a chain's slug would hide.
RESERVED_SLUGS = frozenset({"new", "upload", "pilots", "reports", "activity-links"})
NAME_FIELDS = {"vi": "name_vi", "lo": "name_lo", "zh-hans": "name_zh_hans", "en": "name_en"}


def _names(names: dict[str, str]) -> dict[str, str]:
    values = {field: (names.get(code) or "").strip() for code, field in NAME_FIELDS.items()}
    if not values["name_en"]:
        # English is the fallback language and the one name a record must have.
        values["name_en"] = next((v for v in values.values() if v), "")
    return values


def _stage_values(stage_def, position: int) -> dict:
    return {
        "position": position,
        **_names(stage_def.names),
        "hs_codes": list(stage_def.hs),
        "bec_stage": stage_def.bec_stage or "",
        "subheadings": sorted(stage_def.subheadings),
    }


@transaction.atomic
def do_save_chain(
    chain_def: ChainDef,
    *,
    actor: Any,
    chain: Chain | None = None,
    agreement=_KEEP,
    sector=_KEEP,
    horizon_year=_KEEP,
    is_public=_KEEP,
    is_project_mapping=_KEEP,
    is_illustrative=_KEEP,
    description=_KEEP,
    demo_key=_KEEP,
) -> Chain:
    """Create a chain from its definition (`chain` None) or replace the names and stages of
    `chain` by those of the definition. Stages are matched by their key; a stage that still has
    members cannot be removed (DefinitionError naming it)."""
    given = {
        "agreement": agreement,
        "sector": sector,
        "horizon_year": horizon_year,
        "is_public": is_public,
        "is_project_mapping": is_project_mapping,
        "is_illustrative": is_illustrative,
        "description": description,
        "demo_key": demo_key,
    }
    creating = chain is None
    if creating:
        if chain_def.slug in RESERVED_SLUGS:
            raise DefinitionError(
                _("The chain id %(id)s is reserved for a page of the site: choose another.")
                % {"id": chain_def.slug}
            )
        chain = Chain(
            slug=chain_def.slug, created_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        given = {k: (_CREATE_DEFAULTS[k] if v is _KEEP else v) for k, v in given.items()}
    else:
        chain = Chain.objects.select_for_update().get(pk=chain.pk)
        if chain_def.slug != chain.slug:
            raise DefinitionError(
                _("The file is for chain %(file)s, not %(chain)s.")
                % {"file": chain_def.slug, "chain": chain.slug}
            )
        given = {k: v for k, v in given.items() if v is not _KEEP}
    for field, value in {**_names(chain_def.names), **given, "hs_codes": list(chain_def.hs)}.items():
        setattr(chain, field, value)
    chain.full_clean()
    stamp_history(chain, actor, "chain created" if creating else "chain saved")
    chain.save()
    _replace_stages(chain, chain_def, actor)
    return chain


def _replace_stages(chain: Chain, chain_def: ChainDef, actor: Any) -> None:
    existing = {s.key: s for s in chain.stages.all()}
    wanted = {s.key for s in chain_def.stages}
    for key, stage in existing.items():
        if key in wanted:
            continue
        if stage.members.active().exists():
            raise DefinitionError(
                _(
                    "Stage %(stage)s has members and cannot be removed: archive them or move them to "
                    "another stage first."
                )
                % {"stage": key}
            )
        if stage.members.exists():
            raise DefinitionError(
                _("Stage %(stage)s keeps the history of archived members and cannot be removed.")
                % {"stage": key}
            )
        stamp_history(stage, actor, "stage removed")
        stage.delete()
    # Out of the way of the (chain, position) constraint while the stages are renumbered.
    chain.stages.update(position=F("position") + 10000)
    for position, stage_def in enumerate(chain_def.stages, start=1):
        stage = existing.get(stage_def.key) or Stage(chain=chain, key=stage_def.key)
        for field, value in _stage_values(stage_def, position).items():
            setattr(stage, field, value)
        stage.full_clean(validate_constraints=False)
        stamp_history(stage, actor, "stage saved")
        stage.save()


def do_archive_chain(chain: Chain, *, actor: Any, reason: str = "") -> None:
    chain.mark_archived()
    stamp_history(chain, actor, f"archived: {reason}" if reason else "archived")
    chain.save(update_fields=["archived_at", "updated_at"])


# -- members ---------------------------------------------------------------------------------

MEMBER_FIELDS = ("stage", "role", "zone", "is_sme", "status", "agreement", "note")


def _check_member(member: Member) -> None:
    """The rules of a membership that the model alone cannot check; errors by field."""
    errors: dict[str, str] = {}
    chain = member.chain
    if chain.archived_at is not None:
        errors["__all__"] = _("This chain is archived.")
    if member.stage_id and member.stage.chain_id != chain.pk:
        errors["stage"] = _("Stage %(stage)s is not a stage of this chain.") % {"stage": member.stage.key}
    organization = member.organization
    if organization.archived_at is not None:
        errors["organization"] = _("%(organization)s is archived.") % {
            "organization": organization.display_name
        }
    elif member.stage_id and member.role:
        twin = Member.objects.active().filter(
            chain=chain, stage_id=member.stage_id, organization=organization, role=member.role
        )
        if member.pk:
            twin = twin.exclude(pk=member.pk)
        if twin.exists():
            errors["organization"] = _(
                "%(organization)s is already a member at stage %(stage)s as %(role)s."
            ) % {
                "organization": organization.display_name,
                "stage": member.stage.key,
                "role": member.get_role_display(),
            }
    if member.zone_id and member.zone.country_id != member.country_id:
        errors["zone"] = _("Zone %(zone)s is not in %(country)s, the member's country.") % {
            "zone": member.zone.name,
            "country": member.country.name,
        }
    if member.agreement_id and not member.agreement.parties.filter(organization=organization).exists():
        errors["agreement"] = _("%(organization)s is not a party to this agreement.") % {
            "organization": organization.display_name
        }
    elif member.status == Member.Status.COMMITTED and not member.agreement_id:
        errors["agreement"] = _("A committed member needs the agreement it signed.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_member(
    chain: Chain,
    *,
    actor: Any,
    stage: Stage,
    organization,
    role: str,
    zone=None,
    is_sme: bool = False,
    status: str = Member.Status.CANDIDATE,
    agreement=None,
    note: str = "",
    is_illustrative: bool = False,
) -> Member:
    member = Member(
        chain=chain,
        stage=stage,
        organization=organization,
        country_id=organization.country_id,
        role=role,
        zone=zone,
        is_sme=is_sme,
        status=status or Member.Status.CANDIDATE,
        agreement=agreement,
        note=note or "",
        is_illustrative=is_illustrative,
        joined_on=timezone.localdate(),
    )
    member.full_clean()
    _check_member(member)
    stamp_history(member, actor, "member added")
    member.save()
    return member


@transaction.atomic
def do_update_member(member: Member, changes: dict, *, actor: Any) -> bool:
    """Change the stage, role, zone, SME flag, status, agreement or note; False when nothing
    changed."""
    unknown = set(changes) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationError({field: _("This field cannot be changed here.") for field in sorted(unknown)})
    member = (
        Member.objects.select_for_update()
        .select_related("chain", "organization", "country")
        .get(pk=member.pk)
    )
    changed = [
        f for f, v in changes.items() if getattr(member, f) != (v if v is not None or f != "note" else "")
    ]
    if not changed:
        return False
    for field in changed:
        value = changes[field]
        setattr(member, field, "" if value is None and field == "note" else value)
    member.full_clean()
    _check_member(member)
    stamp_history(member, actor, "member changed: " + ", ".join(changed))
    member.save(update_fields=changed)
    return True


def do_archive_member(member: Member, *, actor: Any) -> None:
    member.mark_archived()
    stamp_history(member, actor, "member archived")
    member.save(update_fields=["archived_at"])
