from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("scholen/<int:school_id>/enquetes/", views.rounds, name="rounds"),
    path("scholen/<int:school_id>/enquetes/nieuw/", views.choose_instrument, name="choose"),
    path("scholen/<int:school_id>/enquetes/regio/", views.region_sharing, name="region_sharing"),
    path("regio/<slug:slug>/enquetes/", views.region_benchmark, name="region_benchmark"),
    path("scholen/<int:school_id>/enquetes/nieuw/<int:instrument_id>/", views.new_round, name="new_round"),
    path("enquetes/<int:round_id>/", views.round_detail, name="round"),
    path("enquetes/<int:round_id>/medewerkers/", views.invite_staff, name="invite_staff"),
    path("enquetes/<int:round_id>/bestand/", views.upload, name="upload"),
    path("enquetes/<int:round_id>/versturen/", views.send, name="send"),
    path("enquetes/<int:round_id>/herinneren/", views.remind, name="remind"),
    path("enquetes/<int:round_id>/sluiten/", views.close, name="close"),
    path("enquetes/<int:round_id>/verlengen/", views.extend, name="extend"),
    path("enquetes/<int:round_id>/open-link/", views.open_link, name="open_link"),
    path("enquetes/<int:round_id>/eigen-vragen/", views.own_questions, name="own_questions"),
    path(
        "enquetes/<int:round_id>/eigen-vragen/<int:item_id>/verwijderen/",
        views.remove_own_question,
        name="remove_own_question",
    ),
    path("enquetes/<int:round_id>/verwijderen/", views.delete, name="delete"),
    path("enquetes/<int:round_id>/rapport/", views.report, name="report"),
    path("enquetes/<int:round_id>/rapport.<str:fmt>", views.report_export, name="export"),
    path("enquetes/<int:round_id>/rapport/open/<int:item_id>/", views.open_answers, name="open_answers"),
    path("trajecten/<int:trajectory_id>/enquetes/toevoegen/", views.attach, name="attach"),
    path("trajecten/<int:trajectory_id>/enquetes/<int:evidence_id>/loskoppelen/", views.detach, name="detach"),
    path("netwerken/<int:network_id>/evaluaties/", views.network_evaluations, name="network_evaluations"),
    path("netwerken/<int:network_id>/evaluaties/nieuw/", views.plan_network_evaluation, name="plan_network_evaluation"),
    path(
        "netwerken/<int:network_id>/evaluaties/<int:evaluation_id>/",
        views.network_evaluation,
        name="network_evaluation",
    ),
    path(
        "netwerken/<int:network_id>/evaluaties/<int:evaluation_id>/invullen/",
        views.answer_network_evaluation,
        name="answer_network_evaluation",
    ),
    path(
        "netwerken/<int:network_id>/evaluaties/<int:evaluation_id>/sluiten/",
        views.close_network_evaluation,
        name="close_network_evaluation",
    ),
    path(
        "netwerken/<int:network_id>/evaluaties/<int:evaluation_id>/gedeeld-beeld/",
        views.shared_picture,
        name="shared_picture",
    ),
    # The respondent's side: no login, the link is the key.
    path("enquete/bedankt/", views.thanks, name="thanks"),
    path("enquete/open/<str:token>/", views.open_entry, name="open"),
    path("enquete/r/<int:round_id>/", views.respond, name="respond"),
    path("enquete/r/<int:round_id>/vraag/<int:number>/", views.respond_page, name="respond_page"),
    path("enquete/r/<int:round_id>/versturen/", views.review, name="review"),
    path("enquete/r/<int:round_id>/taal/", views.language, name="language"),
    path("enquete/<str:token>/", views.link, name="link"),
]
