"""Delegation-list imports as work of the task worker (issue 16): the upload and the commit
queue their work and the page follows its progress; the commit is all or nothing, also when its
task fails or its worker dies; the preview is paginated; only agency staff may import."""

from __future__ import annotations

import datetime as dt
import os
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.personas import client_for
from tradebridge.jobs.models import WorkerHeartbeat
from tradebridge.registry import import_commit, import_runs, import_tasks, import_work
from tradebridge.registry.models import DuplicateCandidate, Identifier, ImportBatch, Organization, TradeItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

LIST = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh,Mã số thuế,Email,Sản phẩm cung cấp,Nhu cầu\n"
    "Công ty TNHH Nền Một Thử,Việt Nam,Lào Cai,0100109106,a@nenmot.example,chuối tiêu,phân NPK\n"
    "Công ty TNHH Nền Hai Thử,Việt Nam,Lào Cai,,,cà phê,\n"
)


def long_list(rows: int) -> str:
    lines = ["Tên doanh nghiệp,Quốc gia,Tỉnh,Sản phẩm cung cấp"]
    lines += [f"Công ty TNHH Dài Danh Sách {n:04d},Việt Nam,Lào Cai,gạo" for n in range(rows)]
    return "\n".join(lines) + "\n"


def upload(client, text: str, name: str = "list.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("registry:import_upload"), {"file": file})


class Queue:
    """Stands for a task's queue while no worker runs: `enqueue` only remembers the call."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def enqueue(self, *args) -> None:
        self.calls.append(args)


@pytest.fixture
def staff(vn_officer):
    return client_for(vn_officer)


@pytest.fixture
def queues(monkeypatch):
    """No worker: the preview and commit tasks are queued, and the test runs them."""
    preview, commit = Queue(), Queue()
    monkeypatch.setattr(import_tasks, "preview_import_task", preview)
    monkeypatch.setattr(import_tasks, "commit_import_task", commit)
    return preview, commit


def poll(client, batch: ImportBatch):
    return client.get(reverse("registry:import_preview", args=[batch.pk]) + "?part=progress",
                      headers={"HX-Request": "true"})


def test_upload_and_commit_are_queued_and_the_page_follows_them(staff, vn_officer, queues):
    preview_queue, commit_queue = queues
    response = upload(staff, LIST)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == "previewing" and batch.content == LIST.encode()
    assert preview_queue.calls == [(batch.pk, "en")]

    page = staff.get(response["Location"]).content.decode()
    assert 'data-testid="import-progress"' in page and "?part=progress" in page
    assert 'hx-trigger="every 1s"' in page
    assert "<script" not in page.split("<main", 1)[-1]  # no inline script (the CSP allows none)
    partial = poll(staff, batch)
    assert partial.status_code == 200 and "Waiting for the task worker" in partial.content.decode()

    assert import_work.run_preview(*preview_queue.calls[0]) == "preview"  # what the worker does
    assert poll(staff, batch).headers["HX-Refresh"] == "true"  # done: the page reloads
    batch.refresh_from_db()
    assert batch.status == "preview" and batch.content == b"" and batch.progress == 1.0
    page = staff.get(response["Location"]).content.decode()
    assert "Công ty TNHH Nền Một Thử" in page and "2 new" in page
    assert not Organization.objects.filter(name="Công ty TNHH Nền Một Thử").exists()

    response = staff.post(reverse("registry:import_commit", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "committing" and commit_queue.calls == [(batch.pk, vn_officer.pk, "en")]
    assert "Importing" in poll(staff, batch).content.decode()
    # While it is being imported it can be neither discarded nor committed again.
    staff.post(reverse("registry:import_discard", args=[batch.pk]))
    staff.post(reverse("registry:import_commit", args=[batch.pk]))
    assert len(commit_queue.calls) == 1

    assert import_work.run_commit(*commit_queue.calls[0]) == "committed"
    page = staff.get(response["Location"]).content.decode()
    assert 'data-testid="import-done"' in page and "Imported: 2 new" in page
    created = Organization.objects.get(name="Công ty TNHH Nền Một Thử")
    assert created.identifiers.get().value == "0100109106"
    assert sorted(created.trade_items.values_list("direction", "text")) == [("need", "phân NPK"),
                                                                           ("offer", "chuối tiêu")]
    entry = created.history.get()
    assert entry.history_type == "+" and entry.history_user == vn_officer
    assert entry.history_change_reason == "imported from list.csv, line 2"
    assert (entry.slug, entry.name, entry.source) == (created.slug, created.name, "import: list.csv")
    for item in created.trade_items.all():
        record = item.history.get()
        assert (record.text, record.hs_id, record.organization_id) == (item.text, item.hs_id, created.pk)
        assert record.history_user == vn_officer and record.history_change_reason == "added"


def test_with_the_immediate_backend_the_upload_and_commit_are_done_when_the_page_shows(staff):
    """The tests' task backend runs a task as it is queued (as a worker with nothing else to do)."""
    batch_page = upload(staff, LIST)["Location"]
    batch = ImportBatch.objects.get()
    assert batch.status == "preview" and batch.summary["plan"]["create"] == 2
    staff.post(reverse("registry:import_commit", args=[batch.pk]))
    assert "Imported: 2 new" in staff.get(batch_page).content.decode()
    assert Organization.objects.filter(name__startswith="Công ty TNHH Nền").count() == 2


def test_a_refused_row_at_commit_writes_nothing_and_the_preview_says_why(staff):
    upload(staff, LIST)
    batch = ImportBatch.objects.get()
    other = Organization.objects.first()
    Identifier.objects.create(organization=other, scheme="vn_tax_code", value="0100109106")
    before = (Organization.objects.count(), TradeItem.objects.count(), Organization.history.count())
    response = staff.post(reverse("registry:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "preview" and "line 2: 0100109106 is already registered" in batch.message
    assert (Organization.objects.count(), TradeItem.objects.count(), Organization.history.count()) == before
    page = staff.get(response["Location"]).content.decode()
    assert "The import failed; nothing was written." in page and "0100109106 is already registered" in page
    assert 'data-testid="import-commit"' in page  # it can be tried again


def test_a_commit_task_that_fails_half_way_writes_nothing(staff, monkeypatch):
    upload(staff, LIST)
    batch = ImportBatch.objects.get()
    write = import_commit._Plan.write

    def write_then_fail(self):
        write(self)  # the organisations, offers and needs are written…
        raise RuntimeError("disk full")  # …and then the task fails

    monkeypatch.setattr(import_commit._Plan, "write", write_then_fail)
    before = (Organization.objects.count(), TradeItem.objects.count(), Organization.history.count())
    staff.post(reverse("registry:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "preview" and "task worker stopped during the import" in batch.message
    assert (Organization.objects.count(), TradeItem.objects.count(), Organization.history.count()) == before


def test_the_commit_of_a_dead_worker_is_ended_when_the_page_is_shown(staff, queues, monkeypatch):
    _, commit_queue = queues
    upload(staff, LIST)
    batch = ImportBatch.objects.get()
    import_work.run_preview(batch.pk, "en")
    staff.post(reverse("registry:import_commit", args=[batch.pk]))
    monkeypatch.undo()  # the real tasks again: a worker took the commit up, and was killed
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="killed", hostname=socket.gethostname()[:255],
                                   pid=os.getppid(), started_at=now - dt.timedelta(hours=1),
                                   seen_at=now - dt.timedelta(minutes=2))
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, task_path="tradebridge.registry.import_tasks.commit_import_task",
        args_kwargs={"args": list(commit_queue.calls[0]), "kwargs": {}}, backend_name="default",
        run_after=get_date_max(), worker_ids=["killed"], started_at=now - dt.timedelta(minutes=3))
    assert poll(staff, batch).headers["HX-Refresh"] == "true"
    batch.refresh_from_db()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert batch.status == "preview" and "task worker stopped during the import" in batch.message
    assert not Organization.objects.filter(name="Công ty TNHH Nền Một Thử").exists()


def test_work_no_worker_takes_up_is_given_up(staff, queues):
    upload(staff, LIST)
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=20))
    page = staff.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    batch.refresh_from_db()
    assert batch.status == "failed" and "No answer from the task worker" in page
    assert import_work.run_preview(batch.pk, "en") == "gone"  # a worker that comes late does nothing


def test_progress_is_written_while_the_rows_are_read_and_checked(vn_officer, queues, monkeypatch):
    preview_queue, commit_queue = queues
    seen: list[tuple[float, str]] = []
    report = import_work._report
    monkeypatch.setattr(import_work, "_report", lambda pk, f, m: (seen.append((f, m)), report(pk, f, m)))
    batch = import_runs.do_start_preview_import(long_list(1200).encode(), "long.csv", actor=vn_officer)
    import_work.run_preview(batch.pk, "en")
    messages = [m for _f, m in seen]
    assert "500 rows read" in messages and "1000 rows read" in messages
    assert any(m.startswith("Comparing 1200 rows") for m in messages)
    assert [f for f, _m in seen] == sorted(f for f, _m in seen)

    seen.clear()
    batch.refresh_from_db()
    import_runs.do_start_commit_import(batch, actor=vn_officer, skip=[])
    import_work.run_commit(*commit_queue.calls[0])
    messages = [m for _f, m in seen]
    assert "1000 of 1200 rows checked" in messages
    assert "Writing 1200 organisations, their offers and needs…" in messages
    assert ImportBatch.objects.get(pk=batch.pk).status == "committed"


def test_the_preview_is_paginated_and_left_out_rows_are_kept_across_pages(staff):
    upload(staff, long_list(250) + "Làng lụa Vạn Phúc,Việt Nam,Hà Nội,lụa\n")
    batch = ImportBatch.objects.get()
    url = reverse("registry:import_preview", args=[batch.pk])
    first = staff.get(url).content.decode()
    assert first.count("<tr data-line=") == 100 and "Page 1 of 3" in first
    assert 'data-line="2"' in first and 'data-line="102"' not in first
    last = staff.get(url + "?page=3").content.decode()
    assert last.count("<tr data-line=") == 51 and 'data-line="252"' in last
    # Only the rows to check: the one already registered.
    to_check = staff.get(url + "?show=check").content.decode()
    assert to_check.count("<tr data-line=") == 1 and 'data-line="252"' in to_check
    assert "1 row to check" in to_check

    page_one = [str(n) for n in range(2, 102)]
    response = staff.post(reverse("registry:import_skip", args=[batch.pk]),
                          {"shown": page_one, "skip": ["2", "3"], "page": "1"})
    assert response["Location"] == url + "?page=1"
    page_two = [str(n) for n in range(102, 202)]
    staff.post(reverse("registry:import_skip", args=[batch.pk]),
               {"shown": page_two, "skip": ["150"], "page": "2"})
    batch.refresh_from_db()
    assert batch.summary["skip"] == [2, 3, 150] and batch.summary["plan"]["skip"] == 3
    assert 'id="skip-150" name="skip" value="150" checked' in staff.get(url + "?page=2").content.decode()
    # Unticking on page 1 keeps page 2's choice; committing from page 3 keeps both.
    staff.post(reverse("registry:import_skip", args=[batch.pk]), {"shown": page_one, "skip": ["3"]})
    staff.post(reverse("registry:import_commit", args=[batch.pk]),
               {"shown": [str(n) for n in range(202, 253)], "skip": []})
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.summary["skipped_lines"] == [3, 150]
    assert batch.summary["committed"]["create"] == 248 and batch.summary["committed"]["skip"] == 2
    assert not Organization.objects.filter(name="Công ty TNHH Dài Danh Sách 0001").exists()
    assert Organization.objects.filter(name="Công ty TNHH Dài Danh Sách 0000").exists()


def test_errors_come_first_a_page_at_a_time(staff):
    bad = "name,country\n" + "".join(f"Công ty Lỗi {n},Atlantis\n" for n in range(130))
    upload(staff, bad)
    batch = ImportBatch.objects.get()
    page = staff.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert len(batch.errors) == 130 and "Page 1 of 2" in page
    assert page.count("unknown country “Atlantis”") == 100 and 'data-testid="import-commit"' not in page


@pytest.mark.parametrize("persona", ["cn_member", "outsider"])
def test_only_agency_staff_see_follow_or_commit_an_import(request, persona, vn_officer, staff):
    upload(staff, LIST)
    batch = ImportBatch.objects.get()
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("registry:import_preview", args=[batch.pk])).status_code == 403
    assert poll(client, batch).status_code == 403
    for name in ("import_commit", "import_skip", "import_discard"):
        assert client.post(reverse(f"registry:{name}", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert upload(client, LIST).status_code == 403 and ImportBatch.objects.count() == 1


def test_the_worker_checks_the_right_to_import_again(vn_officer, cn_member, queues):
    _, commit_queue = queues
    batch = import_runs.do_start_preview_import(LIST.encode(), "list.csv", actor=vn_officer)
    import_work.run_preview(batch.pk, "en")
    batch.refresh_from_db()
    import_runs.do_start_commit_import(batch, actor=vn_officer, skip=[])
    assert import_work.run_commit(batch.pk, cn_member.pk, "en") == "preview"
    batch.refresh_from_db()
    assert batch.status == "preview" and "Only agency staff" in batch.message
    assert not Organization.objects.filter(name="Công ty TNHH Nền Một Thử").exists()
    assert not DuplicateCandidate.objects.filter(batch=batch).exists()
