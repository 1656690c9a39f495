"""The language folders: finding them (``folders``), the content model every language is
checked against (``model``), loading with fallback and the template policy (``loading``),
kept loaded for a resident process (``kept``), and the translator's tools: how complete a
language is (``completeness``), what is wrong in it (``check``), a new one started from a
copy (``scaffold``).

Imports: ``core``, ``session`` (a loaded language carries the guide's timing).
"""
