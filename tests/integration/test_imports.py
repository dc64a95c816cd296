"""Delegation-list imports through the pages: preview, all-or-nothing commit, review queue."""

import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.personas import client_for
from tradebridge.geo.models import Province
from tradebridge.registry import imports
from tradebridge.registry.models import Alias, DuplicateCandidate, ImportBatch, Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

GOOD = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh,Mã số thuế,Điện thoại,Email,Sản phẩm cung cấp,Nhu cầu\n"
    "Công ty TNHH Nông sản Sông Hồng Thử,Việt Nam,Hà Nội,0100109106,+84 24 3888 0101,"
    "info@songhong.example,chuối tiêu,phân NPK\n"
    "Làng lụa Vạn Phúc,Việt Nam,Hà Nội,,,,lụa tơ tằm,\n"
    "Lang lua Van Phuc Co.,Việt Nam,Hà Nội,,,,lụa,\n"
)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has precomposed â, ê, ô, ă, ơ, ư but writes tones as combining marks."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        base, *marks = unicodedata.normalize("NFD", char)
        # Try the letter as it is, then the base with each one mark precomposed, the rest combining.
        options = [(char, "")] + [(unicodedata.normalize("NFC", base + mark),
                                   "".join(marks[:i] + marks[i + 1:])) for i, mark in enumerate(marks)]
        for head, rest in options:
            try:
                out += head.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise AssertionError(f"{char!r} has no Windows-1258 form")
    return out


def upload(client: Client, text: str, name: str = "delegation.csv", encoding: str = "utf-8"):
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("registry:import_upload"), {"file": file})


@pytest.fixture
def staff(vn_officer) -> Client:
    return client_for(vn_officer)


def test_preview_then_commit(staff):
    response = upload(staff, GOOD)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    kinds = [d["kind"] for d in batch.decisions]
    assert kinds[0] == "new" and kinds[1] == "same" and kinds[2] in {"same", "possible_duplicate"}
    page = staff.get(response["Location"]).content.decode()
    assert "Công ty TNHH Nông sản Sông Hồng Thử" in page and "Làng lụa Vạn Phúc" in page
    assert not Organization.objects.filter(name__startswith="Công ty TNHH Nông sản Sông Hồng").exists()

    response = staff.post(reverse("registry:import_commit", args=[batch.pk]))
    assert response.status_code == 302
    created = Organization.objects.get(name="Công ty TNHH Nông sản Sông Hồng Thử")
    assert created.identifiers.get().value == "0100109106"
    assert created.trade_items.get(direction="offer").hs.code.startswith("0803")
    batch.refresh_from_db()
    assert batch.status == "committed"
    # Committing twice does nothing more.
    staff.post(reverse("registry:import_commit", args=[batch.pk]))
    assert Organization.objects.filter(name="Công ty TNHH Nông sản Sông Hồng Thử").count() == 1


def test_row_errors_block_the_import(staff):
    bad = GOOD + "Công ty Lỗi,Atlantis,,,,not-an-email,,\n"
    response = upload(staff, bad)
    batch = ImportBatch.objects.get()
    assert batch.errors and batch.rows == []
    page = staff.get(response["Location"]).content.decode()
    assert "unknown country “Atlantis”" in page and "<td>country</td>" in page
    response = staff.post(reverse("registry:import_commit", args=[batch.pk]))
    assert not Organization.objects.filter(name="Công ty TNHH Nông sản Sông Hồng Thử").exists()


def test_unreadable_file_is_refused_with_its_name(staff):
    """A file of a kind that cannot be read is refused at once; one whose content cannot be read
    is refused by the task worker, on the page the upload leads to."""
    response = upload(staff, "x", name="list.xls")
    assert response.status_code == 400 and "list.xls" in response.content.decode()
    assert "legacy Excel 97–2003 (.xls) files are not accepted" in response.content.decode()
    assert not ImportBatch.objects.exists()
    response = upload(staff, "just one line with no header", name="list.csv")
    assert response.status_code == 302
    page = staff.get(response["Location"]).content.decode()
    assert "list.csv" in page and 'data-testid="import-error"' in page and "import-rows" not in page
    assert set(ImportBatch.objects.values_list("status", flat=True)) == {"failed"}
    assert not ImportBatch.objects.exclude(content=b"").exists()  # the files are not kept


def test_windows_1258_file_is_read(staff):
    text = "Tên doanh nghiệp,Quốc gia\nCông ty Gốm Thử Nghiệm,Việt Nam\n"
    response = upload(staff, text, encoding="cp1258")
    assert response.status_code == 302
    assert ImportBatch.objects.get().rows[0]["name"] == "Công ty Gốm Thử Nghiệm"


