from django.urls import path

from tradebridge.events import organizer_views as organizer
from tradebridge.events import setup_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", setup_views.event_create, name="new"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/setup/", setup_views.event_setup, name="setup"),
    path("<slug:slug>/setup/event/", setup_views.setup_event, name="setup_event"),
    path("<slug:slug>/setup/venues/", setup_views.setup_add_venue, name="setup_add_venue"),
    path("<slug:slug>/setup/rooms/", setup_views.setup_add_room, name="setup_add_room"),
    path("<slug:slug>/setup/days/", setup_views.setup_add_day, name="setup_add_day"),
    path("<slug:slug>/setup/slots/", setup_views.setup_slots, name="setup_slots"),
    path("<slug:slug>/setup/status/", setup_views.setup_status, name="setup_status"),
    path("<slug:slug>/setup/<str:kind>/<int:item_id>/", setup_views.setup_item, name="setup_item"),
    path("<slug:slug>/setup/<str:kind>/<int:item_id>/archive/", setup_views.setup_item_archive,
         name="setup_item_archive"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/cancel/", views.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/registrations/", organizer.registrations, name="registrations"),
    path("<slug:slug>/registrations/remind/", organizer.registrations_remind, name="registrations_remind"),
    path("<slug:slug>/registrations/import/", organizer.registrations_import, name="registrations_import"),
    path("<slug:slug>/registrations/requests/<int:request_id>/slots/", organizer.request_slots,
         name="request_slots"),
    path("<slug:slug>/registrations/<int:registration_id>/check-in/", organizer.check_in, name="check_in"),
    path("<slug:slug>/agenda/", views.agenda_page, name="agenda"),
    path("<slug:slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<slug:slug>/outcomes/", views.outcomes_page, name="outcomes"),
    path("<slug:slug>/outcomes.xlsx", organizer.outcomes_xlsx, name="outcomes_xlsx"),
    path("<slug:slug>/meetings/<int:meeting_id>/attendance/", organizer.attendance, name="attendance"),
    path("<slug:slug>/meetings/<int:meeting_id>/move/", organizer.meeting_move, name="meeting_move"),
    path("<slug:slug>/meetings/<int:meeting_id>/lock/", organizer.meeting_lock, name="meeting_lock"),
    path("<slug:slug>/meetings/<int:meeting_id>/unlock/", organizer.meeting_unlock, name="meeting_unlock"),
    path("<slug:slug>/meetings/<int:meeting_id>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/schedule/", organizer.schedule, name="schedule"),
    path("<slug:slug>/schedule/run/", organizer.schedule_run, name="schedule_run"),
    path("<slug:slug>/schedule/publish/", organizer.schedule_publish, name="schedule_publish"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/<int:registration_id>/request/", views.request_new, name="request_new"),
    path("<slug:slug>/requests/", views.my_requests, name="my_requests"),
    path("<slug:slug>/requests/<int:request_id>/<str:answer>/", views.request_answer, name="request_answer"),
]
