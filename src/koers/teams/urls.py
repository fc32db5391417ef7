from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("scholen/<int:school_id>/teamontwikkeling/", views.overview, name="overview"),
    path("scholen/<int:school_id>/speerpunten/", views.speerpunten, name="speerpunten"),
    path("werkgroepen/<int:workgroup_id>/", views.workgroup, name="workgroup"),
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/kaarten/<int:holder_id>/terug/", views.take_back, name="take_back"),
    path("teams/<int:team_id>/bespreken/", views.talk, name="talk"),
    path("teams/<int:team_id>/plan/<str:year>/", views.plan, name="plan"),
    path("teams/<int:team_id>/plan/<str:year>/vaststellen/", views.adopt, name="adopt"),
    path("teams/<int:team_id>/plan/<str:year>/acties/<int:action_id>/", views.mark_action, name="action"),
]
