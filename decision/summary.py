"""What a person has gathered across the pages, as plain tables for the take-away.

Built from the session's answers (decision/answers.py) on demand; nothing is stored.
"""

from __future__ import annotations

from decision.answers import Answers
from decision.criteria import check_bodies, check_sources, explain
from decision.handout import HandoutTable
from decision.load import Content
from decision.values import weighed


def _flat(text: str) -> str:
    return " ".join(text.split())


def has_criteria_answers(answers: Answers) -> bool:
    """True once the person has answered anything on the "Is it for me?" page."""
    fields = ("age", "ms_type", "years_since_diagnosis", "edss", "walking", "dmt")
    more = ("active_on_dmt", "dmt_side_effects", "mri_active")
    return any(getattr(answers, f) is not None for f in (*fields, *more)) or bool(
        answers.conditions
    )


def criteria_table(content: Content, answers: Answers) -> HandoutTable | None:
    """Each stated criterion (sources, then professional bodies) and where the person's
    answers stand against it; None when nothing has been answered. Never an overall verdict."""
    if not has_criteria_answers(answers):
        return None
    words = content.pages["summary"]
    result = {k: words[f"result_{k}"] for k in ("met", "not_met", "unknown")}
    rows: list[tuple[str, str, str]] = []
    for group in check_sources(content, answers):
        for check in group.checks:
            rows.append(
                (
                    group.source.name,
                    f'{_flat(check.criterion.short)} ("{_flat(check.quote or "")}")',
                    f"{result[check.result]}. {explain(content, answers, check)}",
                )
            )
    for body in check_bodies(content, answers):
        for check in body.checks:
            rows.append(
                (
                    f"{body.body.name} ({body.body.year})",
                    _flat(check.criterion.short),
                    f"{result[check.result]}. {explain(content, answers, check)}",
                )
            )
    return HandoutTable(
        heading=words["criteria_heading"],
        columns=(words["col_who"], words["col_criterion"], words["col_result"]),
        rows=tuple(rows),
        intro=words["criteria_intro"],
    )


def priorities_table(content: Content, answers: Answers) -> HandoutTable | None:
    """The values the person rated, most important first; None when none is rated."""
    words = content.pages["summary"]
    rated = weighed(content, answers)
    if not rated:
        return None
    return HandoutTable(
        heading=words["priorities_heading"],
        columns=(words["col_value"], words["col_rating"]),
        rows=tuple((w.value.label, words[f"rating_{w.rating}"]) for w in rated),
        intro=words["priorities_intro"],
    )


def gathered_tables(content: Content, answers: Answers) -> list[HandoutTable]:
    """The extra sections of the take-away that the person has filled in, in page order."""
    return [
        table
        for table in (criteria_table(content, answers), priorities_table(content, answers))
        if table is not None
    ]
