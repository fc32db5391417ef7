from django.urls import path

from . import views

app_name = "plans"

T = "trajecten/<int:trajectory_id>/"

urlpatterns = [
    path(T + "plan/", views.plan, name="plan"),
    path(T + "plan/activiteiten/nieuw/", views.add_activity, name="add_activity"),
    path(T + "plan/activiteiten/<int:activity_id>/", views.change_activity, name="change_activity"),
    path(T + "plan/activiteiten/<int:activity_id>/geschiedenis/", views.activity_history, name="activity_history"),
    path(T + "plan/activiteiten/<int:activity_id>/verwijderen/", views.delete_activity, name="delete_activity"),
    path(T + "plan/randvoorwaarden/", views.preconditions, name="preconditions"),
    path(T + "plan/agenda.ics", views.calendar, name="calendar"),
    path(T + "monitoring/", views.monitoring, name="monitoring"),
    path(T + "monitoring/activiteiten/<int:activity_id>/status/", views.set_status, name="set_status"),
    path(T + "monitoring/doelen/<int:goal_id>/meting/", views.add_measurement, name="add_measurement"),
    path(T + "monitoring/voorstellen/<int:proposal_id>/", views.decide_proposal, name="decide_proposal"),
    path(T + "evaluatie/", views.evaluation, name="evaluation"),
    path(T + "evaluatie/doelen/<int:goal_id>/", views.evaluate_goal, name="evaluate_goal"),
    path(T + "cycli/<int:number>/", views.cycle_history, name="cycle_history"),
]
