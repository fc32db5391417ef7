"""Arithmetic on aggregates: a Stat is built from (value, count) rows that SQL grouped, so the
report never holds individual answers. Pure functions, tested against hand-computed figures."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .models import UNKNOWN, Scale

# A difference between groups is highlighted from this share of the scale's range on.
NOTABLE_SHARE = 0.15

SCALE_RANGE = {Scale.LIKERT5: (1, 5), Scale.BIPOLAR8: (1, 8), Scale.YESNO: (0, 1)}


@dataclass
class Stat:
    """The answers on a scale; "don't know" is counted apart, outside n, mean and spread."""

    counts: dict[int, int] = field(default_factory=dict)
    unknown: int = 0

    def add(self, value: int, count: int) -> None:
        if value == UNKNOWN:
            self.unknown += count
        else:
            self.counts[value] = self.counts.get(value, 0) + count

    def merge(self, other: Stat) -> None:
        for value, count in other.counts.items():
            self.add(value, count)
        self.unknown += other.unknown

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        n = self.n
        return sum(v * c for v, c in self.counts.items()) / n if n else None

    @property
    def spread(self) -> float | None:
        """Standard deviation of the answers (population), 0 when everyone agrees."""
        n, mean = self.n, self.mean
        if not n:
            return None
        variance = sum(c * (v - mean) ** 2 for v, c in self.counts.items()) / n
        return math.sqrt(variance)

    def share(self, value: int) -> float:
        n = self.n
        return self.counts.get(value, 0) / n if n else 0.0


@dataclass
class Sum:
    """n and total of one dimension in one round and group: enough for a mean."""

    n: int = 0
    total: int = 0

    def add(self, n: int, total: int) -> None:
        self.n += n
        self.total += total

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None


def notable(gap: float, scale: str) -> bool:
    low, high = SCALE_RANGE[scale]
    return gap >= NOTABLE_SHARE * (high - low) - 1e-9


@dataclass
class Nearest:
    slug: str
    name: str
    distance: float  # root mean square difference per dimension, in scale points
    furthest: tuple[str, float, int] | None  # (dimension name, our position, variant position)


def nearest_variant(profile: dict[str, float], variants: list[dict], names: dict[str, str]) -> list[Nearest]:
    """The variants ordered by closeness to a profile (dimension slug -> mean position)."""
    ranked = []
    for variant in variants:
        shared = [d for d in profile if d in variant["positions"]]
        if not shared:
            continue
        diffs = {d: profile[d] - variant["positions"][d] for d in shared}
        rms = math.sqrt(sum(x * x for x in diffs.values()) / len(shared))
        worst = max(shared, key=lambda d: abs(diffs[d]))
        ranked.append(
            Nearest(variant["slug"], variant["name"], rms, (names[worst], profile[worst], variant["positions"][worst]))
        )
    return sorted(ranked, key=lambda n: n.distance)
