"""Anki export: ``.apkg`` packages (genanki) and Anki's text-import format.

Selecting what to export (``select``), rendering notes (``notes``, ``fields``) and writing files
(``apkg``, ``text``) are separate steps, so a caller can show progress while notes are built.
"""
