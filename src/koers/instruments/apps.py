from django.apps import AppConfig


class InstrumentsConfig(AppConfig):
    name = "koers.instruments"
    verbose_name = "Instrumenten"
