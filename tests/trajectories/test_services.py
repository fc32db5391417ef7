import datetime

import pytest
from django.core.exceptions import ValidationError

from koers.catalog.models import Theme
from koers.organisations.models import Functie
from koers.trajectories import services
from koers.trajectories.models import Entry, EntryRevision
from tests import factories

pytestmark = pytest.mark.django_db

KEY = "1a-strategische-visie"
SUB = "1a-visie-en-doelen"


def save(org, text, base_version, user=None, not_relevant=False):
    return services.save_entry(
        trajectory=org.trajectory,
        kind=Entry.Kind.ANSWER,
        key=KEY,
        subphase_slug=SUB,
        text=text,
        not_relevant=not_relevant,
        base_version=base_version,
        user=user or org.schoolleider,
    )


def test_each_save_keeps_the_previous_text_with_who_and_when(org):
    save(org, "Eerste versie", 0)
    entry = save(org, "Tweede versie", 1, user=org.leraar)
    assert entry.version == 2
    history = list(entry.revisions.values_list("version", "text", "edited_by"))
    assert history == [(2, "Tweede versie", org.leraar.pk), (1, "Eerste versie", org.schoolleider.pk)]


def test_a_save_based_on_a_stale_version_is_refused_and_overwrites_nothing(org):
    save(org, "Versie van de schoolleider", 0)
    save(org, "Aanvulling van de leraar", 1, user=org.leraar)
    with pytest.raises(services.EditConflict) as conflict:
        save(org, "Oude basis, nieuwe tekst", 1)
    assert conflict.value.current.text == "Aanvulling van de leraar"
    assert conflict.value.attempted_text == "Oude basis, nieuwe tekst"
    assert Entry.objects.get(key=KEY).text == "Aanvulling van de leraar"
    assert EntryRevision.objects.count() == 2


def test_two_first_saves_of_the_same_question_conflict_instead_of_overwriting(org):
    save(org, "Eerste", 0)
    with pytest.raises(services.EditConflict):
        save(org, "Tegelijk begonnen", 0, user=org.leraar)
    assert Entry.objects.get(key=KEY).text == "Eerste"


def test_an_over_long_answer_is_refused_and_nothing_is_written(org):
    with pytest.raises(ValidationError):
        save(org, "x" * 10_001, 0)
    assert not Entry.objects.exists()


def test_not_relevant_is_kept_with_the_version(org):
    entry = save(org, "", 0, not_relevant=True)
    assert entry.not_relevant and entry.revisions.get().not_relevant


def test_a_trajectory_only_takes_people_of_its_own_school_or_board(org, other_org):
    with pytest.raises(ValidationError) as exc:
        services.create_trajectory(
            user=org.schoolleider,
            board=org.board,
            school=org.school,
            theme=Theme.objects.first(),
            title="Test",
            owner=org.schoolleider.person,
            participants=[other_org.leraar.person],
            start_date=datetime.date(2026, 1, 1),
        )
    assert "participants" in exc.value.message_dict


def test_a_dialogue_needs_someone_who_took_part(org):
    with pytest.raises(ValidationError):
        services.log_dialogue(
            trajectory=org.trajectory,
            subphase_slug=SUB,
            held_on=datetime.date(2026, 10, 1),
            participants=[],
            roles=[],
            topic="Overleg",
            outcome="",
            user=org.schoolleider,
        )
    dialogue = services.log_dialogue(
        trajectory=org.trajectory,
        subphase_slug=SUB,
        held_on=datetime.date(2026, 10, 1),
        participants=[],
        roles=[Functie.OOP],
        topic="Overleg",
        outcome="",
        user=org.schoolleider,
    )
    assert dialogue.roles == ["oop"]


def test_marking_done_and_reopening(org):
    status = services.set_subphase_done(trajectory=org.trajectory, subphase_slug=SUB, done=True, user=org.schoolleider)
    assert status.done
    status = services.set_subphase_done(trajectory=org.trajectory, subphase_slug=SUB, done=False, user=org.schoolleider)
    assert not status.done


def test_answering_everything_counts_fully_in_progress(org):
    from koers.werkdocument.selectors import trajectory_progress

    factories.answer_everything(org.trajectory, org.schoolleider)
    for phase in trajectory_progress(org.trajectory):
        for sub in phase.subphases:
            assert sub.answered == sub.question_count and sub.reflection_written
