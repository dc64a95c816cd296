from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "tradebridge.chains"
    label = "chains"
    verbose_name = _("Industrial linkage chains")

    def ready(self) -> None:
        from tradebridge.chains.gaps import prepare_years
        from tradebridge.trade.hooks import after_flows_import

        # The gap report's density matrix is computed when the flows are imported, not by the
        # first report of each process.
        after_flows_import(prepare_years)
