"""Question banks: the model, finding and loading them, lint, show_if conditions, the catalogue."""
