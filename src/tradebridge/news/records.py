"""Turning an accepted candidate into the real record, through the owning app's service.

Each builder takes the checked fields of a candidate form and returns (record, key): the ORM
record (None for a reported trade figure, which lives in the trade store) and the key of a
store row. Every record names the article as its source: "address (date): “sentence”",
cut to the length its source field holds."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from tradebridge.news.models import Article, Candidate


def source_label(article: Article) -> str:
    return f"{article.url or article.title or _('news article')} ({article.published.isoformat()})"


def source_text(article: Article, sentence: str, limit: int | None = None) -> str:
    """The article and the quoted sentence in one line, at most `limit` characters (the quote
    is shortened with an ellipsis first; the address and date always fit)."""
    label = source_label(article)
    sentence = " ".join(sentence.split())
    text = f"{label}: “{sentence}”"
    if limit is None or len(text) <= limit:
        return text
    room = limit - len(label) - len(": “…”")
    if room < 20:
        return label[:limit]
    return f"{label}: “{sentence[:room].rstrip()}…”"


def _trade_figure(article: Article, candidate: Candidate, data: dict, actor: Any):
    from tradebridge.trade.services import do_import_reported
    from tradebridge.trade.store import TradeImportError

    row = {
        "year": data["year"], "reporter": data["reporter"], "partner": data["partner"],
        "flow": data["flow"], "hs_or_group": data["hs_or_group"], "value": f"{data['value']:f}",
        "currency": "USD", "source": source_text(article, candidate.sentence),
        "qualifier": data.get("qualifier") or "",
        "growth_pct": "" if data.get("growth_pct") is None else f"{data['growth_pct']:f}",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    upload = SimpleUploadedFile(f"news-article-{article.pk}.csv", buffer.getvalue().encode("utf-8"),
                                content_type="text/csv")
    try:
        do_import_reported(upload, actor=actor, source=row["source"])
    except TradeImportError as error:
        problems = [f"{field}: {reason}" for _file, _line, field, reason in error.errors]
        raise ValidationError(problems) from None
    key = "/".join(str(row[k]) for k in ("year", "reporter", "partner", "flow", "hs_or_group"))
    return None, f"reported:{key}"


def _investment(article: Article, candidate: Candidate, data: dict, actor: Any):
    from tradebridge.trade.models import InvestmentRecord
    from tradebridge.trade.services import do_create_investment

    source_field = InvestmentRecord._meta.get_field("source")
    record = do_create_investment(
        actor=actor, **data, source=source_label(article)[: source_field.max_length],
        citation=candidate.sentence)
    return record, ""


def _event(article: Article, candidate: Candidate, data: dict, actor: Any):
    from tradebridge.events.models import Event
    from tradebridge.events.services import do_create_event

    data = dict(data)
    organizers = data.pop("organizers")
    limit = Event._meta.get_field("source").max_length
    record = do_create_event(actor=actor, organizers=organizers, primary_language="vi",
                             source=source_text(article, candidate.sentence, limit), **data)
    return record, ""


def _agreement(article: Article, candidate: Candidate, data: dict, actor: Any):
    from tradebridge.agreements.models import Agreement
    from tradebridge.agreements.services import PartyIn, do_create_agreement

    data = dict(data)
    parties = [PartyIn(organization) for organization in data.pop("parties")]
    others = data.pop("other_categories", [])
    limit = Agreement._meta.get_field("source").max_length
    record = do_create_agreement(actor=actor, parties=parties, other_categories=others,
                                 source=source_text(article, candidate.sentence, limit), **data)
    return record, ""


def _labour(article: Article, candidate: Candidate, data: dict, actor: Any):
    from tradebridge.cooperation.models import LabourProgramme
    from tradebridge.cooperation.services import do_create_labour_programme

    limit = LabourProgramme._meta.get_field("source").max_length
    record = do_create_labour_programme(actor=actor, source=source_text(article, candidate.sentence, limit),
                                        **data)
    return record, ""


BUILDERS = {
    Candidate.Kind.TRADE_FIGURE: _trade_figure,
    Candidate.Kind.INVESTMENT: _investment,
    Candidate.Kind.EVENT: _event,
    Candidate.Kind.AGREEMENTS: _agreement,
    Candidate.Kind.LABOUR: _labour,
}


def create_record(candidate: Candidate, data: dict, *, actor: Any):
    return BUILDERS[candidate.kind](candidate.article, candidate, data, actor)