def test_review_queue_merges_and_keeps_the_old_address(staff, vn_officer):
    imported = Organization.objects.create(slug="van-phuc-silk-copy", kind="cooperative",
                                           name="Lang lua Van Phuc", country_id=Organization.objects.get(
                                               slug="van-phuc-silk").country_id)
    existing = Organization.objects.get(slug="van-phuc-silk")
    pair = DuplicateCandidate.objects.create(organization=imported, candidate=existing, probability=0.8,
                                             reasons=["similar name"])
    page = staff.get(reverse("registry:duplicates")).content.decode()
    assert "Lang lua Van Phuc" in page
    response = staff.post(reverse("registry:duplicate_merge", args=[pair.pk]))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == "confirmed" and pair.decided_by == vn_officer
    assert Alias.objects.get(slug="van-phuc-silk-copy").organization == existing
    assert Client().get("/organizations/van-phuc-silk-copy/").status_code == 301


def test_rejected_pair_stays_apart(staff):
    a = Organization.objects.get(slug="bat-trang-ceramics")
    b = Organization.objects.get(slug="ha-thai-lacquer")
    pair = DuplicateCandidate.objects.create(organization=a, candidate=b, probability=0.6)
    staff.post(reverse("registry:duplicate_keep_apart", args=[pair.pk]))
    a.refresh_from_db()
    assert a.archived_at is None and DuplicateCandidate.objects.get(pk=pair.pk).status == "rejected"


@pytest.mark.parametrize("persona", ["cn_member", "outsider"])
def test_imports_and_queue_are_for_agency_staff(request, persona):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("registry:import_upload")).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert client.get(reverse("registry:duplicates")).status_code == 403
    assert not ImportBatch.objects.exists()


BAD_ROWS = GOOD + "Công ty Lỗi,Atlantis,,,,not-an-email,,\n"


@pytest.mark.parametrize(
    ("language", "reason", "field"),
    [
        ("vi", "không xác định được quốc gia “Atlantis”", "<td>quốc gia</td>"),
        ("lo", "ບໍ່ຮູ້ຈັກປະເທດ “Atlantis”", "<td>ປະເທດ</td>"),
        ("zh-hans", "未知国家“Atlantis”", "<td>国家</td>"),
    ],
)
def test_row_errors_are_in_the_interface_language(vn_officer, language, reason, field):
    """The same bad file uploaded with each interface language: reason and field in that language."""
    client = client_for(vn_officer, language)
    response = upload(client, BAD_ROWS)
    batch = ImportBatch.objects.get()
    assert batch.errors[0]["reason"] == reason and batch.errors[0]["field"] == "country"
    page = client.get(response["Location"]).content.decode()
    assert reason in page and field in page
    assert "unknown country" not in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("vi", "không chấp nhận tệp Excel 97–2003 (.xls) kiểu cũ"), ("lo", "ບໍ່ຮັບໄຟລ໌ Excel 97–2003 (.xls) ແບບເກົ່າ"),
     ("zh-hans", "不接受旧版 Excel 97–2003（.xls）文件")],
)
def test_file_refusal_is_in_the_interface_language(vn_officer, language, words):
    response = upload(client_for(vn_officer, language), "x", name="list.xls")
    assert response.status_code == 400 and words in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_field_is_labelled_on_display(staff):
    """The stored error keeps the canonical field key and its English label; the page shows the label."""
    upload(staff, "name,country,email,hs\nA,VN,not-an-email,91011\n")
    batch = ImportBatch.objects.get()
    assert [(e["field"], e["field_label"]) for e in batch.errors] == [("email", "e-mail"), ("hs", "HS codes")]
    page = staff.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "<td>e-mail</td>" in page and "<td>HS codes</td>" in page
    assert "“not-an-email” is not a valid e-mail address" in page


# --- One plan for preview and commit (issue 11) -------------------------------------------------

