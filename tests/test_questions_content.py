"""The questions to ask a clinic: every checklist in the documents yields questions, every
quote is word for word, and a broken questions file names the file and the field.

What counts as a checklist item: an entry of a list, or an explicit passage, that tells the
reader what to ask, what to check, who can be treated (criteria, conditions,
contraindications, indications), or what the treatment or package includes; and a list of
questions the page says it answers. Not counted: lists and passages that describe how cells
work, claimed results, symptoms, steps of the procedure (the walkthrough shows those, and the
aid asks about them where no document states a time, risk or cost), tables of contents and
references. The Zignagenix page (seed 004) has no checklist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from content_helpers import edit_yaml

from decision.load import ContentError, load_content
from decision.quotes import fold, quote_in

# Every checklist item in the documents: (source id, its words verbatim, question ids).
CHECKLIST: list[tuple[str, str, list[str]]] = [
    # Seed 000, the Pirogov article: the "ask before booking" passages and four criteria.
    (
        "pirogov_article",
        "there are a few things to consider before booking your flight to Russia",
        ["exactly_what"],
    ),
    (
        "pirogov_article",
        "It is important to also speak to your health professional for further information and "
        "to contact the medical center in Russia directly if you have any unanswered questions.",
        ["talk_to_doctor"],
    ),
    (
        "pirogov_article",
        "1) Must be in overall good health including heart and renal functions.",
        ["health_checks"],
    ),
    ("pirogov_article", "2) Must have an EDSS score of 6.0 or lower.", ["edss_limit"]),
    (
        "pirogov_article",
        "3) All forms evolutionary MS (RRMS, SPMS, and PPMS) with MRI lesion activity or where "
        "the patient’s EDSS score lowered by 1.0 or more in one year are treated.",
        ["ms_type", "ms_active"],
    ),
    (
        "pirogov_article",
        "4) Earlier, patients above 50 were not qualified, however, recent success with HSCT for "
        "older patients, more patients above the age of 50 are flying in for it.",
        ["age_limit"],
    ),
    (
        "pirogov_article",
        "Individuals should seek medical advice to check whether you are fit and eligible for "
        "this treatment before making any travel plans and booking of treatment.",
        ["eligible_in_writing"],
    ),
    (
        "pirogov_article",
        "To give insight to what is expected during your stay in Russia, it’s important to have "
        "a clear understanding of the facilities at the medical center you will receive "
        "treatment at.",
        ["facilities", "stay_length"],
    ),
    # Seed 001, MediGlobus: its five questions to ask.
    (
        "mediglobus",
        "Does the clinic have national or international certificates confirming its "
        "qualifications in the collection, storage and processing of stem cells?",
        ["certificates"],
    ),
    (
        "mediglobus",
        "Does the centre have experience working with multiple sclerosis patients?",
        ["ms_experience"],
    ),
    ("mediglobus", "What specialists are part of the treatment team?", ["team"]),
    ("mediglobus", "What type of cells will be used for the procedure?", ["cell_type"]),
    (
        "mediglobus",
        "What procedures are used to ensure that the cells are sanitary and free of "
        "contaminants and infectious agents?",
        ["contamination"],
    ),
    (
        "mediglobus",
        "Is immediate and long-term follow-up care available?",
        ["follow_up_care", "who_to_call"],
    ),
    # Seed 001, MediGlobus: "safe and effective under these conditions".
    ("mediglobus", "The patient is under 50 years;", ["age_limit"]),
    ("mediglobus", "Multiple sclerosis was diagnosed less than 10 years ago;", ["ms_type"]),
    ("mediglobus", "Relapsing-remitting MS type;", ["ms_type"]),
    (
        "mediglobus",
        "Previous treatment with DMTs did not have the expected effect;",
        ["medicines_tried_first"],
    ),
    (
        "mediglobus",
        "The patient has no severe comorbidities (e.g., heart or lung defects).",
        ["health_checks"],
    ),
    # Seed 001, MediGlobus: what it arranges, and what patients "should" do afterwards.
    (
        "mediglobus",
        "We will help you contact the doctor and make full travel arrangements, including "
        "transfers, lodging and translator.",
        ["travel_arranged", "stay_length", "language"],
    ),
    (
        "mediglobus",
        "During the first 2 years after stem cell transplantation in multiple sclerosis, regular "
        "check-ups are necessary.",
        ["checkups_and_scans"],
    ),
    (
        "mediglobus",
        "Every six months, and at least once a year thereafter, patients should have an MRI scan.",
        ["checkups_and_scans"],
    ),
    (
        "mediglobus",
        "Due to low immunity, they also need to be in isolation for a while after the procedure, "
        "wear a mask and stay away from other people to reduce the risk of infections.",
        ["infections_at_home", "safe_to_fly"],
    ),
    # Seed 002, the unnamed clinic: its advice to the reader.
    (
        "unnamed_msc_clinic",
        "It is very important to go through the stem cell treatment while a person can still walk.",
        ["walking"],
    ),
    (
        "unnamed_msc_clinic",
        "It is optimal to have a second cell injection 2-3 months after the first transplantation",
        ["doses"],
    ),
    (
        "unnamed_msc_clinic",
        "Naturally, during the initial stages, the help of a professionally qualified "
        "psychologist and psychotherapist are required.",
        ["psychological_support"],
    ),
    (
        "unnamed_msc_clinic",
        "I also recommend discussing psychological problems with our psychologist Timur Khabirov.",
        ["psychological_support"],
    ),
    (
        "unnamed_msc_clinic",
        "If you want to contact them and make sure of their positive treatment effects, contact "
        "us by email",
        ["results_for_everyone"],
    ),
    # Seed 003, Swiss Medica: indications, and each contraindication.
    (
        "swiss_medica",
        "Due to its benefits therapy with stem cells can be promising in the absence or "
        "insufficiency of the effect of the main therapy, and also in the presence of side "
        "effects from the medical drugs.",
        ["medicines_tried_first"],
    ),
    ("swiss_medica", "previous bad experience with cell products;", ["complications"]),
    (
        "swiss_medica",
        "any type of cancer or a precancerous condition;",
        ["full_contraindications"],
    ),
    (
        "swiss_medica",
        "any life-threatening or terminal health conditions;",
        ["full_contraindications"],
    ),
    ("swiss_medica", "infectious disease in the acute stage;", ["full_contraindications"]),
    (
        "swiss_medica",
        "stroke or transient ischemic attack in the last 3 months;",
        ["full_contraindications"],
    ),
    ("swiss_medica", "deviations of some indicators in blood tests;", ["health_checks"]),
    ("swiss_medica", "pregnancy and lactation;", ["pregnancy_fertility"]),
    ("swiss_medica", "mental disorders and addictions;", ["mental_health"]),
    (
        "swiss_medica",
        "contraindications to anesthesia and/or high risk of bleeding and/or pathological "
        "processes in the area of the proposed biopsy (does not exclude the possibility of "
        "using donor cell products),",
        ["taking_cells"],
    ),
    ("swiss_medica", "and some others.", ["full_contraindications"]),
    # Seed 003, Swiss Medica: "What the Treatment Includes".
    (
        "swiss_medica",
        "Preparation for treatment includes the collection of medical reports to make a "
        "personal treatment program.",
        ["records_needed"],
    ),
    (
        "swiss_medica",
        "Besides the administration of stem cells, we use optional additional therapies such as:",
        ["extras_price"],
    ),
    (
        "swiss_medica",
        "Xenon gas rehabilitation therapy (inhalation procedure).",
        ["extras_evidence", "extras_price"],
    ),
    (
        "swiss_medica",
        "Brain therapy by the magnetic field.",
        ["extras_evidence", "extras_price"],
    ),
    ("swiss_medica", "Ozone-laser injection therapy.", ["extras_evidence", "extras_price"]),
    ("swiss_medica", "Transcranial brain stimulation.", ["extras_evidence", "extras_price"]),
    ("swiss_medica", "Neurorehabilitation.", ["extras_evidence", "extras_price"]),
    (
        "swiss_medica",
        "We also provide doctor consultations (specialists in neurology, neurorehabilitation, "
        "psychology, nutrition).",
        ["team"],
    ),
    # Seed 003, Swiss Medica: the questions its video answers.
    (
        "swiss_medica",
        "How stem cells work in MS and how do they help to fight the symptoms?",
        ["published_evidence"],
    ),
    (
        "swiss_medica",
        "What is the success rate of the treatment and what does it depend on?",
        ["results_for_everyone"],
    ),
    (
        "swiss_medica",
        "What additional therapies are used to increase the effect of the treatment?",
        ["extras_evidence"],
    ),
    ("swiss_medica", "How the procedure is performed & is it painful?", ["procedure_pain"]),
    (
        "swiss_medica",
        "What improvements are expected with stem cell therapy for MS?",
        ["expected_benefit"],
    ),
    # Seed 003, Swiss Medica: the questions its Medical Advisor answers.
    (
        "swiss_medica",
        "1. Whether stem cell therapy will be effective in your specific case.",
        ["expected_benefit"],
    ),
    ("swiss_medica", "2. What the treatment involves.", ["exactly_what"]),
    ("swiss_medica", "3. How much does it cost.", ["full_price"]),
]

CONTENT = load_content()
QUESTIONS = {q.id: q for q in CONTENT.question_bank.questions}


def _document(content, source_id: str, seeds_dir: Path) -> str:
    return (seeds_dir / content.sources[source_id].seed_file).read_text(encoding="utf-8")


def _items_between(document: str, start: str, end: str, marker: str) -> list[str]:
    """The entries of a list in a document: lines starting with `marker` between two texts."""
    section = document.split(start, 1)[1].split(end, 1)[0]
    items = []
    for line in section.splitlines():
        line = line.strip()
        if re.match(marker, line):
            items.append(re.sub(marker, "", line, count=1).strip())
    return items


@pytest.mark.parametrize(
    ("source", "item", "question_ids"), CHECKLIST, ids=[f"{s}:{i[:40]}" for s, i, _ in CHECKLIST]
)
def test_every_checklist_item_yields_a_question(source, item, question_ids, seeds_dir):
    """Each checklist item is word for word in its document, and each question it maps to
    exists and names that item, quoted, as its origin."""
    assert quote_in(item, _document(CONTENT, source, seeds_dir)), item
    assert question_ids
    for qid in question_ids:
        assert qid in QUESTIONS, f"no question {qid!r}"
        quoted = {(o.source, fold(o.quote)) for o in QUESTIONS[qid].origins if o.kind == "document"}
        assert (source, fold(item)) in quoted, f"{qid} does not cite {item!r}"


def test_every_quoted_origin_is_a_listed_checklist_item():
    """No question cites a document passage that is not on the checklist list above."""
    listed = {(source, fold(item)) for source, item, _ in CHECKLIST}
    for question in QUESTIONS.values():
        for origin in question.origins:
            if origin.kind == "document":
                assert (origin.source, fold(origin.quote)) in listed, (question.id, origin.quote)


@pytest.mark.parametrize(
    ("source", "start", "end", "marker"),
    [
        ("mediglobus", "several questions to ask", "Based on the quality", r"иконка галочки"),
        ("mediglobus", "under these conditions:", "What prospects", r"иконка галочки"),
        ("pirogov_article", "eligible for the procedure.", "Individuals should", r"(?=\d\) )"),
        ("swiss_medica", "Contraindications are:", "Get a free online", r"•"),
        ("swiss_medica", "What the Treatment Includes\n\nPreparation", "These therapies", r"•"),
        ("swiss_medica", "Watch the video to find out:", "Cumulative Statistical", r"•"),
        ("swiss_medica", "answer your basic questions:", "your Medical Advisor", r"(?=\d\. )"),
    ],
)
def test_no_list_entry_in_a_document_checklist_is_missed(source, start, end, marker, seeds_dir):
    """Read each checklist straight from the document: every entry is on the list above (an
    entry asking two questions may be listed as two items)."""
    listed = {fold(item) for s, item, _ in CHECKLIST if s == source}
    entries = _items_between(_document(CONTENT, source, seeds_dir), start, end, marker)
    assert entries, "the list was not found in the document"
    for entry in entries:
        rest = fold(entry)
        for item in sorted(listed, key=len, reverse=True):
            rest = rest.replace(item, "")
        assert not rest.strip(), f"not on the checklist list: {rest!r} (from {entry!r})"


def test_every_topic_has_questions_and_every_published_list_is_used():
    """Each of the eight topics holds questions, and each published list is the origin of at
    least one question."""
    bank = CONTENT.question_bank
    assert [t.title for t in bank.topics] == [
        "The treatment",
        "Evidence and approval",
        "Safety and emergencies",
        "The team and accreditation",
        "Cells and laboratory",
        "Costs and what they include",
        "Travel, stay and language",
        "Follow-up at home",
    ]
    for topic in bank.topics:
        assert any(q.topic == topic.id for q in bank.questions), topic.id
    used = {o.list for q in bank.questions for o in q.origins if o.kind == "published"}
    assert used == {p.id for p in bank.published}


def test_the_published_lists_are_cited_as_in_the_evidence_file():
    """The ISSCR, FDA and MS Society UK lists are the ones EVIDENCE.md names."""
    citations = {p.id: p.citation for p in CONTENT.question_bank.published}
    assert "A Closer Look at Stem Cells" in citations["isscr"]
    assert "Food and Drug Administration" in citations["fda"] and "2021" in citations["fda"]
    assert "MS Society" in citations["ms_society_uk"]


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (lambda d: d["questions"][3].update(topic="weather"), "questions[3].topic", "unknown"),
        (
            lambda d: d["questions"][0]["origins"][1].update(source="a_blog"),
            "questions[0].origins[1].source",
            "unknown source",
        ),
        (
            lambda d: d["questions"][0]["origins"][0].update(list="who"),
            "questions[0].origins[0].list",
            "unknown published list",
        ),
        (
            lambda d: d["questions"][2]["origins"][0].update(kind="rumour"),
            "questions[2].origins[0]",
            "does not match any of the expected tags",
        ),
        (lambda d: d["questions"][1].update(id="gap_x"), "questions[1].id", "are kept"),
        (lambda d: d["questions"][1].update(id="exactly_what"), "questions[1].id", "repeats"),
        (lambda d: d["questions"][5].update(origins=[]), "questions[5].origins", "at least 1"),
        (lambda d: d["gaps"].update(cost="What does it cost?"), "gaps", "cost must use"),
        (lambda d: d["gaps"]["topics"].update(risk="weather"), "gaps.topics.risk", "unknown"),
    ],
)
def test_broken_questions_file_names_file_and_field(content_copy, change, field, problem):
    """A mistake in content/questions.yaml fails the load, naming the file and the field."""
    edit_yaml(content_copy / "questions.yaml", change)
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert err.value.file == "content/questions.yaml"
    assert err.value.field == field
    assert problem in str(err.value)
