"""tradebridge.registry.delegation: reading delegation lists (no database)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tradebridge.registry.delegation import (
    FIELDS,
    ImportFileError,
    ImportPreview,
    ImportRow,
    RowError,
    decode_csv,
    default_country_lookup,
    errors,
    field_label,
    header_key,
    parse_delegation_list,
)

PROPERTY = settings(database=None, deadline=None, max_examples=150)


pytestmark = pytest.mark.usefixtures("english_messages")  # messages compared with their msgids

HEADER_EN = ["Name", "Country", "Province", "Tax code", "Phone", "Email", "Offers", "HS"]
ROW_BAT_TRANG = ["Công ty TNHH Gốm Bát Tràng", "Việt Nam", "Hà Nội", "0101234567", "+84 24 3123 4567",
                 "info@BatTrang.VN", "gốm sứ; bình hoa", "6912.00"]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def parse_csv(rows: list[list[str]], **kwargs) -> ImportPreview:
    return parse_delegation_list(csv_bytes(rows), "list.csv", **kwargs)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes of ``text``: letters the code page has precomposed as such, others as
    the letter with its vowel mark (ô, ơ, ư, ă, â, ê) followed by a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
            out += letter.encode("cp1258") + "".join(c for c in decomposed if c in TONE_MARKS).encode("cp1258")
    return bytes(out)


# --- Encodings and formats ---------------------------------------------------------------------


def test_csv_utf8_rows_are_normalised():
    preview = parse_csv([HEADER_EN, ROW_BAT_TRANG])
    assert preview.committable and preview.errors == [] and preview.warnings == []
    assert preview.rows == [ImportRow(
        line=2, name="Công ty TNHH Gốm Bát Tràng", country="VNM", province="Hà Nội", identifier="0101234567",
        phones=("+842431234567",), emails=("info@battrang.vn",), offers=("gốm sứ", "bình hoa"),
        hs_codes=("691200",),
    )]
    assert preview.rows[0].raw["Name"] == "Công ty TNHH Gốm Bát Tràng"
    assert preview.row_count == 1


def test_csv_with_utf8_bom():
    data = b"\xef\xbb\xbf" + csv_bytes([HEADER_EN, ROW_BAT_TRANG])
    assert parse_delegation_list(data, "list.csv").rows[0].name == "Công ty TNHH Gốm Bát Tràng"


def test_csv_utf16_with_bom():
    data = csv_bytes([HEADER_EN, ROW_BAT_TRANG], encoding="utf-16")
    assert data.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert parse_delegation_list(data, "list.csv").rows[0].name == "Công ty TNHH Gốm Bát Tràng"


def test_python_cp1258_has_no_precomposed_toned_vowels():
    # Why to_cp1258 exists: the code page has ô but not ố, which it writes as ô + combining acute.
    assert "ô".encode("cp1258") == b"\xf4"
    with pytest.raises(UnicodeEncodeError):
        "ố".encode("cp1258")
    assert to_cp1258("ố") == b"\xf4\xec"


def test_csv_windows_1258_is_decoded_and_recomposed():
    name = "Công ty Gốm Bát Tràng"
    data = to_cp1258("Tên doanh nghiệp,Quốc gia\r\n" + name + ",Việt Nam\r\n")
    assert b"\xec" in data  # a combining tone mark, as Windows-1258 writes it
    preview = parse_delegation_list(data, "cp1258.csv")
    assert preview.rows[0].name == name
    assert unicodedata.is_normalized("NFC", preview.rows[0].name)
    assert preview.rows[0].country == "VNM"


def test_tcvn3_is_refused_with_a_hint():
    tcvn3 = b"Ten,Quoc gia\r\nC\xabng ty G\xabm B\xb8t Tr\xb5ng,Vi\xd6t Nam\r\n"  # C«ng ty G«m B¸t Trµng
    with pytest.raises(ImportFileError) as excinfo:
        parse_delegation_list(tcvn3, "abc.csv")
    message = str(excinfo.value)
    assert message.startswith("abc.csv:")
    assert "looks like TCVN3 (ABC)" in message
    assert "UTF-8" in message and "Windows-1258" in message and "VNI" in message


def test_latin1_without_vietnamese_is_refused():
    with pytest.raises(ImportFileError, match="encoding is not accepted"):
        decode_csv("name,country\r\nCafé Crème,France\r\n".encode("latin-1"), "fr.csv")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_delimiter_is_sniffed(delimiter):
    data = csv_bytes([HEADER_EN, ROW_BAT_TRANG, ["Kunming Co, Ltd", "CN", "", "", "", "", "", ""]],
                     delimiter=delimiter)
    preview = parse_delegation_list(data, "list.csv")
    assert [row.name for row in preview.rows] == ["Công ty TNHH Gốm Bát Tràng", "Kunming Co, Ltd"]


def write_xlsx(path: Path, rows: list[list[object]], *, sheet: str = "Sheet", extra_sheet: bool = False) -> Path:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    if extra_sheet:
        workbook.create_sheet("Notes").append(["nothing here"])
        workbook.move_sheet("Notes", offset=-1)
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_numbers_and_named_sheet(tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [
        ["DANH SÁCH DOANH NGHIỆP THAM GIA"],  # a title row above the header
        [],
        ["STT", "Tên doanh nghiệp", "Quốc gia", "Điện thoại", "Mã HS", "Mã số thuế"],
        [1, "Hợp tác xã Chè Tân Cương", "VN", 912345678, 90210, 101234567],
        [2, "云南云海农产品有限公司", "中国", None, "0910.11", None],
        [3, "Công ty Cà phê Ea Tam", "VN", None, 901.2, None],
    ], sheet="Danh sách", extra_sheet=True)
    preview = parse_delegation_list(path.read_bytes(), "list.xlsx", sheet="Danh sách")
    assert preview.committable
    first, second, third = preview.rows
    assert first.line == 4 and second.line == 5  # spreadsheet lines: the header is line 3
    assert first.phones == ("912345678",)
    assert first.hs_codes == ("090210",)  # the number lost its leading zero; HS codes have 2/4/6 digits
    assert first.identifier == "101234567"
    assert second.country == "CHN" and second.hs_codes == ("091011",)
    assert third.hs_codes == ("090120",)  # 0901.20 typed as a number
    with pytest.raises(ImportFileError, match="no sheet named “Missing”; the sheets are “Notes”, “Danh sách”"):
        parse_delegation_list(path.read_bytes(), "list.xlsx", sheet="Missing")
    # Without a sheet name the first sheet is read, here the notes without a header.
    with pytest.raises(ImportFileError, match="no header"):
        parse_delegation_list(path.read_bytes(), "list.xlsx")


def test_xlsx_formula_is_read_as_its_cached_value(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [["name", "country"], ['=UPPER("minh phat")', "VN"]])
    # openpyxl writes no cached value; put in the one Excel would have saved.
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="A2"><f>UPPER("minh phat")</f><v /></c>' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        '<c r="A2"><f>UPPER("minh phat")</f><v /></c>', '<c r="A2" t="str"><f>UPPER("minh phat")</f><v>MINH PHAT</v></c>'
    ).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    assert parse_delegation_list(path.read_bytes(), "f.xlsx").rows[0].name == "MINH PHAT"


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "list.csv", "empty"),
        (b"  \r\n", "list.csv", "empty"),
        (b"\xef\xbb\xbf", "list.csv", "empty"),
        (b"name,country\r\n", "list.csv", "header but no rows"),
        (b"name,country\r\n,\r\n , \r\n", "list.csv", "header but no rows"),
        (b"name,country\r\nX,VN\r\n", "list.xls", "97-2003|97–2003"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "list.xlsx", "legacy Excel"),
        (b"%PDF-1.4", "list.pdf", "“.pdf” files are not accepted"),
        (b"name,country", "list", "without an extension"),
        (b"PK\x03\x04 not really", "list.csv", "rename it to .xlsx"),
        (b"name,country\r\nX,VN\r\n", "list.xlsx", "not an Excel workbook"),
        (b"PK\x03\x04 broken zip", "list.xlsx", "workbook"),
        (b"company,phone\r\nX,0912345678\r\n", "list.csv", "country / qu"),
    ],
)
def test_file_level_refusals(data, filename, expected):
    with pytest.raises(ImportFileError, match=expected) as excinfo:
        parse_delegation_list(data, filename)
    assert str(excinfo.value).startswith(f"{filename}:")


def test_size_and_row_limits():
    data = csv_bytes([HEADER_EN, *[ROW_BAT_TRANG] * 5])
    with pytest.raises(ImportFileError, match="larger than"):
        parse_delegation_list(data, "big.csv", max_bytes=100)
    with pytest.raises(ImportFileError, match="more than 4 rows"):
        parse_delegation_list(data, "long.csv", max_rows=4)
    assert parse_delegation_list(io.BytesIO(data), "ok.csv", max_rows=5).row_count == 5


def test_empty_xlsx_sheet(tmp_path):
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(ImportFileError, match="sheet is empty"):
        parse_delegation_list(path.read_bytes(), "empty.xlsx")


# --- Column titles -----------------------------------------------------------------------------

HEADERS = {
    "en": ["Company name", "Country", "Province", "Identifier", "Telephone", "E-mail", "Website", "Kind",
           "Sector", "Offers", "Needs", "HS code"],
    "vi": ["Tên doanh nghiệp", "Quốc gia", "Tỉnh", "Mã số thuế", "Điện thoại", "Thư điện tử", "Trang web",
           "Loại hình", "Ngành", "Sản phẩm cung cấp", "Nhu cầu", "Mã HS"],
    "vi-unaccented": ["TEN DOANH NGHIEP (*)", "quoc gia (*)", "TINH / THANH PHO", "MST", "SDT", "EMAIL",
                      "WEBSITE", "LOAI HINH", "NGANH NGHE", "SAN PHAM CUNG CAP", "NHU CAU", "MA HS"],
    "lo": ["ຊື່", "ປະເທດ", "ແຂວງ", "ເລກທະບຽນ", "ເບີໂທ", "ອີເມວ", "ເວັບໄຊ", "ປະເພດ", "ຂະແໜງ", "ສິນຄ້າສະໜອງ",
           "ຄວາມຕ້ອງການ", "ລະຫັດ HS"],
    "zh": ["企业名称", "国家", "省份", "统一社会信用代码", "电话", "邮箱", "网站", "类型", "行业", "供应产品",
           "采购需求", "HS编码"],
    "bilingual": ["Tên doanh nghiệp / Company name", "Quốc gia\nCountry", "Tỉnh (Province)", "Tax code",
                  "Phone", "email", "web", "type", "industry", "products", "demand", "hs codes"],
}


@pytest.mark.parametrize("language", HEADERS)
def test_headers_in_each_language(language):
    row = ["ບໍລິສັດ ກາເຟ ລາວ ຈຳກັດ", "ລາວ", "ຈຳປາສັກ", "0123 4567-89", "020 5555 1234", "sales@laocoffee.la",
           "laocoffee.la", "ວິສາຫະກິດ", "ກະສິກຳ", "ກາເຟ\nຊາ", "ປຸ໋ຍ", "0901.11; 0902"]
    preview = parse_csv([HEADERS[language], row])
    assert preview.errors == [] and preview.warnings == []
    assert preview.rows == [ImportRow(
        line=2, name="ບໍລິສັດ ກາເຟ ລາວ ຈຳກັດ", country="LAO", province="ຈຳປາສັກ", identifier="01234567-89",
        phones=("02055551234",), emails=("sales@laocoffee.la",), website="https://laocoffee.la",
        kind="enterprise", sector="ກະສິກຳ", offers=("ກາເຟ", "ຊາ"), needs=("ປຸ໋ຍ",), hs_codes=("090111", "0902"),
    )]


def test_header_key_folds_case_diacritics_and_punctuation():
    assert header_key("Tên doanh nghiệp (*)") == header_key("TEN DOANH NGHIEP") == "tendoanhnghiep"
    assert header_key("ຂະແຫນງ") == header_key("ຂະແໜງ")  # ຫນ typed for the ligature ໜ


def test_unknown_columns_are_a_warning_only():
    preview = parse_csv([["STT", "Name", "Country", "Ghi chú", "Người liên hệ"], ["1", "A", "VN", "x", "y"]])
    assert preview.committable
    assert preview.warnings == ["columns not recognised and ignored: “Ghi chú”, “Người liên hệ”"]


def test_values_beyond_the_titled_columns_are_reported():
    preview = parse_csv([["Name", "Country"], ["A", "VN", "stray"]])
    assert preview.committable
    assert preview.warnings == ["values in columns without a title were ignored (lines 2)"]


def test_two_columns_for_one_field_is_refused():
    with pytest.raises(ImportFileError, match="columns “Name” and “Company name” are both read as “name”"):
        parse_csv([["Name", "Company name", "Country"], ["A", "B", "VN"]])


# --- Values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("VNM", "VNM"), ("vn", "VNM"), ("Việt Nam", "VNM"), ("VIET NAM", "VNM"), ("ຫວຽດນາມ", "VNM"),
     ("越南", "VNM"), ("Laos", "LAO"), ("Lào", "LAO"), ("ລາວ", "LAO"), ("老挝", "LAO"), ("LA", "LAO"),
     ("China", "CHN"), ("Trung Quốc", "CHN"), ("ຈີນ", "CHN"), ("中国", "CHN"), ("cn", "CHN"),
     ("Thái Lan", "THA"), ("Atlantis", None)],
)
def test_default_country_lookup(text, expected):
    assert default_country_lookup(text) == expected


def test_country_and_province_lookups_from_the_caller():
    def countries(text: str) -> str | None:
        return {"france": "FRA"}.get(text.lower())

    def provinces(text: str, country: str) -> str | None:
        return {("VNM", "ha noi"): "VN-HN", ("FRA", "paris"): "FR-75C"}.get((country, text.lower()))

    preview = parse_csv([["name", "country", "province"], ["A", "France", "Paris"], ["B", "VN", "Ha Noi"]],
                        country_lookup=countries, province_lookup=provinces)
    assert [(r.country, r.province) for r in preview.rows] == [("FRA", "FR-75C"), ("VNM", "VN-HN")]
    refused = parse_csv([["name", "country", "province"], ["A", "VN", "Gotham"]], province_lookup=provinces)
    assert refused.errors == [RowError(2, "province", "unknown province “Gotham” in VNM")]


def test_a_bad_row_refuses_the_whole_import():
    preview = parse_csv([
        HEADER_EN,
        ROW_BAT_TRANG,
        ["Minh Phát", "Atlantis", "", "", "", "minhphat@", "", "91011"],
        ["", "VN", "", "", "phone: ask", "", "", "09.1"],
        ROW_BAT_TRANG,
    ])
    assert not preview.committable
    assert preview.rows == []  # all or nothing
    assert preview.row_count == 4
    assert preview.errors == [
        RowError(3, "country", "unknown country “Atlantis”"),
        RowError(3, "email", "“minhphat@” is not a valid e-mail address"),
        RowError(3, "hs", "invalid HS code “91011”: expected 2, 4 or 6 digits, such as 09, 0910 or 0910.11"),
        RowError(4, "name", "the name is missing"),
        RowError(4, "phone", "“phone: ask” is not a phone number (digits, spaces, + ( ) . - only)"),
        RowError(4, "hs", "invalid HS code “09.1”: expected 2, 4 or 6 digits, such as 09, 0910 or 0910.11"),
    ]
    assert str(preview.errors[0]) == "line 3, country: unknown country “Atlantis”"
    assert str(preview.errors[2]).startswith("line 3, HS codes: invalid HS code “91011”")


def test_field_labels():
    assert set(errors._FIELD_LABELS) == set(FIELDS)
    assert [field_label(key) for key in ("name_en", "email", "hs")] == ["name (English)", "e-mail", "HS codes"]
    assert field_label("unknown") == "unknown"
    assert str(RowError(4, "email", "x")) == "line 4, e-mail: x"


def test_messages_follow_the_active_language():
    """Reasons, field labels and the line are built in the importer's language (Chinese here)."""
    with translation.override("zh-hans"):
        preview = parse_csv([["name", "country", "hs"], ["A", "Atlantis", "91011"]])
        assert str(preview.errors[0]) == "第 2 行，国家：未知国家“Atlantis”"
        assert preview.errors[1].reason.startswith("HS 编码“91011”无效")
        with pytest.raises(ImportFileError, match="不接受“.pdf”文件"):
            parse_delegation_list(b"%PDF-1.4", "list.pdf")


