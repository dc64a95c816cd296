"""Writes of the news app (`do_<verb>_<noun>`): importing an article (stored once, with its
facts and candidate records), accepting a candidate (the real record is created by its owning
app and cites the article) and discarding one. Each keeps history with its author."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core.history import history_actor, stamp_history
from tradebridge.news.models import Article, Candidate, Language, SourceCitation

MAX_TEXT = 200_000


class DuplicateArticle(ValidationError):
    """The article is already stored; `first` is the stored one."""

    def __init__(self, message: str, first: Article):
        super().__init__(message, code="duplicate")
        self.first = first


def clean_text(text: str) -> str:
    """The article as stored: NFC (the facts' offsets refer to it), line ends as \\n."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(clean_text(text).split()).encode("utf-8")).hexdigest()


def find_duplicate(*, text: str, url: str = "") -> tuple[Article | None, str]:
    """The stored article with the same address or the same text, and what matched."""
    if url:
        first = Article.objects.filter(url=url).first()
        if first:
            return first, "url"
    first = Article.objects.filter(text_hash=text_hash(text)).first()
    return (first, "text") if first else (None, "")


def _duplicate_message(first: Article, matched: str) -> str:
    names = {"first": first.label, "date": first.created_at.date().isoformat(), "id": first.pk}
    if matched == "url":
        return _("This address is already stored: article #%(id)s “%(first)s”, added on %(date)s.") % names
    return _("The same text is already stored: article #%(id)s “%(first)s”, added on %(date)s.") % names


def _check_article(text: str, url: str, language: str, published: Any) -> None:
    errors = {}
    if not text:
        errors["text"] = _("The article has no text.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("The article is longer than %(max)s characters.") % {"max": MAX_TEXT}
    elif "\x00" in text:
        errors["text"] = _("The text contains a NUL character: it is not plain text.")
    if language not in Language.values:
        errors["language"] = _("Unknown language %(code)s.") % {"code": language}
    if not isinstance(published, dt.date):
        errors["published"] = _("Give the publication date.")
    if errors:
        raise ValidationError(errors)


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:297] + "…" if len(line) > 300 else line


@transaction.atomic
def do_import_article(*, actor: Any, text: str, published: dt.date, url: str = "",
                      language: str = Language.VI, title: str = "") -> Article:
    """Store the article, extract its facts and propose its candidate records. An article whose
    address or text is already stored is refused with DuplicateArticle naming the first."""
    text, url = clean_text(text), (url or "").strip()
    _check_article(text, url, language, published)
    first, matched = find_duplicate(text=text, url=url)
    if first is not None:
        raise DuplicateArticle(_duplicate_message(first, matched), first)
    facts, proposals = read_article(text, published, language)
    article = Article(url=url, title=(title or "").strip()[:300] or _first_line(text), published=published,
                      language=language, text=text, text_hash=text_hash(text), facts=facts,
                      added_by=history_actor(actor))
    article.full_clean(exclude=["text_hash", "facts"])
    stamp_history(article, actor, "imported")
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:  # stored meanwhile by someone else
        first, matched = find_duplicate(text=text, url=url)
        if first is None:
            raise
        raise DuplicateArticle(_duplicate_message(first, matched), first) from None
    for proposal in proposals:
        if proposal.get("kind") not in Candidate.Kind.values:
            continue
        candidate = Candidate(article=article, kind=proposal["kind"], sentence=proposal.get("sentence", ""),
                              start=max(0, int(proposal.get("start") or 0)),
                              end=max(0, int(proposal.get("end") or 0)),
                              proposed=jsonable(proposal.get("fields") or {}))
        stamp_history(candidate, actor, "proposed")
        candidate.save()
    return article


def read_article(text: str, published: dt.date, language: str) -> tuple[dict, list[dict]]:
    """The article's facts and the records proposed from them (the extraction engine)."""
    from tradebridge.news.extraction import extract_facts
    from tradebridge.news.relations import propose_records

    facts = extract_facts(text, published=published, lang=language)
    return facts, propose_records(text, facts)


def jsonable(value: Any) -> Any:
    """Form data as JSON: records by their key (slug, code or id), dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [jsonable(v) for v in value]
    if isinstance(value, models.Model):
        for name in ("slug", "alpha3", "code"):
            if hasattr(value, name):
                return getattr(value, name)
        return value.pk
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def closed_message(candidate: Candidate) -> str:
    if candidate.status == Candidate.Status.ACCEPTED:
        return _("This candidate was already accepted.")
    return _("This candidate was already discarded.")


def _check_open(candidate: Candidate) -> None:
    if not candidate.is_open:
        raise ValidationError(closed_message(candidate))


@transaction.atomic
def do_accept_candidate(candidate: Candidate, data: dict, *, actor: Any) -> SourceCitation:
    """Create the candidate's record from the checked `data` (a candidate form's cleaned data)
    with the owning app's service; the record cites the article and the sentence. A record the
    owning app refuses raises its ValidationError, and nothing changes."""
    from tradebridge.news.records import create_record

    candidate = Candidate.objects.select_for_update().select_related("article").get(pk=candidate.pk)
    _check_open(candidate)
    record, key = create_record(candidate, data, actor=actor)
    citation = SourceCitation(article=candidate.article, candidate=candidate, record_key=key,
                              sentence=candidate.sentence)
    if record is not None:
        citation.record = record
    stamp_history(citation, actor, "cited")
    citation.save()
    candidate.status, candidate.fields = Candidate.Status.ACCEPTED, jsonable(data)
    candidate.decided_by, candidate.decided_at = history_actor(actor), timezone.now()
    stamp_history(candidate, actor, "accepted")
    candidate.save(update_fields=["status", "fields", "decided_by", "decided_at"])
    return citation


@transaction.atomic
def do_discard_candidate(candidate: Candidate, *, actor: Any) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _check_open(candidate)
    candidate.status = Candidate.Status.DISCARDED
    candidate.decided_by, candidate.decided_at = history_actor(actor), timezone.now()
    stamp_history(candidate, actor, "discarded")
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
    return candidate
