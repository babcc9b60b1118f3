"""Which claims answer each question for each option, and what a cell says when none does."""

from __future__ import annotations

from decision.comparison import cell, grid, options


def _row(content, row_id):
    return next(r for r in content.comparison.rows if r.id == row_id)


def _option(content, option_id):
    return next(o for o in options(content) if o.id == option_id)


def test_four_options_in_column_order(content):
    """Myeloablative aHSCT, non-myeloablative aHSCT, MSC therapy, then usual treatment."""
    assert [(o.id, o.name) for o in options(content)] == [
        ("ahsct_myeloablative", "Myeloablative aHSCT"),
        ("ahsct_non_myeloablative", "Non-myeloablative aHSCT"),
        ("msc", "Mesenchymal stem cell (MSC) therapy"),
        ("usual_dmt", "Usual MS treatment (DMT)"),
    ]


def test_the_eight_questions_patients_ask_are_the_rows(content):
    """What it involves, time, hospital, risks, results, cost, who it is for, follow-up."""
    assert [r.id for r in content.comparison.rows] == [
        "involves",
        "time",
        "hospital",
        "risks",
        "results",
        "cost",
        "eligibility",
        "follow_up",
    ]


def test_hospital_time_comes_from_times_stated_at_the_hospital_steps(content):
    """For non-myeloablative aHSCT, hospital time is the chemotherapy times (4 days, up to
    3 weeks); times at collection or recovery are not in this row."""
    got = cell(content, _row(content, "hospital"), _option(content, "ahsct_non_myeloablative"))
    assert [c.id for c in got.claims] == ["mediglobus_conditioning_weeks", "pirogov_chemo_days"]
    assert all(c.kind == "timeline" for c in got.claims)


def test_every_stated_time_answers_exactly_one_question(content):
    """Each timeline claim on an option shows in one of the time, hospital or follow-up rows,
    never in two, so that nothing is counted twice on screen."""
    for option in options(content):
        shown = [
            claim.id
            for row, cells in grid(content)
            for c in cells
            if c.option.id == option.id
            for claim in c.claims
            if claim.kind == "timeline"
        ]
        assert len(shown) == len(set(shown)), option.id
        placed = {
            claim.id
            for claim in content.claims
            if claim.kind == "timeline" and any(p.treatment == option.id for p in claim.at)
        }
        assert set(shown) == placed, option.id


def test_usual_care_cells_hold_what_the_documents_say_about_dmts(content):
    """The results row for usual treatment shows the documents' statements about DMTs."""
    got = cell(content, _row(content, "results"), _option(content, "usual_dmt"))
    assert {c.id for c in got.claims} >= {
        "mediglobus_dmts_cannot_repair",
        "unnamed_interferon_30_percent",
        "zignagenix_cannot_stop_progression",
    }
    assert got.source_ids == ("mediglobus", "unnamed_msc_clinic", "swiss_medica", "zignagenix")


def test_a_cell_no_document_answers_is_not_stated(content):
    """No document states a price for usual treatment, or hospital time for MSC therapy."""
    assert cell(content, _row(content, "cost"), _option(content, "usual_dmt")).not_stated
    assert cell(content, _row(content, "hospital"), _option(content, "msc")).not_stated


def test_our_own_words_are_kept_apart_from_the_documents(content):
    """Usual treatment's follow-up shows our general words, and still says no document
    states it."""
    got = cell(content, _row(content, "follow_up"), _option(content, "usual_dmt"))
    assert got.ours == (content.usual_care.our_words["follow_up"],)
    assert got.not_stated


def test_what_it_involves_starts_with_each_options_summary(content):
    """The first row shows each treatment's summary in our words, and usual care's."""
    row = _row(content, "involves")
    for option in options(content):
        expected = (
            content.usual_care.summary
            if option.id == "usual_dmt"
            else content.treatments[option.id].summary
        )
        assert cell(content, row, option).ours == (expected,)


def test_time_rows_add_up_the_stated_times_for_options_with_steps(content):
    """The time row adds up all steps and the steps before going home; usual care has none."""
    row = _row(content, "time")
    non_myelo = cell(content, row, _option(content, "ahsct_non_myeloablative"))
    assert [spec.id for spec, _ in non_myelo.totals] == ["all_steps", "at_the_clinic"]
    at_clinic = non_myelo.totals[1][1]
    assert at_clinic.shortest_days == 7 + 4 + 5 + 4
    assert cell(content, row, _option(content, "usual_dmt")).totals == ()


def test_published_studies_sit_beside_the_claims_in_the_rows_they_answer(content):
    """The MIST trial answers "results" and "main risks" for non-myeloablative aHSCT and for
    usual DMT; MESEMS answers "results" for MSC; professional guidance answers "who it is
    for"; a study never appears for an option it is not about."""
    cells = {(row.id, c.option.id): c for row, row_cells in grid(content) for c in row_cells}

    def names(row, option):
        return {item.name for item in cells[(row, option)].evidence}

    assert "MIST trial" in names("results", "ahsct_non_myeloablative")
    assert "MIST trial" in names("risks", "ahsct_non_myeloablative")
    assert "MIST trial" in names("results", "usual_dmt")
    assert "MIST trial" not in names("results", "msc")
    assert any("MESEMS" in n for n in names("results", "msc"))
    assert names("eligibility", "ahsct_non_myeloablative")
    for (_, option), c in cells.items():
        for item in c.evidence:
            assert any(p.treatment == option for p in item.at)
