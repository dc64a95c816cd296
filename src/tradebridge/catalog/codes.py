"""HS codes typed by a person (a form field, an API list): normalised and checked against the
HS 2022 nomenclature, refused with the code named."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tradebridge.catalog.models import HSCode
from tradebridge.catalog.resolve import normalize_hs


def clean_hs_codes(codes, *, required: bool = False, field: str = "hs_codes") -> list[str]:
    """HS 2022 codes (2, 4 or 6 digits, dots allowed), each once, in the order given; a string
    is split on commas and spaces. `required`: at least one."""
    if isinstance(codes, str):
        codes = codes.replace(",", " ").split()
    cleaned: list[str] = []
    for raw in codes or ():
        try:
            code = normalize_hs(str(raw))
        except ValueError as exc:
            raise ValidationError({field: str(exc)}) from exc
        if code not in cleaned:
            cleaned.append(code)
    if required and not cleaned:
        raise ValidationError({field: _("Give at least one HS code.")})
    known = set(HSCode.objects.filter(code__in=cleaned).values_list("code", flat=True))
    unknown = [c for c in cleaned if c not in known]
    if unknown:
        raise ValidationError({field: _("Not an HS 2022 code: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return cleaned
