from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers import backup


class Command(BaseCommand):
    help = "Replace the database and media files with those of a backup made by `koers backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask; replace what is there now.")

    def handle(self, *args, archive, yes, **options):
        try:
            manifest = backup.read_manifest(archive)
            if not yes and input(f"Replace all data with the backup of {manifest['made_at']}? [y/N] ") != "y":
                raise CommandError("Nothing restored.")
            backup.restore(archive)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored the backup of {manifest['made_at']}; run `koers migrate` if Koers is newer")
