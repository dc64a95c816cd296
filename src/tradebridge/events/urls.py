from django.urls import path

from tradebridge.events import setup_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="new"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/setup/", views.event_setup, name="setup"),
    path("<slug:slug>/setup/<str:kind>/<int:item_id>/", setup_views.setup_item, name="setup_item"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/cancel/", views.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/agenda/", views.agenda_page, name="agenda"),
    path("<slug:slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<slug:slug>/outcomes/", views.outcomes_page, name="outcomes"),
    path("<slug:slug>/outcomes.xlsx", views.outcomes_xlsx, name="outcomes_xlsx"),
    path("<slug:slug>/registrations/<int:registration_id>/check-in/", views.check_in, name="check_in"),
    path("<slug:slug>/meetings/<int:meeting_id>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/meetings/<int:meeting_id>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/schedule/", views.schedule, name="schedule"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/<int:registration_id>/request/", views.request_new, name="request_new"),
    path("<slug:slug>/requests/", views.my_requests, name="my_requests"),
    path("<slug:slug>/requests/<int:request_id>/<str:answer>/", views.request_answer, name="request_answer"),
]
