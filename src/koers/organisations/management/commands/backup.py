from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from koers import backup


class Command(BaseCommand):
    help = "Write a backup of the database and media files (not the secret key) as one tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path(settings.VAR_DIR) / "backups")

    def handle(self, *args, output, **options):
        try:
            path = backup.backup(output)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written: {path} ({path.stat().st_size // 1024} KB)")
