"""Scoring: turn an answers file into a Scorecard under a chosen, pluggable rule.

``model`` says what a Scorecard is; ``registry`` finds rules (built-in, installed plugins,
a Python file, a rules profile); ``rules/`` holds the built-in methods; ``batch`` scores
many files for ``roadmap score``.  Nothing here prints.
"""