def test_messages_are_english_without_django_settings():
    """Benchmarks use the pure modules without Django settings: messages stay in English."""
    code = (
        "from tradebridge.registry.delegation import parse_delegation_list\n"
        "from tradebridge.registry.dedupe import resolve_rows\n"
        "preview = parse_delegation_list(b'name,country\\nA,Atlantis\\nB,VN\\n', 'l.csv')\n"
        "print(preview.errors[0])\n"
        "print(resolve_rows([], parse_delegation_list(b'name,country\\nB,VN\\n', 'l.csv').rows)[0].reasons)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["line 2, country: unknown country “Atlantis”", "['the registry is empty']"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("phone", "12345", "“12345” has 5 digits; a phone number has 6 to 15"),
        ("email", "a@b", "“a@b” is not a valid e-mail address"),
        ("email", "a b@c.vn", "“a” is not a valid e-mail address"),
        ("website", "not a site", "“not a site” is not a web address"),
        ("kind", "pirates", "unknown kind “pirates” (enterprise, cooperative, association, agency or research)"),
        ("name", "x" * 256, "256 characters long; at most 255"),
        ("tax code", "-", "“-” contains no letter or digit"),
    ],
)
def test_refused_values(column, value, reason):
    if column == "name":
        preview = parse_csv([["name", "country"], [value, "VN"]])
    else:
        preview = parse_csv([["name", "country", column], ["A", "VN", value]])
    field = {"tax code": "identifier"}.get(column, column)
    assert preview.errors == [RowError(2, field, reason)]


