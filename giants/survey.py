"""Sampling arithmetic for the ISEAS survey figures: intervals, the ASEAN average, ties.

    from giants import survey
    survey.wilson_interval(79.0, 100)          # (70.0, 85.8): Vietnam 2024 if 100 answered
    survey.equal_weight_mean(shares_2024)      # 49.5: the published ASEAN figure

The survey is a purposive sample of opinion-makers, not a random one, so every interval here
is a *lower bound* on the real uncertainty: it is what sampling noise alone would do if the
respondents had been drawn at random. The chapter says so wherever it prints one.
"""

from __future__ import annotations

import math

import pandas as pd

#: The ten ASEAN members whose shares make the region-wide figure from 2022 on (Timor-Leste,
#: surveyed since 2025, is left out of the average by the survey itself).
MEMBERS = (
    "Brunei",
    "Cambodia",
    "Indonesia",
    "Laos",
    "Malaysia",
    "Myanmar",
    "Philippines",
    "Singapore",
    "Thailand",
    "Vietnam",
)

Z95 = 1.959964


def wilson_interval(pct: float, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval, in percent, for a share of `pct` percent among `n` answers.

    Wilson rather than the textbook p ± z·se: with a hundred answers and shares near 80%,
    the textbook interval is lopsided and can pass 100%; Wilson's stays inside 0–100.
    """
    if not 0 <= pct <= 100:
        raise ValueError(f"a share must lie between 0 and 100 percent; got {pct}")
    if n < 1:
        raise ValueError(f"an interval needs at least one answer; got n = {n}")
    p = pct / 100
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half)


def equal_weight_mean(shares: pd.Series | dict, members=MEMBERS) -> float:
    """The ASEAN figure as the survey computes it from 2022: each member's share counts a tenth.

    `shares` maps country to percent. All ten members are required: a mean of the members
    that happen to be known is not the region's figure, and would be silently wrong.
    """
    shares = pd.Series(shares, dtype=float).dropna()
    missing = sorted(set(members) - set(shares.index))
    if missing:
        raise ValueError(f"the equal-weight mean needs all {len(members)} members; missing {missing}")
    return float(shares[list(members)].mean())


def equal_weight_margin(
    n_per_member: float, members: int = len(MEMBERS), pct: float = 50.0, z: float = Z95
) -> float:
    """Half-width (percentage points) of the 95% interval of an equal-weight mean of `members`
    shares near `pct`, each from `n_per_member` answers drawn at random."""
    p = pct / 100
    se = math.sqrt(members * p * (1 - p) / n_per_member) / members
    return 100 * z * se


def is_tie(pct: float, margin: float) -> bool:
    """Whether a two-way split of `pct` against 100 − `pct` lies within `margin` points of even."""
    return abs(pct - 50) <= margin
