from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tradebridge.registry.access import access_organization, can_edit_organization, can_see_contacts
from tradebridge.registry.forms import OrganizationForm
from tradebridge.registry.services import do_update_organization


def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, slug)
    context = {
        "organization": organization,
        "can_edit": can_edit_organization(request.user, organization),
        "show_contacts": can_see_contacts(request.user),
    }
    return render(request, "registry/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, slug, for_edit=True)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        # The form validated a copy; the service applies it and writes the history record.
        changes = dict(form.cleaned_data)
        organization.refresh_from_db()
        changed = do_update_organization(organization, changes, actor=request.user)
        if changed:
            messages.success(request, _("Organisation saved."))
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("registry:organization", slug=organization.slug)
    return render(request, "registry/organization_edit.html",
                  {"organization": organization, "form": form})
