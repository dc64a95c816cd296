"""Resolution rules beyond the glossary's words, mixed into
:class:`~tradebridge.catalog.resolve.ProductResolver`: a machine for a product is a machine,
and Lao and Chinese compounds are matched by character n-grams."""

from __future__ import annotations

from dataclasses import replace

from tradebridge.catalog.textrules import IGNORED
from tradebridge.core.text import HAN, LAO, Token


class RuleMatching:
    """Needs the resolver's ``rules`` (TextRules), ``_compact`` (Lao and Chinese terms as
    strings → term ids) and ``_offer``."""

    def _as_machines(self, ranked: list, limit: int) -> list:
        """A text naming a machine for X: X's matches become the machine heading that
        processes X, unless the best match is itself a machine (``máy bơm``, ``碾米机``)."""
        machines = [m for m in ranked if m.hs[:2] in ("84", "85") or self.rules.is_machine_term(m.term)]
        if machines and machines[0] is ranked[0]:
            return machines  # not the product it processes as well
        top = ranked[0]
        moved = replace(top, hs=self.rules.machine_code(top.hs), kind="machine")
        return [moved, *(m for m in machines if m.hs != moved.hs)][:limit]

    def _match_compounds(self, tokens: list[Token], flags: list[int], best) -> None:
        """Character n-grams of Lao and Chinese runs against whole Lao and Chinese terms:
        compounds the segmenters cut differently (``晒青毛茶``, ``ມັນຕົ້ນຕາກແຫ້ງ``).  A
        Chinese compound's head is its end, a Lao one's its start: the head scores higher."""
        runs: list[tuple[str, str]] = []
        for token, flag in zip(tokens, flags, strict=True):
            if token.script in (LAO, HAN) and flag < IGNORED:
                if runs and runs[-1][0] == token.script:
                    runs[-1] = (token.script, runs[-1][1] + token.folded)
                else:
                    runs.append((token.script, token.folded))
            else:
                runs.append(("", ""))
        for script, run in runs:
            size = len(run)
            shortest = 2 if script == HAN else 3
            for start in range(size):
                for end in range(min(size, start + 24), start + shortest - 1, -1):
                    tids = self._compact.get(run[start:end])
                    if not tids:
                        continue
                    coverage = (end - start) / size
                    head = (end == size) if script == HAN else (start == 0)
                    score = round(0.62 + 0.2 * coverage + (0.05 if head else 0.0), 4)
                    for tid in tids:
                        self._offer(tid, min(score, 0.86), "words", best)
                    break
