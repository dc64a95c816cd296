"""What the news pages show, built without HTTP: the review page's highlighted text, legend,
candidate forms, and where each accepted record can be seen."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from tradebridge.news import highlight
from tradebridge.news.forms import candidate_form
from tradebridge.news.models import Article, Candidate, SourceCitation


def articles_with_counts():
    statuses = Candidate.Status
    return Article.objects.select_related("added_by").annotate(
        proposed=Count("candidates", filter=Q(candidates__status=statuses.PROPOSED)),
        accepted=Count("candidates", filter=Q(candidates__status=statuses.ACCEPTED)),
        discarded=Count("candidates", filter=Q(candidates__status=statuses.DISCARDED)),
    )


def record_url(citation: SourceCitation) -> str:
    """The page that shows the record the candidate became ('' when none does)."""
    if citation.record_key.startswith("reported:"):
        _year, reporter, partner, *_rest = citation.record_key.removeprefix("reported:").split("/")
        return reverse("trade:province") + "?" + urlencode({"reporter": reporter, "partner": partner})
    if citation.content_type_id is None:
        return ""
    model, pk = citation.content_type.model, citation.object_id
    if model == "event":
        record = citation.record
        return reverse("events:detail", args=[record.slug]) if record else ""
    if model == "investmentrecord":
        return reverse("trade:investments")
    if model == "agreement":
        return reverse("agreements:detail", args=[pk])
    if model == "labourprogramme":
        return reverse("cooperation:programmes") + f"#labour-{pk}"
    return ""


def review_context(article: Article, user: Any, bound: dict[int, Any] | None = None) -> dict:
    """`bound`: candidate id → a bound form to show with its errors instead of the first values."""
    bound = bound or {}
    candidates = []
    for candidate in article.candidates.select_related("decided_by", "citation__content_type"):
        item = {"candidate": candidate, "form": None, "url": ""}
        if candidate.is_open:
            item["form"] = bound.get(candidate.pk) or candidate_form(candidate, user)
        elif candidate.status == Candidate.Status.ACCEPTED and hasattr(candidate, "citation"):
            item["url"] = record_url(candidate.citation)
        candidates.append(item)
    return {
        "article": article,
        "segments": highlight.segments(article.text, article.facts),
        "legend": highlight.legend(),
        "candidates": candidates,
        "countries": (article.facts or {}).get("countries") or [],
    }

