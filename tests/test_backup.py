"""`koers backup` and `koers restore`: a round trip on the database in use (SQLite, or
PostgreSQL through pg_dump and pg_restore in CI) and the media files, and the archives restore
refuses before it touches anything."""

import io
import json
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from koers import backup
from koers.organisations.models import Person
from koers.trajectories.models import Trajectory
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_a_backup_brings_back_the_database_and_the_pdfs(org, tmp_path, settings, client, capsys):
    pdf = Path(settings.MEDIA_ROOT) / "rapporten" / "rapport.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7 het rapport")
    call_command("backup", output=tmp_path / "backups")
    archive = next((tmp_path / "backups").glob("koers-backup-*.tar.gz"))
    assert "backup written" in capsys.readouterr().out
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert backup.read_manifest(archive)["database"] == connection.vendor

    # After the backup: a title changed, a person added, the PDF lost and another file made.
    Trajectory.objects.filter(pk=org.trajectory.pk).update(title="Per ongeluk overschreven")
    added = Person.objects.create(board=org.board, first_name="Na", last_name="Backup", functie="oop")
    pdf.unlink()
    (Path(settings.MEDIA_ROOT) / "later.pdf").write_bytes(b"later")

    call_command("restore", str(archive), "--yes")
    assert Trajectory.objects.get(pk=org.trajectory.pk).title == org.trajectory.title
    assert not Person.objects.filter(pk=added.pk).exists()
    assert pdf.read_bytes() == b"%PDF-1.7 het rapport"
    assert not (Path(settings.MEDIA_ROOT) / "later.pdf").exists()
    assert client.login(username=org.leraar.email, password=PASSWORD)


def _archive(tmp_path, manifest: dict | None) -> Path:
    path = tmp_path / "kapot.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        if manifest is not None:
            data = json.dumps(manifest).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(
    "manifest, reason",
    [
        (None, "is not a Koers backup"),
        ({"format": 1, "database": "oracle", "migrations": []}, "this Koers runs on"),
        (
            {"format": 1, "database": "VENDOR", "migrations": [["organisations", "9999_from_the_future"]]},
            "made by a newer Koers",
        ),
    ],
)
def test_restore_refuses_what_it_cannot_put_back_and_changes_nothing(org, tmp_path, manifest, reason):
    if manifest is not None and manifest["database"] == "VENDOR":
        manifest["database"] = connection.vendor
    with pytest.raises(CommandError, match=reason):
        call_command("restore", str(_archive(tmp_path, manifest)), "--yes")
    assert Trajectory.objects.filter(pk=org.trajectory.pk).exists()


def test_a_file_that_is_no_archive_is_refused(tmp_path, db):
    not_a_backup = tmp_path / "foto.tar.gz"
    not_a_backup.write_bytes(b"\x89PNG nothing here")
    with pytest.raises(CommandError, match="is not a Koers backup"):
        call_command("restore", str(not_a_backup), "--yes")
