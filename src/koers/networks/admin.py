from django.contrib import admin

from .models import Meeting, Network, NetworkMember


class MemberInline(admin.TabularInline):
    model = NetworkMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "theme_category", "status"]
    list_filter = ["status", "region", "theme_category"]
    search_fields = ["name"]
    inlines = [MemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["theme", "network", "date", "status"]
    list_filter = ["status"]
