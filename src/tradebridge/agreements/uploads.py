"""Checks on uploaded documents: PDF, JPEG or PNG, recognised by their first bytes (the name
alone proves nothing), and no larger than MAX_UPLOAD_BYTES."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Scans of signed papers are rarely larger; raise it here if an agency needs more.
MAX_UPLOAD_MB = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024

SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def check_document(name: str, size: int, head: bytes, *, field: str = "file") -> CheckedFile:
    """Raise ValidationError naming `field` unless the file is an allowed document."""
    clean_name = PurePath(name or "").name.strip()
    if not clean_name or size == 0:
        raise ValidationError({field: _("The file is empty.")})
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {field: _("%(name)s is larger than %(limit)s MB.") % {"name": clean_name, "limit": MAX_UPLOAD_MB}}
        )
    suffix = PurePath(clean_name).suffix.lower()
    for signature, content_type, suffixes in SIGNATURES:
        if head.startswith(signature):
            if suffix not in suffixes:
                raise ValidationError(
                    {
                        field: _("%(name)s: the name does not match its content (%(type)s).")
                        % {"name": clean_name, "type": content_type}
                    }
                )
            return CheckedFile(clean_name, content_type, size)
    raise ValidationError({field: _("%(name)s is not a PDF, JPEG or PNG document.") % {"name": clean_name}})


def check_upload(upload, *, field: str = "file") -> CheckedFile:
    """The same checks on a Django UploadedFile; leaves the file at its start."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return check_document(upload.name, upload.size, head, field=field)
