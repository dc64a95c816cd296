from django.urls import path

from tradebridge.agreements import downloads, party_consent_views, views

app_name = "agreements"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.agreement_create, name="new"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("export.xlsx", downloads.export_register, name="export"),
    path("report.pdf", downloads.periodic_report, name="report"),
    path("calendar/<slug:slug>.ics", downloads.calendar_feed, name="calendar"),
    # Old addresses of the commitment page (before the cooperation app took the other items).
    path("items/commitment/<int:pk>/edit/", views.commitment_item_edit, name="commitment_item_edit"),
    path("items/commitment/<int:pk>/archive/", views.commitment_item_archive, name="commitment_item_archive"),
    path("<int:agreement_id>/", views.agreement_detail, name="detail"),
    path("<int:agreement_id>/report.pdf", downloads.agreement_report, name="agreement_report"),
    path("<int:agreement_id>/edit/", views.agreement_edit, name="edit"),
    path("<int:agreement_id>/history/", views.agreement_history, name="history"),
    path("<int:agreement_id>/archive/", views.agreement_archive, name="archive"),
    path("<int:agreement_id>/status/", views.status_change, name="status"),
    path("<int:agreement_id>/documents/", views.document_add, name="document_add"),
    path("<int:agreement_id>/documents/<int:document_id>/", downloads.document_download, name="document"),
    path("<int:agreement_id>/commitments/", views.commitment_add, name="commitment_add"),
    path("<int:agreement_id>/commitments/<int:commitment_id>/", views.commitment_edit, name="commitment"),
    path(
        "<int:agreement_id>/commitments/<int:commitment_id>/archive/",
        views.commitment_archive,
        name="commitment_archive",
    ),
    path("<int:agreement_id>/progress/", views.progress_add, name="progress_add"),
    path(
        "<int:agreement_id>/progress/<int:update_id>/attachment/",
        downloads.progress_attachment,
        name="progress_attachment",
    ),
    # Changes of the parties with every party's consent (party_consent).
    path("<int:agreement_id>/party-proposals/", party_consent_views.party_proposal_add,
         name="party_proposal_add"),
    path("<int:agreement_id>/party-proposals/<int:proposal_id>/", party_consent_views.party_proposal,
         name="party_proposal"),
    *(path(f"<int:agreement_id>/party-proposals/<int:proposal_id>/{action}/",
           party_consent_views.party_proposal_answer, {"action": action}, name=f"party_proposal_{action}")
      for action in party_consent_views.ANSWERS),
]
