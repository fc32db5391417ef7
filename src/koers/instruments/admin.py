from django.contrib import admin

from . import models


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["description", "trajectory", "level", "term", "version"]
    list_filter = ["level", "term"]
    list_select_related = ["trajectory"]
    raw_id_fields = ["trajectory"]


@admin.register(models.Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["name", "trajectory", "kind", "interest", "influence", "alignment", "trust"]
    list_select_related = ["trajectory"]
    raw_id_fields = ["trajectory"]


for model in (
    models.SituationAssessment,
    models.BottleneckAssessment,
    models.LeverChoice,
    models.AmoChain,
    models.AmoElement,
    models.CoherenceTheme,
    models.CoherenceLink,
):
    admin.site.register(model, raw_id_fields=[f.name for f in model._meta.fields if f.many_to_one])
