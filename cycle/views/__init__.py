"""Views of the events table: the quarter timeline, "due", iCalendar, charts and the site.

The heavy views (iCalendar, charts, site) import their libraries themselves, so the query path
(``cycle due``, ``cycle period``) never loads plotly or icalendar.
"""
