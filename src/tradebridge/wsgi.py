import os
import sys
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradebridge.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Build the product resolver (glossary index, word segmenters) before the first search;
    its database connection is closed again, so that a process forked afterwards opens its own."""
    try:
        from tradebridge.catalog.search import resolver

        resolver()
    except Exception:  # noqa: BLE001 - a cold cache only costs the first search a second
        return
    finally:
        from django.db import connections

        connections.close_all()


# Under gunicorn the master warms up before forking (gunicorn_conf.when_ready): no thread may run
# across a fork. Elsewhere (runserver) a background thread does it.
if "gunicorn" not in sys.modules:
    threading.Thread(target=warm_up, name="tradebridge-warm-up", daemon=True).start()
