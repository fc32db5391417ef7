from django.urls import path

from . import views

app_name = "instruments"

P = "trajecten/<int:trajectory_id>/instrumenten/"

urlpatterns = [
    path(P + "doelen/", views.goals, name="goals"),
    path(P + "doelen/nieuw/", views.add_goal, name="add_goal"),
    path(P + "doelen/aanscherpen/", views.sharpen, name="sharpen"),
    path(P + "doelen/<int:goal_id>/wijzigen/", views.change_goal, name="change_goal"),
    path(P + "doelen/<int:goal_id>/aanscherpen/", views.sharpen_goal, name="sharpen_goal"),
    path(P + "doelen/<int:goal_id>/geschiedenis/", views.goal_history, name="goal_history"),
    path(P + "doelen/<int:goal_id>/verwijderen/", views.delete_goal, name="delete_goal"),
    path(P + "situatie/", views.situation, name="situation"),
    path(P + "situatie/eigen/", views.add_situation_row, name="add_situation_row"),
    path(P + "situatie/eigen/<int:row_id>/verwijderen/", views.delete_situation_row, name="delete_situation_row"),
    path(P + "situatie/<slug:key>/", views.save_situation, name="save_situation"),
    path(P + "knelpunten/", views.bottlenecks, name="bottlenecks"),
    path(P + "knelpunten/eigen/", views.add_bottleneck, name="add_bottleneck"),
    path(P + "knelpunten/eigen/<int:row_id>/verwijderen/", views.delete_bottleneck, name="delete_bottleneck"),
    path(P + "knelpunten/<slug:key>/", views.save_bottleneck, name="save_bottleneck"),
    path(P + "stakeholders/", views.stakeholders, name="stakeholders"),
    path(P + "stakeholders/nieuw/", views.add_stakeholder, name="add_stakeholder"),
    path(P + "stakeholders/<int:stakeholder_id>/wijzigen/", views.change_stakeholder, name="change_stakeholder"),
    path(P + "stakeholders/<int:stakeholder_id>/verwijderen/", views.delete_stakeholder, name="delete_stakeholder"),
    path(P + "aanknopingspunten/", views.levers, name="levers"),
    path(P + "aanknopingspunten/eigen/", views.add_lever, name="add_lever"),
    path(P + "aanknopingspunten/keuze/<int:choice_id>/verwijderen/", views.remove_lever, name="remove_lever"),
    path(P + "aanknopingspunten/<slug:key>/", views.score_lever, name="score_lever"),
    path(P + "amo/", views.amo, name="amo"),
    path(P + "amo/ketens/nieuw/", views.add_chain, name="add_chain"),
    path(P + "amo/ketens/<int:chain_id>/wijzigen/", views.change_chain, name="change_chain"),
    path(P + "amo/ketens/<int:chain_id>/verwijderen/", views.delete_chain, name="delete_chain"),
    path(P + "amo/ketens/<int:chain_id>/onderdelen/", views.add_element, name="add_element"),
    path(
        P + "amo/ketens/<int:chain_id>/onderdelen/<int:element_id>/verwijderen/",
        views.delete_element,
        name="delete_element",
    ),
    path(P + "samenhang/", views.coherence, name="coherence"),
    path(P + "samenhang/eigen/", views.add_theme, name="add_theme"),
    path(P + "samenhang/eigen/<int:row_id>/verwijderen/", views.delete_theme, name="delete_theme"),
]
