"""The commit of a previewed delegation list, in bulk: a 20,000-row list is written with a few
hundred queries instead of a dozen per row (`imports.do_commit_import` calls `commit_plan`).

It does what `services.do_create_organization` and `services.do_add_trade_item` do for each row
— the same checks, slugs, identifiers, HS codes found from the text, and a history entry per
record with its author and reason — but checks every row first, in memory, and then writes each
table with `bulk_insert.insert_with_history` (multi-row INSERTs of the rows and of their history
records).  A refused value raises ValidationError naming its line, before anything is written.

`build_plan` (reads and checks, no writes) and `write_plan` are apart so that the task worker can
report progress while it checks the rows and hold the database's write lock only while it writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradebridge.catalog.models import HSCode
from tradebridge.catalog.search import resolver
from tradebridge.core.history import stamp_history
from tradebridge.core.text import fold
from tradebridge.geo.models import Country, Province
from tradebridge.registry import identifiers as identifier_rules
from tradebridge.registry.bulk_insert import insert_with_history
from tradebridge.registry.models import (
    Alias,
    DuplicateCandidate,
    Identifier,
    ImportBatch,
    Organization,
    TradeItem,
)
from tradebridge.registry.services import MIN_RESOLUTION_SCORE, RESERVED_SLUGS

BATCH_SIZE = 500
# Fields a bulk-built organisation is not checked for here: the foreign keys come from the
# database already and the slug is made unique in memory.
_NOT_CHECKED = ["slug", "country", "province", "zone", "merged_into"]


class _Plan:
    """The objects to write, built and checked row by row."""

    def __init__(self, batch: ImportBatch, actor: Any) -> None:
        self.batch, self.actor = batch, actor
        self.countries = {c.alpha3: c for c in Country.objects.all()}
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.taken = set(RESERVED_SLUGS)
        self.taken.update(Organization.objects.values_list("slug", flat=True))
        self.taken.update(Alias.objects.values_list("slug", flat=True))
        self.organizations: list[Organization] = []
        self.identifiers: list[tuple[int, Identifier]] = []
        self.items: list[tuple[Organization, TradeItem]] = []  # the organisation's key is set on writing
        self.candidates: list[DuplicateCandidate] = []
        self.listed: dict[int, set[tuple[str, str]]] = {}  # id(organization) -> (direction, folded text)
        self.products: dict[str, tuple[HSCode | None, bool]] = {}  # text -> (code, found from the text)
        self.folded: dict[str, str] = {}
        self.now = timezone.now()

    def slug(self, name: str) -> str:
        base = (slugify(name) or "organization")[:70]
        slug, n = base, 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug

    def create(self, row: dict[str, Any], *, held: bool) -> Organization:
        kind = row.get("kind")
        kind = kind if kind in Organization.Kind.values else Organization.Kind.ENTERPRISE
        name = row["name"].strip()
        organization = Organization(
            kind=kind, name=name, country=self.countries[row["country"]],
            province=self.provinces.get(row.get("province") or ""), name_en=row.get("name_en", ""),
            website=row.get("website", ""), address=row.get("address", "")[:255],
            contact_email=(row.get("emails") or [""])[0], contact_phone=(row.get("phones") or [""])[0][:40],
            source=f"import: {self.batch.file_name}", **({"archived_at": self.now} if held else {}))
        organization.slug = self.slug(row.get("name_en") or name)
        organization.full_clean(exclude=_NOT_CHECKED, validate_unique=False, validate_constraints=False)
        # What Organization.save() keeps for searching (bulk_create does not call save()).
        organization.search_text = fold(" ".join(
            n for n in (organization.name, organization.name_en, organization.name_vi, organization.name_lo,
                        organization.name_zh_hans) if n))
        stamp_history(organization, self.actor, f"imported from {self.batch.file_name}, line {row['line']}")
        self.organizations.append(organization)
        self.listed[id(organization)] = set()
        scheme = identifier_rules.scheme_for_country(row["country"])
        if scheme and row.get("identifier"):
            try:
                value = identifier_rules.validate(scheme, row["identifier"])
            except identifier_rules.IdentifierError as exc:
                raise ValidationError({scheme: str(exc)}) from exc
            identifier = Identifier(organization=organization, scheme=scheme, value=value)
            stamp_history(identifier, self.actor, "set")
            self.identifiers.append((row["line"], identifier))
        return organization

    def add_items(self, organization: Organization, row: dict[str, Any]) -> None:
        """Offers and needs of the row that the organisation does not list yet."""
        listed = self.listed[id(organization)]
        for direction, texts in (("offer", row.get("offers", [])), ("need", row.get("needs", []))):
            for text in texts:
                if text not in self.folded:  # lists repeat the same products many times
                    self.folded[text] = fold(text)
                key = (direction, self.folded[text])
                if key in listed:
                    continue
                listed.add(key)
                text = text[:300].strip()
                self.products.setdefault(text, (None, False))  # resolved in bulk by `resolve_products`
                # No full_clean: the direction is one of the two, and the parser refused empty
                # items and items over 300 characters already.
                item = TradeItem(direction=direction, text=text)
                stamp_history(item, self.actor, "added")
                self.items.append((organization, item))

    def registered(self, ids: list[int]) -> dict[int, Organization]:
        """Registered organisations the rows update, with the offers and needs they list."""
        found = Organization.objects.in_bulk(ids)
        for organization in found.values():
            self.listed[id(organization)] = set()
        for pk, direction, text in TradeItem.objects.active().filter(organization_id__in=ids).values_list(
                "organization_id", "direction", "text"):
            self.listed[id(found[pk])].add((direction, fold(text)))
        return found

    def check_identifiers(self) -> None:
        """An identifier already registered, or given twice in the file, refuses its line."""
        seen: set[tuple[str, str]] = set()
        for scheme in {identifier.scheme for _line, identifier in self.identifiers}:
            values = [i.value for _line, i in self.identifiers if i.scheme == scheme]
            for start in range(0, len(values), BATCH_SIZE):
                known = Identifier.objects.filter(scheme=scheme, value__in=values[start:start + BATCH_SIZE])
                seen.update((scheme, value) for value in known.values_list("value", flat=True))
        for line, identifier in self.identifiers:
            key = (identifier.scheme, identifier.value)
            if key in seen:
                raise _on_line(line, ValidationError(
                    {identifier.scheme: _("%(value)s is already registered to another organisation.")
                     % {"value": identifier.value}}))
            seen.add(key)

    def resolve_products(self) -> None:
        """The HS code of each offer and need, as `services.resolve_product` finds it from the
        text, with one look-up per distinct text and one query for all the codes."""
        engine = resolver() if self.products else None
        found: dict[str, str] = {}
        for text in self.products:
            best = engine.resolve_best(text)
            if best is not None and best.score >= MIN_RESOLUTION_SCORE and best.kind != "fuzzy":
                found[text] = best.hs
        codes = HSCode.objects.in_bulk(set(found.values()), field_name="code") if found else {}
        for text, code in found.items():
            self.products[text] = (codes.get(code), True)
        for _organization, item in self.items:
            item.hs, item.hs_resolved = self.products[item.text]

    def write(self) -> None:
        insert_with_history(Organization, self.organizations)
        for _line, identifier in self.identifiers:
            identifier.organization_id = identifier.organization.pk
        insert_with_history(Identifier, [i for _line, i in self.identifiers])
        for organization, item in self.items:
            item.organization_id = organization.pk
        insert_with_history(TradeItem, [item for _organization, item in self.items])
        if self.candidates:
            for candidate in self.candidates:
                candidate.organization_id = candidate.organization.pk
            DuplicateCandidate.objects.bulk_create(self.candidates, batch_size=BATCH_SIZE)


Progress = Callable[[int, int], None]  # (rows checked, rows in all)
PROGRESS_EVERY = 1000


def build_plan(batch: ImportBatch, plan: list[dict[str, Any]], *, actor: Any, actions: tuple[str, ...],
               progress: Progress | None = None) -> tuple[_Plan, dict[str, int]]:
    """Build and check in memory what `plan` (see `imports.import_plan`) writes for `batch`'s
    rows, without writing; returns the work and the count of each action. `actions` are the
    action names (create, update, review, same_row, skip). Raises ValidationError naming the
    line of a refused value."""
    create, update, review, same_row, skip = actions
    work = _Plan(batch, actor)
    registered = work.registered([s["record_id"] for s in plan if s["action"] == update])
    decisions = {d["row_line"]: d for d in batch.decisions}
    done = dict.fromkeys(actions, 0)
    organization_of: dict[int, Organization] = {}
    for number, (row, step) in enumerate(zip(batch.rows, plan, strict=True)):
        if progress is not None and number and number % PROGRESS_EVERY == 0:
            progress(number, len(plan))
        line, action = row["line"], step["action"]
        try:
            if action == same_row:
                work.add_items(organization_of[step["into"]], row)
            elif action == update:
                organization_of[line] = registered[step["record_id"]]
                work.add_items(organization_of[line], row)
            elif action in (create, review):
                organization_of[line] = work.create(row, held=action == review)
                work.add_items(organization_of[line], row)
                if action == review:
                    decision = decisions[line]
                    work.candidates.append(DuplicateCandidate(
                        organization=organization_of[line], candidate_id=step["record_id"], batch=batch,
                        probability=decision["probability"], reasons=decision["reasons"]))
        except ValidationError as exc:
            raise _on_line(line, exc) from exc
        done[action] += 1
    work.check_identifiers()
    work.resolve_products()
    return work, done


def commit_plan(batch: ImportBatch, plan: list[dict[str, Any]], *, actor: Any,
                actions: tuple[str, ...]) -> dict[str, int]:
    """Carry out `plan` for `batch`'s rows (`build_plan`, then write); returns the count of each
    action."""
    work, done = build_plan(batch, plan, actor=actor, actions=actions)
    work.write()
    return done


def _on_line(line: int, exc: ValidationError) -> ValidationError:
    return ValidationError(_("line %(line)s: %(reason)s") % {"line": line, "reason": "; ".join(exc.messages)})
