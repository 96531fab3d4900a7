"""Packaged question banks, read at run time through roadmap_cli.resources."""
