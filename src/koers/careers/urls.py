from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("mijn-loopbaan/", views.mine, name="mine"),
    path("mijn-loopbaan/rollen/", views.roles, name="roles"),
    path("mijn-loopbaan/dossier.<str:fmt>", views.dossier, name="dossier"),
    path("mijn-loopbaan/rollen/<slug:slug>/", views.role, name="role"),
    path("mijn-loopbaan/plaatsen/<int:offer_id>/belangstelling/", views.interest, name="interest"),
    path("mijn-loopbaan/pop/nieuw/", views.start_pop, name="start_pop"),
    path("mijn-loopbaan/pop/<str:year>/", views.pop, name="pop"),
    path("mijn-loopbaan/pop/<str:year>/doelen/<int:goal_id>/verwijderen/", views.remove_pop_goal, name="remove_goal"),
    path("mijn-loopbaan/pop/<str:year>/activiteiten/<int:activity_id>/", views.change_activity, name="activity"),
    path("mijn-loopbaan/expertise/", views.my_expertise, name="expertise"),
    path("mijn-loopbaan/expertise/<int:entry_id>/", views.expertise_entry, name="expertise_entry"),
    path("scholen/<int:school_id>/expertise/", views.school_expertise, name="school_expertise"),
    path("mijn-loopbaan/portfolio/", views.portfolio, name="portfolio"),
    path("mijn-loopbaan/portfolio/<int:item_id>/", views.evidence, name="evidence"),
    path("mijn-loopbaan/portfolio/<int:item_id>/bestand/", views.evidence_file, name="evidence_file"),
    path("mijn-loopbaan/portfolio/<int:item_id>/verwijderen/", views.delete_evidence, name="delete_evidence"),
    path("mijn-loopbaan/cyclus/nieuw/", views.start_cycle, name="start_cycle"),
    path("mijn-loopbaan/cyclus/<int:cycle_id>/", views.cycle, name="cycle"),
    path("mijn-loopbaan/delen/<int:share_id>/beeindigen/", views.revoke_share, name="revoke_share"),
    path("loopbaan/gedeeld/pop/<int:pop_id>/", views.shared_pop, name="shared_pop"),
    path("loopbaan/gedeeld/bewijs/<int:item_id>/", views.shared_evidence, name="shared_evidence"),
    path("loopbaan/gedeeld/bewijs/<int:item_id>/bestand/", views.shared_evidence_file, name="shared_evidence_file"),
    path("loopbaan/gedeeld/cyclus/<int:cycle_id>/", views.shared_cycle, name="shared_cycle"),
    path("mijn-loopbaan/gesprekken/<int:conversation_id>/", views.conversation, name="conversation"),
    path("mijn-loopbaan/gesprekken.ics", views.agenda, name="agenda"),
    path("scholen/<int:school_id>/gesprekken/", views.school_conversations, name="school_conversations"),
    path("besturen/<int:board_id>/loopbaan/", views.board_careers, name="board"),
    path("scholen/<int:school_id>/functiemix/", views.functiemix, name="functiemix"),
    path("scholen/<int:school_id>/kaders/", views.school_frameworks, name="school_frameworks"),
    path("scholen/<int:school_id>/kaders/<int:adopted_id>/", views.school_framework, name="school_framework"),
    path("scholen/<int:school_id>/rollen/", views.school_roles, name="school_roles"),
    path("scholen/<int:school_id>/rollen/<int:offer_id>/", views.school_offer, name="school_offer"),
    path(
        "scholen/<int:school_id>/rollen/<int:offer_id>/houders/<int:holding_id>/beeindigen/",
        views.end_holding,
        name="end_holding",
    ),
    path("scholen/<int:school_id>/rollen/<int:offer_id>/sluiten/", views.close_offer, name="close_offer"),
    path("scholen/<int:school_id>/rollen/<int:offer_id>/selectie/", views.open_procedure, name="open_procedure"),
    path("loopbaan/selectie/<int:procedure_id>/", views.procedure, name="procedure"),
    path("loopbaan/selectie/<int:procedure_id>/kandidaten/<int:candidate_id>/", views.judge, name="judge"),
    path(
        "loopbaan/selectie/<int:procedure_id>/inzendingen/<int:submission_id>/bestand/",
        views.submission_file,
        name="submission_file",
    ),
    path("mijn-loopbaan/feedback/", views.feedback_list, name="feedback_list"),
    path("mijn-loopbaan/feedback/<int:feedback_id>/", views.feedback, name="feedback"),
    path(
        "mijn-loopbaan/feedback/<int:feedback_id>/portfolio/", views.feedback_to_portfolio, name="feedback_to_portfolio"
    ),
    path("mijn-loopbaan/selectie/<int:procedure_id>/", views.candidacy, name="candidacy"),
    path(
        "mijn-loopbaan/selectie/<int:procedure_id>/inzendingen/<int:submission_id>/intrekken/",
        views.withdraw_submission,
        name="withdraw_submission",
    ),
]
