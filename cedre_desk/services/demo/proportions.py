"""Counts spread by weight: legal types across companies, endings across files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def apportion(total: int, weights: Sequence[tuple[Any, float]], minimum: int = 0) -> list[Any]:
    """`total` items spread by weight (largest remainder), each at least `minimum` if room."""
    floor = minimum if total >= minimum * len(weights) else 0
    rest = total - floor * len(weights)
    weight_sum = sum(w for _, w in weights)
    shares = [rest * w / weight_sum for _, w in weights]
    counts = [floor + int(s) for s in shares]
    leftover = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] % 1), i))
    for i in by_remainder[:leftover]:
        counts[i] += 1
    items: list[Any] = []
    for (item, _), count in zip(weights, counts, strict=True):
        items.extend([item] * count)
    return items
