from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("scholen/<int:school_id>/visitaties/", views.school_visits, name="school_visits"),
    path("scholen/<int:school_id>/visitaties/nieuw/", views.request_visit, name="request"),
    path("visitaties/<int:visit_id>/", views.visit, name="visit"),
    path("visitaties/<int:visit_id>/vraag/", views.intake, name="intake"),
    path("visitaties/<int:visit_id>/programma/", views.programme, name="programme"),
    path(
        "visitaties/<int:visit_id>/programma/<int:part_id>/verwijderen/",
        views.remove_programme_item,
        name="remove_programme_item",
    ),
    path("visitaties/<int:visit_id>/programma/vaststellen/", views.fix_programme, name="fix_programme"),
    path("visitaties/<int:visit_id>/commissie/", views.commission, name="commission"),
    path("visitaties/<int:visit_id>/commissie/<int:seat_id>/verwijderen/", views.remove_visitor, name="remove_visitor"),
    path("visitaties/<int:visit_id>/commissie/bevestigen/", views.confirm_commission, name="confirm_commission"),
    path("visitaties/<int:visit_id>/documenten/", views.papers, name="papers"),
    path("visitaties/<int:visit_id>/documenten/<int:paper_id>/", views.paper_file, name="paper_file"),
    path("visitaties/<int:visit_id>/documenten/<int:paper_id>/verwijderen/", views.delete_paper, name="delete_paper"),
    path("visitaties/<int:visit_id>/bevindingen/", views.findings, name="findings"),
    path("visitaties/<int:visit_id>/terugkoppeling/", views.feedback, name="feedback"),
    path("visitaties/<int:visit_id>/rapport/", views.report, name="report"),
    path("visitaties/<int:visit_id>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("visitaties/<int:visit_id>/rapport/<str:step>/", views.report_step, name="report_step"),
    path("visitaties/<int:visit_id>/vervolg/", views.follow_up, name="follow_up"),
    path("visitaties/<int:visit_id>/evaluatie/", views.evaluation, name="evaluation"),
    path("visitaties/<int:visit_id>/annuleren/", views.cancel, name="cancel"),
    path("regio/<slug:slug>/visitaties/", views.region_visits, name="region_visits"),
    path("regio/<slug:slug>/visitatoren/", views.pool, name="pool"),
    path(
        "regio/<slug:slug>/visitatoren/<int:profile_id>/beschikbaar/", views.toggle_available, name="toggle_available"
    ),
]
