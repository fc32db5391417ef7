from django.contrib import admin
from django.db import models

from .models import (
    AmoItem,
    Bottleneck,
    Lever,
    LeverCluster,
    Phase,
    Question,
    QuestionGroup,
    SituationRow,
    Subphase,
    Theme,
    Tip,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "term", "order", "from_content"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class SubphaseInline(admin.TabularInline):
    model = Subphase
    extra = 0
    fields = ["code", "title", "order"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "slug"]
    inlines = [SubphaseInline]


@admin.register(Subphase)
class SubphaseAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "phase"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["slug", "text", "order"]


@admin.register(QuestionGroup)
class QuestionGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "subphase", "order"]
    list_filter = ["subphase"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["slug", "text", "subphase"]
    list_filter = ["subphase"]
    search_fields = ["slug", "text"]


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "phase", "subphase"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["kind"]


@admin.register(SituationRow)
class SituationRowAdmin(admin.ModelAdmin):
    list_display = ["slug", "table", "section", "text"]
    list_filter = ["table", "section"]


@admin.register(Bottleneck)
class BottleneckAdmin(admin.ModelAdmin):
    list_display = ["slug", "text"]


class LeverInline(admin.TabularInline):
    model = Lever
    extra = 0


@admin.register(LeverCluster)
class LeverClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    inlines = [LeverInline]


@admin.register(Lever)
class LeverAdmin(admin.ModelAdmin):
    list_display = ["slug", "cluster", "text"]
    list_filter = ["cluster"]


@admin.register(AmoItem)
class AmoItemAdmin(admin.ModelAdmin):
    list_display = ["slug", "factor", "kind", "text"]
    list_filter = ["factor", "kind"]
