"""A sample question view shared by the asker tests (arrow-key and plain)."""

from __future__ import annotations

from roadmap_cli.interview.model import ChoiceView, QuestionView

SCALE = QuestionView(
    id="PL1.1",
    text="Is there a national action plan?",
    kind="scale",
    category_id="PL",
    category_title="Planning",
    section_title="Plan",
    position=1,
    total=5,
    category_position=1,
    category_total=1,
    category_answered=0,
    guidance="A plan in force, adopted by government.",
    references=("Trafficking in Persons Protocol Art. 9(1)",),
    choices=(
        ChoiceView("not-in-place", "Not in place", "Nothing exists yet."),
        ChoiceView("partly", "Partly in place"),
        ChoiceView("in-place", "In place"),
    ),
    offers_na=True,
    offers_dont_know=True,
    categories=(("PL", "Planning"), ("PO", "Policy")),
)
