from django.core.management.base import BaseCommand

from koers.home.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo organisation (Stichting Lumen Onderwijs) and print the demo logins."

    def handle(self, *args, **options):
        created, logins = load_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo organisation loaded.")
            if created
            else "Demo organisation was already there; nothing changed."
        )
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for email, role in logins:
            self.stdout.write(f"  {email:<40} {role}")
        self.stdout.write("")
