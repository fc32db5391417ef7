"""Writes of the learning networks: starting one, its members and their commitments, and its
meetings with attendance. The seeds' numbers are warnings (networks.selectors), except the
maximum of facilitated meetings, which the network sets itself and which holds."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import uploads
from koers.formats import day
from koers.organisations import services as organisations
from koers.organisations.models import Membership, Notification, Region, Role, School, User
from koers.organisations.tasks import send_account_invitation

from .models import (
    FACILITATING_ROLES,
    FATE_DUE_DAYS,
    RECHECK_MONTHS,
    Attendance,
    Fate,
    Homework,
    HomeworkDone,
    IntervisionCase,
    Meeting,
    MeetingEvaluation,
    Network,
    NetworkDocument,
    NetworkMember,
    Output,
    Post,
    RegionConversation,
    RoadmapAnswer,
    RoadmapWorksheet,
    StartDocument,
    StartSignOff,
    StopReason,
    Topic,
)

# The share of the members whose signature lets the facilitator agree the start document.
SIGNED_SHARE = 2 / 3


@transaction.atomic
def start_network(form, *, region: Region, by: User, school: School | None) -> Network:
    """A new network in its initiative phase. A school leader who brings the question takes
    part for their school; the regiocoördinator sees it through the region."""
    network = form.save(commit=False)
    network.region, network.created_by, network.initiated_by = region, by, school
    network.save()
    form.save_m2m()
    if school is not None:
        NetworkMember.objects.create(network=network, user=by, school=school, role=NetworkMember.Role.COORDINATOR)
    return network


def save_network(form) -> Network:
    return form.save()


@transaction.atomic
def add_member(
    network: Network, *, email: str, full_name: str, school: School | None, role: str, by: User, base_url: str
) -> NetworkMember:
    """Add someone to the network by address. Someone Koers does not know gets an outside
    account and an invitation to activate it; everyone gets a notification."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not full_name:
            raise ValidationError({"full_name": _("Koers does not know this address yet: give the person's name.")})
        invitation = organisations.invite_outside(email, full_name, by=by)
        user = invitation.user
        send_account_invitation.enqueue(invitation.pk, base_url)
    if network.members.filter(user=user, left_on__isnull=True).exists():
        raise ValidationError({"email": _("This person takes part in the network already.")})
    member = _enrol(network, user, school, role)
    organisations.notify(
        [user.pk],
        Notification.Kind.NETWORK,
        reverse("networks:network", args=[network.pk]),
        actor=by,
        network=network.name,
    )
    return member


def _enrol(network: Network, user: User, school: School | None, role: str) -> NetworkMember:
    """A member row for the user: new, or the one they left, taken up again."""
    member, created = NetworkMember.objects.get_or_create(
        network=network, user=user, defaults={"school": school, "role": role}
    )
    if not created:
        member.left_on, member.school, member.role = None, school, role
        member.save(update_fields=["left_on", "school", "role"])
    return member


def _members(network: Network):
    """The user ids of the network's current members."""
    return network.members.filter(left_on__isnull=True).values_list("user_id", flat=True)


def _runners(network: Network):
    """The user ids of whoever runs the network from inside it."""
    return network.members.filter(left_on__isnull=True, role__in=FACILITATING_ROLES).values_list("user_id", flat=True)


def save_commitments(form) -> NetworkMember:
    return form.save()


def end_membership(member: NetworkMember) -> None:
    """The member leaves; what they did in the network stays attributed to them."""
    member.left_on = timezone.localdate()
    member.save(update_fields=["left_on"])


