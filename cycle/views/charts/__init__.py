"""The charts: the election-period Gantt, the årshjul and writing them to files.

One module per chart; ``output`` writes any of them as HTML, PNG or SVG.
"""

from .gantt import gantt, gantt_events
from .output import figure_html, image_bytes, write_figure
from .wheel import wheel, wheel_events

__all__ = ["figure_html", "gantt", "gantt_events", "image_bytes", "wheel", "wheel_events", "write_figure"]
