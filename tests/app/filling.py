"""Letters filled in as viewers fill them: pypdf, PyMuPDF (MuPDF's own appearances and
states), and PDFium clicked and typed into (Chrome's and Edge's engine: CR LF line breaks,
its own appearance streams).

Values by field name (on the letter's page 2): text as ``str``, a tick box ``True``, the
reply's radio group its choice, ``"attend"`` or ``"decline"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

Values = dict[str, str | bool]

# Every kind of field a letter has, with what a partner might write: line breaks, letters
# outside Latin-1 (Turkish, Polish, Hungarian, Romanian) and Danish.
ANSWERS: Values = {
    "resource_1": True,
    "resource_3": True,
    "resource_10": True,  # "Andet:", with its line
    "resource_other": "Lokaler til workshops",
    "resources_1": "To medarbejdere fem timer om ugen.\nBetingelse: Ağaç-metoden i Ølstykke.",
    "mandate_1": "Arbejdstid og indkøb op til 50.000 kr.; større beslutninger: direktionen (Łódź).",
    "documentation_1": "Kommunen ved Åse Øberg",
    "documentation_2": "Alle partnere – straks efter sessionen (ı ğ ø å ő ș)",
    "reply": "attend",
    "reply_field_1": "Vegetarisk, ingen nødder",
}


def fill_pypdf(source: Path, target: Path, values: Values, prefix: str = "") -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if value is True:
            fields[prefix + name] = "/Yes"
        elif name == "reply":
            fields[prefix + name] = f"/{value}"
        else:
            fields[prefix + name] = value
    for page in writer.pages:
        writer.update_page_form_field_values(page, fields, auto_regenerate=False)
    writer.write(target)
    return target


def fill_mupdf(source: Path, target: Path, values: Values, prefix: str = "") -> Path:
    import pymupdf

    document = pymupdf.open(source)
    for page in document:
        for widget in page.widgets():
            name = widget.field_name.removeprefix(prefix)
            if name not in values:
                continue
            value = values[name]
            if name == "reply":
                if widget.on_state() != value:
                    continue
                widget.field_value = widget.on_state()
            elif value is True:
                widget.field_value = widget.on_state()
            else:
                widget.field_value = value
            widget.update()
    document.save(target)
    document.close()
    return target


def type_pdfium(source: Path, target: Path, values: Values) -> Path:
    """Click each field and type into it, as a person does in Chrome."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    places: dict[str, list[list[float]]] = {}
    for annotation in PdfReader(source).pages[1]["/Annots"]:
        widget = annotation.get_object()
        name = widget.get("/T") or widget["/Parent"].get_object().get("/T")
        places.setdefault(str(name), []).append([float(v) for v in widget["/Rect"]])
    document = pdfium.PdfDocument(source)
    document.init_forms()
    page = document[1]
    form = document.formenv.raw

    def click(rect: list[float]) -> None:
        x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        raw.FORM_OnMouseMove(form, page.raw, 0, x, y)
        raw.FORM_OnLButtonDown(form, page.raw, 0, x, y)
        raw.FORM_OnLButtonUp(form, page.raw, 0, x, y)

    for name, value in values.items():
        if name == "reply":
            click(places[name][0 if value == "attend" else 1])
            continue
        click(places[name][0])
        if value is True:
            continue
        for char in str(value):
            if char == "\n":  # Enter in a multi-line field
                raw.FORM_OnKeyDown(form, page.raw, 0x0D, 0)
                raw.FORM_OnChar(form, page.raw, 0x0D, 0)
                raw.FORM_OnKeyUp(form, page.raw, 0x0D, 0)
            else:
                raw.FORM_OnChar(form, page.raw, ord(char), 0)
    raw.FORM_ForceToKillFocus(form)
    document.save(target)
    document.close()
    return target
