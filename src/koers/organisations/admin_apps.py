"""The admin app, with our audited site as the default one (kept apart from admin_site.py,
which imports models that do not exist yet when app configs load)."""

from django.contrib.admin.apps import AdminConfig


class AuditedAdminConfig(AdminConfig):
    default_site = "koers.organisations.admin_site.AuditedAdminSite"
