"""workbook: tailored, printable PDF packs for partnership sessions."""

__version__ = "0.1.0"
