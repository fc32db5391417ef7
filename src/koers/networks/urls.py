from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("netwerken/", views.index, name="index"),
    path("regio/<slug:slug>/", views.region, name="region"),
    path("regio/<slug:slug>/netwerken/nieuw/", views.new_network, name="new_network"),
    path("regio/<slug:slug>/gesprekken/", views.conversations, name="conversations"),
    path("regio/<slug:slug>/export.<str:kind>", views.region_export, name="region_export"),
    path("scholen/<int:school_id>/roadmap/", views.roadmaps, name="roadmaps"),
    path("scholen/<int:school_id>/roadmap/nieuw/", views.new_roadmap, name="new_roadmap"),
    path("roadmap/<int:worksheet_id>/", views.roadmap, name="roadmap"),
    path("netwerken/<int:network_id>/", views.network, name="network"),
    path("netwerken/<int:network_id>/aanmelden/", views.join, name="join"),
    path("netwerken/<int:network_id>/wijzigen/", views.edit_network, name="edit_network"),
    path("netwerken/<int:network_id>/agenda.ics", views.calendar, name="calendar"),
    path("netwerken/<int:network_id>/startdocument/", views.start_document, name="start_document"),
    path("netwerken/<int:network_id>/startdocument/tekenen/", views.sign_start_document, name="sign_start_document"),
    path(
        "netwerken/<int:network_id>/startdocument/vaststellen/",
        views.agree_start_document,
        name="agree_start_document",
    ),
    path("netwerken/<int:network_id>/opbrengsten/", views.outputs, name="outputs"),
    path("netwerken/<int:network_id>/afronding/", views.fate, name="fate"),
    path("netwerken/<int:network_id>/forum/", views.forum, name="forum"),
    path("netwerken/<int:network_id>/forum/<int:topic_id>/", views.topic, name="topic"),
    path("netwerken/<int:network_id>/forum/<int:topic_id>/beantwoord/", views.topic_answered, name="topic_answered"),
    path("netwerken/<int:network_id>/documenten/", views.documents, name="documents"),
    path("netwerken/<int:network_id>/documenten/<int:document_id>/", views.document_file, name="document_file"),
    path("netwerken/<int:network_id>/documenten/<int:document_id>/weg/", views.delete_document, name="delete_document"),
    path("netwerken/<int:network_id>/vervolg/", views.spin_off, name="spin_off"),
    path("netwerken/<int:network_id>/deelnemers/nieuw/", views.add_member, name="add_member"),
    path("netwerken/<int:network_id>/deelnemers/<int:member_id>/", views.commitments, name="commitments"),
    path("netwerken/<int:network_id>/deelnemers/<int:member_id>/weg/", views.remove_member, name="remove_member"),
    path("netwerken/<int:network_id>/bijeenkomsten/nieuw/", views.new_meeting, name="new_meeting"),
    path("netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/", views.meeting, name="meeting"),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/aanwezigheid/",
        views.attendance,
        name="attendance",
    ),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/intervisie/",
        views.intervision,
        name="intervision",
    ),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/intervisie/<int:case_id>/",
        views.case,
        name="case",
    ),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/evaluatie/",
        views.evaluate,
        name="evaluate",
    ),
    path("netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/huiswerk/", views.homework, name="homework"),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/huiswerk/<int:homework_id>/",
        views.homework_done,
        name="homework_done",
    ),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/huiswerk/<int:homework_id>/weg/",
        views.delete_homework,
        name="delete_homework",
    ),
    path(
        "netwerken/<int:network_id>/bijeenkomsten/<int:meeting_id>/agenda.ics",
        views.meeting_calendar,
        name="meeting_calendar",
    ),
]
