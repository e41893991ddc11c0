"""Small numeric helpers shared by the engine, the measures and the report."""

from __future__ import annotations

import numpy as np

__all__ = ["ratio"]


def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den``, NaN where ``den`` is 0 (every numerator here is then 0 too: 0/0).

    Examples
    --------
    >>> ratio(np.array([1.0, 0.0]), np.array([2.0, 0.0])).tolist()
    [0.5, nan]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(num, den)
