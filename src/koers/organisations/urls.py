from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/tweestap/", views.second_factor_setup, name="second_factor"),
    path("account/tweestap/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("account/tweestap/uitzetten/", views.second_factor_off, name="second_factor_off"),
    path("besturen/<int:board_id>/", views.board_detail, name="board"),
    path("scholen/<int:school_id>/", views.school_detail, name="school"),
]
