"""Links that open the walkthrough at a treatment and step: `?treatment=<id>&step=<n>`.

Only what every reader of the aid sees goes in a link (a treatment id and a step number);
never an answer, a note or anything else a person typed. A link's values come from outside,
so they are checked against the content and never shown back: an unknown treatment or a step
that does not exist opens the walkthrough's default, with a reason the page words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from decision.load import Content

TREATMENT = "treatment"
STEP = "step"
# The only query parameters the aid reads or writes.
LINK_KEYS: tuple[str, ...] = (TREATMENT, STEP)
_NUMBER = re.compile(r"[0-9]{1,4}")

LinkProblem = Literal["unknown_treatment", "unknown_step"]


@dataclass(frozen=True)
class LinkTarget:
    """Where a link opens the walkthrough: a treatment and a 0-based step index, and what
    was wrong with the link, if anything."""

    treatment: str
    index: int
    problem: LinkProblem | None = None


def default_target(content: Content) -> LinkTarget:
    """The walkthrough's default: the first treatment, at its first step."""
    return LinkTarget(next(iter(content.treatments)), 0)


def resolve_link(content: Content, treatment: str | None, step: str | None) -> LinkTarget:
    """Where `?treatment=...&step=...` opens the walkthrough.

    A missing step means step 1; a missing treatment means the first treatment. An unknown
    treatment opens the default; a step that is not a number from 1 to the treatment's last
    step opens that treatment at step 1. Both say why, as `problem`.
    """
    default = default_target(content)
    treatment_id = default.treatment if treatment is None else treatment
    if treatment_id not in content.treatments:
        return LinkTarget(default.treatment, 0, "unknown_treatment")
    if step is None:
        return LinkTarget(treatment_id, 0)
    total = len(content.treatments[treatment_id].steps)
    text = step.strip()
    if not _NUMBER.fullmatch(text) or not 1 <= int(text) <= total:
        return LinkTarget(treatment_id, 0, "unknown_step")
    return LinkTarget(treatment_id, int(text) - 1)


def step_link(base: str, treatment_id: str, number: int) -> str:
    """The link to one step (1-based `number`): `base` (the page's address, or "" for a
    link relative to the page) with `?treatment=...&step=...`."""
    return f"{base}?{urlencode({TREATMENT: treatment_id, STEP: number})}"
