from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Dialogue, Entry, EntryRevision, SubphaseStatus, Trajectory


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "verwijderd"

    def lookups(self, request, model_admin):
        return [("ja", _("Deleted")), ("nee", _("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "nee":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "school", "board", "start_date", "deleted_at"]
    list_filter = [DeletedFilter, "theme", "board"]
    search_fields = ["title"]
    filter_horizontal = ["participants"]
    actions = ["restore"]

    @admin.action(description=_("Restore selected deleted trajectories"))
    def restore(self, request, queryset):
        restored = 0
        for trajectory in queryset.filter(deleted_at__isnull=False):
            try:
                services.restore_trajectory(trajectory=trajectory)
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], messages.ERROR)
            else:
                restored += 1
        if restored:
            self.message_user(request, _("%(n)d trajectories restored.") % {"n": restored})


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
