"""Entry point: ``roadmap`` and ``python -m roadmap_cli``."""

from __future__ import annotations

import sys

from roadmap_cli.cli.boundary import run


def main() -> None:
    """Run the command line and exit with its status."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
