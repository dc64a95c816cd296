"""Pages of the news app: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.news import pages, services
from tradebridge.news.access import get_article_for_user, get_candidate_for_user, require_reviewer
from tradebridge.news.forms import ArticleForm, candidate_form


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    require_reviewer(request.user)
    return render(request, "news/article_list.html", {"articles": pages.articles_with_counts()[:200]})


@login_required
@require_http_methods(["GET", "POST"])
def article_import(request: HttpRequest) -> HttpResponse:
    require_reviewer(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None)
    first = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.do_import_article(
                actor=request.user, text=data["text"], published=data["published"], url=data["url"],
                language=data["language"], title=data["title"])
        except services.DuplicateArticle as error:
            first = error.first
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Article stored: %(count)s records proposed.")
                             % {"count": article.candidates.count()})
            return redirect("news:review", pk=article.pk)
    return render(request, "news/article_import.html", {"form": form, "first": first})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            for problem in problems:
                known = field in form.fields
                form.add_error(field if known else None,
                               problem if known or field == "__all__" else f"{field}: {problem}")
    else:
        for problem in error.messages:
            form.add_error(None, problem)


@login_required
def article_review(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request.user, pk)
    return render(request, "news/review.html", pages.review_context(article, request.user))


@login_required
@require_POST
def candidate_accept(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, pk)
    if not candidate.is_open:
        messages.error(request, services.closed_message(candidate))
        return _back_to(candidate)
    form = candidate_form(candidate, request.user, request.POST)
    if form.is_valid():
        try:
            services.do_accept_candidate(candidate, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Record saved with the article as its source."))
            return _back_to(candidate)
    context = pages.review_context(candidate.article, request.user, bound={candidate.pk: form})
    return render(request, "news/review.html", context)


@login_required
@require_POST
def candidate_discard(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, pk)
    try:
        services.do_discard_candidate(candidate, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Candidate discarded."))
    return _back_to(candidate)


def _back_to(candidate) -> HttpResponse:
    return redirect(reverse("news:review", args=[candidate.article_id]) + f"#candidate-{candidate.pk}")
