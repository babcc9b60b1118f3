"""Where a person's answers stand against each stated criterion: met, not met, or cannot tell.

Each criterion in content/criteria.yaml carries a rule over the answers (decision/answers.py).
A rule is checked with three-valued logic: a missing or "not sure" answer, or a vague
statement, gives "cannot tell". Results are listed one criterion at a time; nothing here adds
them up or says whether a person is "eligible".
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from decision.answers import Answers
from decision.load import Content
from decision.models import Body, Criterion, Quoted, Rule, Source, SourceCriteria

Result = Literal["met", "not_met", "unknown"]

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class EdssInUse:
    """The EDSS the checks use: the person's own score, or a range estimated from walking."""

    low: float
    high: float
    estimated: bool  # True: from the walking helper, not a score
    band: str | None = None  # the walking answer it was estimated from


def edss_in_use(content: Content, answers: Answers) -> EdssInUse | None:
    """The person's own EDSS score if given (it takes precedence); else the range that their
    walking answer describes; else None."""
    if answers.edss is not None:
        return EdssInUse(answers.edss, answers.edss, estimated=False)
    bands = {b.id: b for b in content.criteria.edss.walking}
    band = bands.get(answers.walking) if answers.walking else None
    if band is None:
        return None
    return EdssInUse(band.low, band.high, estimated=True, band=band.id)


@dataclass(frozen=True)
class Outcome:
    """The result of one rule, and what it was based on (for the "why" a person reads)."""

    result: Result
    fields: tuple[str, ...] = ()  # answers read, in the order the rule reads them
    conditions: tuple[str, ...] = ()  # health conditions read
    unclear: tuple[str, ...] = ()  # parts of the statement no answer can settle


def _merge(result: Result, parts: Iterable[Outcome]) -> Outcome:
    parts = list(parts)

    def unique(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(items))

    return Outcome(
        result,
        unique(f for p in parts for f in p.fields),
        unique(c for p in parts for c in p.conditions),
        unique(u for p in parts for u in p.unclear),
    )


def _number(field: str, answers: Answers, edss: EdssInUse | None) -> tuple[float, float] | None:
    if field == "edss":
        return None if edss is None else (edss.low, edss.high)
    value = getattr(answers, field)
    return None if value is None else (value, value)


def evaluate(rule: Rule, answers: Answers, edss: EdssInUse | None = None) -> Outcome:
    """Check one rule against the answers. `edss` is what edss_in_use() gives."""
    if rule.unclear is not None:
        return Outcome("unknown", unclear=(rule.unclear,))
    if rule.all_of is not None or rule.any_of is not None:
        parts = [evaluate(r, answers, edss) for r in (rule.all_of or rule.any_of or [])]
        results = {p.result for p in parts}
        decisive: Result = "not_met" if rule.all_of is not None else "met"
        if decisive in results:
            return _merge(decisive, parts)
        if "unknown" in results:
            return _merge("unknown", parts)
        return _merge("met" if decisive == "not_met" else "not_met", parts)
    if rule.absent is not None:
        said = {c: answers.conditions.get(c) for c in rule.absent}
        if any(v == "yes" for v in said.values()):
            result: Result = "not_met"
        elif all(v == "no" for v in said.values()):
            result = "met"
        else:
            result = "unknown"
        return Outcome(result, conditions=tuple(rule.absent))
    assert rule.field is not None
    fields = (rule.field,)
    if rule.op == "answered":
        answered = (
            _number(rule.field, answers, edss) is not None
            if rule.field == "edss"
            else getattr(answers, rule.field) is not None
        )
        return Outcome("met" if answered else "unknown", fields)
    if rule.op is not None:
        assert rule.value is not None
        span = _number(rule.field, answers, edss)
        if span is None:
            return Outcome("unknown", fields)
        test = _OPS[rule.op]
        ends = {test(span[0], rule.value), test(span[1], rule.value)}
        if ends == {True}:
            return Outcome("met", fields)
        if ends == {False}:
            return Outcome("not_met", fields)
        return Outcome("unknown", fields)  # an estimated range that straddles the line
    answer = getattr(answers, rule.field)
    if answer is None or answer == "unsure" or answer in rule.unclear_for:
        return Outcome("unknown", fields)
    return Outcome("met" if answer in (rule.one_of or []) else "not_met", fields)


