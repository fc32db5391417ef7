from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from . import services
from .forms import AdminUserChangeForm, AdminUserCreationForm, SignInProviderForm
from .models import (
    AccountInvitation,
    Board,
    Membership,
    Person,
    Region,
    School,
    SignInProvider,
    SignInRequest,
    Team,
    TeamMembership,
    User,
)

# The task queue is the worker's, not something to edit by hand, and its rows carry e-mail
# addresses (a reset mail's recipient); failures show in the log. So it has no admin page.
admin.site.unregister(DBTaskResult)


class SchoolInline(admin.TabularInline):
    model = School
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    # Regions are content (regios.yaml); load_catalog keeps them.
    readonly_fields = ["slug"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [SchoolInline]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "brin", "sector", "region", "board"]
    list_filter = ["sector", "region", "board"]
    search_fields = ["name", "brin"]
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "school"]
    list_filter = ["kind", "school__board"]
    search_fields = ["name"]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "functie", "school", "board", "user", "left_on"]
    list_filter = ["functie", "board", "school"]
    search_fields = ["first_name", "last_name", "email", "personnel_number"]
    autocomplete_fields = ["user"]
    inlines = [TeamMembershipInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "board", "school", "region"]
    list_filter = ["role"]
    search_fields = ["user__email"]


@admin.register(AccountInvitation)
class AccountInvitationAdmin(admin.ModelAdmin):
    # The token's hash is no use to anyone here; who was invited and when is.
    list_display = ["user", "sent_at", "expires_at", "used_at"]
    exclude = ["token_hash"]
    readonly_fields = ["user", "sent_at", "expires_at", "used_at", "sent_by"]


@admin.register(SignInProvider)
class SignInProviderAdmin(admin.ModelAdmin):
    form = SignInProviderForm
    list_display = ["board", "kind", "issuer", "domains", "active"]
    list_filter = ["kind", "active"]

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("client_secret"):
            services.seal_client_secret(obj, form.cleaned_data["client_secret"])
        super().save_model(request, obj, form, change)


@admin.register(SignInRequest)
class SignInRequestAdmin(admin.ModelAdmin):
    # Deciding happens in Koers's own staff pages, by the board's administrator.
    list_display = ["email", "provider", "requested_at", "state"]
    list_filter = ["state"]
    readonly_fields = ["provider", "subject", "email", "full_name", "requested_at", "state", "decided_at", "decided_by"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "usable_password", "password1", "password2")}),
    )
    actions = ["reset_second_factor"]

    @admin.action(description=_("Switch off two-step verification (lost phone and recovery codes)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            services.remove_second_factor(user)
        self.message_user(request, _("Two-step verification is off for the chosen accounts; they set it up again."))
