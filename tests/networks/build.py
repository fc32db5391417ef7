"""Members and meetings of a network, as the network tests make them."""

import datetime

from koers.networks.models import Meeting, NetworkMember


def member(network, user, school=None, role=NetworkMember.Role.DEELNEMER):
    return NetworkMember.objects.create(network=network, user=user, school=school, role=role)


def meeting(network, day, *, facilitated=True, status=Meeting.Status.PLANNED, theme="Onboarding", kind="bijeenkomst"):
    return Meeting.objects.create(
        network=network,
        kind=kind,
        date=day,
        start=datetime.time(14),
        end=datetime.time(16, 30),
        theme=theme,
        facilitated=facilitated,
        status=status,
    )
