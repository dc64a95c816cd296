from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "tradebridge.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        # The agreement's page and PDF show focal points, groups, plans and programmes: they ask
        # for them through agreements.sections, so that the agreements app never imports this one.
        from tradebridge.agreements import sections
        from tradebridge.cooperation.pages import agreement_section

        sections.register(agreement_section)
