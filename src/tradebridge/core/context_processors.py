from django.conf import settings
from django.utils.translation import get_language_info

from tradebridge.core.i18n import current_language


def site(request):
    """Language choices for the switcher, with each language named in itself; the contact
    address shown to people who are stuck (sign-in, sign-up, error pages)."""
    languages = [
        {"code": code, "name_local": get_language_info(code)["name_local"]}
        for code, _name in settings.LANGUAGES
    ]
    return {"site_languages": languages, "current_language": current_language(),
            "contact_email": getattr(settings, "TRADEBRIDGE_CONTACT_EMAIL", "")}
