"""Admins add and edit instruments here without touching code. Rounds, invitations and
responses are not in the admin: no one browses answers one by one."""

from django.contrib import admin

from .models import Dimension, Instrument, Item, Module, RespondentGroup


@admin.register(RespondentGroup)
class RespondentGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "from_content"]
    prepopulated_fields = {"slug": ["name"]}


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0
    fields = ["slug", "name", "required", "order"]


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ["slug", "name", "module", "order"]
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "version", "kind", "active", "from_content"]
    list_filter = ["active", "kind"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["groups"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ModuleInline, DimensionInline]


class ItemInline(admin.StackedInline):
    model = Item
    extra = 1
    fields = [("slug", "order"), "text", ("scale", "required", "facet"), "options",
              ("low_label", "high_label")]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "instrument", "module", "order"]
    list_filter = ["instrument"]
    inlines = [ItemInline]
