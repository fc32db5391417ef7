from django.urls import path

from .views import amo, bottlenecks, coherence, goals, levers, situation, stakeholders, streefbeelden

app_name = "instruments"

P = "trajecten/<int:trajectory_id>/instrumenten/"

urlpatterns = [
    path(P + "doelen/", goals.page, name="goals"),
    path(P + "doelen/nieuw/", goals.add_goal, name="add_goal"),
    path(P + "doelen/aanscherpen/", goals.sharpen, name="sharpen"),
    path(P + "doelen/<int:goal_id>/wijzigen/", goals.change_goal, name="change_goal"),
    path(P + "doelen/<int:goal_id>/aanscherpen/", goals.sharpen_goal, name="sharpen_goal"),
    path(P + "doelen/<int:goal_id>/geschiedenis/", goals.goal_history, name="goal_history"),
    path(P + "doelen/<int:goal_id>/verwijderen/", goals.delete_goal, name="delete_goal"),
    path(P + "streefbeelden/", streefbeelden.page, name="streefbeelden"),
    path(P + "streefbeelden/<int:row_id>/verwijderen/", streefbeelden.delete_picture, name="delete_streefbeeld"),
    path(
        P + "streefbeelden/knelpunten/<int:row_id>/verwijderen/", streefbeelden.delete_problem, name="delete_vanished"
    ),
    path(P + "situatie/", situation.page, name="situation"),
    path(P + "situatie/eigen/", situation.add_row, name="add_situation_row"),
    path(P + "situatie/eigen/<int:row_id>/verwijderen/", situation.delete_row, name="delete_situation_row"),
    path(P + "situatie/<slug:key>/", situation.save, name="save_situation"),
    path(P + "knelpunten/", bottlenecks.page, name="bottlenecks"),
    path(P + "knelpunten/eigen/", bottlenecks.add, name="add_bottleneck"),
    path(P + "knelpunten/eigen/<int:row_id>/verwijderen/", bottlenecks.delete, name="delete_bottleneck"),
    path(P + "knelpunten/<slug:key>/", bottlenecks.save, name="save_bottleneck"),
    path(P + "stakeholders/", stakeholders.page, name="stakeholders"),
    path(P + "stakeholders/nieuw/", stakeholders.add, name="add_stakeholder"),
    path(P + "stakeholders/<int:stakeholder_id>/wijzigen/", stakeholders.change, name="change_stakeholder"),
    path(P + "stakeholders/<int:stakeholder_id>/verwijderen/", stakeholders.delete, name="delete_stakeholder"),
    path(P + "aanknopingspunten/", levers.page, name="levers"),
    path(P + "aanknopingspunten/eigen/", levers.add_lever, name="add_lever"),
    path(P + "aanknopingspunten/keuze/<int:choice_id>/verwijderen/", levers.remove_lever, name="remove_lever"),
    path(P + "aanknopingspunten/<slug:key>/", levers.score_lever, name="score_lever"),
    path(P + "amo/", amo.page, name="amo"),
    path(P + "amo/ketens/nieuw/", amo.add_chain, name="add_chain"),
    path(P + "amo/ketens/<int:chain_id>/wijzigen/", amo.change_chain, name="change_chain"),
    path(P + "amo/ketens/<int:chain_id>/verwijderen/", amo.delete_chain, name="delete_chain"),
    path(P + "amo/ketens/<int:chain_id>/onderdelen/", amo.add_element, name="add_element"),
    path(
        P + "amo/ketens/<int:chain_id>/onderdelen/<int:element_id>/verwijderen/",
        amo.delete_element,
        name="delete_element",
    ),
    path(P + "samenhang/", coherence.page, name="coherence"),
    path(P + "samenhang/eigen/", coherence.add_theme, name="add_theme"),
    path(P + "samenhang/eigen/<int:row_id>/verwijderen/", coherence.delete_theme, name="delete_theme"),
]
