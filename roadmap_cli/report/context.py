"""The report's view model: a Scorecard, its bank and answers, turned into plain values.

Templates receive a ``ReportContext`` (``view.py``): frozen dataclasses of strings,
numbers, flags and tuples (and the SVG charts as markup), so a user's template in the
sandbox needs nothing else and cannot reach the program's objects.  Everything here is
deterministic: the same inputs give the same context, in the same order — the report
never reads the clock unless asked to (``--timestamp``).

Three rules shape what a reader sees first:

- an unfinished assessment is *provisional*, and a critical question that has no answer
  yet is "not yet answered", never a failed standard;
- the priority order is the Scorecard's gap order (the order of ``roadmap score
  --format json``), never re-sorted here;
- in the summary an item is told once; later mentions refer back to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone

from markupsafe import Markup

from roadmap_cli import __version__
from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.model import Bank
from roadmap_cli.report import back_matter, charts
from roadmap_cli.report.answer_text import answer_text
from roadmap_cli.report.method import method_view
from roadmap_cli.report.view import (
    CategoryView,
    Charts,
    Citation,
    Completion,
    ContentsEntry,
    GapView,
    ItemView,
    Meta,
    Overall,
    ReportContext,
    SectionView,
    Strength,
)
from roadmap_cli.scoring.model import Gap, NodeScore, RedFlag, Scorecard, StandardUnmet
from roadmap_cli.scoring.registry import Selected
from roadmap_cli.text import localize

TOP_GAPS = 5  # the first screen holds five priorities at most
STRENGTHS = 5
RED_FLAG_MEANING = "This answer is a red flag: it points to harm the response should prevent."
# A final "(…)" that may hold one level of brackets itself: "(CRC Art. 37(b); UNICEF-G)".
_TRAILING_CITATION = re.compile(r"\s*\(((?:[^()]|\([^()]*\))*)\)\.?\s*$")


def _stamp(moment: datetime | None, *, day: bool = False) -> str:
    """``moment`` as the report writes it: the date and time (``day``: the date alone),
    in UTC and marked so when it knows its zone; "" for none."""
    if moment is None:
        return ""
    aware = moment.tzinfo is not None
    if aware:
        moment = moment.astimezone(timezone.utc)
    if day:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M UTC" if aware else "%Y-%m-%d %H:%M")


def build_context(
    bank: Bank,
    answers: AnswersFile,
    card: Scorecard,
    selected: Selected,
    *,
    language: str | None = None,
    generated: datetime | None = None,
    theme: str = "standard",
) -> ReportContext:
    """Everything the report templates show, in reading order."""
    lang = language or answers.assessment.language or bank.default_language
    view = _View(bank, answers, card, lang)
    method = method_view(selected, card, selected.rule.description)
    meanings = {
        band.name: band.meaning
        or (
            f"{band.name} covers scores from {band.min}"
            + (f" to below {band.max}." if band.max else " up.")
        )
        for band in method.bands
    }
    gaps = view.gaps()
    categories = tuple(view.category(node, gaps) for node in card.categories)
    counts = card.overall.counts
    visible = counts.answered + counts.unanswered
    completion = Completion(
        answered=counts.answered,
        visible=visible,
        unanswered=counts.unanswered,
        percent=charts.pct(counts.coverage),
        provisional=counts.unanswered > 0,
    )
    top = tuple(gaps[:TOP_GAPS])
    red, unmet, waiting = view.summary_items(top)
    return ReportContext(
        meta=view.meta(selected, generated, theme),
        completion=completion,
        overall=Overall(
            score=charts.pct(card.overall.score),
            band=card.overall.band or "",
            meaning=_band_sentence(card.overall.band, meanings, completion),
            capped=view.capped(card.overall),
            provisional=completion.provisional,
        ),
        categories=categories,
        top_gaps=top,
        gap_count=len(gaps),
        red_flags=red,
        unmet=unmet,
        not_yet_answered=waiting,
        strengths=view.strengths(),
        contents=_contents(categories),
        todo=back_matter.todo(view, card),
        method=method,
        appendix=back_matter.appendix(view, card),
        glossary=back_matter.glossary(view),
        resources=back_matter.resources(view),
        charts=Charts(
            radar=Markup(
                charts.radar(
                    "chart-categories",
                    "Score by category",
                    [charts.Bar(c.title, c.value) for c in categories],
                )
            ),
            coverage=Markup(
                charts.coverage_bar(
                    "chart-coverage", "How the questions were answered", _coverage(card.overall)
                )
            ),
        ),
    )


def _band_sentence(band: str | None, meanings: Mapping[str, str], completion: Completion) -> str:
    """What the overall band says, in one sentence (and that it may change, if it may)."""
    if not band:
        sentence = "Nothing answered so far can be scored, so there is no band yet."
    else:
        sentence = meanings.get(band, "")
    if completion.provisional:
        rest = (
            "the last question is"
            if completion.unanswered == 1
            else f"the other {completion.unanswered} are"
        )
        sentence += (
            f" Provisional: the score covers the {completion.answered} questions answered so "
            f"far and will change when {rest} answered."
        )
    return sentence.strip()


def _contents(categories: Sequence[CategoryView]) -> tuple[ContentsEntry, ...]:
    return (
        ContentsEntry("summary-heading", "Where the country stands"),
        ContentsEntry("charts-heading", "At a glance"),
        *(ContentsEntry(f"cat-{c.id}-heading", c.title) for c in categories),
        ContentsEntry("todo-heading", "What is left to do"),
        ContentsEntry("method-heading", "How the scores were worked out"),
        ContentsEntry("appendix-heading", "Appendix: every answer"),
        ContentsEntry("glossary-heading", "Instruments cited"),
        ContentsEntry("resources-heading", "Further resources"),
    )


def _coverage(node: NodeScore) -> list[tuple[str, int]]:
    counts = node.counts
    scored = counts.answered - counts.dont_know - counts.not_applicable
    return [
        ("answered", scored),
        ("don't know", counts.dont_know),
        ("not applicable", counts.not_applicable),
        ("unanswered", counts.unanswered),
    ]


class _View:
    """Helpers that look up bank text for the nodes of a scorecard."""

    def __init__(self, bank: Bank, answers: AnswersFile, card: Scorecard, language: str) -> None:
        self.bank, self.answers, self.card, self.language = bank, answers, card, language
        self.questions = {q.id: q for q in card.questions}
        self.sections = {s.id: s for s in card.sections}
        self.titles = {c.id: self.text(c.title) for c in bank.categories}
        self.titles.update({s.id: self.text(s.title) for c in bank.categories for s in c.sections})
        self.ranks = {gap.question: index + 1 for index, gap in enumerate(card.gaps)}
        self.cited: set[str] = set()

    def text(self, value: str | dict[str, str] | None) -> str:
        return localize(value, self.language, self.bank.default_language)

    def question_text(self, question_id: str) -> str:
        located = self.bank.by_id.get(question_id)
        return self.text(located.question.text) if located else question_id

    def answer(self, question_id: str) -> str:
        score = self.questions.get(question_id)
        return answer_text(self.bank, self.answers, score, self.text) if score else ""

    def meta(self, selected: Selected, generated: datetime | None, theme: str) -> Meta:
        assessment = self.answers.assessment
        bank_title = self.text(self.bank.title)
        # "As of" comes from the file, so the same file always gives the same report.
        as_of = assessment.updated
        if as_of is None:
            stamps = [a.answered_at for a in self.answers.answers.values() if a.answered_at]
            as_of = max(stamps, default=None) or assessment.started
        return Meta(
            title=f"Gap report: {assessment.country} — {bank_title}",
            language=self.language,
            country=assessment.country,
            organisation=assessment.organisation or "",
            assessor=assessment.assessor or "",
            role=assessment.role or "",
            started=_stamp(assessment.started),
            updated=_stamp(assessment.updated),
            answers_as_of=_stamp(as_of, day=True),
            bank_title=bank_title,
            bank_description=self.text(self.bank.description),
            bank_id=self.bank.id,
            bank_version=self.bank.version,
            rule=selected.label,
            tool_version=__version__,
            generated=_stamp(generated),
            theme="" if theme == "standard" else theme,
        )

    def gaps(self) -> list[GapView]:
        """Every gap, in the Scorecard's order (its rank is its place in that order).

        They are built in reading order (category by category), so that an instrument's
        short name is written out where a reader first meets it.
        """
        order = {node.id: index for index, node in enumerate(self.card.categories)}
        ranked = sorted(
            enumerate(self.card.gaps), key=lambda pair: (order.get(pair[1].category, 0), pair[0])
        )
        built = {index: self.gap(gap, index + 1) for index, gap in ranked}
        return [built[index] for index in range(len(self.card.gaps))]

    def capped(self, node: NodeScore) -> str:
        """Why ``node``'s band was held down, in words that never call a blank a failure."""
        if not node.capped:
            return ""
        why = node.capped
        # minimum-standards writes "critical question(s) X, Y not met" for a category and
        # "N minimum standard(s) unmet" overall; both count unanswered questions, which
        # the report must not call failed, so say what each one is.
        if why.startswith("critical question") or why.endswith("minimum standard(s) unmet"):
            items = [u for u in self.card.unmet if node.level == "overall" or u.category == node.id]
            below = sum(1 for u in items if not self._waiting(u))
            waiting = len(items) - below
            parts = []
            if below:
                parts.append(f"{below} minimum standard{'s' * (below > 1)} below the minimum")
            if waiting:
                parts.append(f"{waiting} critical question{'s' * (waiting > 1)} not yet answered")
            why = " and ".join(parts) or why
        return f"band held at {node.band}: {why}"

    def _waiting(self, item: StandardUnmet) -> bool:
        score = self.questions.get(item.question)
        return score is None or score.status == "unanswered"

    def category(self, node: NodeScore, gaps: Sequence[GapView]) -> CategoryView:
        category = next(c for c in self.bank.categories if c.id == node.id)
        sections = [self.sections[s.id] for s in category.sections if s.id in self.sections]
        counts = node.counts
        mine = tuple(g for g in gaps if g.category_id == node.id)
        told = {g.question for g in mine}
        title = self.titles.get(node.id, node.title)
        return CategoryView(
            id=node.id,
            value=node.score,
            title=title,
            summary=self.text(category.summary),
            score=charts.pct(node.score),
            band=node.band or "",
            capped=self.capped(node),
            provisional=counts.unanswered > 0,
            answered=counts.answered,
            visible=counts.answered + counts.unanswered,
            dont_know=counts.dont_know,
            not_applicable=counts.not_applicable,
            sections=tuple(
                SectionView(
                    id=s.id,
                    title=self.titles.get(s.id, s.title),
                    score=charts.pct(s.score),
                    band=s.band or "",
                    answered=s.counts.answered,
                    visible=s.counts.answered + s.counts.unanswered,
                    provisional=s.counts.unanswered > 0,
                )
                for s in sections
            ),
            gaps=mine,
            red_flags=tuple(
                self.red_flag(f, "")
                for f in self.card.red_flags
                if f.category == node.id and f.question not in told
            ),
            chart=Markup(
                charts.bar_chart(
                    f"chart-{node.id}",
                    f"Score by section: {title}",
                    [
                        charts.Bar(self.titles.get(s.id, s.title), s.score, s.band or "")
                        for s in sections
                    ],
                )
            ),
        )

    def citations(self, question_id: str) -> tuple[Citation, ...]:
        located = self.bank.by_id.get(question_id)
        if located is None:
            return ()
        found = []
        for reference in located.question.references:
            code = reference.instrument
            instrument = self.bank.instruments.get(code)
            short = self.text(instrument.short or instrument.title) if instrument else ""
            # "Organized Crime Convention (UNTOC)" already names its code; "CEDAW" is one.
            short = "" if short == code else short.removesuffix(f" ({code})")
            article = reference.article or ""
            where = f"Art. {article}" if article[:1].isdigit() else article
            found.append(Citation(code, where, short, first=code not in self.cited))
            self.cited.add(code)
        return tuple(found)

    def gap(self, gap: Gap, rank: int) -> GapView:
        located = self.bank.by_id.get(gap.question)
        resources = []
        if located is not None:
            for key in located.question.resources:
                resource = self.bank.resources.get(key)
                if resource is not None:
                    resources.append(self.text(resource.title))
        return GapView(
            question=gap.question,
            text=self.question_text(gap.question),
            category=self.titles.get(gap.category, gap.category),
            category_id=gap.category,
            section=self.titles.get(gap.section, gap.section),
            answer=self.answer(gap.question),
            score=charts.pct(gap.score),
            target=charts.pct(gap.target),
            rank=rank,
            critical=gap.critical,
            red_flag=gap.red_flag,
            recommendation=gap.recommendation,
            action=self.action(gap.recommendation),
            references=self.citations(gap.question),
            resources=tuple(resources),
        )

    def action(self, recommendation: str) -> str:
        """The recommendation without the codes of the standards it ends with.

        Banks often end a recommendation with "(OHCHR-RPG Principle 7; UNODC-ML Art. 10)";
        on the first screen that is jargon, and the category section gives the standards.
        """
        match = _TRAILING_CITATION.search(recommendation)
        if match and any(code in match.group(1) for code in self.bank.instruments):
            return recommendation[: match.start()].rstrip() + "."
        return recommendation

    def red_flag(self, flag: RedFlag, see: str) -> ItemView:
        return ItemView(
            question=flag.question,
            text=self.question_text(flag.question),
            answer=self.answer(flag.question) or flag.answer,
            reason=RED_FLAG_MEANING,
            category=self.titles.get(flag.category, flag.category),
            rank=self.ranks.get(flag.question, 0),
            see=see,
        )

    def standard(self, item: StandardUnmet, see: str) -> ItemView:
        answer = self.answer(item.question) or "not answered"
        minimum = f"the minimum is {charts.pct(item.threshold)}"
        if self._waiting(item):
            reason = "not yet answered; answer it to show whether the standard is met"
        elif item.score is None:  # "don't know", left out by the rules
            reason = f"answered “{answer}”, so it is not shown to be met ({minimum})"
        else:
            reason = f"answered “{answer}” ({charts.pct(item.score)}); {minimum}"
        located = self.bank.by_id.get(item.question)
        if located is not None and located.question.rationale:
            # Critical means binding: say which obligation the standard rests on.
            reason += f". It rests on: {self.text(located.question.rationale)}"
        return ItemView(
            question=item.question,
            text=self.question_text(item.question),
            answer=answer,
            reason=reason,
            category=self.titles.get(item.category, item.category),
            rank=self.ranks.get(item.question, 0),
            see=see,
        )

    def summary_items(
        self, top: Sequence[GapView]
    ) -> tuple[tuple[ItemView, ...], tuple[ItemView, ...], tuple[ItemView, ...]]:
        """Red flags, standards below the minimum, critical questions not yet answered.

        Each is told in full once: one already shown as a top priority, or as a red
        flag, gets a reference (``see``) instead.
        """
        shown = {g.question: f"priority {g.rank} above" for g in top}
        red = []
        for flag in self.card.red_flags:
            red.append(self.red_flag(flag, shown.get(flag.question, "")))
            shown.setdefault(flag.question, "red flags above")
        unmet: list[ItemView] = []
        waiting: list[ItemView] = []
        for item in self.card.unmet:
            (waiting if self._waiting(item) else unmet).append(
                self.standard(item, shown.get(item.question, ""))
            )
        return tuple(red), tuple(unmet), tuple(waiting)

    def strengths(self) -> tuple[Strength, ...]:
        """Sections in the two highest bands, unless a red flag or unmet standard is in them."""
        top_bands = {band.name for band in sorted(self.card.bands, key=lambda b: -b.min)[:2]}
        troubled = {f.section for f in self.card.red_flags} | {u.section for u in self.card.unmet}
        ranked = sorted(
            (
                s
                for s in self.card.sections
                if s.score is not None and s.band in top_bands and s.id not in troubled
            ),
            key=lambda s: (-(s.score or 0.0), s.id),
        )
        return tuple(
            Strength(
                title=self.titles.get(s.id, s.title),
                category=self.titles.get(s.category, s.category),
                score=charts.pct(s.score),
                band=s.band or "",
            )
            for s in ranked[:STRENGTHS]
        )
