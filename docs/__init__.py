"""The guides, shipped so they can be read offline; found through roadmap_cli.resources."""
