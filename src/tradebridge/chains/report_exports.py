"""A report to the ministers as a page, a PDF (WeasyPrint, core.responses) and an Excel workbook
(openpyxl), in any of the four languages, always from the figures as given (a submitted report's
frozen figures are never recomputed)."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from tradebridge.chains.models import Milestone
from tradebridge.cooperation.models import Activity
from tradebridge.core.i18n import check_language

LANGS = ("vi", "lo", "zh-hans", "en")


def _is_names(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value
        and set(value) <= set(LANGS)
        and all(isinstance(v, str) for v in value.values())
    )


def _pick(names: dict, lang: str) -> str:
    return names.get(lang) or names.get("en") or next((v for v in names.values() if v), "")


def localize(figures: Any, lang: str) -> Any:
    """The figures with every four-language name replaced by its text in `lang` (English, then
    any language, where that one is missing)."""
    if _is_names(figures):
        return _pick(figures, lang)
    if isinstance(figures, dict):
        return {key: localize(value, lang) for key, value in figures.items()}
    if isinstance(figures, list):
        return [localize(value, lang) for value in figures]
    return figures


def display_context(figures: dict, lang: str, *, report=None, scope_title: str = "") -> dict:
    """What the report's templates need: the localised figures plus labels of the codes."""
    shown = localize(figures, lang)
    sides = shown.get("sides") or []
    countries = shown.get("countries") or {}
    milestone_states = dict(Milestone.State.choices)
    for row in shown["milestones"]["rows"]:
        row["state_label"] = str(milestone_states.get(row["state"], row["state"]))
    activity_states = dict(Activity.State.choices)
    for row in shown["work_plan"]["rows"]:
        row["state_label"] = str(activity_states.get(row["state"], row["state"]))
    for block in shown["chains"]:
        for stage in block["stages"]:
            stage["cells"] = [
                stage["members"].get(code, {"start": 0, "end": 0, "joined": 0, "left": 0}) for code in sides
            ]
    return {
        "figures": shown,
        "report": report,
        "sides": [(code, countries.get(code, code)) for code in sides],
        "side_totals": [
            (
                countries.get(code, code),
                shown["totals"]["members"].get(code, {"start": 0, "end": 0, "joined": 0, "left": 0}),
            )
            for code in sides
        ],
        "side_a": countries.get(sides[0], sides[0]) if sides else "",
        "side_b": countries.get(sides[1], sides[1]) if len(sides) > 1 else "",
        "scope_title": scope_title or _scope_title(shown),
        "language": lang,
    }


def _scope_title(shown: dict) -> str:
    if shown["scope"] == "chain" and shown["chains"]:
        return shown["chains"][0]["names"]
    if shown.get("agreement"):
        return shown["agreement"]["titles"]
    return ""


def report_html(figures: dict, language: str, *, report=None) -> str:
    lang = check_language(language)
    with translation.override(lang):
        return render_to_string("chains/report_pdf.html", display_context(figures, lang, report=report))


def report_pdf(figures: dict, language: str, *, report=None) -> bytes:
    from tradebridge.core.responses import render_pdf

    return render_pdf(report_html(figures, language, report=report))


def _sheet(book: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)


def _gap_label(status: str) -> str:
    return {
        "closed": _("closed in the period"),
        "open": pgettext("gap", "open"),
        "opened": _("opened in the period"),
        "covered": _("no gap"),
    }.get(status, status)


