"""Packaged report templates, read at run time through roadmap_cli.resources."""
