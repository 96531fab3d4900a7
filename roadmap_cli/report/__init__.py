"""Gap reports: the view model, inline SVG charts and Jinja rendering to Markdown and HTML."""
