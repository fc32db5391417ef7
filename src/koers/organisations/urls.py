from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/taal/", views.language, name="language"),
    path("account/tweestap/", views.second_factor_setup, name="second_factor"),
    path("account/tweestap/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("account/tweestap/uitzetten/", views.second_factor_off, name="second_factor_off"),
    path("meldingen/", views.notifications, name="notifications"),
    path("meldingen/<int:notification_id>/", views.open_notification, name="open_notification"),
    path("account/meldingen/", views.notification_settings, name="notification_settings"),
    path("account/schoolaccount/terug/", views.school_account_return, name="school_account_return"),
    path("account/activeren/", views.activate, name="activate"),
    path("account/activeren/<str:token>/", views.activate_link, name="activate_link"),
]
