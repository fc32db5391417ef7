from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("besturen/<int:board_id>/personeel/", views.board_people, name="board_people"),
    path("besturen/<int:board_id>/personeel/nieuw/", views.board_new_person, name="board_new_person"),
    path("besturen/<int:board_id>/personeel/import/", views.board_import, name="board_import"),
    path("besturen/<int:board_id>/aanmeldingen/", views.sign_in_requests, name="sign_in_requests"),
    path("aanmeldingen/<int:request_id>/", views.sign_in_request, name="sign_in_request"),
    path("aanmeldingen/<int:request_id>/afwijzen/", views.refuse_sign_in, name="refuse_sign_in"),
    path("besturen/<int:board_id>/scholen/", views.schools, name="schools"),
    path("besturen/<int:board_id>/scholen/nieuw/", views.new_school, name="new_school"),
    path("scholen/<int:school_id>/personeel/", views.school_people, name="school_people"),
    path("scholen/<int:school_id>/personeel/nieuw/", views.school_new_person, name="school_new_person"),
    path("scholen/<int:school_id>/personeel/import/", views.school_import, name="school_import"),
    path("scholen/<int:school_id>/gegevens/", views.edit_school, name="edit_school"),
    path("scholen/<int:school_id>/teams/", views.teams, name="teams"),
    path("teams/<int:team_id>/wijzigen/", views.team, name="team"),
    path("teams/<int:team_id>/rollen/", views.team_roles, name="team_roles"),
    path("teams/<int:team_id>/verwijderen/", views.delete_team, name="delete_team"),
    path("personeel/<int:person_id>/", views.person, name="person"),
    path("personeel/<int:person_id>/uitnodigen/", views.invite, name="invite"),
    path("personeel/<int:person_id>/rollen/", views.add_role, name="add_role"),
    path("personeel/<int:person_id>/rollen/<int:membership_id>/weg/", views.remove_role, name="remove_role"),
    path("personeel/<int:person_id>/vertrek/", views.leave, name="leave"),
    path("personeel/import/<int:import_id>/", views.import_plan, name="import_plan"),
    path("personeel/sjabloon.csv", views.import_template, name="import_template"),
]
