"""Canon tiers as the engines see them: a tier floor becomes the weakest rank a fact may have."""

from __future__ import annotations

from ..model import CanonTier

WEAKEST = len(CanonTier) - 1


def max_rank(canon: CanonTier | None) -> int:
    """The weakest tier rank kept under `--canon TIER` (no floor: every tier)."""
    return WEAKEST if canon is None else canon.rank


def keeps(tier: CanonTier | str, canon: CanonTier | None) -> bool:
    """True when a fact backed at `tier` is shown under the floor `canon`."""
    return canon is None or CanonTier(tier).at_least(canon)
