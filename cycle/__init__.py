"""cycle: the annual cycle and election period of a Danish municipality's governance.

The layout follows the data: model files → :mod:`cycle.model` (the rules loader) →
:mod:`cycle.plan` (one events table) → :mod:`cycle.views` (timeline, due, iCalendar, charts,
site) → :mod:`cycle.cli`.

>>> from cycle import build_plan, due, Quarter
>>> plan = build_plan("lemvig", 2026)
>>> sorted(set(due(plan, Quarter(2026, 4))["drafting"]["document"]))
['aftaledokumenter', 'budget', 'direktionens-strategi', 'politikker', 'politisk-vision', 'strategier']

The names below are imported when first used (PEP 562), so that ``cycle period``, which needs
only :mod:`cycle.period`, does not pay for pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import CycleError
    from .model import Model, load_model
    from .period import Quarter, Term, term_for
    from .plan import EVENT_COLUMNS, Plan, build_plan
    from .units import load_units
    from .views.due import due
    from .views.timeline import timeline

# Public name → the module that defines it.
_HOMES = {
    "CycleError": ".errors",
    "Model": ".model",
    "load_model": ".model",
    "Quarter": ".period",
    "Term": ".period",
    "term_for": ".period",
    "EVENT_COLUMNS": ".plan",
    "Plan": ".plan",
    "build_plan": ".plan",
    "load_units": ".units",
    "due": ".views.due",
    "timeline": ".views.timeline",
}

__all__ = [
    "EVENT_COLUMNS",
    "CycleError",
    "Model",
    "Plan",
    "Quarter",
    "Term",
    "build_plan",
    "due",
    "load_model",
    "load_units",
    "term_for",
    "timeline",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'cycle' has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
