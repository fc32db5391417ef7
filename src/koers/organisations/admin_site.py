"""The admin site. It logs in through Koers's own login page (with its throttle and second
factor), and every object page that holds a school's or a board's data is noted in the access
log, so a school leader also sees what an administrator opened."""

from functools import wraps
from itertools import chain

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from .models import AccessRecord, Board, School
from .services import record_access


def _place(obj) -> tuple[School | None, int | None]:
    """The school (and board) an object belongs to: itself, or through one of its foreign keys."""
    related = (getattr(obj, f.name) for f in obj._meta.fields if f.many_to_one)
    for candidate in chain([obj], related):
        if isinstance(candidate, School):
            return candidate, candidate.board_id
        if isinstance(candidate, Board):
            return None, candidate.pk
        school = getattr(candidate, "school", None)
        if isinstance(school, School):
            return school, school.board_id
        if getattr(candidate, "board_id", None):
            return None, candidate.board_id
    return None, None


class AuditedAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        """One login for everyone: ours, with its throttle and second factor."""
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), login_url=reverse("login"))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)
        model_admin = getattr(view, "__self__", None)
        if not isinstance(model_admin, admin.ModelAdmin) or view.__name__ != "change_view":
            return inner

        @wraps(inner)
        def audited(request, object_id, *args, **kwargs):
            response = inner(request, object_id, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                obj = model_admin.get_object(request, unquote(object_id))
                school, board_id = _place(obj) if obj is not None else (None, None)
                if board_id is not None:
                    subject = f"{obj._meta.verbose_name}: {obj}"
                    record_access(
                        user=request.user,
                        kind=AccessRecord.Kind.ADMIN_VIEW,
                        subject=subject,
                        school=school,
                        board_id=board_id,
                    )
            return response

        return audited
