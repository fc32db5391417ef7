"""Admins add and edit instruments here without touching code, and restore deleted rounds.
Invitations and responses are not in the admin: no one browses answers one by one."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from koers import soft_delete
from koers.soft_delete import DeletedFilter

from . import services
from .models import Dimension, Instrument, Item, Module, RespondentGroup, Round


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
    fields = [("slug", "order"), "text", ("scale", "required", "facet"), "options", ("low_label", "high_label")]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "instrument", "module", "order"]
    list_filter = ["instrument"]
    inlines = [ItemInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Read-only: rounds are run in Koers itself; here an admin only restores a deleted one."""

    list_display = ["title", "school", "instrument", "opens_on", "closes_on", "deleted_at"]
    list_filter = [DeletedFilter, "instrument"]
    search_fields = ["title", "school__name"]
    fields = [
        "title",
        "school",
        "instrument",
        "modules",
        "opens_on",
        "closes_on",
        "closed_early_on",
        "min_group_size",
        "deleted_at",
    ]
    readonly_fields = fields
    actions = [
        soft_delete.restore_action(
            lambda r: services.restore_round(survey=r),
            _("Restore selected deleted rounds"),
            _("%(n)d rounds restored."),
        )
    ]

    def has_add_permission(self, request):
        return False
