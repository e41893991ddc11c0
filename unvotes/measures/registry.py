"""The measure registry: one entry per pairwise measure, read by the engine, the plots and the blocs.

A :class:`Measure` says everything the rest of the package needs to know:

- ``name``, ``label`` (the axis label charts use) and ``description``;
- ``range`` (lowest and highest value), from which ``signed`` (a range
  below 0, e.g. κ in [−1, 1]) and :meth:`Measure.distance` (the clustering
  distance of :mod:`unvotes.measures.blocs`, 0 for the highest value and 1
  for the lowest) follow;
- how it is computed: ``compute(stats, options)`` from the linear statistics
  of the pair's joint-vote table (:func:`unvotes.engine.pairs.table_stats`,
  plus ``report_year``), or, for a model-based measure such as an
  ideal-point distance, ``from_matrix(vm, pairs, options)`` from the vote
  matrix and the pairs' rows (:meth:`unvotes.engine.pairs.PairTables.vm_rows`);
  either returns ``(value, n)`` per pair;
- its ``options`` (name, default, allowed values), validated in one place
  (:func:`measure_options`) for every function that takes a measure.

Adding a measure is one call to :func:`register_measure`: :func:`~unvotes.measures.align.pairwise`,
:func:`~unvotes.measures.align.alignment`, the charts' labels and the
bloc distances all read it from here.

Examples
--------
>>> get_measure("kappa").signed, get_measure("percent").signed
(True, False)
>>> float(get_measure("kappa").distance(np.array([0.5]))[0])
0.25
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from unvotes.errors import ArgumentError

__all__ = [
    "Measure",
    "Option",
    "get_measure",
    "measure_names",
    "measure_options",
    "register_measure",
    "unregister_measure",
]

Compute = Callable[[Mapping[str, np.ndarray], Mapping[str, Any]], tuple[np.ndarray, np.ndarray]]
FromMatrix = Callable[[Any, Any, Mapping[str, Any]], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Option:
    """An option of a measure: its keyword name, default and allowed values (None: any value)."""

    name: str
    default: Any
    choices: tuple[Any, ...] | None
    doc: str


@dataclass(frozen=True)
class Measure:
    """A pairwise measure of agreement (see the module docstring)."""

    name: str
    label: str
    description: str
    range: tuple[float, float]
    compute: Compute | None = None
    from_matrix: FromMatrix | None = None
    options: tuple[Option, ...] = ()

    def __post_init__(self) -> None:
        if (self.compute is None) == (self.from_matrix is None):
            raise ArgumentError(f"measure {self.name!r} needs exactly one of compute= or from_matrix=")
        low, high = self.range
        if not low < high:
            raise ArgumentError(f"measure {self.name!r}: range must be (low, high) with low < high")

    @property
    def signed(self) -> bool:
        """Whether values below 0 are possible (disagreement beyond chance, for κ, π and S)."""
        return self.range[0] < 0

    @property
    def model_based(self) -> bool:
        """Whether the measure is computed from the vote matrix (a fitted model), not from pair tables."""
        return self.from_matrix is not None

    def distance(self, value: np.ndarray) -> np.ndarray:
        """The distance of a value: 0 at the top of the range, 1 at the bottom."""
        low, high = self.range
        return (high - np.asarray(value, dtype=np.float64)) / (high - low)


_REGISTRY: dict[str, Measure] = {}


def register_measure(measure: Measure, *, replace: bool = False) -> Measure:
    """Add a measure to the registry (``replace=True`` to redefine one of the same name).

    An option may be declared by several measures only with the same default and choices.

    Raises
    ------
    ArgumentError
        When the name is taken, or an option clashes with another measure's.
    """
    if not isinstance(measure, Measure):
        raise ArgumentError(f"register_measure takes a Measure, not {type(measure).__name__}")
    if measure.name in _REGISTRY and not replace:
        raise ArgumentError(f"a measure named {measure.name!r} is already registered; pass replace=True")
    for option in measure.options:
        other = _all_options().get(option.name)
        if other is not None and (other.default, other.choices) != (option.default, option.choices):
            raise ArgumentError(
                f"measure {measure.name!r}: option {option.name!r} is declared differently by another measure"
            )
    _REGISTRY[measure.name] = measure
    return measure


def unregister_measure(name: str) -> None:
    """Remove a measure from the registry (for measures a session or a test added)."""
    _REGISTRY.pop(name, None)


def measure_names() -> tuple[str, ...]:
    """The registered measures, in registration order.

    Examples
    --------
    >>> measure_names()[:6]
    ('percent', 'lijphart', 's', 'kappa', 'pi', 'statedept')
    """
    return tuple(_REGISTRY)


def get_measure(name: str) -> Measure:
    """The registered measure of this name.

    Raises
    ------
    ArgumentError
        For a name not registered; the message lists the registered ones.
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ArgumentError(
            f"measure must be one of {', '.join(map(repr, _REGISTRY))}; got {name!r}"
        ) from None


def _all_options() -> dict[str, Option]:
    return {o.name: o for m in _REGISTRY.values() for o in m.options}


def measure_options(measures: Iterable[str], options: Mapping[str, Any]) -> dict[str, Any]:
    """Check measures and options; return every registered option with its value or default.

    Parameters
    ----------
    measures
        Measure names (each must be registered).
    options
        Keyword options given by the caller (each must be an option of some
        registered measure, with an allowed value).

    Raises
    ------
    ArgumentError
        Naming the unknown measure, the unknown option or the bad value and the allowed ones.

    Examples
    --------
    >>> measure_options(["kappa"], {"kappa_weights": "linear"})["kappa_weights"]
    'linear'
    """
    for name in measures:
        get_measure(name)
    known = _all_options()
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise ArgumentError(f"unknown measure option(s) {unknown}; the options are {sorted(known)}")
    out = {name: option.default for name, option in known.items()}
    for name, value in options.items():
        choices = known[name].choices
        if choices is not None and value not in choices:
            raise ArgumentError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
        out[name] = value
    return out
