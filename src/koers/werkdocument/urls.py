from django.urls import path

from . import views

app_name = "werkdocument"

urlpatterns = [
    path("scholen/<int:school_id>/trajecten/nieuw/", views.start_at_school, name="start_school"),
    path("besturen/<int:board_id>/trajecten/nieuw/", views.start_at_board, name="start_board"),
    path("roadmap/<int:worksheet_id>/naar-traject/", views.roadmap_export, name="roadmap_export"),
    path("trajecten/<int:trajectory_id>/", views.detail, name="detail"),
    path("enquetes/<int:round_id>/doel-meten/", views.measure_from_round, name="measure_from_round"),
    path("trajecten/<int:trajectory_id>/wijzigen/", views.edit, name="edit"),
    path("trajecten/<int:trajectory_id>/verwijderen/", views.delete, name="delete"),
    path("trajecten/<int:trajectory_id>/<slug:subphase>/", views.subphase_detail, name="subphase"),
    path("trajecten/<int:trajectory_id>/<slug:subphase>/vragen/<slug:question>/", views.save_answer, name="answer"),
    path(
        "trajecten/<int:trajectory_id>/<slug:subphase>/vragen/<slug:question>/geschiedenis/",
        views.answer_history,
        name="answer_history",
    ),
    path("trajecten/<int:trajectory_id>/<slug:subphase>/reflectie/", views.save_reflection, name="reflection"),
    path(
        "trajecten/<int:trajectory_id>/<slug:subphase>/reflectie/geschiedenis/",
        views.reflection_history,
        name="reflection_history",
    ),
    path("trajecten/<int:trajectory_id>/<slug:subphase>/afgerond/", views.mark_done, name="done"),
    path("trajecten/<int:trajectory_id>/<slug:subphase>/dialogen/", views.add_dialogue, name="dialogue"),
]
