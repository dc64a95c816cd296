"""Access to the HS nomenclature and glossary: public to read, administrators change them."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tradebridge.catalog.models import HSCode
from tradebridge.catalog.resolve import normalize_hs


def access_hs_code(user: Any, code: str) -> HSCode:
    """The chapter, heading or subheading `code` (dots allowed). A malformed code raises
    ValueError naming it; an unknown one Http404."""
    digits = normalize_hs(code)
    try:
        return HSCode.objects.select_related("section", "parent__parent").get(code=digits)
    except HSCode.DoesNotExist as exc:
        raise Http404(f"no HS code {code!r}") from exc
