"""Big and hostile delegation lists: zip bombs and huge cells are refused before they are parsed
(with a message naming what is wrong), and the bulk commit writes what the row-by-row one did,
history included."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from tradebridge.registry import imports
from tradebridge.registry.delegation import ImportFileError, cells, parse_delegation_list
from tradebridge.registry.models import DuplicateCandidate, Identifier, Organization, TradeItem

pytestmark = pytest.mark.usefixtures("english_messages")

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>country</t></is></c></row>')
TAIL = b"</sheetData></worksheet>"


def workbook(rows: list[list[str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("List")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(chunks) -> bytes:
    """A real workbook whose sheet is what ``chunks`` yields, streamed into the zip."""
    source, buffer = zipfile.ZipFile(io.BytesIO(workbook([["x"]]))), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != SHEET:
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open(SHEET, "w", force_zip64=True) as out:
            for chunk in chunks:
                out.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_of_empty_rows_is_refused_before_parsing():
    block = b'<row><c s="0"/></row>' * 10_000

    def sheet():
        yield HEAD
        for _ in range(100):  # 20 MB unpacked, some 30 KB packed
            yield block
        yield TAIL

    data = with_sheet(sheet())
    assert len(data) < 100_000
    with pytest.raises(ImportFileError, match=r"bomb.xlsx: the workbook's part “xl/worksheets/sheet1.xml” is "
                                              r"packed [\d,]+ times.*zip bomb"):
        parse_delegation_list(data, "bomb.xlsx")


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch):
    data = workbook([["name", "country"], *([f"Company {n}", "VNM"] for n in range(2000))])
    monkeypatch.setattr(cells, "MAX_UNPACKED", 50_000)
    with pytest.raises(ImportFileError, match=r"list.xlsx: the workbook unpacks to \d+ MB, more than 0.0476837 MB"):
        parse_delegation_list(data, "list.xlsx")
    monkeypatch.undo()
    assert len(parse_delegation_list(data, "list.xlsx").rows) == 2000


def test_a_huge_cell_is_refused_with_its_line_and_column():
    data = with_sheet([HEAD, b'<row><c t="inlineStr"><is><t>A Co.</t></is></c><c t="inlineStr"><is><t>',
                       b"V" * 40_000, b"</t></is></c></row>", TAIL])
    with pytest.raises(ImportFileError, match="line 2, column B: a cell holds 40,000 characters, more than 32,767"):
        parse_delegation_list(data, "list.xlsx")


@pytest.mark.parametrize(("length", "message"), [
    (40_000, "line 3, column A: a cell holds 40,000 characters, more than 32,767"),
    (200_000, "line 3: a cell holds more than 32,767 characters"),
])
def test_a_huge_csv_cell_is_refused(length, message):
    text = "name,country\nA Co.,VNM\n" + "N" * length + ",VNM\n"
    with pytest.raises(ImportFileError, match=message):
        parse_delegation_list(text.encode(), "list.csv", max_bytes=1_000_000)


LIST = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh,Mã số thuế,Email,Sản phẩm cung cấp,Nhu cầu\n"
    "Công ty TNHH Hàng Loạt Một,Việt Nam,Hà Nội,0100109106,a@mot.example,chuối tiêu; chuối tiêu,phân NPK\n"
    "Công ty TNHH Hàng Loạt Hai,Việt Nam,Lào Cai,,,cà phê,\n"
    "Registered One,VNM,,0300588569,,gạo,phân NPK\n"
)


@pytest.mark.django_db
def test_the_bulk_commit_writes_records_with_their_history(vn_officer):
    from tradebridge.geo.models import Country

    registered = Organization.objects.create(slug="cong-ty-tnhh-hang-loat-hai", name="Registered One",
                                             kind="enterprise", country=Country.objects.get(alpha3="VNM"))
    TradeItem.objects.create(organization=registered, direction="need", text="phân NPK")
    Identifier.objects.create(organization=registered, scheme="vn_tax_code", value="0300588569")
    batch = imports.do_preview_import(LIST.encode(), "list.csv", actor=vn_officer)
    assert batch.summary["plan"]["create"] == 2 and batch.summary["plan"]["update"] == 1
    done = imports.do_commit_import(batch, actor=vn_officer)
    assert done["create"] == 2 and done["update"] == 1

    first = Organization.objects.get(name="Công ty TNHH Hàng Loạt Một")
    assert first.identifiers.get().value == "0100109106" and first.contact_email == "a@mot.example"
    assert first.province.code and first.source == "import: list.csv"
    assert sorted(first.trade_items.values_list("direction", "text")) == [("need", "phân NPK"),
                                                                         ("offer", "chuối tiêu")]
    assert first.trade_items.get(direction="offer").hs.code.startswith("0803")
    entry = first.history.get()
    assert entry.history_user == vn_officer and entry.history_change_reason == "imported from list.csv, line 2"
    assert first.identifiers.get().history.get().history_change_reason == "set"
    assert all(item.history.get().history_user == vn_officer for item in first.trade_items.all())
    assert Organization.objects.filter(search_text__contains="hang loat mot").get() == first
    # The slug another organisation holds is not taken; the registered one gets only what it lacks.
    assert Organization.objects.get(name="Công ty TNHH Hàng Loạt Hai").slug == "cong-ty-tnhh-hang-loat-hai-2"
    assert sorted(registered.trade_items.values_list("text", flat=True)) == ["gạo", "phân NPK"]
    assert not DuplicateCandidate.objects.exists()


@pytest.mark.django_db
def test_an_identifier_already_registered_refuses_the_whole_list(vn_officer):
    batch = imports.do_preview_import(LIST.encode(), "list.csv", actor=vn_officer)
    other = Organization.objects.exclude(identifiers__value="0100109106").first()
    Identifier.objects.create(organization=other, scheme="vn_tax_code", value="0100109106")
    before = (Organization.objects.count(), TradeItem.objects.count())
    with pytest.raises(ValidationError, match="line 2: 0100109106 is already registered to another organisation"):
        imports.do_commit_import(batch, actor=vn_officer)
    assert (Organization.objects.count(), TradeItem.objects.count()) == before
