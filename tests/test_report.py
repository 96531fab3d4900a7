"""Gap reports: golden files, escaping of user text, Markdown structure, valid HTML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.browser import needs_java, nu_errors
from tests.conftest import CORPUS, FIXTURE_BANK, ROOT, Cli

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ANSWERS = CORPUS / "fixture-valid.yaml"
HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "{{ 7*7 }}"]


def _report(cli: Cli, *args: object) -> str:
    result = cli("report", *args, "--output", "-")
    assert result.code == 0, result.err
    return str(result.out)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_matches_the_golden_file(cli: Cli, fmt: str) -> None:
    text = _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", fmt)
    golden = GOLDEN / f"fixture-report.{fmt}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        f"report differs from {golden}; if the change is intended, rerun with UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_are_deterministic(cli: Cli, fmt: str) -> None:
    first = _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", fmt)
    assert first == _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", fmt)
    assert "Generated" not in first
    stamped = _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", fmt, "--timestamp")
    assert "Generated" in stamped


def _hostile_answers(tmp_path: Path) -> Path:
    text = ANSWERS.read_text(encoding="utf-8")
    note = " ".join(HOSTILE).replace('"', '\\"')
    text = text.replace("    note: Draft awaiting approval.", f'    note: "{note}"')
    text = text.replace(
        "  country: Examplestan", f'  country: "Examplestan {HOSTILE[0]}"'.replace('"x"', "'x'")
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_text_is_escaped_in_html(cli: Cli, tmp_path: Path) -> None:
    html = _report(cli, _hostile_answers(tmp_path), "--bank", FIXTURE_BANK, "--format", "html")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; "
        "&#34;&gt;&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}</p>" in html
    )


def test_hostile_text_is_text_in_markdown(cli: Cli, tmp_path: Path) -> None:
    markdown = _report(cli, _hostile_answers(tmp_path), "--bank", FIXTURE_BANK, "--format", "md")
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7*7 }}" in html


def test_markdown_renders_to_the_expected_headings_and_tables(cli: Cli) -> None:
    markdown = _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [
        (tokens[i].tag, tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert headings[0] == ("h1", "Gap report: Examplestan")
    level2 = [text for tag, text in headings if tag == "h2"]
    assert level2[:2] == ["Where Examplestan stands", "Contents"]
    assert [t.split(" — ")[0] for t in level2[2:4]] == ["Planning", "Policy"]
    assert level2[4:] == [
        "What is left to do",
        "How the scores were worked out",
        "Appendix: every answer",
        "Instruments cited",
        "Further resources",
    ]
    tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
    assert len(tables) >= 6
    header_cells = []
    index = tables[0]
    while tokens[index].type != "thead_close":
        if tokens[index].type == "inline":
            header_cells.append(tokens[index].content)
        index += 1
    assert header_cells == ["Category", "Score", "Band", "Answered"]


def test_template_dir_overrides_one_part_in_the_sandbox(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "cover.md.j2").write_text(
        "# Custom cover for {{ meta.country | md }}\n", encoding="utf-8"
    )
    markdown = _report(
        cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", "md", "--template-dir", tmp_path
    )
    assert markdown.startswith("# Custom cover for Examplestan\n")
    assert "## Where Examplestan stands" in markdown
    (tmp_path / "md" / "cover.md.j2").write_text("{{ meta.__class__.__mro__ }}\n", encoding="utf-8")
    result = cli(
        "report",
        ANSWERS,
        "--bank",
        FIXTURE_BANK,
        "--format",
        "md",
        "--template-dir",
        tmp_path,
        "-o",
        "-",
    )
    assert result.code == 1
    assert "md/cover.md.j2, line 1" in result.err and "unsafe" in result.err


def test_template_error_is_one_line_naming_template_and_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "summary.html.j2").write_text(
        "<p>ok</p>\n<p>{% if %}</p>\n", encoding="utf-8"
    )
    result = cli("report", ANSWERS, "--bank", FIXTURE_BANK, "--template-dir", tmp_path, "-o", "-")
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert re.match(r"roadmap: template .*html/summary\.html\.j2, line 2: ", first), first
    (tmp_path / "html" / "summary.html.j2").write_text(
        "<p>{{ no_such_name }}</p>\n", encoding="utf-8"
    )
    result = cli("report", ANSWERS, "--bank", FIXTURE_BANK, "--template-dir", tmp_path, "-o", "-")
    assert "summary.html.j2, line 1: 'no_such_name' is undefined" in result.err


def test_errors_in_a_users_templates_name_the_template(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "r.html"
    output.write_text("the report from last week\n", encoding="utf-8")
    parts = tmp_path / "parts"
    (parts / "html").mkdir(parents=True)
    (parts / "html" / "summary.html.j2").write_text("<p>{{ 1/0 }}</p>\n", encoding="utf-8")
    result = cli("report", ANSWERS, "--bank", FIXTURE_BANK, "--template-dir", parts, "-o", output)
    assert result.code == 1
    assert re.match(r"roadmap: template .*summary\.html\.j2, line 1: division by zero", result.err)
    assert output.read_text(encoding="utf-8") == "the report from last week\n"
    (parts / "html" / "summary.html.j2").write_bytes(b"<p>caf\xe9</p>\n")
    result = cli("report", ANSWERS, "--bank", FIXTURE_BANK, "--template-dir", parts, "-o", output)
    assert result.code == 1
    assert re.match(r"roadmap: template .*summary\.html\.j2: is not UTF-8 text", result.err)
    result = cli("report", ANSWERS, "--bank", FIXTURE_BANK, "--template-dir", output, "-o", "-")
    assert result.code == 1
    assert "r.html: is a file; --template-dir takes a folder" in result.err
    assert "internal error" not in result.err


def test_default_output_sits_next_to_the_answers(cli: Cli, tmp_path: Path) -> None:
    answers = tmp_path / "examplestan.yaml"
    shutil.copy(ANSWERS, answers)
    result = cli("report", answers, "--bank", FIXTURE_BANK)
    assert result.code == 0
    written = tmp_path / "examplestan.report.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"Wrote {written}" in result.err
    assert cli("report", answers, "--bank", FIXTURE_BANK, "--format", "md").code == 0
    assert (tmp_path / "examplestan.report.md").exists()


def test_invalid_answers_give_no_report(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "report",
        CORPUS / "answers" / "value-not-an-option.yaml",
        "--bank",
        FIXTURE_BANK,
        "-o",
        tmp_path / "r.html",
    )
    assert result.code == 1
    assert "'partial' is not an option" in result.err
    assert not (tmp_path / "r.html").exists()


@needs_java
def test_html_passes_the_nu_html_checker(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "report.html").write_text(
        _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--format", "html"), encoding="utf-8"
    )
    (folder / "hostile.html").write_text(
        _report(cli, _hostile_answers(tmp_path), "--bank", FIXTURE_BANK, "--format", "html"),
        encoding="utf-8",
    )
    # Every example, and the projector theme, in the same run (the checker starts slowly).
    for answers in sorted((ROOT / "examples").glob("*.yaml")):
        (folder / f"{answers.stem}.html").write_text(_report(cli, answers), encoding="utf-8")
    (folder / "high-contrast.html").write_text(
        _report(cli, ROOT / "examples" / "kestria-full.yaml", "--theme", "high-contrast"),
        encoding="utf-8",
    )
    assert nu_errors(folder) == ""


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_markdown_converts_to_docx_with_pandoc(cli: Cli, tmp_path: Path) -> None:
    import zipfile

    markdown = tmp_path / "report.md"
    assert cli("report", ANSWERS, "--bank", FIXTURE_BANK, "-f", "md", "-o", markdown).code == 0
    docx = tmp_path / "report.docx"
    subprocess.run(["pandoc", str(markdown), "-f", "gfm", "-o", str(docx)], check=True, timeout=120)
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert body.count('w:pStyle w:val="Heading1"') == 1
    # summary, contents, 2 categories, to-do, method, appendix, glossary, resources
    assert body.count('w:pStyle w:val="Heading2"') == 9
    assert body.count("<w:tbl>") >= 6
    assert "Gap report: Examplestan" in body


def test_a_template_can_extend_the_builtin_report(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "report.html.j2").write_text(
        '{% extends "builtin/html/report.html.j2" %}\n'
        "{% block style %}{{ super() }} h2 { color: #7a0019; }{% endblock %}\n",
        encoding="utf-8",
    )
    html = _report(cli, ANSWERS, "--bank", FIXTURE_BANK, "--template-dir", tmp_path)
    assert "h2 { color: #7a0019; }" in html
    assert html.count("<h1>") == 1 and "Where Examplestan stands" in html