def test_several_phones_and_addresses_in_one_cell():
    preview = parse_csv([["name", "country", "phone", "email"],
                         ["A", "VN", "(024) 3123-4567 / +84 912.345.678", "a@x.vn; b@Y.COM.VN"]])
    row = preview.rows[0]
    assert row.phones == ("02431234567", "+84912345678") and row.phone == "02431234567"
    assert row.emails == ("a@x.vn", "b@y.com.vn") and row.email == "a@x.vn"


# --- Properties --------------------------------------------------------------------------------

NAME_CHARS = st.sampled_from(
    "abcxyzABCXYZ0123456789 ,;'\"&()-.áàảãạăắằẳẵặâấầẩẫậđéèêếềểễệíìóòôốồổỗộơớờởỡợúùưứừửữựýỳ"
    "ĐÔƠƯ" "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮະັາິີຶືຸູົເແໂໃໄ່້໊໋ໍ" "云南农产品有限公司昆明贸易华星"
)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


names = st.text(NAME_CHARS, min_size=1, max_size=40).map(_clean).filter(lambda s: 0 < len(s) <= 255)
items = st.text(NAME_CHARS.filter(lambda c: c != ";"), min_size=1, max_size=20).map(_clean).filter(bool)
countries = st.sampled_from([("VNM", "VNM"), ("Việt Nam", "VNM"), ("vn", "VNM"), ("ລາວ", "LAO"), ("Lào", "LAO"),
                             ("LA", "LAO"), ("中国", "CHN"), ("Trung Quốc", "CHN"), ("CN", "CHN")])
