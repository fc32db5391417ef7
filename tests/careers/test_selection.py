"""The selection procedure for a role with more candidates than places (C.6.3, C.6.4): criteria
from the published framework version, at least two assessors, a decision with reasons, and the
only bridge from development a copy the candidate submits herself (R2)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.careers import services
from koers.careers.models import (
    Candidate,
    Evidence,
    FeedbackRequest,
    RoleHolding,
    RoleOffer,
    SelectionProcedure,
    Submission,
)
from koers.organisations.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

DEVELOPMENT_ONLY = "Gegevens voor ontwikkeling worden niet gebruikt voor selectie of borging."


@pytest.fixture
def offer(org, coach_role, today) -> RoleOffer:
    """One place as coach, two interested teachers, and the school's published framework."""
    found = services.offer_role(
        org.school, role=coach_role, places=1, hours=40, level_hint="LC", period="2026-2027", note="", by=None
    )
    for user in (org.leraar, org.bystander):
        services.state_interest(found, user.person, motivation="Formatief: ik wil graag groeien.")
    return found


def _publish(org, role, today):
    adopted = services.adopt_framework(org.school, role.framework, by=org.schoolleider)
    adopted.drafted_with = "Werkgroep coaching"
    adopted.save()
    return services.publish_framework(adopted, by=org.schoolleider, today=today)


def _open(client, org, offer, assessors):
    client.force_login(org.schoolleider)
    version = offer.role.framework
    data = {f"weight_{c.slug}": 2 for c in version.competences.all()}
    data["assessors"] = [a.pk for a in assessors]
    return client.post(reverse("careers:open_procedure", args=[org.school.pk, offer.pk]), data)


