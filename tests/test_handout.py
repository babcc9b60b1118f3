"""The take-away handout: a PDF that opens and prints what the person chose and wrote, in any
alphabet and literally, plus the same as Markdown and CSV. Built in memory only."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from pypdf import PdfReader

from decision.handout import (
    FONT_BOLD,
    FONT_REGULAR,
    MAX_PDF_TEXT,
    BlankPdf,
    HandoutTable,
    to_csv,
    to_markdown,
    to_pdf,
)
from decision.questions import all_questions, handout_for, kept, named_clinics

NOTES = {
    "cyrillic": "Спросить про визу и переводчика",
    "greek": "Ρωτήστε για το κόστος",
    "arabic": "اسأل عن التكلفة",
    "hebrew": "לשאול על המחיר",
    "html": "<script>alert(1)</script>",
}
CHOSEN = ["certificates", "approval", "full_price", "language", "follow_up_care"]


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _folded(text: str) -> str:
    return " ".join(text.split())


def _handout(content, *, notes=None, answers=None, clinics=("", "", "", ""), **kw):
    items = [i for i in all_questions(content, ["msc"]) if i.id in CHOSEN]
    return handout_for(
        content,
        made_on=date(2025, 3, 14),
        treatment_ids=["msc", "ahsct_non_myeloablative"],
        items=items,
        notes=notes or {},
        answers=answers or {},
        clinics=named_clinics(list(clinics)),
        **kw,
    )


NOTES_BY_Q = dict(zip(CHOSEN, NOTES.values(), strict=True))


def test_pdf_opens_and_holds_the_date_treatments_and_chosen_questions(content):
    """The PDF opens; it states the date, the treatments considered and every chosen
    question, under its topic; a dropped question is not in it."""
    items = all_questions(content, ["msc"])
    keep = {i.id: i.id in CHOSEN for i in items}
    handout = handout_for(
        content,
        made_on=date(2025, 3, 14),
        treatment_ids=["msc"],
        items=kept(items, keep),
        notes={},
        answers={},
        clinics=[],
    )
    data = to_pdf(handout)
    assert data.startswith(b"%PDF-")
    text = _folded(_pdf_text(data))
    assert "Made on 2025-03-14" in text
    assert "Mesenchymal stem cell (MSC) therapy" in text
    assert "This handout gives information, not medical advice." in text
    for item in items:
        assert (_folded(item.text) in text) == (item.id in CHOSEN), item.id
    assert "The team and accreditation" in text and "Costs and what they include" in text


def test_pdf_prints_notes_in_any_alphabet_and_html_as_plain_text(content):
    """Notes in Cyrillic, Greek, Arabic and Hebrew print as written, and
    "<script>alert(1)</script>" is printed as those very characters."""
    text = _pdf_text(to_pdf(_handout(content, notes=NOTES_BY_Q)))
    for note in NOTES.values():
        assert note in text, note
    assert "□" not in text


def test_pdf_shows_each_clinics_answer_and_marks_the_unanswered(content):
    """With two clinics named, each question lists both; a missing answer reads
    "— not answered yet —"."""
    answers = {"certificates": {"0": "GMP and JACIE", "2": "Клиника: нет"}}
    handout = _handout(content, answers=answers, clinics=("Clinic A", "", "Клиника Б", ""))
    text = _folded(_pdf_text(to_pdf(handout)))
    assert "1. Clinic A; 2. Клиника Б" in text
    assert "GMP and JACIE" in text and "Клиника: нет" in text
    assert text.count("— not answered yet —") == 2 * len(CHOSEN) - 2


def test_pdf_leaves_space_to_write_when_there_is_no_note(content):
    """A question without a note gets ruled space for writing answers by hand."""
    text = _pdf_text(to_pdf(_handout(content, notes={"approval": "Ask for the IND number"})))
    assert text.count("Answers and notes:") == len(CHOSEN) - 1


def test_very_long_note_is_wrapped_and_cut_with_a_visible_marker(content):
    """A 100,000-character note (no spaces at all) does not break the PDF: it wraps, and is
    cut after 10,000 characters with a marker saying how much is left out."""
    handout = _handout(content, notes={"approval": "A" * 100_000})
    text = _folded(_pdf_text(to_pdf(handout)))
    left_out = f"{100_000 - MAX_PDF_TEXT:,}"
    assert f"[... {left_out} more characters not printed here" in text


def test_characters_no_font_has_print_as_squares_and_are_explained(content):
    """Without a font for Chinese on the server, such characters print as □, and the first
    page says so and points to the text and spreadsheet downloads."""
    handout = _handout(content, notes={"approval": "问诊费用 and more"})
    text = _folded(_pdf_text(to_pdf(handout, fallback_fonts=[])))
    assert "□□□□ and more" in text
    assert "show as □" in text and "downloads keep every character" in text


def _tiny_font(path: Path, chars: str) -> Path:
    """A TrueType font with a square glyph for each of `chars`, standing in for a CJK font."""
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 700))
        pen.lineTo((800, 700))
        pen.lineTo((800, 0))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({n: (900, 100) for n in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test Fallback", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))
    return path


def test_a_font_installed_on_the_server_prints_other_scripts(content, tmp_path):
    """When the server has a font for a script DejaVu lacks, those characters print with it,
    also in bold question text, and no □ appears."""
    font = _tiny_font(tmp_path / "fallback.ttf", "问诊费用")
    handout = _handout(content, notes={"approval": "问诊费用"})
    text = _pdf_text(to_pdf(handout, fallback_fonts=[font]))
    assert "问诊费用" in text
    assert "□" not in text


def test_a_pdf_on_fonts_read_ahead_is_the_same_and_dated_when_built(content, tmp_path):
    """The PDF worker reads the next PDF's fonts ahead (BlankPdf). A handout built on such a
    blank reads the same as one built from nothing, is dated when it was built (not when the
    blank was made), and a blank serves one PDF only and only the fonts it was made for."""
    handout = _handout(content, notes={"approval": "问诊费用"})
    font = _tiny_font(tmp_path / "fallback.ttf", "问诊费用")
    expected = _pdf_text(to_pdf(handout, fallback_fonts=[font]))
    blank = BlankPdf([font])
    blank.pdf.set_creation_date(datetime(2001, 1, 1, tzinfo=UTC))  # made long ago
    data = to_pdf(handout, fallback_fonts=[font], blank=blank)
    assert _pdf_text(data) == expected and "问诊费用" in expected
    assert b"D:2001" not in data
    assert f"D:{datetime.now(UTC).year}".encode() in data
    # Used: the next PDF reads its own fonts, and is the same again.
    assert not blank.fits([font])
    assert _pdf_text(to_pdf(handout, fallback_fonts=[font], blank=blank)) == expected
    # A blank made without the fallback font is not used for a PDF that has one.
    other = BlankPdf([])
    assert not other.fits([font])
    assert _pdf_text(to_pdf(handout, fallback_fonts=[font], blank=other)) == expected
    assert not other.used


def test_a_damaged_font_on_the_server_is_skipped(content, tmp_path):
    """A fallback font file that cannot be read does not stop the PDF: it is left out, and
    the characters it would print show as □."""
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all")
    text = _pdf_text(to_pdf(_handout(content, notes={"approval": "问诊"}), fallback_fonts=[broken]))
    assert "□□" in text


def test_optional_tables_such_as_criteria_and_priorities_are_printed(content):
    """Extra sections given to the builder (the criteria table, the person's priorities)
    are printed with their heading, columns and rows."""
    table = HandoutTable(
        heading="What matters to you",
        columns=("Criterion", "How much it matters"),
        rows=(("Not travelling far", "A lot"), ("<b>Cost</b>", "Some")),
    )
    text = _folded(_pdf_text(to_pdf(_handout(content, tables=[table]))))
    for expected in ["What matters to you", "How much it matters", "Not travelling far"]:
        assert expected in text
    assert "<b>Cost</b>" in text


def test_the_shipped_fonts_and_their_licence_are_in_the_repository():
    """DejaVu Sans regular and bold ship with the aid, with their licence beside them."""
    assert FONT_REGULAR.stat().st_size > 100_000 and FONT_BOLD.stat().st_size > 100_000
    licence = (FONT_REGULAR.parent / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence


def test_markdown_shows_the_persons_text_as_typed_never_as_markup(content):
    """In the Markdown download, HTML and Markdown characters in notes and clinic names are
    escaped: removing the escapes gives back exactly what was typed."""
    notes = {"certificates": "<script>alert(1)</script> *not bold* [x](javascript:y)"}
    handout = _handout(content, notes=notes, clinics=("<b>Clinic</b>", "", "", ""))
    markdown = to_markdown(handout)
    assert "<script>" not in markdown and "<b>" not in markdown
    assert r"\<script\>alert\(1\)\</script\>" in markdown
    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    assert notes["certificates"] in unescaped and "<b>Clinic</b>" in unescaped


def test_markdown_keeps_every_alphabet(content):
    """Notes in Cyrillic, Greek, Arabic and Hebrew are in the Markdown download as typed."""
    markdown = re.sub(r"\\(.)", r"\1", to_markdown(_handout(content, notes=NOTES_BY_Q)))
    for note in NOTES.values():
        assert note in markdown


def test_csv_has_a_row_per_question_and_a_column_per_clinic(content):
    """The spreadsheet has topic, question, notes and one column per named clinic; each row
    is one kept question, in any alphabet, with unanswered cells marked."""
    answers = {"full_price": {"1": "€14,000"}}
    handout = _handout(content, notes=NOTES_BY_Q, answers=answers, clinics=("", "Клиника", "", ""))
    data = to_csv(handout)
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark lets spreadsheets read UTF-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Topic", "Question", "Notes", "Клиника"]
    assert len(rows) == 1 + len(CHOSEN)
    by_note = {r[2]: r for r in rows[1:]}
    assert set(by_note) == set(NOTES.values())
    price = next(r for r in rows if r[1].startswith("What is the full price"))
    assert price[3] == "€14,000"
    assert sum(r[3] == "— not answered yet —" for r in rows[1:]) == len(CHOSEN) - 1


@pytest.mark.parametrize("typed", ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"])
def test_csv_cells_a_spreadsheet_would_run_are_kept_as_text(content, typed):
    """A note starting with =, +, - or @ gets a leading ' so spreadsheets show it as text."""
    data = to_csv(_handout(content, notes={"approval": typed}))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert any(r[2] == "'" + typed for r in rows)


def test_building_the_take_away_writes_no_file(content, tmp_path, monkeypatch):
    """PDF, Markdown and CSV are made in memory: the working folder stays empty."""
    monkeypatch.chdir(tmp_path)
    handout = _handout(content, notes=NOTES_BY_Q)
    assert to_pdf(handout) and to_markdown(handout) and to_csv(handout)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("right_to_left", [False, True], ids=["plain", "shaped"])
def test_making_the_pdf_logs_nothing_the_person_wrote(content, caplog, right_to_left):
    """No note text reaches the server's logs while the PDF is made, whatever the script
    (fpdf2 logs the characters a font lacks, so those must never reach it)."""
    notes = {
        "certificates": "问诊费用 ᚠ ꙮ",
        "approval": "e\u0301 \u200d \U0001f600\ufe0f \u202etext",
        "full_price": NOTES["arabic"] if right_to_left else NOTES["greek"],
    }
    with caplog.at_level("DEBUG"):
        to_pdf(_handout(content, notes=notes), fallback_fonts=[])
    logged = caplog.text
    for note in notes.values():
        for character in note:
            if not character.isascii() and not character.isspace():
                assert character not in logged, f"{character!r} was logged"
