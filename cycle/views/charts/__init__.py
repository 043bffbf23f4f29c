"""The charts: the election-period Gantt, the årshjul and writing them to files.

One module per chart (``gantt``, ``wheel``); ``output`` writes either as HTML, PNG, SVG or PDF.
"""

from .base import PAGE
from .gantt import gantt, gantt_events
from .output import figure_html, image_browser, image_bytes, image_session, pdf_bytes, print_set, write_figure
from .rings import RING_MODES
from .wheel import wheel, wheel_events

__all__ = [
    "PAGE",
    "RING_MODES",
    "figure_html",
    "gantt",
    "gantt_events",
    "image_browser",
    "image_bytes",
    "image_session",
    "pdf_bytes",
    "print_set",
    "wheel",
    "wheel_events",
    "write_figure",
]
