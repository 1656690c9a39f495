"""What every stage stands on: problems and user errors (``errors``), where the built-in
content and layouts live (``resources``), YAML read safely with line numbers (``yamlio``,
``yaml_messages``), a model's validation errors in a person's words (``validation``),
filling a content text's placeholders under the template policy (``text``) and whether a
text prints anything at all (``visible``).

Imports: nothing else of workbook's.
"""