def report_workbook(figures: dict, language: str, *, report=None) -> bytes:
    lang = check_language(language)
    with translation.override(lang):
        ctx = display_context(figures, lang, report=report)
        shown, sides = ctx["figures"], [code for code, _name in ctx["sides"]]
        book = Workbook()
        summary = book.active
        summary.title = _("Summary")[:31]
        summary.append([_("Report to the ministers"), ctx["scope_title"]])
        summary.append([_("Period"), f"{shown['period']['start']} – {shown['period']['end']}"])
        if report is not None:
            summary.append([_("Submitted to"), report.submitted_to])
            summary.append(
                [_("Submitted by"), report.submitted_by.get_full_name() or report.submitted_by.username]
            )
            summary.append([_("Submitted at"), report.submitted_at.replace(tzinfo=None)])
        summary.append([_("Figures computed at"), shown["computed_at"]])
        if shown["illustrative"]:
            summary.append(
                [_("Illustrative"), _("This report contains illustrative demo data, not from a real source.")]
            )
        for code, name in ctx["sides"]:
            t = shown["totals"]["members"].get(code, {})
            summary.append(
                [
                    _("Members: %(country)s") % {"country": name},
                    t.get("end", 0),
                    _("joined: %(n)s") % {"n": t.get("joined", 0)},
                    _("left: %(n)s") % {"n": t.get("left", 0)},
                ]
            )
        summary.append([_("Meetings between members"), len(shown["meetings"])])
        summary.append([_("Agreements between members"), len(shown["agreements"])])
        summary.append([_("Gaps closed"), shown["totals"]["gaps_closed"]])
        summary.append([_("Gaps open"), shown["totals"]["gaps_open"]])
        summary.append([_("Milestones due"), shown["milestones"]["due"]])
        summary.append([_("Milestones done"), shown["milestones"]["done"]])
        for cell in summary["A"]:
            cell.font = Font(bold=True)
        member_rows, trade_rows = [], []
        for block in shown["chains"]:
            for stage in block["stages"]:
                for code in sides:
                    n = stage["members"].get(code, {})
                    member_rows.append(
                        [
                            block["names"],
                            stage["names"],
                            code,
                            n.get("start", 0),
                            n.get("end", 0),
                            n.get("joined", 0),
                            n.get("left", 0),
                            _gap_label(stage["gap"]["status"]),
                            _("yes") if block["illustrative_members"] else "",
                        ]
                    )
            trade = block["trade"]
            for row in trade["rows"]:
                trade_rows.append(
                    [
                        block["names"],
                        row["names"],
                        trade["year"],
                        row["a_to_b"],
                        row["b_to_a"],
                        trade["previous_year"],
                        row["a_to_b_previous"],
                        row["b_to_a_previous"],
                        row["growth_a_to_b"],
                        row["growth_b_to_a"],
                    ]
                )
        a, b = (sides + ["", ""])[:2]
        _sheet(
            book,
            _("Members"),
            [
                _("Chain"),
                _("Stage"),
                _("Country"),
                _("At start"),
                _("At end"),
                _("Joined"),
                pgettext("members", "Left"),
                _("Gap"),
                _("Illustrative"),
            ],
            member_rows,
        )
        _sheet(
            book,
            _("Trade"),
            [
                _("Chain"),
                _("Stage"),
                _("Year"),
                f"{a} → {b} (USD)",
                f"{b} → {a} (USD)",
                _("Previous year"),
                f"{a} → {b} (USD)",
                f"{b} → {a} (USD)",
                f"{a} → {b} %",
                f"{b} → {a} %",
            ],
            trade_rows,
        )
        _sheet(
            book,
            _("Meetings"),
            [_("Date"), _("Event"), _("Organisation"), _("Organisation")],
            [[m["date"], m["event"], m["a"], m["b"]] for m in shown["meetings"]],
        )
        _sheet(
            book,
            _("Agreements between members"),
            [_("Signed"), _("Title"), _("Parties")],
            [[g["signed_on"], g["titles"], "; ".join(g["parties"])] for g in shown["agreements"]],
        )
        _sheet(
            book,
            _("Milestones"),
            [_("Pilot"), _("Milestone"), _("Due"), _("Done on"), _("Status"), _("Late"), _("Illustrative")],
            [
                [
                    r["pilot_names"],
                    r["title"],
                    r["due_on"],
                    r["done_on"],
                    r["state_label"],
                    _("yes") if r["late"] else "",
                    _("yes") if r["is_illustrative"] else "",
                ]
                for r in shown["milestones"]["rows"]
            ],
        )
        _sheet(
            book,
            _("Work plan"),
            [_("Work plan"), _("Activity"), _("Due"), _("Status"), _("Illustrative")],
            [
                [
                    r["plan"],
                    r["title"],
                    r["due_on"],
                    r["state_label"] + (f" ({_('late')})" if r["progress"] == "late" else ""),
                    _("yes") if r["is_illustrative"] else "",
                ]
                for r in shown["work_plan"]["rows"]
            ],
        )
        training_rows = []
        for t in shown["training"]:
            for g in t["groups"] or [{}]:
                training_rows.append(
                    [
                        t["title"],
                        t["organiser"],
                        t["starts_on"] or _("not recorded"),
                        t["ends_on"] or "",
                        g.get("country_names", ""),
                        g.get("selected_by") or "",
                        g.get("trainees"),
                        g.get("completed"),
                        _("yes") if t["is_illustrative"] else "",
                    ]
                )
        _sheet(
            book,
            _("Training"),
            [
                _("Programme"),
                _("Organiser"),
                pgettext("date range", "from"),
                pgettext("date range", "to"),
                _("Trainees from"),
                _("Trainees selected by"),
                _("Trainees"),
                _("Completed"),
                _("Illustrative"),
            ],
            training_rows,
        )
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