identifiers = st.from_regex(r"[0-9A-Z][0-9A-Z\-]{0,15}", fullmatch=True)
phones = st.from_regex(r"\+?[0-9]{6,15}", fullmatch=True)
emails = st.from_regex(r"[a-z0-9]{1,8}(\.[a-z0-9]{1,5})?@[a-z0-9]{1,10}\.(vn|la|cn|com)", fullmatch=True)
hs_codes = st.from_regex(r"[0-9]{2}|[0-9]{4}|[0-9]{6}", fullmatch=True)


@st.composite
def import_rows(draw, line: int) -> tuple[list[str], ImportRow]:
    name = draw(names)
    country_text, country = draw(countries)
    province = draw(st.one_of(st.just(""), items))
    identifier = draw(st.one_of(st.just(""), identifiers))
    row_phones = draw(st.lists(phones, max_size=2))
    row_emails = draw(st.lists(emails, max_size=2))
    offers = draw(st.lists(items, max_size=3))
    needs = draw(st.lists(items, max_size=3))
    codes = draw(st.lists(hs_codes, max_size=3, unique=True))
    dotted = [f"{c[:4]}.{c[4:]}" if len(c) == 6 and draw(st.booleans()) else c for c in codes]
    cells = [name, country_text, province, identifier, "; ".join(row_phones), "; ".join(row_emails),
             "\n".join(offers), "; ".join(needs), ", ".join(dotted)]
    expected = ImportRow(line=line, name=name, country=country, province=province, identifier=identifier,
                         phones=tuple(row_phones), emails=tuple(row_emails), offers=tuple(offers),
                         needs=tuple(needs), hs_codes=tuple(codes))
    return cells, expected


