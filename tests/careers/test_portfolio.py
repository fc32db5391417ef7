"""The reflective portfolio: evidence as a file within limits or a link, tagged by competence,
private by default and shared per item, until a date or until she ends it."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.careers import services
from koers.careers.models import Competence, Evidence, ShareRead
from koers.uploads import DOCUMENT_MAX_BYTES

pytestmark = pytest.mark.django_db


def _post(client, **extra):
    competence = Competence.objects.get(framework__slug="collegas-begeleiden", slug="coachen")
    data = {"title": "Lesontwerp breuken", "kind": "lesontwerp", "date": "2026-11-20", "competences": [competence.pk]}
    data |= {"reflection": "Ik differentieer nu in drie niveaus."} | extra
    return client.post(reverse("careers:portfolio"), data)


def test_a_teacher_adds_a_file_that_only_she_can_download(client, org, team, settings):
    client.force_login(org.leraar)
    upload = SimpleUploadedFile("Lesontwerp.pdf", b"%PDF-1.4 lesontwerp", content_type="application/pdf")
    assert _post(client, file=upload).status_code == 302
    item = Evidence.objects.get()
    assert item.file_name.endswith(".pdf") and "Lesontwerp" not in item.file.name  # a random name on disk
    page = client.get(reverse("careers:portfolio")).content.decode()
    assert "Lesontwerp breuken" in page and "Coachen" in page
    download = client.get(reverse("careers:evidence_file", args=[item.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 lesontwerp"
    assert download["Content-Disposition"].startswith("attachment")
    for user in (org.bystander, org.teamleider, org.schoolleider):
        client.force_login(user)
        for name in (
            "careers:evidence",
            "careers:evidence_file",
            "careers:shared_evidence",
            "careers:shared_evidence_file",
        ):
            assert client.get(reverse(name, args=[item.pk])).status_code == 404, (user, name)


def test_an_upload_over_the_limit_or_of_a_refused_kind_stores_nothing(client, org, settings):
    client.force_login(org.leraar)
    big = SimpleUploadedFile("groot.pdf", b"x" * (DOCUMENT_MAX_BYTES + 1))
    response = _post(client, file=big)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Het bestand is 10,0\xa0MB; er past hoogstens 10 MB."]
    assert response.context["form"]["reflection"].value() == "Ik differentieer nu in drie niveaus."
    script = SimpleUploadedFile("les.exe", b"MZ")
    refused = _post(client, file=script)
    assert refused.status_code == 400 and "Koers bewaart documenten" in refused.content.decode()
    assert not Evidence.objects.exists()
    assert not settings.MEDIA_ROOT.exists() or not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    nothing = _post(client)
    assert nothing.status_code == 400 and "Voeg een bestand toe of geef een link." in nothing.content.decode()


def test_a_shared_item_is_read_and_logged_until_she_ends_it(client, org, team, today):
    client.force_login(org.leraar)
    _post(client, link="https://video.example/les-3")
    item = Evidence.objects.get()
    response = client.post(
        reverse("careers:evidence", args=[item.pk]), {"form": "share", "shared_with": org.teamleider.pk}
    )
    assert response.status_code == 302
    client.force_login(org.teamleider)
    page = client.get(reverse("careers:shared_evidence", args=[item.pk])).content.decode()
    assert "Ik differentieer nu in drie niveaus." in page and "https://video.example/les-3" in page
    assert ShareRead.objects.count() == 1
    client.force_login(org.bystander)
    assert client.get(reverse("careers:shared_evidence", args=[item.pk])).status_code == 404
    client.force_login(org.leraar)
    assert "1 keer gelezen" in client.get(reverse("careers:evidence", args=[item.pk])).content.decode()
    services.revoke_share(item.shares.get())
    client.force_login(org.teamleider)
    assert client.get(reverse("careers:shared_evidence", args=[item.pk])).status_code == 404


def test_removing_an_item_removes_its_file(client, org, django_capture_on_commit_callbacks):
    client.force_login(org.leraar)
    _post(client, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"))
    item = Evidence.objects.get()
    storage, name = item.file.storage, item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("careers:delete_evidence", args=[item.pk]))
    assert not Evidence.objects.exists() and not storage.exists(name)


def test_the_privacy_officer_sees_that_career_data_exists_and_erasure_removes_it(
    client, org, django_capture_on_commit_callbacks
):
    from koers.careers.models import Pop
    from koers.privacy import services as privacy

    client.force_login(org.leraar)
    _post(client, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"))
    client.get(reverse("careers:portfolio"))  # shows (and so ends) her "it is in your portfolio"
    item = Evidence.objects.get()
    storage, name = item.file.storage, item.file.name
    pop = services.start_pop(org.leraar.person, "2026-2027")
    pop.ambition = "Mijn geheime ambitie"
    pop.save()
    client.force_login(org.schoolleider)
    html = client.get(reverse("privacy:person", args=[org.leraar.person.pk])).content.decode()
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "1 POP’s, 0 loopbaancycli, 1 portfoliostukken en 0 gesprekken." in page
    assert "geheime ambitie" not in page and "Lesontwerp breuken" not in page
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(person=org.leraar.person, successor=org.schoolleider.person, by=org.schoolleider)
    assert not Pop.objects.exists() and not Evidence.objects.exists() and not storage.exists(name)


def test_the_dossier_takes_along_her_pop_portfolio_files_and_conversations_and_nothing_shared_with_her(
    client, org, today
):
    import io
    import zipfile

    from pypdf import PdfReader

    from koers.careers.models import Conversation
    from tests.pdfs import assert_tagged

    client.force_login(org.leraar)
    _post(client, file=SimpleUploadedFile("Lesontwerp.pdf", b"%PDF-1.4 lesontwerp"))
    pop = services.start_pop(org.leraar.person, "2026-2027")
    services.add_pop_goal(pop, text="Starters coachen", competence=None, success_criterion="", due=None)
    talk = Conversation.objects.create(
        person=org.leraar.person,
        manager=org.teamleider,
        kind="waarderingsgesprek",
        purpose="ontwikkeling",
        school_year="2026-2027",
        scheduled_on=today,
        held_on=today,
        agreements="Een cursus coachen.",
        teacher_comment="Ik kijk ernaar uit.",
    )
    assert talk.pk
    colleague = services.start_pop(org.bystander.person, "2026-2027")
    colleague.ambition = "Geheime ambitie van een collega"
    colleague.save()
    services.share(colleague, with_user=org.leraar, until=None, today=today)

    response = client.get(reverse("careers:dossier", args=["pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    for expected in ("Starters coachen", "Lesontwerp breuken", "Een cursus coachen.", "Ik kijk ernaar uit."):
        assert expected in text, expected
    assert "Geheime ambitie" not in text
    assert_tagged(response.content)

    archive = client.get(reverse("careers:dossier", args=["zip"]))
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as zipped:
        names = zipped.namelist()
        assert names[0] == "loopbaandossier.pdf"
        assert zipped.read(next(n for n in names if n.startswith("portfolio/"))) == b"%PDF-1.4 lesontwerp"
    assert client.get(reverse("careers:dossier", args=["docx"])).status_code == 404
