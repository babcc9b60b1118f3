"""The take-away: the person's questions, notes and clinics' answers as a PDF, Markdown or CSV.

Everything is built in memory, on demand, and returned as bytes or text; nothing is written
to disk. Every text the person typed is printed literally: HTML-like text stays text.

The PDF uses DejaVu Sans, shipped in decision/fonts/ (licence beside it), which covers Latin,
Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian and more. Right-to-left text is shaped
and ordered when uharfbuzz is installed (it is in requirements.txt). For scripts DejaVu lacks
(Chinese, Japanese, Korean, Indian scripts...), a font installed on the server is used when
one of FALLBACK_FONTS is there; otherwise such characters print as "□" and the handout says
so. The Markdown and CSV downloads always keep every character.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from decision.text import escape_markdown

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# Fonts for scripts DejaVu lacks, used when present on the server (Debian package names in
# the README). A .ttc collection uses its first face.
FALLBACK_FONTS: tuple[Path, ...] = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
MISSING = "\u25a1"  # □, printed for a character no available font has
# One text longer than this (in characters) is cut in the PDF, with a visible marker; the
# page's own limits are far lower, so only a hand-made or damaged file could reach it.
MAX_PDF_TEXT = 10_000
# Spreadsheets run cells starting with these as formulas; such cells get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class HandoutWords:
    """The handout's fixed words, from content/pages/questions.yaml (placeholders in braces)."""

    title: str
    made_on: str  # {date}
    intro: str
    not_advice: str
    treatments: str  # heading
    no_treatments: str
    clinics: str  # heading
    no_clinics: str
    notes: str  # label before a note
    write_here: str  # label before blank lines for handwriting
    not_answered: str  # marker for an unanswered cell
    page: str  # {page} {pages}
    cut: str  # {count}: marker where an absurdly long text was cut
    missing_glyphs: str  # said once when some characters could not be printed
    question: str  # column heading in the CSV
    topic: str  # column heading in the CSV
    clinician_notes: str  # heading of the ruled space at the end, for the clinician
    clinician_notes_intro: str


@dataclass(frozen=True)
class HandoutQuestion:
    """One question in the handout: its topic title, text, note and each clinic's answer."""

    topic: str
    text: str
    note: str = ""
    answers: tuple[str, ...] = ()  # in the order of Handout.clinics; "" when not answered