TO_VANG = "Hợp tác xã Dệt lụa Tô Vang Hà Đông"
REPEATS = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh,Email,Sản phẩm cung cấp\n"
    "HTX Dệt lụa Tô Vang Hà Đông,Việt Nam,Hà Nội,,khăn lụa\n"
    "Công ty TNHH Mây Tre Phú Vinh Thử,Việt Nam,Hà Nội,phuvinh@example.vn,giỏ mây\n"
    "Cong ty TNHH May Tre Phu Vinh Thu,Việt Nam,Hà Nội,phuvinh@example.vn,đũa tre\n"
    "Lang lua Van Phuc Co.,Việt Nam,Hà Nội,,lụa\n"
    "Công ty Gốm Thử Bỏ Qua,Việt Nam,Hà Nội,,bát gốm\n"
)
# A name one letter from a registered one, in the same province: for review, not created.
SUSPECT = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh\n"
    "Làng lụa Vạn Phúcc,Việt Nam,Hà Nội\n"
    "Công ty TNHH Gừng Mới Thử,Việt Nam,Hà Nội\n"
)


@pytest.fixture
def to_vang(db):
    hanoi = Organization.objects.get(slug="van-phuc-silk")
    return Organization.objects.create(slug="to-vang-silk", kind="cooperative", name=TO_VANG,
                                       country_id=hanoi.country_id, province_id=hanoi.province_id)


def _preview(staff, text):
    response = upload(staff, text)
    assert response.status_code == 302
    return ImportBatch.objects.order_by("-pk").first()


def test_abbreviated_legal_form_and_rows_repeated_in_the_file(staff, to_vang):
    batch = _preview(staff, REPEATS)
    plan = {step["line"]: step for step in imports.import_plan(batch)}
    assert plan[2]["action"] == "update" and plan[2]["record_id"] == to_vang.pk  # HTX = Hợp tác xã
    assert plan[3]["action"] == "create"
    assert plan[4]["action"] == "same_row" and plan[4]["into"] == 3  # no accents, same e-mail
    page = staff.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "same as line 3" in page
    # Provinces by name, not by code.
    hanoi = Province.objects.get(code="VN-HN")
    assert f"<td>{hanoi.name_en}</td>" in page and "<td>VN-HN</td>" not in page
    staff.post(reverse("registry:import_commit", args=[batch.pk]))
    phu_vinh = Organization.objects.get(name="Công ty TNHH Mây Tre Phú Vinh Thử")
    assert not Organization.objects.filter(name="Cong ty TNHH May Tre Phu Vinh Thu").exists()
    assert sorted(phu_vinh.trade_items.values_list("text", flat=True)) == ["giỏ mây", "đũa tre"]
    assert to_vang.trade_items.filter(text="khăn lụa").exists()


@pytest.mark.parametrize(("text", "skip"), [(GOOD, []), (REPEATS, []), (REPEATS, [3, 6]), (SUSPECT, []),
                                            (GOOD + "Công ty Gốm Thử Bỏ Qua,Việt Nam,Hà Nội,,,,bát,\n", [2])])
def test_the_preview_counts_are_what_the_commit_does(staff, to_vang, text, skip):
    batch = _preview(staff, text)
    if skip:
        staff.post(reverse("registry:import_skip", args=[batch.pk]), {"skip": skip})
        batch.refresh_from_db()
    shown = batch.summary["plan"]
    page = staff.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert f"{shown['create']} new, {shown['update']} already registered" in page
    before = Organization.objects.count()
    response = staff.post(reverse("registry:import_commit", args=[batch.pk]), {"skip": skip})
    batch.refresh_from_db()
    assert batch.summary["committed"] == shown
    assert Organization.objects.count() - before == shown["create"] + shown["review"]
    assert response.status_code == 302


def test_a_skipped_row_is_not_created(staff):
    batch = _preview(staff, REPEATS)
    staff.post(reverse("registry:import_commit", args=[batch.pk]), {"skip": ["6"]})
    assert not Organization.objects.filter(name="Công ty Gốm Thử Bỏ Qua").exists()
    assert Organization.objects.filter(name="Công ty TNHH Mây Tre Phú Vinh Thử").exists()


def test_possible_duplicates_wait_for_review_and_the_page_links_to_the_queue(staff):
    batch = _preview(staff, SUSPECT)
    plan = {step["line"]: step["action"] for step in imports.import_plan(batch)}
    assert plan == {2: "review", 3: "create"}
    response = staff.post(reverse("registry:import_commit", args=[batch.pk]))
    held = Organization.objects.get(name="Làng lụa Vạn Phúcc")
    assert held.is_archived  # not in the registry's lists until reviewed
    page = staff.get(response["Location"]).content.decode()
    assert reverse("registry:duplicates") in page and "1 waiting for review" in page
    pair = DuplicateCandidate.objects.get(organization=held)
    staff.post(reverse("registry:duplicate_keep_apart", args=[pair.pk]))
    held.refresh_from_db()
    assert not held.is_archived  # another organisation: it joins the registry
