"""The regional view (``roadmap aggregate``): many countries' assessments side by side.

``digest`` keeps what the view needs of each scored file (it runs where the file is
scored, in a worker process with ``--jobs``); ``view`` groups the digests by country and
builds the matrix, the band distribution, the most frequent shortfalls, the trend and the
notes; ``outputs`` writes them as JSON, CSV, Markdown or HTML.  Not to be confused with
``scoring.aggregate``, the building blocks of the scoring rules.
"""
