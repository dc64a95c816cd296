"""gunicorn settings for ``tradebridge serve`` (its command line gives the rest).

The application is loaded once, in the master, and its product resolver (glossary index, word
segmenters: seconds of CPU) is built there before the workers are forked: they inherit it instead
of each building it during its first searches, and share its memory pages.
"""

preload_app = True


def when_ready(server) -> None:  # noqa: ARG001 - gunicorn's hook signature
    from tradebridge.warm_up import warm_up

    warm_up()
