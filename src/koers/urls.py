from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.organisations.forms import LoginForm, QueuedPasswordResetForm

urlpatterns = [
    path("", include("koers.organisations.urls")),
    path("", include("koers.instruments.urls")),
    path("", include("koers.plans.urls")),
    path("", include("koers.reports.urls")),
    path("", include("koers.surveys.urls")),
    path("", include("koers.trajectories.urls")),
    path("account/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path(
        "account/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("account/", include("django.contrib.auth.urls")),
    path("beheer/", admin.site.urls),
]
