"""Articles and their candidate records in the API (/api/news), with the permissions of the
pages (agency staff and administrators only: 401 anonymous, 403 anyone else). A duplicate
article is a 409 naming the first; a record its owning app refuses is a 422 naming the field."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.security import django_auth

from tradebridge.core.api_errors import ErrorOut, InvalidOut
from tradebridge.news import pages, services
from tradebridge.news.access import get_article_for_user, get_candidate_for_user, require_reviewer
from tradebridge.news.forms import FORMS, proposed_values
from tradebridge.news.models import Article, Candidate, Language

router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


class ArticleIn(Schema):
    text: str
    published: dt.date
    url: str = ""
    language: str = Language.VI
    title: str = ""


class DuplicateOut(Schema):
    message: str
    first: int


class AcceptIn(Schema):
    # Corrections to the proposed fields, by the names of the candidate's form.
    fields: dict = {}


def _candidate(candidate: Candidate) -> dict:
    out = {"id": candidate.pk, "kind": candidate.kind, "status": candidate.status,
           "sentence": candidate.sentence, "start": candidate.start, "end": candidate.end,
           "proposed": candidate.proposed, "fields": candidate.fields, "record": None}
    citation = getattr(candidate, "citation", None) if candidate.status == Candidate.Status.ACCEPTED else None
    if citation is not None:
        out["record"] = {"model": citation.content_type.model if citation.content_type_id else None,
                         "id": citation.object_id, "key": citation.record_key,
                         "url": pages.record_url(citation)}
    return out


def _article(article: Article, *, full: bool = False) -> dict:
    out = {"id": article.pk, "url": article.url, "title": article.title,
           "published": article.published.isoformat(), "language": article.language,
           "created_at": article.created_at.isoformat()}
    if full:
        out["text"] = article.text
        out["facts"] = article.facts
        candidates = article.candidates.select_related("citation__content_type")
        out["candidates"] = [_candidate(c) for c in candidates]
    return out


@router.get("/articles", response={200: list[dict], **ERRORS}, auth=django_auth)
def list_articles(request):
    require_reviewer(request.user)
    return [_article(a) for a in Article.objects.all()[:200]]


@router.post("/articles", response={201: dict, 409: DuplicateOut, **ERRORS}, auth=django_auth)
def import_article(request, payload: ArticleIn):
    require_reviewer(request.user)
    try:
        article = services.do_import_article(
            actor=request.user, text=payload.text, published=payload.published, url=payload.url,
            language=payload.language, title=payload.title)
    except services.DuplicateArticle as error:
        return Status(409, {"message": error.messages[0], "first": error.first.pk})
    return Status(201, _article(article, full=True))


@router.get("/articles/{article_id}", response={200: dict, **ERRORS}, auth=django_auth)
def article_detail(request, article_id: int):
    return _article(get_article_for_user(request.user, article_id), full=True)


@router.post("/candidates/{candidate_id}/accept", response={200: dict, **ERRORS}, auth=django_auth)
def accept_candidate(request, candidate_id: int, payload: AcceptIn):
    candidate = get_candidate_for_user(request.user, candidate_id)
    data = {**proposed_values(candidate, request.user), **payload.fields}
    form = FORMS[candidate.kind]({k: v for k, v in data.items() if v is not None})
    if not form.is_valid():
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    services.do_accept_candidate(candidate, form.cleaned_data, actor=request.user)
    candidate.refresh_from_db()
    return _candidate(candidate)


@router.post("/candidates/{candidate_id}/discard", response={200: dict, **ERRORS}, auth=django_auth)
def discard_candidate(request, candidate_id: int):
    candidate = services.do_discard_candidate(get_candidate_for_user(request.user, candidate_id),
                                              actor=request.user)
    return _candidate(candidate)
