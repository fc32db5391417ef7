from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("account/mijn-gegevens/", views.my_data, name="my_data"),
    path("account/mijn-gegevens.<str:fmt>", views.my_data_export, name="my_data_export"),
    path("privacy/personen/", views.people, name="people"),
    path("privacy/personen/<int:person_id>/", views.person, name="person"),
    path("privacy/personen/<int:person_id>/gegevens.<str:fmt>", views.person_export, name="person_export"),
    path("privacy/personen/<int:person_id>/wissen/", views.erase, name="erase"),
    path("privacy/gewist/", views.erased, name="erased"),
    path("scholen/<int:school_id>/inzage/", views.school_log, name="school_log"),
    path("besturen/<int:board_id>/inzage/", views.board_log, name="board_log"),
]
