import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradebridge.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Build the product resolver (glossary index, word segmenters) before the first search."""
    try:
        from tradebridge.catalog.search import resolver

        resolver()
    except Exception:  # noqa: BLE001 - a cold cache only costs the first search a second
        return
    finally:
        from django.db import connection

        connection.close()


threading.Thread(target=_warm_up, name="tradebridge-warm-up", daemon=True).start()
