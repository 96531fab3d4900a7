"""``roadmap compare``: what changed between two assessments of one country.

``pair`` opens the two files and scores them under one rule on one bank version
(moving the older file through the migration map, in memory, when their versions
differ); ``model`` turns the two Scorecards into a frozen ``Comparison`` with
``to_data()``; ``view`` and ``render`` show it as Markdown, HTML or JSON.
"""
