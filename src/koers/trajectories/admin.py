from django.contrib import admin

from .models import Dialogue, Entry, EntryRevision, SubphaseStatus, Trajectory


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "school", "board", "start_date", "deleted_at"]
    list_filter = ["theme", "board"]
    search_fields = ["title"]
    filter_horizontal = ["participants"]


class RevisionInline(admin.TabularInline):
    model = EntryRevision
    extra = 0
    readonly_fields = ["version", "text", "not_relevant", "edited_at", "edited_by"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "kind", "key", "version", "updated_at"]
    list_filter = ["kind"]
    inlines = [RevisionInline]


admin.site.register(SubphaseStatus)
admin.site.register(Dialogue)
