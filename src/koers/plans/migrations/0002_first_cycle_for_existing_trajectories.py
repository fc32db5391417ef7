from django.db import migrations


def open_first_cycles(apps, schema_editor):
    """Trajectories started before cycles existed get cycle 1, begun on their start date."""
    Trajectory = apps.get_model("trajectories", "Trajectory")
    Cycle = apps.get_model("plans", "Cycle")
    Cycle.objects.bulk_create(
        Cycle(trajectory_id=t.pk, number=1, started_on=t.start_date)
        for t in Trajectory.objects.filter(cycles__isnull=True).only("pk", "start_date")
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial"), ("trajectories", "0001_initial")]

    operations = [migrations.RunPython(open_first_cycles, migrations.RunPython.noop)]
