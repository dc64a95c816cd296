"""File downloads and PDFs, the same way in every app: a filename that survives any language
(RFC 6266 `filename*`), and WeasyPrint called in one place."""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
ICS = "text/calendar; charset=utf-8"
PDF = "application/pdf"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment; filename="ascii"; filename*=UTF-8''percent-encoded` for any file name."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(content: bytes | str, filename: str, content_type: str, *,
                      inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of an HTML document (WeasyPrint; imported here so that pages without PDFs don't
    pay for it)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(html: str, filename: str, *, base_url: str | None = None,
                 inline: bool = False) -> HttpResponse:
    return download_response(render_pdf(html, base_url=base_url), filename, PDF, inline=inline)


def stored_file_response(file, filename: str, content_type: str | None = None, *,
                         inline: bool = False) -> FileResponse:
    """A stored file (a FileField's value), streamed, with the same Content-Disposition as the
    other downloads; the type is guessed from the name when not given."""
    guessed = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(file.open("rb"), content_type=guessed)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