@transaction.atomic
def save_meeting(form, *, network: Network, by: User) -> Meeting:
    """Plan or change a meeting. A facilitated meeting beyond the network's maximum is refused
    at the field; the members are told of a new meeting or a new date or time."""
    network = Network.objects.select_for_update().get(pk=network.pk)
    meeting = form.save(commit=False)
    meeting.network = network
    if meeting.facilitated and meeting.status != Meeting.Status.CANCELLED:
        others = network.meetings.filter(facilitated=True).exclude(status=Meeting.Status.CANCELLED)
        if meeting.pk:
            others = others.exclude(pk=meeting.pk)
        if others.count() >= network.facilitated_max:
            raise ValidationError(
                {
                    "facilitated": _(
                        "This network has %(n)s facilitated meetings already, its maximum. Make this one "
                        "unfacilitated, or raise the maximum on the network's page."
                    )
                    % {"n": network.facilitated_max}
                }
            )
    moved = meeting.pk is None or bool({"date", "start", "end", "venue", "status"} & set(form.changed_data))
    if meeting.pk is not None:
        meeting.version += 1
    meeting.save()
    if moved:
        organisations.notify(
            _members(network),
            Notification.Kind.MEETING,
            reverse("networks:meeting", args=[network.pk, meeting.pk]),
            actor=by,
            network=network.name,
            day=day(meeting.date),
            theme=meeting.theme,
        )
    return meeting


@transaction.atomic
def record_attendance(meeting: Meeting, states: dict[int, str], *, by: User) -> None:
    """Who was there, one row per member. Whoever is newly present at a held meeting is asked
    for the short evaluation; who evaluated already stays marked."""
    before = {a.member_id: a for a in meeting.attendance.all()}
    for member_id, state in states.items():
        row = before.get(member_id)
        if not state:
            if row is not None and not row.evaluated:
                row.delete()
        elif row is None:
            Attendance.objects.create(meeting=meeting, member_id=member_id, state=state)
        elif row.state != state:
            row.state = state
            row.save(update_fields=["state"])
    asked = [
        member_id
        for member_id, state in states.items()
        if state == Attendance.State.PRESENT and (member_id not in before or before[member_id].state != state)
    ]
    closes = meeting.evaluation_closes_on
    if meeting.status == Meeting.Status.HELD and asked and timezone.localdate() <= closes:
        organisations.notify(
            NetworkMember.objects.filter(pk__in=asked).exclude(user=by).values_list("user_id", flat=True),
            Notification.Kind.EVALUATION,
            reverse("networks:evaluate", args=[meeting.network_id, meeting.pk]),
            actor=by,
            network=meeting.network.name,
            theme=meeting.theme,
            day=day(closes),
        )


@transaction.atomic
def evaluate_meeting(meeting: Meeting, member: NetworkMember, *, went_well: str, better_next_time: str) -> None:
    """One anonymous evaluation per attendee, while it is open. The attendance row only notes
    that this member answered; the answer itself carries nothing that leads back."""
    if not (went_well.strip() or better_next_time.strip()):
        raise ValidationError({"went_well": _("Write at least one of the two.")})
    if meeting.status != Meeting.Status.HELD or timezone.localdate() > meeting.evaluation_closes_on:
        raise ValidationError(_("The evaluation of this meeting is closed."))
    taken = Attendance.objects.filter(
        meeting=meeting, member=member, state=Attendance.State.PRESENT, evaluated=False
    ).update(evaluated=True)
    if not taken:
        raise ValidationError(_("You gave your evaluation of this meeting already."))
    MeetingEvaluation.objects.create(meeting=meeting, went_well=went_well, better_next_time=better_next_time)


@transaction.atomic
def save_start_document(form, *, network: Network) -> StartDocument:
    """Write the start document; a change to an agreed one makes it a draft to be signed anew."""
    document = form.save(commit=False)
    document.network = network
    if document.pk is not None and form.has_changed():
        document.version += 1
        document.agreed_at = None
        document.sign_offs.all().delete()
    document.save()
    return document


def sign_start_document(document: StartDocument, member: NetworkMember) -> None:
    StartSignOff.objects.get_or_create(document=document, member=member)


@transaction.atomic
def agree_start_document(document: StartDocument) -> None:
    """Agree the document once two thirds of the members signed; the network is then facilitated."""
    members = document.network.members.filter(left_on__isnull=True).count()
    signed = document.sign_offs.filter(member__left_on__isnull=True).count()
    if not members or signed < SIGNED_SHARE * members:
        raise ValidationError(
            _("%(signed)s of %(members)s members have signed; two thirds must have signed first.")
            % {"signed": signed, "members": members}
        )
    document.agreed_at = timezone.now()
    document.save(update_fields=["agreed_at"])
    network = document.network
    if network.status in (Network.Status.INITIATIEF, Network.Status.STARTFASE):
        network.status = Network.Status.BEGELEID
        network.save(update_fields=["status"])


