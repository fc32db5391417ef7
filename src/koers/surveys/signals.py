"""What the survey engine tells the apps above it, which it may not import."""

from django.dispatch import Signal

# Sent inside the transaction that finalises a round, with survey=<Round>: its stored
# aggregates are there, its per-person traces gone.
round_finalised = Signal()
