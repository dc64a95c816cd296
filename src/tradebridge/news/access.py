"""Who may import and review articles: agency staff and administrators only. Articles and
their candidates are working material of the agency, not public; everyone else is refused
(anonymous users are sent to sign in by the views, signed-in outsiders and enterprise members
get a 403)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tradebridge.core.access import is_agency_or_admin
from tradebridge.news.models import Article, Candidate


def can_review(user: Any) -> bool:
    return is_agency_or_admin(user)


def require_reviewer(user: Any) -> None:
    if not can_review(user):
        raise PermissionDenied("agency staff and administrators only")


def get_article_for_user(user: Any, pk: int) -> Article:
    require_reviewer(user)
    return get_object_or_404(Article, pk=pk)


def get_candidate_for_user(user: Any, pk: int) -> Candidate:
    require_reviewer(user)
    return get_object_or_404(Candidate.objects.select_related("article"), pk=pk)
