import pytest
from django.contrib import admin
from django.urls import reverse

from koers.organisations.models import User

pytestmark = pytest.mark.django_db


def test_every_model_has_a_working_admin_list_add_and_change_page(client, org):
    client.force_login(User.objects.create_superuser("beheer@test.example", "geheim-wachtwoord-1"))
    ours = [m for m in admin.site._registry if m._meta.app_label in {"organisations", "catalog", "trajectories"}]
    assert len(ours) >= 20
    for model in ours:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, prefix
        assert client.get(reverse(f"{prefix}_add")).status_code == 200, prefix
        obj = model.objects.first()
        if obj is not None:
            assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200, prefix


def test_an_admin_adds_a_user_by_e_mail(client, org):
    client.force_login(User.objects.create_superuser("beheer@test.example", "geheim-wachtwoord-1"))
    response = client.post(
        reverse("admin:organisations_user_add"),
        {
            "email": "Nieuw@School.example",
            "password1": "Lang-genoeg-2026",
            "password2": "Lang-genoeg-2026",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(email="nieuw@school.example").check_password("Lang-genoeg-2026")
