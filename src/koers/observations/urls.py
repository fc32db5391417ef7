from django.urls import path

from . import views

app_name = "observations"

urlpatterns = [
    path("scholen/<int:school_id>/lesobservaties/", views.periods, name="periods"),
    path("lesobservaties/<int:period_id>/", views.period, name="period"),
    path("lesobservaties/<int:period_id>/nieuw/", views.observe, name="observe"),
    path("lesobservaties/<int:period_id>/rapport/", views.report, name="report"),
    path("lesobservaties/<int:period_id>/sluiten/", views.close, name="close"),
    path("lesobservaties/obs/<int:observation_id>/", views.observation, name="observation"),
    path("lesobservaties/obs/<int:observation_id>/portfolio/", views.to_portfolio, name="to_portfolio"),
    path("lesobservaties/obs/<int:observation_id>/pop-doel/", views.to_pop_goal, name="to_pop_goal"),
    path("mijn-loopbaan/observaties/", views.mine, name="mine"),
]
