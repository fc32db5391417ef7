from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.home, name="home"),
    path("besturen/<int:board_id>/", views.board_detail, name="board"),
    path("scholen/<int:school_id>/", views.school_detail, name="school"),
]
