from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="index"),
    path("besturen/<int:board_id>/", views.board_detail, name="board"),
    path("scholen/<int:school_id>/", views.school_detail, name="school"),
]
