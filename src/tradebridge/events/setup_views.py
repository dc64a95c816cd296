"""The organisers' page for one venue, sector room or meeting day: edit or archive it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tradebridge.core.forms import attach_errors
from tradebridge.events import setup
from tradebridge.events.access import get_event_for_user
from tradebridge.events.forms import MeetingDayForm, SectorRoomForm, VenueForm, setup_form_kwargs

SETUP_ITEMS = {
    # kind: (queryset of the event, form, update, archive)
    "venue": ("venues", VenueForm, setup.do_update_venue, setup.do_archive_venue),
    "room": ("rooms", SectorRoomForm, setup.do_update_sector_room, setup.do_archive_sector_room),
    "day": ("days", MeetingDayForm, setup.do_update_meeting_day, setup.do_archive_meeting_day),
}


@login_required
@require_http_methods(["GET", "POST"])
def setup_item(request: HttpRequest, slug: str, kind: str, item_id: int) -> HttpResponse:
    """Edit or archive one venue, sector room or meeting day of the event."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    if kind not in SETUP_ITEMS:
        raise Http404("no such set-up item")
    related, form_class, update, archive = SETUP_ITEMS[kind]
    item = get_object_or_404(getattr(event, related), pk=item_id)
    post = request.POST if request.method == "POST" and request.POST.get("action") == "save" else None
    form = form_class(post, **setup_form_kwargs(kind, item))
    refusal: list[str] = []
    if request.method == "POST":
        try:
            if request.POST.get("action") == "archive":
                archive(item, actor=request.user)
                messages.success(request, _("Archived."))
                return redirect("events:setup", slug=event.slug)
            if form.is_valid():
                data = dict(form.cleaned_data)
                if kind == "room":
                    data["hs_chapters"] = data.pop("chapters")
                update(item, data, actor=request.user)
                messages.success(request, _("Saved."))
                return redirect("events:setup", slug=event.slug)
        except ValidationError as exc:
            if form.is_bound:
                attach_errors(form, exc)
            else:
                refusal = exc.messages
    context = {"event": event, "item": item, "kind": kind, "form": form, "refusal": refusal}
    return render(request, "events/setup_item.html", context, status=400 if request.method == "POST" else 200)