@transaction.atomic
def record_fate(
    network: Network, *, fate: str, stop_reason: StopReason | None, coordinator: NetworkMember | None
) -> None:
    """How the network goes on after its facilitated meetings. Going on needs a coordinator from
    the group (mag:2045-2050), stopping a reason; meaning to go on is asked again later."""
    today = timezone.localdate()
    if fate == Fate.GAAT_DOOR:
        if coordinator is not None:
            coordinator.role = NetworkMember.Role.COORDINATOR
            coordinator.save(update_fields=["role"])
        elif not network.members.filter(left_on__isnull=True, role=NetworkMember.Role.COORDINATOR).exists():
            raise ValidationError(
                {"coordinator": _("A network that goes on by itself needs someone from the group who coordinates.")}
            )
    if fate == Fate.GESTOPT and stop_reason is None:
        raise ValidationError({"stop_reason": _("Say why the network stopped; other regions learn from it.")})
    network.fate, network.fate_recorded_on = fate, today
    network.stop_reason = stop_reason if fate == Fate.GESTOPT else None
    network.recheck_on = _months_later(today, RECHECK_MONTHS) if fate == Fate.INTENTIE else None
    network.status = Network.Status.GESTOPT if fate == Fate.GESTOPT else Network.Status.ZELFSTUREND
    network.save(update_fields=["fate", "fate_recorded_on", "stop_reason", "recheck_on", "status"])


