"""zhkb: turn raw Chinese Q&A text into a bilingual knowledge-base site."""

__version__ = "0.1.0"
