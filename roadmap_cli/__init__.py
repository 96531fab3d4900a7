"""roadmap-cli: offline self-assessment of national counter-trafficking policy.

This module holds only the version so that ``roadmap --version`` stays cheap.
"""

__version__ = "0.2.0"
