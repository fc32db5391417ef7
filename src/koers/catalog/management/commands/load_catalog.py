from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers.catalog.loader import CONTENT_DIR, load_catalog
from koers.catalog.schema import CatalogError


class Command(BaseCommand):
    help = "Load the content catalogue (themes, werkdocument, tables, figures) from YAML."

    def add_arguments(self, parser):
        parser.add_argument(
            "--content-dir",
            type=Path,
            default=CONTENT_DIR,
            help="Folder with the content files (default: the built-in catalogue).",
        )

    def handle(self, *args, content_dir: Path, **options):
        try:
            report = load_catalog(content_dir)
        except CatalogError as exc:
            raise CommandError(f"Catalogue not loaded, nothing changed: {exc}") from exc
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Catalogue loaded. {report.summary()}"))
