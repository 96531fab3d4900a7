"""Sample assessments and rules profiles, read at run time through roadmap_cli.resources."""
