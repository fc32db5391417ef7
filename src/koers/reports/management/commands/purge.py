from django.core.management.base import BaseCommand

from koers.reports.retention import purge_all


class Command(BaseCommand):
    help = "Remove what Koers no longer may keep (settings.KOERS_RETENTION); run daily."

    def handle(self, *args, **options):
        for what, n in purge_all().items():
            self.stdout.write(f"{what}: {n}")