def _evidence(person, title="Coachverslag"):
    item = Evidence(person=person, title=title, kind="reflectie", date="2026-11-02", reflection="Wat ik leerde.")
    item.file.save("verslag.pdf", SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag"), save=False)
    item.file_name, item.file_size = "verslag.pdf", 16
    item.save()
    return item


def test_a_procedure_needs_the_published_framework_and_two_assessors(client, org, offer, coach_role, today):
    page = _open(client, org, offer, [org.schoolleider, org.teamleider])
    assert "Publiceer eerst de schoolversie van het referentiekader" in page.content.decode()
    assert not SelectionProcedure.objects.exists()
    version = _publish(org, coach_role, today)
    one = _open(client, org, offer, [org.schoolleider])
    assert one.status_code == 400 and "Kies minstens twee beoordelaars." in str(one.context["form"].errors)
    assert not SelectionProcedure.objects.exists()
    response = _open(client, org, offer, [org.schoolleider, org.teamleider])
    procedure = SelectionProcedure.objects.get()
    assert response.url == reverse("careers:procedure", args=[procedure.pk])
    assert procedure.version == version and procedure.purpose == "selectie"
    assert [c["slug"] for c in procedure.criteria] == [c["slug"] for c in version.competences]
    assert {c.person for c in procedure.candidates.all()} == {org.leraar.person, org.bystander.person}
    # the formative interest is not carried into the selection
    assert not any(c.motivation for c in procedure.candidates.all())
    told = Notification.objects.filter(kind=Notification.Kind.SELECTION)
    assert set(told.values_list("user", flat=True)) == {org.leraar.pk, org.bystander.pk, org.teamleider.pk}


def test_the_candidate_submits_a_copy_and_nothing_of_her_development_links(client, org, offer, coach_role, today):
    _publish(org, coach_role, today)
    _open(client, org, offer, [org.schoolleider, org.teamleider])
    procedure = SelectionProcedure.objects.get()
    original = _evidence(org.leraar.person)
    client.force_login(org.leraar)
    url = reverse("careers:candidacy", args=[procedure.pk])
    assert "Waarop u wordt beoordeeld" in client.get(url).content.decode()  # criteria first (R5)
    client.post(url, {"form": "submit", "evidence": original.pk})
    copy = Submission.objects.get()
    assert not [f for f in Submission._meta.get_fields() if f.is_relation and f.related_model is Evidence]
    with copy.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 verslag"
    assert copy.file.name != original.file.name
    assert "ingediend door kandidaat" in client.get(url).content.decode()
    services.delete_evidence(original)  # her portfolio stays hers; the copy stays the procedure's
    assert Submission.objects.filter(pk=copy.pk).exists()

    candidate = Candidate.objects.get(person=org.leraar.person)
    pop = services.start_pop(org.leraar.person, "2026-2027")
    for record in (pop, services.start_cycle(org.leraar.person), FeedbackRequest(person=org.leraar.person)):
        with pytest.raises(ValidationError, match=DEVELOPMENT_ONLY):
            services.submit(candidate, record)
    someone_elses = _evidence(org.bystander.person)
    refused = client.post(url, {"form": "submit", "evidence": someone_elses.pk})
    assert refused.status_code == 400 and Submission.objects.count() == 1


def test_assessors_read_the_submissions_but_never_the_candidates_portfolio(client, org, offer, coach_role, today):
    _publish(org, coach_role, today)
    _open(client, org, offer, [org.schoolleider, org.teamleider])
    procedure = SelectionProcedure.objects.get()
    item = _evidence(org.leraar.person)
    services.submit(Candidate.objects.get(person=org.leraar.person), item)
    copy = Submission.objects.get()
    client.force_login(org.teamleider)
    page = client.get(reverse("careers:procedure", args=[procedure.pk]))
    assert page.status_code == 200 and "Coachverslag" in page.content.decode()
    download = client.get(reverse("careers:submission_file", args=[procedure.pk, copy.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 verslag"
    assert client.get(reverse("careers:evidence", args=[item.pk])).status_code == 404
    assert client.get(reverse("careers:shared_evidence", args=[item.pk])).status_code == 404
    for outsider in (org.bystander, factories.user_with_role("teamleider", school=org.second_school)):
        client.force_login(outsider)  # a candidate reads only her own side; another school nothing
        assert client.get(reverse("careers:procedure", args=[procedure.pk])).status_code == 404
        assert client.get(reverse("careers:submission_file", args=[procedure.pk, copy.pk])).status_code == 404


def test_the_decision_needs_two_judgements_each_and_reasons_and_appoints_within_the_places(
    client, org, offer, coach_role, today
):
    _publish(org, coach_role, today)
    _open(client, org, offer, [org.schoolleider, org.teamleider])
    procedure = SelectionProcedure.objects.get()
    lotte, bram = (Candidate.objects.get(person=u.person) for u in (org.leraar, org.bystander))
    url = reverse("careers:procedure", args=[procedure.pk])
    judge_url = reverse("careers:judge", args=[procedure.pk, lotte.pk])
    scores = {f"score_{c['slug']}": 3 for c in procedure.criteria}
    client.force_login(org.teamleider)
    empty = client.post(judge_url, scores)
    assert empty.status_code == 400 and "Onderbouw het oordeel" in empty.content.decode()
    partial = client.post(judge_url, {**scores, f"score_{procedure.criteria[0]['slug']}": "", "note": "Goed."})
    assert partial.status_code == 400 and "Geef elk criterium een score van 1 tot 4." in partial.content.decode()
    client.post(judge_url, {**scores, "note": "Sterke coachverslagen."})
    assert lotte.judgements.count() == 1
    client.force_login(org.schoolleider)
    assert client.get(judge_url).status_code == 200  # an assessor too
    client.force_login(org.bestuurder)  # keeps the school's roles, but does not judge here
    assert client.get(url).status_code == 200 and client.get(judge_url).status_code == 404

    client.force_login(org.schoolleider)
    early = client.post(
        url, {"form": "decide", "chosen": [lotte.pk], "reasons": "Zij past het best.", "starts_on": today}
    )
    assert early.status_code == 400 and "Nog niet door twee beoordelaars beoordeeld" in early.content.decode()
    for assessor in (org.schoolleider, org.teamleider):
        for candidate in (lotte, bram):
            services.judge(
                candidate,
                assessor=assessor,
                scores={c["slug"]: 3 if candidate == lotte else 2 for c in procedure.criteria},
                note="Onderbouwd.",
            )
    with pytest.raises(ValidationError):
        services.judge(lotte, assessor=org.bestuurder, scores={}, note="x")  # not an assessor
    no_reasons = client.post(url, {"form": "decide", "chosen": [lotte.pk], "reasons": " ", "starts_on": today})
    assert no_reasons.status_code == 400 and "reasons" in no_reasons.context["decision"].errors
    both = client.post(url, {"form": "decide", "chosen": [lotte.pk, bram.pk], "reasons": "Beiden.", "starts_on": today})
    assert both.status_code == 400 and not RoleHolding.objects.exists()  # one place: nothing half-written
    client.post(url, {"form": "decide", "chosen": [lotte.pk], "reasons": "Zij past het best.", "starts_on": today})
    procedure.refresh_from_db()
    assert procedure.decided_at and procedure.reasons == "Zij past het best."
    assert list(RoleHolding.objects.values_list("person", flat=True)) == [org.leraar.person.pk]
    offer.refresh_from_db()
    assert offer.status == RoleOffer.Status.VOL

    client.force_login(org.bystander)
    page = client.get(reverse("careers:candidacy", args=[procedure.pk])).content.decode()
    assert "U krijgt de rol deze keer niet." in page and "Zij past het best." in page
    assert "De oordelen over u" in page and "Onderbouwd." in page
    steps = [n.params["step"] for n in Notification.objects.filter(user=org.bystander, kind="selection")]
    assert any("besluit" in step for step in steps)


def test_the_procedure_page_costs_the_same_queries_for_two_or_six_candidates(client, org, offer, coach_role, today):
    from tests.queries import page_queries

    _publish(org, coach_role, today)
    _open(client, org, offer, [org.schoolleider, org.teamleider])
    procedure = SelectionProcedure.objects.get()
    url = reverse("careers:procedure", args=[procedure.pk])

    def judged_with_a_submission(candidate):
        services.submit(candidate, _evidence(candidate.person))
        for assessor in (org.schoolleider, org.teamleider):
            services.judge(candidate, assessor=assessor, scores={c["slug"]: 3 for c in procedure.criteria}, note="Ok.")

    for candidate in procedure.candidates.all():
        judged_with_a_submission(candidate)
    few = page_queries(client, url)
    for _ in range(4):
        teacher = factories.user_with_role("leraar", school=org.school)
        judged_with_a_submission(Candidate.objects.create(procedure=procedure, person=teacher.person))
    assert page_queries(client, url) == few


def test_erasing_a_candidate_removes_her_submitted_copies(
    client, org, offer, coach_role, today, django_capture_on_commit_callbacks
):
    from koers.privacy import services as privacy

    _publish(org, coach_role, today)
    _open(client, org, offer, [org.schoolleider, org.teamleider])
    copy = services.submit(Candidate.objects.get(person=org.leraar.person), _evidence(org.leraar.person))
    storage, name = copy.file.storage, copy.file.name
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(person=org.leraar.person, successor=org.schoolleider.person, by=org.schoolleider)
    assert not Submission.objects.exists() and not storage.exists(name)