@dataclass(frozen=True)
class Check:
    """One criterion and where the person's answers stand against it."""

    criterion: Criterion
    outcome: Outcome
    quote: str | None = None  # the source's own words (source criteria only)

    @property
    def result(self) -> Result:
        return self.outcome.result


@dataclass(frozen=True)
class SourceChecks:
    """Everything one source document states about whom its treatment is for."""

    source: Source
    group: SourceCriteria
    intro: str | None  # the words that introduce its list, verbatim
    checks: tuple[Check, ...]
    also_says: tuple[str, ...]  # statements about whom it is for that are not rules, verbatim


@dataclass(frozen=True)
class BodyChecks:
    body: Body
    checks: tuple[Check, ...]


def quote_of(content: Content, item: Quoted) -> str:
    """The verbatim words of a quoted item: its claim's quote, or its own."""
    if item.claim is not None:
        return content.claims_by_id[item.claim].quote
    assert item.quote is not None
    return item.quote


def check_sources(content: Content, answers: Answers) -> list[SourceChecks]:
    """For each source document, in content order, its stated criteria checked."""
    edss = edss_in_use(content, answers)
    out = []
    for group in content.criteria.sources:
        checks = tuple(
            Check(c, evaluate(c.rule, answers, edss), quote_of(content, c)) for c in group.criteria
        )
        out.append(
            SourceChecks(
                source=content.sources[group.source],
                group=group,
                intro=quote_of(content, group.intro) if group.intro else None,
                checks=checks,
                also_says=tuple(quote_of(content, q) for q in group.also_says),
            )
        )
    return out


def check_bodies(content: Content, answers: Answers) -> list[BodyChecks]:
    """For each professional body, its criteria checked."""
    edss = edss_in_use(content, answers)
    return [
        BodyChecks(body, tuple(Check(c, evaluate(c.rule, answers, edss)) for c in body.criteria))
        for body in content.criteria.bodies
    ]


def find_check(content: Content, answers: Answers, criterion_id: str) -> Check:
    """The check of one criterion, by id (sources and bodies alike)."""
    for group in check_sources(content, answers):
        for check in group.checks:
            if check.criterion.id == criterion_id:
                return check
    for body in check_bodies(content, answers):
        for check in body.checks:
            if check.criterion.id == criterion_id:
                return check
    raise KeyError(criterion_id)


def edss_text(score: float) -> str:
    """An EDSS score as written on the scale: "0", "1.0", "6.5"."""
    return "0" if score == 0 else f"{score:.1f}"


def describe_edss(content: Content, edss: EdssInUse) -> str:
    """How the EDSS in use reads: "6.5 (your score)", "about 6.0 (an estimate ...)"."""
    if not edss.estimated:
        return content.text("criteria", "edss_own").format(score=edss_text(edss.low))
    if edss.low == edss.high:
        score = edss_text(edss.low)
    else:
        score = content.text("criteria", "edss_range").format(
            low=edss_text(edss.low), high=edss_text(edss.high)
        )
    return content.text("criteria", "edss_estimated").format(score=score)


def describe_answer(content: Content, answers: Answers, field: str) -> str:
    """One answer as a person reads it: "Age: 52", "Type of MS: not answered"."""
    label = content.text("criteria", f"field_{field}")
    if field == "edss":
        edss = edss_in_use(content, answers)
        value = (
            content.text("criteria", "not_answered")
            if edss is None
            else describe_edss(content, edss)
        )
    else:
        answer = getattr(answers, field)
        if answer is None:
            value = content.text("criteria", "not_answered")
        elif isinstance(answer, str):
            value = content.text("criteria", f"option_{field}_{answer}")
        else:
            value = str(answer)
    return f"{label}: {value}"


def explain(content: Content, answers: Answers, check: Check) -> str:
    """Why a check came out as it did, in plain words built from the answers it read."""
    parts = [describe_answer(content, answers, f) for f in check.outcome.fields]
    names = {c.id: c.name for c in content.criteria.conditions}
    by_answer: dict[str, list[str]] = {"yes": [], "no": [], "open": []}
    for condition in check.outcome.conditions:
        said = answers.conditions.get(condition)
        by_answer[said if said in ("yes", "no") else "open"].append(names[condition])
    for said in ("yes", "open", "no"):
        if by_answer[said]:
            parts.append(
                content.text("criteria", f"conditions_{said}").format(
                    conditions="; ".join(by_answer[said])
                )
            )
    if check.result == "unknown":
        parts += list(check.outcome.unclear)
    return " ".join(p if p.endswith(".") else p + "." for p in parts)
