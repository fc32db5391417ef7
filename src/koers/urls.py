from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.organisations import views as organisation_views
from koers.organisations.forms import QueuedPasswordResetForm

urlpatterns = [
    path("", include("koers.home.urls")),
    path("", include("koers.organisations.urls")),
    path("", include("koers.instruments.urls")),
    path("", include("koers.plans.urls")),
    path("", include("koers.reports.urls")),
    path("", include("koers.surveys.urls")),
    path("", include("koers.werkdocument.urls")),
    path("", include("koers.privacy.urls")),
    path("", include("koers.staff.urls")),
    path("", include("koers.networks.urls")),
    path("", include("koers.visits.urls")),
    path("", include("koers.careers.urls")),
    path("", include("koers.observations.urls")),
    path("", include("koers.teams.urls")),
    path("account/login/", organisation_views.Login.as_view(), name="login"),
    path("account/login/code/", organisation_views.login_code, name="login_code"),
    path(
        "account/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("account/", include("django.contrib.auth.urls")),
    path("beheer/", admin.site.urls),
]
