"""Static files storage: WhiteNoise's compressed manifest storage (content-hashed names cached
for a year, gzip copies beside them) once ``collectstatic`` has written its manifest, which
``tradebridge serve`` does before it starts; plain names served by WhiteNoise's finders before
that (``make run``, the tests), where no manifest exists."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # CSS url() references are rewritten to hashed names; JavaScript is left as it is (vendored
    # scripts name source maps they do not ship, e.g. leaflet.js.map).
    patterns = tuple((glob, found) for glob, found in CompressedManifestStaticFilesStorage.patterns
                     if glob != "*.js")

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            return name
        return super().stored_name(name)
