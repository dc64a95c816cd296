"""The chain definition format ``tradebridge.chain/1`` (spec/chains.md): parse, check, resolve
each stage to its HS 2022 subheadings, and write back.

A code at 2, 4 or 6 digits stands for every subheading under it.  A stage with ``bec_stage`` also
takes the chain-wide top-level ``hs`` subheadings whose BEC Rev.4 stage of processing is that one
(placement rule in :mod:`tradebridge.chains.bec`).  A subheading may sit in one stage only.
Keys the format does not name (a "note", "horizon_year", …) are kept as they are, at the top and
in stages, and written back.  Every refusal is a :class:`DefinitionError` whose message names the
stage and the code; the messages are translated because the upload form shows them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tradebridge.chains.bec import BEC_STAGES, bec_stage_of, hs_nomenclature

FORMAT = "tradebridge.chain/1"
LANGUAGES: tuple[str, ...] = ("vi", "lo", "zh-hans", "en")
NAME_MAX = 200  # the name columns of Chain and Stage
ID_RE = re.compile(r"[-a-zA-Z0-9_]{1,64}")
BUILTIN_DIR = Path(__file__).resolve().parent / "data" / "builtin"
BUILTIN_SLUGS: tuple[str, ...] = (
    "materials", "chemicals", "textiles-leather", "mechanical-transport", "dairy", "electronics", "power",
)
_CHAIN_KEYS = ("format", "id", "name", "hs", "stages")
_STAGE_KEYS = ("id", "name", "hs", "bec_stage")


class DefinitionError(ValueError):
    """A chain file that cannot be used; the message names the stage and code."""

    def __init__(self, message: str, *, stage: str = "", code: str = ""):
        super().__init__(message)
        self.message = message
        self.stage = stage
        self.code = code


@dataclass(frozen=True)
class StageDef:
    key: str
    names: dict[str, str]  # "vi", "lo", "zh-hans", "en" → name ("" where the file gives none)
    hs: tuple[str, ...]
    bec_stage: str  # "" if none
    subheadings: tuple[str, ...]  # sorted HS6 codes
    extra: dict[str, Any] = field(default_factory=dict, compare=True)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class ChainDef:
    slug: str
    names: dict[str, str]
    hs: tuple[str, ...]  # the top-level codes, for stages given by bec_stage
    stages: tuple[StageDef, ...]
    extra: dict[str, Any] = field(default_factory=dict)
    _by_code: dict[str, StageDef] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_code", {c: s for s in self.stages for c in s.subheadings})

    def stage_of(self, hs6: str) -> StageDef | None:
        return self._by_code.get(hs6)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_code))


# --- parsing ---------------------------------------------------------------------------------
def parse_definition(data: dict | str | bytes) -> ChainDef:
    """A checked ChainDef from a ``tradebridge.chain/1`` document (a dict, or its JSON text)."""
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DefinitionError(_("The chain file is not UTF-8 text.")) from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise DefinitionError(
                _("The chain file is not valid JSON: line %(line)d, column %(column)d.")
                % {"line": exc.lineno, "column": exc.colno}
            ) from None
        except RecursionError:
            raise DefinitionError(_("The chain file is not valid JSON: it is nested too deeply.")) from None
    if not isinstance(data, dict):
        raise DefinitionError(_("A chain file holds one JSON object."))
    if "format" not in data:
        raise DefinitionError(
            _("The chain file has no \"format\": it must say \"format\": \"%(expected)s\".")
            % {"expected": FORMAT}
        )
    if data["format"] != FORMAT:
        raise DefinitionError(
            _("Unknown format %(format)s: a chain file says \"format\": \"%(expected)s\".")
            % {"format": _shown(data["format"]), "expected": FORMAT}
        )
    slug = data.get("id")
    if not isinstance(slug, str) or not ID_RE.fullmatch(slug):
        raise DefinitionError(
            _("The chain id %(id)s is not valid: use letters, digits, hyphens and underscores "
              "(at most 64).") % {"id": _shown(slug)}
        )
    names = _names(data.get("name"), stage=None)
    top = _codes(data.get("hs", []), stage=None) if "hs" in data else ()
    top_subheadings = _expand(top)
    stages_data = data.get("stages")
    if not isinstance(stages_data, list) or not stages_data:
        raise DefinitionError(_("The chain has no stages: \"stages\" must be a list of at least one stage."))
    stages: list[StageDef] = []
    seen: dict[str, str] = {}  # subheading → stage key
    for number, raw in enumerate(stages_data, start=1):
        stage = _stage(raw, number, top, top_subheadings)
        if any(s.key == stage.key for s in stages):
            raise DefinitionError(_("Stage %(stage)s appears twice.") % {"stage": stage.key}, stage=stage.key)
        for code in stage.subheadings:
            if code in seen:
                raise DefinitionError(
                    _("Subheading %(code)s is in two stages: %(first)s and %(second)s.")
                    % {"code": code, "first": seen[code], "second": stage.key},
                    stage=stage.key, code=code,
                )
            seen[code] = stage.key
        stages.append(stage)
    extra = {k: v for k, v in data.items() if k not in _CHAIN_KEYS}
    return ChainDef(slug=slug, names=names, hs=top, stages=tuple(stages), extra=extra)


def _stage(raw: Any, number: int, top: tuple[str, ...], top_subheadings: tuple[str, ...]) -> StageDef:
    if not isinstance(raw, dict):
        raise DefinitionError(_("Stage %(number)d is not a JSON object.") % {"number": number})
    key = raw.get("id")
    if not isinstance(key, str) or not ID_RE.fullmatch(key):
        raise DefinitionError(
            _("Stage %(number)d: the id %(id)s is not valid: use letters, digits, hyphens and "
              "underscores (at most 64).") % {"number": number, "id": _shown(key)},
            stage=str(number),
        )
    names = _names(raw.get("name"), stage=key)
    hs = _codes(raw.get("hs", []), stage=key) if "hs" in raw else ()
    bec_stage = raw.get("bec_stage", "")
    if bec_stage != "" and bec_stage not in BEC_STAGES:
        raise DefinitionError(
            _("Stage %(stage)s: unknown bec_stage %(value)s: use raw, intermediate, consumer or capital.")
            % {"stage": key, "value": _shown(bec_stage)},
            stage=key,
        )
    if bec_stage and not top:
        raise DefinitionError(
            _("Stage %(stage)s gives a bec_stage but the chain has no top-level \"hs\" to take its "
              "products from.") % {"stage": key},
            stage=key,
        )
    subheadings = set(_expand(hs))
    if bec_stage:
        subheadings.update(code for code in top_subheadings if bec_stage_of(code) == bec_stage)
    if not subheadings:
        raise DefinitionError(
            _("Stage %(stage)s is empty: it holds no HS subheading.") % {"stage": key}, stage=key
        )
    extra = {k: v for k, v in raw.items() if k not in _STAGE_KEYS}
    return StageDef(key=key, names=names, hs=hs, bec_stage=bec_stage, subheadings=tuple(sorted(subheadings)),
                    extra=extra)


def _names(raw: Any, *, stage: str | None) -> dict[str, str]:
    def refuse(chain_message: str, stage_message: str, **values) -> DefinitionError:
        if stage is None:
            return DefinitionError(chain_message % values)
        return DefinitionError(stage_message % {"stage": stage, **values}, stage=stage)

    if not isinstance(raw, dict):
        raise refuse(_("The chain's \"name\" must be an object of names by language (vi, lo, zh-hans, en)."),
                     _("Stage %(stage)s: \"name\" must be an object of names by language "
                       "(vi, lo, zh-hans, en)."))
    names = dict.fromkeys(LANGUAGES, "")
    for language, value in raw.items():
        if language not in LANGUAGES:
            raise refuse(_("The chain's name has an unknown language %(language)s: use vi, lo, zh-hans "
                           "or en."),
                         _("Stage %(stage)s: its name has an unknown language %(language)s: use vi, lo, "
                           "zh-hans or en."), language=_shown(language))
        if not isinstance(value, str):
            raise refuse(_("The chain's name in %(language)s must be text."),
                         _("Stage %(stage)s: its name in %(language)s must be text."), language=language)
        if len(value.strip()) > NAME_MAX:
            raise refuse(_("The chain's name in %(language)s is longer than %(max)d characters."),
                         _("Stage %(stage)s: its name in %(language)s is longer than %(max)d characters."),
                         language=language, max=NAME_MAX)
        names[language] = value.strip()
    if not names["en"]:
        raise refuse(_("The chain has no English name."), _("Stage %(stage)s has no English name."))
    return names


def _codes(raw: Any, *, stage: str | None) -> tuple[str, ...]:
    if not isinstance(raw, list):
        if stage is None:
            raise DefinitionError(_("The chain's \"hs\" must be a list of HS codes."))
        raise DefinitionError(
            _("Stage %(stage)s: \"hs\" must be a list of HS codes.") % {"stage": stage}, stage=stage
        )
    known = hs_nomenclature()
    for code in raw:
        if not isinstance(code, str) or len(code) not in (2, 4, 6) or code not in known:
            if stage is None:
                raise DefinitionError(
                    _("The chain's \"hs\" lists %(code)s, which is not an HS 2022 chapter, heading or "
                      "subheading.") % {"code": _shown(code)},
                    code=str(code),
                )
            raise DefinitionError(
                _("Stage %(stage)s: %(code)s is not an HS 2022 chapter, heading or subheading.")
                % {"stage": stage, "code": _shown(code)},
                stage=stage, code=str(code),
            )
    return tuple(raw)


def _expand(codes: tuple[str, ...]) -> tuple[str, ...]:
    known = hs_nomenclature()
    return tuple(sorted({sub for code in codes for sub in known[code]}))


def _shown(value: Any) -> str:
    """A value as the message quotes it, cut short."""
    quoted = f"\u201c{value}\u201d" if isinstance(value, str) else None
    text = quoted or json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


# --- writing ---------------------------------------------------------------------------------
def _names_json(names: dict[str, str]) -> dict[str, str]:
    return {language: names[language] for language in LANGUAGES if names.get(language)}


def definition_to_json(chain_def: ChainDef) -> dict:
    """The ``tradebridge.chain/1`` document of a ChainDef (names it does not have left out)."""
    document: dict[str, Any] = {"format": FORMAT, "id": chain_def.slug, "name": _names_json(chain_def.names)}
    if chain_def.hs:
        document["hs"] = list(chain_def.hs)
    document.update(chain_def.extra)
    stages = []
    for stage in chain_def.stages:
        entry: dict[str, Any] = {"id": stage.key, "name": _names_json(stage.names)}
        if stage.hs or not stage.bec_stage:
            entry["hs"] = list(stage.hs)
        if stage.bec_stage:
            entry["bec_stage"] = stage.bec_stage
        entry.update(stage.extra)
        stages.append(entry)
    document["stages"] = stages
    return document


def _db_names(obj) -> dict[str, str]:
    return {"vi": obj.name_vi, "lo": obj.name_lo, "zh-hans": obj.name_zh_hans, "en": obj.name_en}


def definition_of_chain(chain) -> ChainDef:
    """The ChainDef of a chain kept in the database (its stages in order), checked again."""
    document = {
        "format": FORMAT,
        "id": chain.slug,
        "name": _names_json(_db_names(chain)),
        "stages": [],
    }
    if chain.hs_codes:
        document["hs"] = list(chain.hs_codes)
    for stage in chain.stages.order_by("position"):
        entry: dict[str, Any] = {"id": stage.key, "name": _names_json(_db_names(stage)),
                                 "hs": list(stage.hs_codes or [])}
        if stage.bec_stage:
            entry["bec_stage"] = stage.bec_stage
        document["stages"].append(entry)
    return parse_definition(document)


def builtin_definitions() -> list[dict]:
    """The seven chain models of the Vietnam–Laos MOU to 2030 (the project's own mapping), as
    ``tradebridge.chain/1`` documents, in the MOU's order."""
    return [
        json.loads((BUILTIN_DIR / f"{slug}.json").read_text(encoding="utf-8")) for slug in BUILTIN_SLUGS
    ]
