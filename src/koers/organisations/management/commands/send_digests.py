from django.core.management.base import BaseCommand

from koers.organisations.tasks import send_digests


class Command(BaseCommand):
    help = "Send each person's daily e-mail with their unread notifications (run daily from cron)."

    def handle(self, *args, **options):
        result = send_digests.enqueue()
        if result.is_finished:
            self.stdout.write(f"digests sent: {result.return_value}")
        else:
            self.stdout.write("queued for the worker (koers db_worker)")
