from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BootstrapConfig(AppConfig):
    """Loads reference and demo data into the other apps; nothing depends on it."""

    name = "tradebridge.bootstrap"
    label = "bootstrap"
    verbose_name = _("Data loading")
