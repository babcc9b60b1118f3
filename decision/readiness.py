"""How sure a person feels: the SURE test of decisional conflict, and the knowledge check.

The SURE test (Légaré F et al., Can Fam Physician 2010) has four yes/no questions, one point
for each yes. 4 out of 4 suggests a person feels ready; fewer suggests they may want more
information or support. The knowledge check marks each answer against this aid's content.
"""

from __future__ import annotations

from typing import Literal

from decision.answers import SURE_ITEMS, Answers
from decision.load import Content
from decision.models import QuizQuestion, SureQuestion

QuizResult = Literal["right", "not_right", "unsure"]
# The knowledge-check option that means "I'm not sure".
UNSURE = "unsure"


def sure_score(answers: Answers) -> int | None:
    """Points out of 4 (one per yes), or None until all four questions are answered."""
    if any(item not in answers.sure for item in SURE_ITEMS):
        return None
    return sum(answers.sure[item] == "yes" for item in SURE_ITEMS)


def feels_ready(score: int) -> bool:
    """4 out of 4 suggests a person feels ready; 3 or fewer suggests decisional conflict."""
    return score == len(SURE_ITEMS)


def sure_needs(content: Content, answers: Answers) -> list[SureQuestion]:
    """The SURE questions answered "no", in order: what may help comes from these."""
    return [q for q in content.readiness.sure.questions if answers.sure.get(q.id) == "no"]


def quiz_result(question: QuizQuestion, answers: Answers) -> QuizResult | None:
    """How one knowledge question was answered; None if not yet answered."""
    chosen = answers.quiz.get(question.id)
    if chosen is None:
        return None
    if chosen == question.answer:
        return "right"
    return "unsure" if chosen == UNSURE else "not_right"
