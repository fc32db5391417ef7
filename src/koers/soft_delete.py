"""Soft delete, shared by trajectories and survey rounds: a deleted object disappears for its
users, and an admin can restore it for RESTORE_DAYS (ARCHITECTURE: "Nothing is lost")."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RESTORE_DAYS = 30


def mark_deleted(obj: models.Model) -> None:
    obj.deleted_at = timezone.now()
    obj.save(update_fields=["deleted_at"])


def expired(queryset: models.QuerySet, days: int = RESTORE_DAYS) -> models.QuerySet:
    """The objects deleted longer ago than they can be restored: `koers purge` removes them."""
    return queryset.filter(deleted_at__lt=timezone.now() - datetime.timedelta(days=days))


def restore(obj: models.Model, title: str) -> None:
    if obj.deleted_at is None:
        return
    if timezone.now() - obj.deleted_at > datetime.timedelta(days=RESTORE_DAYS):
        raise ValidationError(
            _("%(title)s was deleted more than %(days)d days ago and can no longer be restored.")
            % {"title": title, "days": RESTORE_DAYS}
        )
    obj.deleted_at = None
    obj.save(update_fields=["deleted_at"])


class DeletedFilter(admin.SimpleListFilter):
    title = gettext_lazy("deleted")
    parameter_name = "verwijderd"

    def lookups(self, request, model_admin):
        return [("ja", gettext_lazy("Deleted")), ("nee", gettext_lazy("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "nee":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


def restore_action(restore_one, description, done):
    """The admin action "restore" for the selected deleted objects, each by `restore_one`;
    `done` is a (lazy) message with %(n)d."""

    @admin.action(description=description)
    def action(model_admin, request, queryset):
        restored = 0
        for obj in queryset.filter(deleted_at__isnull=False):
            try:
                restore_one(obj)
            except ValidationError as exc:
                model_admin.message_user(request, exc.messages[0], messages.ERROR)
            else:
                restored += 1
        if restored:
            model_admin.message_user(request, done % {"n": restored})

    action.__name__ = "restore"
    return action
