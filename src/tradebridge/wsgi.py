import os
import sys
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradebridge.settings")
application = get_wsgi_application()

# Under gunicorn the master warms up before forking (gunicorn_conf.when_ready): no thread may run
# across a fork. Elsewhere (runserver) a background thread does it.
if "gunicorn" not in sys.modules:
    from tradebridge.warm_up import warm_up

    threading.Thread(target=warm_up, name="tradebridge-warm-up", daemon=True).start()
