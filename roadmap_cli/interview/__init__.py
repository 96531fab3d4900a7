"""The interactive interview: an engine that walks a bank, and the askers that talk to people.

``engine`` is pure logic and talks to the person only through the ``Asker`` protocol in
``model``; ``plain`` and ``arrows`` are the two askers (line-based, and arrow keys through
questionary).  Import the askers only where a prompt is really needed: questionary and
prompt_toolkit are slow to import.
"""
