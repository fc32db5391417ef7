from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("koers.organisations.urls")),
    path("", include("koers.trajectories.urls")),
    path("account/", include("django.contrib.auth.urls")),
    path("beheer/", admin.site.urls),
]
