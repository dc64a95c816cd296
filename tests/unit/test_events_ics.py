"""iCalendar text rules (RFC 5545): escaping and folding at 75 octets without splitting a
character."""

from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core.ics import escape_text as ics_escape
from tradebridge.core.ics import fold_line


def fold(line: str) -> str:
    """The folded content line as the agenda file holds it."""
    return "\r\n".join(fold_line(line))


def test_text_values_are_escaped():
    assert ics_escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_fold_at_75_octets():
    line = "SUMMARY:" + "ກອງປະຊຸມ ພັດທະນາບ້ານຫັດຖະກຳ 河内万象对接会 " * 4
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


@given(st.text(max_size=400))
def test_folding_keeps_every_character_and_the_limit(text):
    line = "DESCRIPTION:" + ics_escape(text)
    parts = fold(line).split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode("utf-8")) <= (75 if i == 0 else 74) for i, p in enumerate(parts))