@st.composite
def import_lists(draw) -> tuple[list[list[str]], list[ImportRow]]:
    count = draw(st.integers(min_value=1, max_value=8))
    pairs = [draw(import_rows(line)) for line in range(2, count + 2)]
    return [cells for cells, _ in pairs], [row for _, row in pairs]


@PROPERTY
@given(import_lists(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_valid_rows_round_trip_through_csv(data, delimiter, encoding):
    rows, expected = data
    header = ["Name", "Country", "Province", "Tax code", "Phone", "Email", "Offers", "Needs", "HS"]
    preview = parse_delegation_list(csv_bytes([header, *rows], delimiter=delimiter, encoding=encoding), "p.csv")
    assert preview.errors == []
    assert preview.rows == expected


@PROPERTY
@given(st.binary(max_size=2_000), st.sampled_from(["any.csv", "any.xlsx", "any.xls", "any.txt"]))
def test_arbitrary_bytes_give_a_preview_or_an_import_error(data, filename):
    try:
        result = parse_delegation_list(data, filename)
    except ImportFileError:
        return
    assert isinstance(result, ImportPreview)


@PROPERTY
@given(st.text(max_size=500), st.sampled_from(["name,country\r\n", "Tên;Quốc gia;Mã HS;Email\n", "ຊື່\tປະເທດ\n"]))
def test_arbitrary_text_after_a_header_gives_a_preview_or_an_import_error(body, header):
    try:
        result = parse_delegation_list((header + body).encode("utf-8"), "fuzz.csv")
    except ImportFileError:
        return
    assert isinstance(result, ImportPreview)
    assert not (result.rows and result.errors)


def test_tab_separated_rows_with_commas_and_quotes_are_not_taken_for_a_header():
    """Found by the round-trip property: split by ",", a data line looked like a header with
    two serial-number columns; the parser must go on to the tab delimiter."""
    rows = [["Name", "Country"], ['("', "VN"], ['a("', "VN"], ['x, #', "VN"], ["a(, b", "VN"]]
    preview = parse_delegation_list(csv_bytes(rows, delimiter="\t"), "p.csv")
    assert preview.errors == [] and [r.name for r in preview.rows] == ['("', 'a("', "x, #", "a(, b"]
