"""Input that no page or endpoint can use is refused once, here, before any view runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# A JSON string escape of NUL (\u0000), not preceded by an escaped backslash.
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def nul_in_request(request: HttpRequest) -> str | None:
    """The name of the first part of the request that holds a NUL character, or None.

    Databases refuse NUL in text (PostgreSQL raises, SQLite truncates), so it is never data."""
    if "\x00" in request.path:
        return "path"
    if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return "query"
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        for key, values in request.POST.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "")
        for key, files in request.FILES.lists():
            if any("\x00" in (f.name or "") for f in files):
                return key
        return None
    body = request.body
    if b"\x00" in body or (content_type.endswith("json") and JSON_NUL.search(body)):
        return "body"
    return None


class RefuseNulMiddleware:
    """A NUL character anywhere in a request (path, query, form field, JSON body, upload name)
    gets a 400 naming where it was, instead of a server error deeper down."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = nul_in_request(request)
        if where is None:
            return self.get_response(request)
        message = _("The request contains a NUL character (in “%(where)s”), which no field accepts.") % {
            "where": where
        }
        if request.path.startswith("/api/"):
            return JsonResponse({"message": message, "fields": {where: [message]}}, status=400)
        return render(request, "400.html", {"message": message}, status=400)


class HeadAsGetMiddleware:
    """HEAD is answered wherever GET is, pages and API alike (django-ninja routes know only the
    methods they declare): the view runs as for GET and the body is dropped; the headers, and
    Content-Length, stay those of the GET answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = iter(())  # the file is closed with the response
        else:
            length = len(response.content)
            response.content = b""
            response.headers["Content-Length"] = str(length)
        return response


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY with every answer that has none: scripts only from
    this site's own files (no inline script, no eval), so an injected <script> does not run."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = self.policy
        return response
