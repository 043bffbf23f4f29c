"""cycle: the annual cycle and election period of a Danish municipality's governance.

The layout follows the data: model files → :mod:`cycle.model` (the rules loader) →
:mod:`cycle.plan` (one events table) → :mod:`cycle.views` (timeline, due, iCalendar, charts,
site) → :mod:`cycle.cli`.

>>> from cycle import build_plan, due, Quarter
>>> plan = build_plan("lemvig", 2026)
>>> sorted(set(due(plan, Quarter(2026, 4))["drafting"]["document"]))
['aftaledokumenter', 'budget', 'direktionens-strategi', 'politikker', 'politisk-vision', 'strategier']
"""

from .errors import CycleError
from .model import Model, load_model
from .period import Quarter, Term, term_for
from .plan import EVENT_COLUMNS, Plan, build_plan
from .units import load_units
from .views.due import due
from .views.timeline import timeline

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
