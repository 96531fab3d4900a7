"""A bank as a rich Tree: categories › sections › questions, for ``roadmap banks show``."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from roadmap_cli.bank.model import Bank
from roadmap_cli.terminal import symbol
from roadmap_cli.text import localize


def bank_tree(bank: Bank, language: str) -> Tree:
    """The tree of a bank's categories, sections and questions, with short question text."""
    fallback = bank.default_language
    critical, flag, follow = symbol("★", "*"), symbol("⚑", "!"), symbol("↳", ">")
    title = Text.assemble(
        (localize(bank.title, language, fallback), "bold"),
        (f"  {bank.id} {bank.version} · {len(bank.located)} questions", "dim"),
    )
    root = Tree(title, guide_style="dim")
    if bank.profile:
        branch = root.add(
            Text.assemble(
                ("Country profile", "bold cyan"),
                (f"  ({len(bank.profile)} questions, not scored)", "dim"),
            )
        )
        for question in bank.profile:
            branch.add(
                Text.assemble(
                    (f"{question.id:<10}", "cyan"),
                    localize(question.text, language, fallback),
                    (f"  [{question.type}]", "dim"),
                )
            )
    for category in bank.categories:
        count = sum(len(s.questions) for s in category.sections)
        branch = root.add(
            Text.assemble(
                (f"{category.id}  {localize(category.title, language, fallback)}", "bold cyan"),
                (f"  ({count} questions)", "dim"),
            )
        )
        for section in category.sections:
            twig = branch.add(
                Text(f"{section.id}  {localize(section.title, language, fallback)}", style="bold")
            )
            for question in section.questions:
                marks = ""
                if question.critical:
                    marks += critical
                if "red-flag" in question.tags:
                    marks += flag
                if question.show_if is not None:
                    marks += follow
                label = Text.assemble(
                    (f"{question.id:<7}", "cyan"),
                    (f"{marks:<3}", "yellow"),
                    localize(question.text, language, fallback),
                    (f"  [{question.type}]", "dim"),
                )
                leaf = twig.add(label)
                if question.critical and question.rationale is not None:
                    rationale = localize(question.rationale, language, fallback)
                    leaf.add(Text(f"why critical: {rationale}", style="dim"))
    legend = f"{critical} critical   {flag} red flag   {follow} asked only after an earlier answer"
    root.add(Text(legend, style="dim"))
    return root
