"""The command line: thin Typer commands that call one core function each and print."""
