"""Anonymity against the operator: random keys for responses and answers, sealed drafts found
by a derived lookup, one row per mailed link, open-link caps and per-group counts."""

import django.db.models.deletion
from django.db import migrations, models

import koers.fields


def links_and_drafts(apps, schema_editor):
    """Mailed links of running rounds keep working; a draft cannot be sealed without its
    link, so the drafts saved before this change are dropped. Rounds already summarised are
    closed: they are finalised here, so their per-person traces go now. Open links
    made before the cap keep working, up to a generous number."""
    Invitation = apps.get_model("surveys", "Invitation")
    InvitationLink = apps.get_model("surveys", "InvitationLink")
    RoundGroup = apps.get_model("surveys", "RoundGroup")
    InvitationLink.objects.bulk_create(
        InvitationLink(invitation_id=pk, token_hash=token_hash)
        for pk, token_hash in Invitation.objects.exclude(token_hash="")
        .filter(round__finalised=False).values_list("pk", "token_hash"))
    for round_group in RoundGroup.objects.filter(round__finalised=True):
        round_group.invited = Invitation.objects.filter(
            round_id=round_group.round_id, group_id=round_group.group_id).count()
        round_group.open_token_hash = ""
        round_group.save(update_fields=["invited", "open_token_hash"])
    Invitation.objects.filter(round__finalised=True).update(responded=False)
    RoundGroup.objects.filter(round__finalised=False).exclude(open_token_hash="").update(
        expected=1000)
    apps.get_model("surveys", "Draft").objects.all().delete()


def random_keys(apps, schema_editor):
    """Give existing responses and answers random keys, so their order is lost."""
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    for old in list(Response.objects.values_list("pk", flat=True)):
        new = koers.fields.random_id()
        Response.objects.filter(id=old).update(id=new)
        Answer.objects.filter(response_id=old).update(response_id=new)
    for old in list(Answer.objects.values_list("pk", flat=True)):
        Answer.objects.filter(id=old).update(id=koers.fields.random_id())


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0004_round_deleted_at"),
    ]

    operations = [
        migrations.RenameField("round", "summarised", "finalised"),
        migrations.AddField("roundgroup", "expected", models.PositiveIntegerField(
            blank=True, null=True, verbose_name="expected number of respondents")),
        migrations.AddField("roundgroup", "open_responses", models.PositiveIntegerField(default=0)),
        migrations.AddField("roundgroup", "invited", models.PositiveIntegerField(blank=True, null=True)),
        migrations.CreateModel(
            name="InvitationLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("invitation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                 related_name="links", to="surveys.invitation")),
            ],
        ),
        migrations.RunPython(links_and_drafts, migrations.RunPython.noop),
        migrations.RemoveField("invitation", "token_hash"),
        migrations.RemoveField("draft", "token_hash"),
        migrations.RemoveField("draft", "answers"),
        migrations.AddField("draft", "lookup", models.CharField(default="", max_length=64,
                                                                unique=True),
                            preserve_default=False),
        migrations.AddField("draft", "sealed", models.TextField(default=""),
                            preserve_default=False),
        migrations.AlterField("response", "id", koers.fields.RandomIdField(primary_key=True,
                                                                           serialize=False)),
        migrations.AlterField("answer", "id", koers.fields.RandomIdField(primary_key=True,
                                                                         serialize=False)),
        migrations.RunPython(random_keys, migrations.RunPython.noop),
    ]
