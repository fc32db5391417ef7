from django.core.management.base import BaseCommand
from django.utils import timezone

from koers.networks.services import remind


class Command(BaseCommand):
    help = "Remind runners and regiocoördinatoren of networks whose way forward is due (run daily from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"networks reminded: {remind(timezone.localdate())}")
