from django.urls import path

from . import views

app_name = "reports"

T = "trajecten/<int:trajectory_id>/rapport/"

urlpatterns = [
    path(T, views.report, name="report"),
    path(T + "pdf/", views.request_pdf, name="request_pdf"),
    path(T + "pdf/<int:export_id>/", views.export_status, name="export"),
    path(T + "pdf/<int:export_id>/download/", views.download_pdf, name="download"),
    path(T + "delen/", views.create_share_link, name="share"),
    path("trajecten/<int:trajectory_id>/cycli/nieuw/", views.next_cycle, name="next_cycle"),
    path(T + "delen/<int:link_id>/intrekken/", views.revoke_share_link, name="revoke"),
    path("gedeeld/l/<int:link_id>/", views.shared, name="shared"),
    path("gedeeld/<str:token>/", views.share_entry, name="share_entry"),
    path("besturen/<int:board_id>/overzicht/", views.board_overview, name="board_overview"),
    path("scholen/<int:school_id>/overzicht/", views.school_overview, name="school_overview"),
]
