"""The timeline as an Excel workbook that opens print-ready.

Sheet 1 is the seed's table: the term's 16 quarters under År 1–4 and their calendar years,
merged coloured cells for the blocks, each cell saying in words (or a one-letter code where a
single quarter has no room, with the legend under the table) what it is and the short date of
its deadlines and milestones. It prints landscape, one page wide, the year and quarter rows
repeated on every page, the headings and document names frozen. Sheet 2 lists every deadline
and milestone with its full date and text, filtered, for the cells that hold only a date.
"""

from __future__ import annotations

from datetime import date

from ..i18n import CELL_CODES, level_word, t
from ..period import TermQuarter
from .cells import bold, date_cell, header_row, print_setup, save, set_cell
from .style import COLOURS, MARK_GLYPHS
from .timeline import legend, segments, status_mark
from .words import day_month

#: Column widths in characters: level, document, each quarter.
LEVEL_WIDTH, QUARTER_WIDTH = 15, 10
#: Points per line of text in a row (11 pt Calibri).
LINE_HEIGHT = 15
FIRST_ROW = 4  # title, År/year, quarter


def timeline_xlsx(tl: dict, lang: str = "da") -> bytes:
    """The workbook's bytes (the same for the same input: see :func:`cycle.views.cells.save`)."""
    from openpyxl import Workbook

    wb = Workbook()
    grid = wb.active
    grid.title = tl["period"]
    _grid(grid, tl, lang)
    _marks_sheet(wb.create_sheet(t("deadlines_milestones", lang)[:31]), tl, lang)
    return save(wb)


def _cell_text(kinds: tuple[str, ...], marks: list[dict], span: int, lang: str) -> str:
    """The block in words where the merged cell has room, else its code; then one line per mark."""
    words = " / ".join(t(k, lang) for k in kinds)
    if kinds and len(words) + 2 > span * QUARTER_WIDTH:
        words = "+".join(CELL_CODES[lang][k] for k in kinds)
    lines = []
    for m in marks:  # '◆ 30. dec.', and the status file's ✔ or ⚠ beside it, or under it if no room
        line, status = f"{MARK_GLYPHS[m['kind']]} {day_month(date.fromisoformat(m['date']), lang)}", status_mark(m)
        lines.append(line + (status if len(line + status) <= span * QUARTER_WIDTH + 1 else "\n" + status.strip()))
    return "\n".join(filter(None, [words, *lines]))


def _grid(ws, tl: dict, lang: str) -> None:
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    quarters = tl["quarters"]
    last_col = 2 + len(quarters)
    thin, year_edge = Side(style="thin", color="A6A6A6"), Side(style="medium", color="404040")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fills = {k: PatternFill("solid", fgColor=c.lstrip("#").upper()) for k, c in COLOURS.items()}

    def edge(col: int) -> Border:  # a stronger line where a year of the term begins
        return Border(left=year_edge if col >= 3 and (col - 3) % 4 == 0 else thin, right=thin, top=thin, bottom=thin)

    set_cell(ws, 1, 1, t("timeline_title", lang, model=tl["name"], period=tl["period"])).font = bold(13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    set_cell(ws, 3, 1, t("level", lang))
    set_cell(ws, 3, 2, t("document", lang))
    for i, q in enumerate(quarters):
        col, tq = 3 + i, TermQuarter.from_index(i)
        if tq.q == 1:
            set_cell(ws, 2, col, f"{t('year', lang)} {tq.year} · {q[:4]}")
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 3)
        set_cell(ws, 3, col, f"Q{tq.q}")
        ws.column_dimensions[get_column_letter(col)].width = QUARTER_WIDTH
    for r in (2, 3):
        for c in range(1, last_col + 1):
            cell = ws.cell(r, c)
            cell.font, cell.alignment, cell.border = bold(), centre, edge(c)
    rows = tl["rows"]
    title_width = max(24, min(36, max(len(row["title"]) for row in rows) + 2))
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = LEVEL_WIDTH, title_width
    for n, row in enumerate(rows):
        r = FIRST_ROW + n
        lines = 1 + (len(row["title"]) + 1) // title_width
        if n == 0 or rows[n - 1]["level"] != row["level"]:
            span = sum(1 for other in rows[n:] if other["level"] == row["level"])
            set_cell(ws, r, 1, level_word(row["level"], lang)).font = bold()
            ws.merge_cells(start_row=r, start_column=1, end_row=r + span - 1, end_column=1)
        ws.cell(r, 1).alignment = Alignment(vertical="top", wrap_text=True)
        set_cell(ws, r, 2, row["title"]).alignment = Alignment(vertical="center", wrap_text=True)
        for c in (1, 2):
            ws.cell(r, c).border = edge(c)
        for start, span, kinds in segments(row, quarters):
            marks = [m for m in row["marks"] if m["quarter"] in quarters[start : start + span]]
            text = _cell_text(kinds, marks, span, lang)
            lines = max(lines, text.count("\n") + 1)
            cell = set_cell(ws, r, 3 + start, text or None)
            cell.alignment = centre
            if kinds:
                cell.fill = fills[kinds[0]]
            for c in range(3 + start, 3 + start + span):
                ws.cell(r, c).border = edge(c)
            if span > 1:
                ws.merge_cells(start_row=r, start_column=3 + start, end_row=r, end_column=2 + start + span)
        # Excel and LibreOffice do not grow merged cells to fit: give the row its lines.
        ws.row_dimensions[r].height = LINE_HEIGHT * lines + 3
    legend_row = FIRST_ROW + len(rows) + 1
    set_cell(ws, legend_row, 1, _legend(lang, tl)).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=legend_row, start_column=1, end_row=legend_row, end_column=last_col)
    ws.row_dimensions[legend_row].height = LINE_HEIGHT * 2 + 3
    ws.freeze_panes = ws.cell(FIRST_ROW, 3)
    print_setup(ws, f"2:{FIRST_ROW - 1}")


def _legend(lang: str, tl: dict) -> str:
    return f"{legend(lang, tl)}. {t('timeline_marks_note', lang)}"


def _marks_sheet(ws, tl: dict, lang: str) -> None:
    """Every deadline and milestone of the term, by date: a real date, its week and quarter."""
    from openpyxl.styles import Alignment

    marks = sorted(
        ((date.fromisoformat(m["date"]), n, m, row) for n, row in enumerate(tl["rows"]) for m in row["marks"]),
        key=lambda x: (x[0], x[1]),
    )
    index = {q: i for i, q in enumerate(tl["quarters"])}
    for r, (day, _, m, row) in enumerate(marks, start=2):
        date_cell(ws, r, 1, day, lang).alignment = Alignment(horizontal="left", vertical="top")
        ws.cell(r, 2, day.isocalendar().week).alignment = Alignment(horizontal="center", vertical="top")
        tq = TermQuarter.from_index(index[m["quarter"]])
        set_cell(ws, r, 3, f"{t('year', lang)} {tq.year} Q{tq.q}")
        set_cell(ws, r, 4, f"{MARK_GLYPHS[m['kind']]} {t(m['kind'], lang)}")
        set_cell(ws, r, 5, row["title"])
        set_cell(ws, r, 6, m["label"]).alignment = Alignment(wrap_text=True, vertical="top")
    heads = ("date", "week", "term_quarter", "kind", "document", "what")
    header_row(ws, [t(h, lang) for h in heads], [20, 6, 11, 12, 30, 70])  # after the rows: the filter spans them
    print_setup(ws, "1:1")
