"""Backup and restore of what Koers keeps: the database and the media files (generated PDFs),
in one tar.gz with a manifest.

SQLite is copied with its online backup API (consistent while the app runs), PostgreSQL with
pg_dump's custom format and put back with pg_restore. The secret key is not in the archive on
purpose: whoever holds a backup should not also hold the key that opens the sealed second-factor
secrets and signs sessions. Keep the key apart (docs/deploy.md)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup that cannot be made or put back, with the reason for the operator."""


def _pg(command: str, connection, *args: str) -> None:
    s = connection.settings_dict
    env = os.environ | ({"PGPASSWORD": s["PASSWORD"]} if s.get("PASSWORD") else {})
    target = [f"--dbname={s['NAME']}"]
    target += [f"--host={s['HOST']}"] if s.get("HOST") else []
    target += [f"--port={s['PORT']}"] if s.get("PORT") else []
    target += [f"--username={s['USER']}"] if s.get("USER") else []
    done = subprocess.run([command, *target, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command} failed: {done.stderr.strip()}")


def _sqlite_copy(source: sqlite3.Connection | Path, target: sqlite3.Connection | Path) -> None:
    """Copy one SQLite database into another, page by page, while others may use the source."""
    opened = [sqlite3.connect(db) if isinstance(db, Path) else db for db in (source, target)]
    try:
        opened[0].backup(opened[1])
    finally:
        for db, given in zip(opened, (source, target), strict=True):
            if isinstance(given, Path):
                db.close()


def _applied_migrations(connection) -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def backup(directory: Path) -> Path:
    """Write koers-backup-<time>.tar.gz into directory and return its path. The archive gets its
    name only when complete, so a half-written one never looks like a backup."""
    connection = connections["default"]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"No backup for the {connection.vendor} database.")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"koers-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / DATABASE_FILES[connection.vendor]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            _sqlite_copy(connection.connection, dump)
        else:
            _pg("pg_dump", connection, "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}")
        manifest = Path(tmp) / "manifest.json"
        manifest.write_text(
            json.dumps(
                {
                    "format": FORMAT,
                    "made_at": timezone.now().isoformat(timespec="seconds"),
                    "database": connection.vendor,
                    "migrations": _applied_migrations(connection),
                },
                indent=2,
            )
        )
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest, arcname="manifest.json")
            tar.add(dump, arcname=dump.name)
            if Path(settings.MEDIA_ROOT).is_dir():
                tar.add(settings.MEDIA_ROOT, arcname="media")
        partial.rename(path)
    path.chmod(0o600)  # it holds every name and address Koers has
    return path


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            return json.load(member)
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive} is not a Koers backup ({exc}).") from exc


def restore(archive: Path) -> dict:
    """Put the database and media files of archive back, replacing what is there now. Refuses a
    backup of another database kind, or one made by a newer Koers than this one."""
    manifest = read_manifest(archive)
    connection = connections["default"]
    if manifest.get("format") != FORMAT or manifest.get("database") != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest.get('database')} database (format {manifest.get('format')}); "
            f"this Koers runs on {connection.vendor}."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(f"This backup was made by a newer Koers (migrations {', '.join(unknown[:3])}); update first.")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        dump = Path(tmp) / DATABASE_FILES[connection.vendor]
        connections.close_all()
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            _sqlite_copy(dump, connection.connection)
        else:
            _pg(
                "pg_restore",
                connection,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                str(dump),
            )
        media = Path(tmp) / "media"
        if Path(settings.MEDIA_ROOT).exists():
            shutil.rmtree(settings.MEDIA_ROOT)
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT)
    return manifest
