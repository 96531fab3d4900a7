"""Answers files: the model, reading and writing them, and checking them against a bank."""