@dataclass(frozen=True)
class HandoutTable:
    """An optional extra section, such as the criteria table or the person's priorities.
    With no rows it is a heading and its intro only (e.g. a part not filled in yet)."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    intro: str = ""


@dataclass(frozen=True)
class Handout:
    """Everything the take-away shows. Build it from the session; it is never stored."""

    words: HandoutWords
    made_on: date
    treatments: tuple[str, ...]  # treatment names
    clinics: tuple[str, ...]  # names the person gave, at most four
    questions: tuple[HandoutQuestion, ...]
    tables: tuple[HandoutTable, ...] = ()


def _topics(questions: Iterable[HandoutQuestion]) -> list[tuple[str, list[HandoutQuestion]]]:
    groups: dict[str, list[HandoutQuestion]] = {}
    for q in questions:
        groups.setdefault(q.topic, []).append(q)
    return list(groups.items())


def _made_on(h: Handout) -> str:
    return h.words.made_on.format(date=h.made_on.isoformat())


# --- PDF ------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _coverage(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for (font files only; never a person's text)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def read_fonts() -> None:
    """Read which characters the DejaVu faces have now (it is kept), not at the first PDF."""
    _coverage(FONT_REGULAR)
    _coverage(FONT_BOLD)


def _shaping_available() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


class _Printer:
    """Makes text printable with the fonts at hand, and remembers what could not be printed."""

    def __init__(self, coverage: frozenset[int], words: HandoutWords) -> None:
        self.coverage = coverage
        self.words = words
        self.missing = False

    def __call__(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        cut = ""
        if len(text) > MAX_PDF_TEXT:
            cut = " " + self.words.cut.format(count=f"{len(text) - MAX_PDF_TEXT:,}")
            text = text[:MAX_PDF_TEXT]
        out = []
        for ch in text:
            category = unicodedata.category(ch)
            if ch == "\n" or (category not in ("Cc", "Cs") and ord(ch) in self.coverage):
                out.append(ch)
            elif category in ("Cc", "Cs", "Co", "Cn", "Cf"):
                continue  # controls, broken surrogates, private use, invisible format marks
            elif category.startswith("Z"):
                out.append(" ")
            elif category == "Mn" and 0xFE00 <= ord(ch) <= 0xFE0F:
                continue  # variation selectors (e.g. after an emoji)
            else:
                out.append(MISSING)
                self.missing = True
        return "".join(out) + cut


def _texts(handout: Handout) -> list[str]:
    """Every text the handout prints that came from the person or the session."""
    texts = [*handout.treatments, *handout.clinics]
    for q in handout.questions:
        texts += [q.topic, q.text, q.note, *q.answers]
    for table in handout.tables:
        texts += [table.heading, table.intro, *table.columns, *(v for r in table.rows for v in r)]
    return texts


def _needs_missing_note(handout: Handout, say: _Printer) -> bool:
    """True when some text has a character no available font can print (checked up front,
    so the handout can say so on its first page)."""
    for text in _texts(handout):
        say(text)
    return say.missing


def _needs_shaping(handout: Handout) -> bool:
    """True when some text is written right to left (Arabic, Hebrew...). Shaping puts such
    text in reading order and joins Arabic letters; it is slow, so only used when needed."""
    return any(
        unicodedata.bidirectional(ch) in ("R", "AL") for text in _texts(handout) for ch in text
    )


class _PDF(FPDF):
    page_words = "{page} / {pages}"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("dejavu", size=8)
        self.cell(0, 5, self.page_words.format(page=self.page_no(), pages="{nb}"), align="C")


# fpdf2's multi_cell and table measure a line again for every character they add to it, so
# their cost grows with the square of the line's length; a full handout took over a second.
# Where no text needs shaping (right-to-left scripts), the handout breaks its lines itself,
# measuring each character once, and prints each line with cell(). Text needing shaping
# keeps multi_cell and table, which put right-to-left lines in reading order.
_TOLERANCE = 1e-9  # as fpdf2 compares widths


class _Lines:
    """Breaks text into lines that fit a width, at spaces (a word too long for a line is cut),
    as fpdf2's multi_cell does, measuring each character once per font and size."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.widths: dict[tuple[str, float, str], float] = {}

    def _char(self, ch: str) -> float:
        key = (self.pdf.font_style, self.pdf.font_size_pt, ch)
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = self.pdf.get_string_width(ch)
        return width

    def wrap(self, text: str, max_width: float) -> list[str]:
        space = self._char(" ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line: str | None = None
            line_width = 0.0
            for word in paragraph.split(" "):
                widths = [self._char(ch) for ch in word]
                width = sum(widths)
                if line is not None:
                    if line_width + space + width <= max_width + _TOLERANCE:
                        line, line_width = f"{line} {word}", line_width + space + width
                        continue
                    lines.append(line)
                # The word starts a line; one wider than a whole line is cut where it must be.
                while width > max_width + _TOLERANCE and len(word) > 1:
                    taken, cut = 0.0, 0
                    while cut < len(word) and taken + widths[cut] <= max_width + _TOLERANCE:
                        taken += widths[cut]
                        cut += 1
                    cut = max(cut, 1)
                    lines.append(word[:cut])
                    word, widths, width = word[cut:], widths[cut:], width - taken
                line, line_width = word, width
            lines.append(line or "")
        return lines


def _fallbacks(paths: Sequence[Path] | None) -> list[Path]:
    candidates = FALLBACK_FONTS if paths is None else paths
    return [p for p in candidates if p.is_file()]


class BlankPdf:
    """An empty PDF with its fonts read: about a quarter of a handout's build. The PDF worker
    makes the next one while nobody is waiting (decision/pdf_worker.py). Used once."""

    def __init__(self, fallback_fonts: Sequence[Path] | None = None) -> None:
        self.made_for = None if fallback_fonts is None else tuple(fallback_fonts)
        self.used = False
        pdf = self.pdf = _PDF(orientation="P", unit="mm", format="A4")
        pdf.add_font("dejavu", "", str(FONT_REGULAR))
        pdf.add_font("dejavu", "B", str(FONT_BOLD))
        # Bold text falls back to the regular face for the few glyphs (some Arabic) only it
        # has.
        coverage = _coverage(FONT_REGULAR) | _coverage(FONT_BOLD)
        self.names = ["dejavu"]
        for i, path in enumerate(_fallbacks(fallback_fonts)):
            name = f"fallback{i}"
            try:
                covers = _coverage(path)
                pdf.add_font(name, "", str(path))
            except Exception:  # a damaged or unusable font on the server: print without it
                continue
            self.names.append(name)
            coverage |= covers
        self.coverage = coverage

    def fits(self, fallback_fonts: Sequence[Path] | None) -> bool:
        """Whether this is unused and was made for these fallback fonts."""
        made_for = None if fallback_fonts is None else tuple(fallback_fonts)
        return not self.used and made_for == self.made_for


def to_pdf(
    handout: Handout,
    fallback_fonts: Sequence[Path] | None = None,
    blank: BlankPdf | None = None,
) -> bytes:
    """The handout as PDF bytes. `fallback_fonts`: fonts for scripts DejaVu lacks (default:
    those of FALLBACK_FONTS found on this server). `blank`: an empty PDF made ahead for the
    same fallback fonts (another, or none, and one is made here); the same PDF either way."""
    if blank is None or not blank.fits(fallback_fonts):
        blank = BlankPdf(fallback_fonts)
    blank.used = True
    pdf, names, coverage = blank.pdf, blank.names, blank.coverage
    pdf.set_creation_date(datetime.now(UTC))  # built now, whenever the blank was made
    w = handout.words
    pdf.page_words = w.page
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(w.title)
    pdf.set_creator("MS stem cell treatment decision aid")
    # Fallback fonts make fpdf2 look up every character's font, so they are set only when
    # some text has a character one of the DejaVu faces lacks.
    both = _coverage(FONT_REGULAR) & _coverage(FONT_BOLD)
    printed = [*_texts(handout), *(getattr(w, f.name) for f in fields(HandoutWords))]
    if any(not both.issuperset(map(ord, text)) for text in printed):
        pdf.set_fallback_fonts(names, exact_match=False)
    shaped = _needs_shaping(handout) and _shaping_available()
    if shaped:
        pdf.set_text_shaping(True)
    say = _Printer(frozenset(coverage), w)
    measure = _Lines(pdf)

    def para(text: str, size: float = 10.5, bold: bool = False, gap: float = 1.5) -> None:
        pdf.set_font("dejavu", "B" if bold else "", size)
        if shaped:
            # Each paragraph finds its own direction: an Arabic or Hebrew note reads right to
            # left.
            pdf.multi_cell(0, size * 0.5, say(text), align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            # As multi_cell(0, ...) would: lines as wide as the space left of the right margin,
            # each starting where the paragraph starts.
            x = pdf.get_x()
            width = pdf.w - pdf.r_margin - x
            for line in measure.wrap(say(text), width - 2 * pdf.c_margin):
                pdf.set_x(x)
                pdf.cell(width, size * 0.5, line, align="L", new_x="LEFT", new_y="NEXT")
            pdf.set_x(pdf.l_margin)
        pdf.ln(gap)

    def lines(count: int) -> None:
        pdf.set_draw_color(170, 170, 170)
        for _ in range(count):
            if pdf.will_page_break(8):
                pdf.add_page()
            pdf.ln(7)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)

    def draw_table(
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None,
        headings: int,
        min_row_height: float,
    ) -> bool:
        """Draw a table as pdf.table would (borders, 1.2 mm padding, 4.8 mm lines, the
        heading row bold and repeated on each new page), or return False when a row is too
        tall for a page."""
        pad, line_height = 1.2, 4.8
        shares = widths or [1.0] * len(rows[0])
        columns = [pdf.epw * share / sum(shares) for share in shares]
        laid = []
        for number, row in enumerate(rows):
            pdf.set_font("dejavu", "B" if number < headings else "", 9.5)
            cells = [
                measure.wrap(say(value), width - 2 * pad)
                for value, width in zip(row, columns, strict=True)
            ]
            height = max(min_row_height, max(map(len, cells)) * line_height + 2 * pad)
            laid.append((number < headings, cells, height))
        if any(height > pdf.page_break_trigger - pdf.t_margin for _, _, height in laid):
            return False
        heading_rows = [r for r in laid if r[0]]
        margin, pdf.c_margin = pdf.c_margin, 0
        try:
            for number, (heading, cells, height) in enumerate(laid):
                if pdf.will_page_break(height):
                    pdf.add_page()
                    if number > len(heading_rows):
                        for again in heading_rows:
                            draw_row(*again, columns, pad, line_height)
                draw_row(heading, cells, height, columns, pad, line_height)
        finally:
            pdf.c_margin = margin
        pdf.set_x(pdf.l_margin)
        return True

    def draw_row(heading, cells, height, columns, pad, line_height) -> None:
        pdf.set_font("dejavu", "B" if heading else "", 9.5)
        x, y = pdf.l_margin, pdf.get_y()
        for lines, width in zip(cells, columns, strict=True):
            pdf.rect(x, y, width, height)
            for i, line in enumerate(lines):
                pdf.set_xy(x + pad, y + pad + i * line_height)
                pdf.cell(width - 2 * pad, line_height, line)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    def table(rows: Sequence[Sequence[str]], widths: Sequence[float] | None, **style) -> None:
        pdf.set_font("dejavu", size=9.5)
        pdf.set_draw_color(150, 150, 150)
        if not shaped:
            headings = 0 if style.get("num_heading_rows") == 0 else 1
            if draw_table(rows, widths, headings, style.get("min_row_height", 0)):
                pdf.ln(2)
                return
        with pdf.table(
            col_widths=widths,
            line_height=4.8,
            text_align="LEFT",
            v_align="TOP",
            padding=1.2,
            **style,
        ) as grid:
            for row in rows:
                cells = grid.row()
                for value in row:
                    cells.cell(say(value))
        pdf.ln(2)

    pdf.add_page()
    para(w.title, size=18, bold=True, gap=1)
    para(_made_on(handout), size=10)
    para(w.intro, size=10)
    para(w.not_advice, size=10, bold=True, gap=3)
    if _needs_missing_note(handout, say):
        para(w.missing_glyphs, size=9.5, gap=3)

    para(w.treatments, size=12, bold=True, gap=0.5)
    para("; ".join(handout.treatments) or w.no_treatments)
    para(w.clinics, size=12, bold=True, gap=0.5)
    clinics = [f"{i}. {name}" for i, name in enumerate(handout.clinics, start=1)]
    para("; ".join(clinics) or w.no_clinics, gap=4)

    number = 0
    for topic, questions in _topics(handout.questions):
        if pdf.will_page_break(30):
            pdf.add_page()
        para(topic, size=14, bold=True, gap=1)
        for q in questions:
            number += 1
            if pdf.will_page_break(25):
                pdf.add_page()
            pdf.set_font("dejavu", "B", 10.5)
            pdf.cell(9, 5.25, f"{number}.")
            para(q.text, size=10.5, bold=True, gap=1)
            if q.note.strip():
                para(w.notes, size=9, gap=0)
                para(q.note, size=10)
            if handout.clinics:
                answers = [*q.answers, *[""] * len(handout.clinics)][: len(handout.clinics)]
                table(
                    [
                        (n, a.strip() or w.not_answered)
                        for n, a in zip(handout.clinics, answers, strict=True)
                    ],
                    (30, 70),
                    num_heading_rows=0,
                    first_row_as_headings=False,
                    min_row_height=9,
                )
            elif not q.note.strip():
                para(w.write_here, size=9, gap=0)
                lines(3)
            pdf.ln(2)

    for number, extra in enumerate(handout.tables):
        # The extra sections start on a new page, then follow on while there is room.
        if number == 0 or pdf.will_page_break(40):
            pdf.add_page()
        else:
            pdf.ln(3)
        para(extra.heading, size=14, bold=True, gap=1)
        if extra.intro:
            para(extra.intro, size=10)
        if extra.rows:
            table([extra.columns, *extra.rows], None, headings_style=FontFace(emphasis="BOLD"))

    # Ruled space for the clinician, on every handout.
    if pdf.will_page_break(90):
        pdf.add_page()
    else:
        pdf.ln(4)
    para(w.clinician_notes, size=14, bold=True, gap=1)
    para(w.clinician_notes_intro, size=10, gap=0)
    lines(10)

    return bytes(pdf.output())


# --- Markdown and CSV -----------------------------------------------------------------------


def _md_block(text: str) -> str:
    """A person's text as a Markdown quote, every special character escaped."""
    return "\n".join("> " + escape_markdown(line) for line in text.splitlines() or [""])


def to_markdown(handout: Handout) -> str:
    """The handout as Markdown text; the person's text is escaped, so it shows as typed."""
    w = handout.words
    out = [f"# {escape_markdown(w.title)}", "", escape_markdown(_made_on(handout)), ""]
    out += [w.intro, "", f"**{w.not_advice}**", ""]
    out += [f"## {w.treatments}", ""]
    out += [f"- {escape_markdown(t)}" for t in handout.treatments] or [w.no_treatments]
    out += ["", f"## {w.clinics}", ""]
    out += [f"{i}. {escape_markdown(c)}" for i, c in enumerate(handout.clinics, 1)] or [
        w.no_clinics
    ]
    number = 0
    for topic, questions in _topics(handout.questions):
        out += ["", f"## {escape_markdown(topic)}"]
        for q in questions:
            number += 1
            out += ["", f"**{number}\\. {escape_markdown(q.text)}**", ""]
            if q.note.strip():
                out += [f"*{w.notes}*", "", _md_block(q.note), ""]
            for name, answer in zip(handout.clinics, q.answers, strict=False):
                shown = escape_markdown(answer.strip()) if answer.strip() else w.not_answered
                out += [f"- **{escape_markdown(name)}**: {shown}"]
    for table in handout.tables:
        out += ["", f"## {escape_markdown(table.heading)}", ""]
        if table.intro:
            out += [escape_markdown(table.intro), ""]
        if not table.rows:
            continue
        out += ["| " + " | ".join(escape_markdown(c) for c in table.columns) + " |"]
        out += ["|" + " --- |" * len(table.columns)]
        for row in table.rows:
            out += ["| " + " | ".join(escape_markdown(v).replace("\n", " ") for v in row) + " |"]
    out += ["", f"## {escape_markdown(w.clinician_notes)}", "", w.clinician_notes_intro, ""]
    out += ["\\_" * 60 + "\n"] * 6
    return "\n".join(out).rstrip() + "\n"


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ' stops it being run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(handout: Handout) -> bytes:
    """The questions as CSV (UTF-8 with a byte-order mark, so spreadsheets read any alphabet):
    topic, question, notes, then one column per clinic."""
    w = handout.words
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([w.topic, w.question, w.notes.rstrip(":"), *handout.clinics])
    for q in handout.questions:
        answers = [a.strip() or w.not_answered for a in q.answers]
        writer.writerow([_cell(v) for v in (q.topic, q.text, q.note, *answers)])
    for table in handout.tables:
        writer.writerow([])
        writer.writerow([_cell(table.heading)])
        if not table.rows:
            if table.intro:
                writer.writerow([_cell(table.intro)])
            continue
        writer.writerow([_cell(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")