def _months_later(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def spin_off(network: Network, *, by: User) -> Network:
    """A new network out of this one (mag:1340-1350): same region and theme, its current
    members, and the parent recorded."""
    new = Network.objects.create(
        name=_("%(name)s: a new start") % {"name": network.name},
        region=network.region,
        theme_category=network.theme_category,
        regional_question=network.regional_question,
        parent=network,
        created_by=by,
    )
    NetworkMember.objects.bulk_create(
        NetworkMember(network=new, user_id=m.user_id, school_id=m.school_id, role=m.role)
        for m in network.members.filter(left_on__isnull=True)
    )
    return new


def bring_case(form, *, meeting: Meeting, member: NetworkMember) -> IntervisionCase:
    case = form.save(commit=False)
    case.meeting, case.brought_by = meeting, member
    case.save()
    return case


def save_case(form) -> IntervisionCase:
    return form.save()


def delete_case(case: IntervisionCase) -> None:
    case.delete()


@transaction.atomic
def join(network: Network, *, user: User, school: School) -> NetworkMember:
    """Sign up for a network in its start phase, for one's own school; its runners are told."""
    member = _enrol(network, user, school, NetworkMember.Role.DEELNEMER)
    organisations.notify(
        _runners(network).exclude(user_id=user.pk),
        Notification.Kind.JOINED,
        reverse("networks:network", args=[network.pk]),
        actor=user,
        name=str(user),
        school=school.name,
        network=network.name,
    )
    return member


@transaction.atomic
def add_output(form, *, network: Network, by: User) -> Output:
    output = form.save(commit=False)
    output.network, output.added_by = network, by
    output.save()
    url = reverse("networks:outputs", args=[network.pk])
    _tell(_members(network), Notification.Kind.SHARED, network, by, output.title, url)
    return output


def _tell(user_ids, kind: str, network: Network, by: User, title: str, url: str) -> None:
    """A notification of something a member put in the network, named by its title."""
    organisations.notify(user_ids, kind, url, actor=by, name=str(by), title=title, network=network.name)


def add_homework(form, *, meeting: Meeting) -> Homework:
    homework = form.save(commit=False)
    homework.meeting = meeting
    homework.save()
    return homework


def delete_homework(homework: Homework) -> None:
    homework.delete()


def mark_homework(homework: Homework, member: NetworkMember, *, done: bool, note: str = "") -> None:
    """A member's own homework done, with what they found, or undone again."""
    if done:
        HomeworkDone.objects.update_or_create(homework=homework, member=member, defaults={"note": note})
    else:
        HomeworkDone.objects.filter(homework=homework, member=member).delete()


@transaction.atomic
def open_topic(form, *, network: Network, by: User) -> Topic:
    """A question or discussion between meetings; every member is told by its title."""
    topic = form.save(commit=False)
    topic.network, topic.author = network, by
    topic.save()
    url = reverse("networks:topic", args=[network.pk, topic.pk])
    _tell(_members(network), Notification.Kind.TOPIC, network, by, topic.title, url)
    return topic


@transaction.atomic
def reply(form, *, topic: Topic, by: User) -> Post:
    """A reply; whoever opened the discussion or replied in it before is told."""
    post = form.save(commit=False)
    post.topic, post.author = topic, by
    post.save()
    Topic.objects.filter(pk=topic.pk).update(last_post_at=post.created_at)
    earlier = topic.posts.exclude(pk=post.pk).values_list("author_id", flat=True)
    current = set(_members(topic.network))
    told = [user_id for user_id in {topic.author_id, *earlier} if user_id in current]
    url = reverse("networks:topic", args=[topic.network_id, topic.pk])
    _tell(told, Notification.Kind.REPLY, topic.network, by, topic.title, url)
    return post


def mark_answered(topic: Topic, answered: bool) -> None:
    topic.answered_at = timezone.now() if answered else None
    topic.save(update_fields=["answered_at"])


@transaction.atomic
def add_document(form, *, network: Network, by: User) -> NetworkDocument:
    document = form.save(commit=False)
    document.network, document.added_by = network, by
    uploads.note_file(document)
    document.save()
    url = reverse("networks:documents", args=[network.pk])
    _tell(_members(network), Notification.Kind.SHARED, network, by, document.title, url)
    return document


def delete_document(document: NetworkDocument) -> None:
    uploads.delete_with_file(document)


def log_conversation(form, *, region: Region, by: User) -> RegionConversation:
    conversation = form.save(commit=False)
    conversation.region, conversation.coordinator = region, by
    conversation.save()
    form.save_m2m()
    return conversation


@transaction.atomic
def save_roadmap(form, kpis, *, school: School, by: User) -> RoadmapWorksheet:
    """The worksheet, its answers and its KPI rows, all or nothing."""
    worksheet = form.save(commit=False)
    if worksheet.pk is None:
        worksheet.school, worksheet.owner = school, by
    worksheet.save()
    for question_id, text in form.answers().items():
        RoadmapAnswer.objects.update_or_create(worksheet=worksheet, question_id=question_id, defaults={"text": text})
    kpis.instance = worksheet
    kpis.save()
    return worksheet


def remind(today: datetime.date) -> int:
    """The daily reminders (`koers remind_networks`): a network whose facilitated meetings ended
    a month ago without a recorded way forward, and one whose re-check is due. Its runners and
    the region's coordinators are told once per occasion. Returns the networks reminded."""
    last_held = Max("meetings__date", filter=Q(meetings__facilitated=True, meetings__status=Meeting.Status.HELD))
    held = Count("meetings", filter=Q(meetings__facilitated=True, meetings__status=Meeting.Status.HELD))
    open_fate = (
        Network.objects.filter(fate="")
        .exclude(status=Network.Status.GESTOPT)
        .annotate(held=held, last_held=last_held)
        .filter(held__gte=F("facilitated_max"), last_held__lte=today - datetime.timedelta(days=FATE_DUE_DAYS))
        .filter(reminded_on__isnull=True)
    )
    rechecks = Network.objects.filter(fate=Fate.INTENTIE, recheck_on__lte=today).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("recheck_on"))
    )
    reminded = 0
    for kind, networks in ((Notification.Kind.FATE_DUE, open_fate), (Notification.Kind.RECHECK, rechecks)):
        for network in networks:
            runners = _runners(network)
            coordinators = Membership.objects.filter(role=Role.REGIOCOORDINATOR, region__networks=network).values_list(
                "user_id", flat=True
            )
            organisations.notify(
                sorted({*runners, *coordinators}),
                kind,
                reverse("networks:fate", args=[network.pk]),
                network=network.name,
            )
            Network.objects.filter(pk=network.pk).update(reminded_on=today)
            reminded += 1
    return reminded
