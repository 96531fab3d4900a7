"""Building blocks the built-in rules share: weighted means up the tree, gaps, red flags
and unmet minimum standards.

A rule is a small recipe over these pieces, so that every rule explains itself the same
way (each node's Trace lists the children that went into it and what was left out).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.model import (
    Band,
    Counts,
    Gap,
    Level,
    NodeScore,
    QuestionScore,
    RedFlag,
    StandardUnmet,
    Trace,
    TraceInput,
)
from roadmap_cli.scoring.numbers import below, exceeds, short
from roadmap_cli.scoring.options import WeightedOptions
from roadmap_cli.scoring.questions import band_for
from roadmap_cli.text import localize

PRIORITY = (
    "priority = shortfall × weight × (critical factor if critical) × (red-flag factor if "
    "the answer raised a red flag); shortfall = target − score"
)
MEAN = "weighted mean: Σ(weight × score) / Σ weight, over the {what} that have a score"


def weighted_mean(
    children: Sequence[QuestionScore | NodeScore],
) -> tuple[float | None, tuple[TraceInput, ...]]:
    """Σ(weight × score) / Σ weight over children with a score; None if their weight is 0."""
    total = weighted = 0.0
    inputs = []
    for child in children:
        score, weight = child.score, child.weight
        # A question's status says why it has no score; a node without one says so here.
        if type(child) is QuestionScore:
            detail: str = child.status
        else:
            detail = "" if score is not None else "no score: left out"
        inputs.append(TraceInput(child.id, score, weight, detail))
        if score is not None:
            total += weight
            weighted += weight * score
    return (weighted / total if total > 0 else None), tuple(inputs)


def total_counts(children: Sequence[QuestionScore | NodeScore]) -> Counts:
    """The counts of all children added up."""
    q = a = u = na = dk = f = h = 0
    for child in children:
        c = child.counts
        q += c.questions
        a += c.answered
        u += c.unanswered
        na += c.not_applicable
        dk += c.dont_know
        f += c.flagged
        h += c.hidden
    return Counts(q, a, u, na, dk, f, h)


def mean_node(
    node_id: str,
    level: Level,
    title: str,
    children: Sequence[QuestionScore | NodeScore],
    weight: float,
    bands: tuple[Band, ...],
    what: str,
    category: str = "",
    counted: Sequence[QuestionScore | NodeScore] | None = None,
) -> NodeScore:
    """A node whose score is the weighted mean of its children's.

    Its counts add up ``counted`` if given (children left out of the mean still count as
    answered or not), else the children.
    """
    score, inputs = weighted_mean(children)
    notes = () if score is not None or not children else ("nothing under it has a score",)
    if score is None and any(c.score is not None for c in children):
        notes = ("every input with a score has weight 0",)
    return NodeScore(
        id=node_id,
        level=level,
        title=title,
        score=score,
        weight=weight,
        counts=total_counts(children if counted is None else counted),
        band=band_for(score, bands),
        trace=Trace(MEAN.format(what=what), inputs, score, notes),
        category=category,
    )


def build_tree(
    bank: Bank,
    questions: Sequence[QuestionScore],
    options: WeightedOptions,
    left_out: Collection[str] = frozenset(),
    left_out_what: str = "",
    equal_sections: bool = False,
) -> tuple[tuple[NodeScore, ...], tuple[NodeScore, ...], NodeScore]:
    """Sections, categories and the overall node as weighted means up the tree.

    Sections and categories weigh 1 unless ``options.weights`` names them; with
    ``equal_sections`` every section weighs 1 whatever the options say (question weights
    still apply).  Questions whose ids are in ``left_out`` (say which in
    ``left_out_what``, e.g. "red-flag questions") stay out of the section means but still
    count in the section counts.
    """
    node_weights = {} if equal_sections else options.weights
    bands = options.band_list()
    language = bank.default_language
    what = f"questions ({left_out_what} left out)" if left_out else "questions"
    every: dict[str, list[QuestionScore]] = {}
    for question in questions:
        every.setdefault(question.section, []).append(question)
    by_section = every
    if left_out:
        by_section = {
            section: [q for q in mine if q.id not in left_out] for section, mine in every.items()
        }
    sections: list[NodeScore] = []
    categories: list[NodeScore] = []
    for category in bank.categories:
        mine = []
        for section in category.sections:
            node = mean_node(
                section.id,
                "section",
                localize(section.title, language),
                by_section.get(section.id, []),
                node_weights.get(section.id, 1.0),
                bands,
                what,
                category.id,
                counted=every.get(section.id, []),
            )
            mine.append(node)
        sections.extend(mine)
        categories.append(
            mean_node(
                category.id,
                "category",
                localize(category.title, language),
                mine,
                node_weights.get(category.id, 1.0),
                bands,
                "sections",
            )
        )
    overall = mean_node(
        "overall", "overall", localize(bank.title, language), categories, 1.0, bands, "categories"
    )
    # Nothing sits above the whole assessment: its weight has no effect anywhere.
    return tuple(sections), tuple(categories), replace(overall, weighs=False)


def find_gaps(
    bank: Bank, questions: Sequence[QuestionScore], options: WeightedOptions
) -> tuple[Gap, ...]:
    """Questions whose score falls short of their target by more than the gap threshold,
    highest priority first (ties in bank order)."""
    gaps: list[tuple[float, int, Gap]] = []
    factors = options.priority
    threshold = options.gap_threshold
    known = bank.facts_by_id
    # Shared by every gap they apply to: the trace names the factors without a copy each.
    critical = TraceInput("critical", factors.critical)
    red_flag = TraceInput("red flag", factors.red_flag)
    targets: dict[str, float] = {}
    traces: dict[tuple[float, bool, bool], Trace] = {}  # priorities repeat within a file
    for index, q in enumerate(questions):
        score = q.score
        if score is None:
            continue
        target = targets.get(q.category)
        if target is None:
            target = targets[q.category] = options.target_for(q.category)
        shortfall = target - score
        if not exceeds(shortfall, threshold):
            continue
        priority = shortfall * q.weight
        if q.critical:
            priority *= factors.critical
        if q.red_flag:
            priority *= factors.red_flag
        trace = traces.get((priority, q.critical, q.red_flag))
        if trace is None:
            used = (critical,) * q.critical + (red_flag,) * q.red_flag
            trace = traces[priority, q.critical, q.red_flag] = Trace(PRIORITY, used, priority)
        facts = known[q.id]
        # Positional arguments: the cheapest way to build a named tuple.
        gap = Gap(
            q.id,
            q.category,
            q.section,
            score,
            target,
            shortfall,
            q.weight,
            priority,
            q.critical,
            q.red_flag,
            facts.recommendation,
            facts.references,
            trace,
        )
        gaps.append((-priority, index, gap))
    # (priority, bank position) is unique, so the gaps themselves are never compared.
    gaps.sort()
    return tuple(gap for _, _, gap in gaps)


def red_flags(
    questions: Sequence[QuestionScore], points: float | None = None
) -> tuple[RedFlag, ...]:
    """The red flags raised, in bank order; ``points`` × (1 − score) is each one's penalty.

    Without ``points`` (rules that only list red flags) the penalty is None, not 0: the
    rule subtracts nothing, which is not the same as a flag that happens to cost 0.
    """
    found = []
    for q in questions:
        if q.red_flag and q.status == "answered":
            penalty = None if points is None else points * (1 - (q.score or 0.0))
            found.append(
                RedFlag(
                    q.id, q.category, q.section, q.answer, "answer marked as a red flag", penalty
                )
            )
    return tuple(found)


def unmet_standards(
    questions: Sequence[QuestionScore], threshold: float
) -> tuple[StandardUnmet, ...]:
    """Critical questions (visible, not 'not applicable') below ``threshold``, in bank order.

    An unanswered critical question is unmet: a minimum standard has to be shown to be met.
    """
    found = []
    for q in questions:
        if not q.critical or q.status in ("hidden", "not-applicable", "unscored"):
            continue
        if q.status == "unanswered":
            reason = "not answered"
        elif q.score is None:
            reason = f"{q.status}: no score"
        elif below(q.score, threshold):
            reason = f"answered '{q.answer}' ({short(q.score)}), below {threshold:g}"
        else:
            continue
        found.append(StandardUnmet(q.id, q.category, q.section, q.score, threshold, reason))
    return tuple(found)


def cap_band(node: NodeScore, cap: str, bands: tuple[Band, ...], why: str) -> NodeScore:
    """``node`` with its band held at ``cap`` if it is higher; the score itself is unchanged."""
    names = [b.name for b in bands]
    if node.band is None or cap not in names or names.index(node.band) <= names.index(cap):
        return node
    note = f"band held at {cap} (would be {node.band}): {why}"
    trace = replace(node.trace, notes=(*node.trace.notes, note))
    return replace(node, band=cap, capped=why, trace=trace)
