from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from koers import soft_delete
from koers.soft_delete import DeletedFilter

from . import services
from .models import Dialogue, Entry, EntryRevision, SubphaseStatus, Trajectory


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "school", "board", "start_date", "deleted_at"]
    list_filter = [DeletedFilter, "theme", "board"]
    search_fields = ["title"]
    filter_horizontal = ["participants"]
    actions = [
        soft_delete.restore_action(
            lambda t: services.restore_trajectory(trajectory=t),
            _("Restore selected deleted trajectories"),
            _("%(n)d trajectories restored."),
        )
    ]


class RevisionInline(admin.TabularInline):
    model = EntryRevision
    extra = 0
    readonly_fields = ["version", "text", "not_relevant", "edited_at", "edited_by"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "kind", "key", "version", "updated_at"]
    list_filter = ["kind"]
    inlines = [RevisionInline]


@admin.register(EntryRevision)
class EntryRevisionAdmin(admin.ModelAdmin):
    list_display = ["entry", "version", "edited_by", "edited_at"]
    readonly_fields = ["entry", "version", "text", "not_relevant", "edited_at", "edited_by"]


admin.site.register(SubphaseStatus)
admin.site.register(Dialogue)
