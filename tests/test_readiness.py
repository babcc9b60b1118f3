"""How sure I feel: the SURE test score and the knowledge check."""

from __future__ import annotations

from decision.answers import Answers
from decision.quotes import fold
from decision.readiness import feels_ready, quiz_result, sure_needs, sure_score

ALL_YES = {"sure": "yes", "understand": "yes", "risk_benefit": "yes", "encouragement": "yes"}


def test_the_sure_test_has_its_four_questions_in_order(content):
    """Sure of myself; Understand information; Risk-benefit ratio; Encouragement."""
    names = [q.name for q in content.readiness.sure.questions]
    assert names == [
        "Sure of myself",
        "Understand information",
        "Risk-benefit ratio",
        "Encouragement",
    ]
    assert "Légaré F" in content.readiness.sure.citation


def test_the_score_waits_until_all_four_are_answered():
    """Three answers give no score yet."""
    three = {k: v for k, v in ALL_YES.items() if k != "encouragement"}
    assert sure_score(Answers(sure=three)) is None


def test_four_yes_answers_score_4_out_of_4_and_suggest_feeling_ready(content):
    """Four "yes" answers score 4 and suggest the person feels ready; nothing more is needed."""
    answers = Answers(sure=ALL_YES)
    assert sure_score(answers) == 4 and feels_ready(4)
    assert sure_needs(content, answers) == []


def test_a_no_to_encouragement_scores_3_and_points_to_support(content):
    """Not having enough support scores 3 out of 4, and what may help names support."""
    answers = Answers(sure={**ALL_YES, "encouragement": "no"})
    assert sure_score(answers) == 3 and not feels_ready(3)
    needs = sure_needs(content, answers)
    assert [q.name for q in needs] == ["Encouragement"]
    assert "neurologist" in needs[0].if_no


def test_knowledge_answers_are_marked_right_not_right_or_unsure(content):
    """ "Did the US FDA say (June 2021) a stem cell product was approved for MS?": "no" is
    right, "yes" is not, and "not sure" is answered without being marked wrong."""
    question = next(q for q in content.readiness.knowledge if q.id == "msc_approved")
    assert quiz_result(question, Answers()) is None
    assert quiz_result(question, Answers(quiz={"msc_approved": "no"})) == "right"
    assert quiz_result(question, Answers(quiz={"msc_approved": "yes"})) == "not_right"
    assert quiz_result(question, Answers(quiz={"msc_approved": "unsure"})) == "unsure"


def test_non_myeloablative_ahsct_uses_chemotherapy_according_to_the_content(content):
    """The answer "yes" rests on the aid's own summary of non-myeloablative aHSCT."""
    question = next(q for q in content.readiness.knowledge if q.id.startswith("non_myelo"))
    assert question.answer == "yes"
    summary = content.treatments["ahsct_non_myeloablative"].summary
    assert fold(question.basis.says) in fold(summary)


def test_every_knowledge_answer_rests_on_words_in_the_aids_content(content):
    """Each explanation names where it comes from, and those words are in that text."""
    for question in content.readiness.knowledge:
        basis = question.basis
        text = (
            content.treatments[basis.treatment].summary
            if basis.treatment
            else content.text(basis.page, basis.key)
        )
        assert fold(basis.says) in fold(text), question.id
        assert question.answer != "unsure"
