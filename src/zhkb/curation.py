"""Curation data under ``sources/``: spam patterns, errata, tags and the ID registry.

Curation is data, not code.  Every loader validates its file and raises an
InputError naming the file and line of a bad entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .boilerplate import DETECTORS, without_leading_mark
from .errors import InputError

SCOPES = ("line", "match", "block", "tail")



@dataclass(frozen=True)
class LineRule:
    """A pattern of boilerplate to drop: one of zhkb's defaults, or one of the corpus's spam rules.

    ``scope`` says what goes when ``pattern`` matches a line: the line, only the
    match, the line and the list after it (lines matching ``continues``), or the
    line and the short lines after it (a footer).
    """

    name: str
    pattern: re.Pattern[str]
    why: str
    scope: str = "line"
    #: the rule applies only to lines of at most this many characters
    max_len: int | None = None
    #: block scope: the lines after the matched one that belong to it
    continues: re.Pattern[str] | None = None
    max_lines: int = 12
    #: tail scope: the footer ends at the first line longer than this, or at a sentence no rule knows
    tail_max_len: int = 80
    tail_through_sentences: bool = False
    #: the dropped line separated two sources: the next line titles a new section
    starts_section: bool = False
    #: the dropped line labels an answer (最佳答案): what comes before it is the question's details
    starts_answer: bool = False
    #: lines the rule must drop, and real content it must keep (checked by the tests)
    examples: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    #: the report's name for the rule: a default's own name, ``spam.<name>`` for the corpus's
    label: str = ""

    def applies_to(self, text: str, unmarked: str | None = None) -> re.Match[str] | None:
        """The match of this rule in a line; a site's own bullet or number before the line does not hide it.

        ``unmarked`` is the line without that bullet or number, when the caller has it already.
        """
        if self.max_len is not None and len(text) > self.max_len:
            return None
        if unmarked is None:
            unmarked = without_leading_mark(text)
        return self.pattern.search(text) or (self.scope != "match" and unmarked != text
                                             and self.pattern.search(unmarked))


@dataclass(frozen=True)
class Erratum:
    find: str
    replace: str
    why: str
    line: int  # line in errata.yml, for messages


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    triggers: tuple[str, ...]
    min_hits: int = 1


@dataclass
class Curation:
    #: zhkb's default boilerplate rules that this corpus keeps on, then the corpus's own
    defaults: list[LineRule] = field(default_factory=list)
    spam: list[LineRule] = field(default_factory=list)
    #: default rules (line rules and detectors) switched off in sources/cleaning.yml, with why
    switched_off: dict[str, str] = field(default_factory=dict)
    errata: list[Erratum] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    opencc_dir: Path | None = None


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, rel: str) -> object:
    """Load a YAML file; mappings carry ``__line__``.  A missing file is None."""
    if not path.exists():
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(rel, f"invalid YAML: {exc.problem}", line=line) from None
    except UnicodeDecodeError as exc:
        raise InputError(rel, "curation files must be UTF-8", offset=exc.start) from None


def _require(entry: object, keys: tuple[str, ...], rel: str) -> dict:
    if not isinstance(entry, dict):
        raise InputError(rel, "each entry must be a mapping")
    missing = [key for key in keys if not isinstance(entry.get(key), str) or entry.get(key) == ""]
    if missing:
        raise InputError(rel, f"entry needs a non-empty string {', '.join(missing)}", line=entry["__line__"])
    return entry


def _pattern(entry: dict, key: str, rel: str) -> re.Pattern[str]:
    try:
        return re.compile(entry[key])
    except re.error as exc:
        raise InputError(rel, f"bad {key} for {entry['name']}: {exc}", line=entry["__line__"]) from None


def _strings(entry: dict, key: str, rel: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
        raise InputError(rel, f"`{key}` of {entry['name']} must be a list of strings", line=entry["__line__"])
    return tuple(str(v) for v in values)


def _int(entry: dict, key: str, rel: str, default: int | None) -> int | None:
    value = entry.get(key, default)
    if value is not None and (not isinstance(value, int) or value < 1):
        raise InputError(rel, f"`{key}` of {entry['name']} must be a positive number", line=entry["__line__"])
    return value


def load_line_rules(path: Path, rel: str, label_prefix: str = "") -> list[LineRule]:
    """Load a list of line rules (zhkb's defaults, or the corpus's ``sources/spam.yml``)."""
    data = load_yaml(path, rel) or []
    if not isinstance(data, list):
        raise InputError(rel, "expected a list of rules")
    rules, names = [], set()
    for entry in data:
        entry = _require(entry, ("name", "pattern", "why"), rel)
        if entry["name"] in names:
            raise InputError(rel, f"rule name {entry['name']!r} is used twice", line=entry["__line__"])
        names.add(entry["name"])
        scope = entry.get("scope", "line")
        if scope not in SCOPES:
            raise InputError(rel, f"scope of {entry['name']} must be one of {', '.join(SCOPES)}",
                             line=entry["__line__"])
        if scope == "block" and not isinstance(entry.get("continues"), str):
            raise InputError(rel, f"block rule {entry['name']} needs `continues`", line=entry["__line__"])
        rules.append(LineRule(
            name=entry["name"], pattern=_pattern(entry, "pattern", rel), why=entry["why"], scope=scope,
            max_len=_int(entry, "max_len", rel, None),
            continues=_pattern(entry, "continues", rel) if scope == "block" else None,
            max_lines=_int(entry, "max_lines", rel, 12), tail_max_len=_int(entry, "tail_max_len", rel, 80),
            tail_through_sentences=bool(entry.get("tail_through_sentences", False)),
            starts_section=bool(entry.get("starts_section", False)),
            starts_answer=bool(entry.get("starts_answer", False)),
            examples=_strings(entry, "examples", rel), keeps=_strings(entry, "keeps", rel),
            label=label_prefix + entry["name"],
        ))
    return rules


def load_spam(path: Path, rel: str = "sources/spam.yml") -> list[LineRule]:
    """The corpus's own boilerplate rules; reported as ``spam.<name>``."""
    return load_line_rules(path, rel, label_prefix="spam.")


#: zhkb's cleaning knowledge for any scraped Chinese text (package data)
DEFAULTS_DIR = Path(__file__).parent / "defaults"
DEFAULT_RULES_FILE = DEFAULTS_DIR / "boilerplate.yml"


def load_default_rules() -> list[LineRule]:
    """zhkb's default boilerplate rules, reported under their own names."""
    return load_line_rules(DEFAULT_RULES_FILE, "zhkb/defaults/boilerplate.yml")


def load_switched_off(path: Path, known: set[str], rel: str = "sources/cleaning.yml") -> dict[str, str]:
    """Default rules the corpus switches off: ``{name: why}``; an unknown name is an error."""
    data = load_yaml(path, rel) or {}
    entries = data.get("switch_off", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(rel, "expected `switch_off:` with a list of {rule, why}")
    switched = {}
    for entry in entries:
        entry = _require(entry, ("rule", "why"), rel)
        if entry["rule"] not in known:
            raise InputError(rel, f"no default rule is called {entry['rule']!r}",
                             line=entry["__line__"], hint="names are listed in reports/ingest.md and "
                             "src/zhkb/defaults/boilerplate.yml")
        switched[entry["rule"]] = entry["why"]
    return switched


def load_errata(path: Path, rel: str = "sources/errata.yml") -> list[Erratum]:
    data = load_yaml(path, rel) or []
    if not isinstance(data, list):
        raise InputError(rel, "expected a list of errata")
    errata = []
    for entry in data:
        entry = _require(entry, ("find", "why"), rel)
        if not isinstance(entry.get("replace"), str):
            raise InputError(rel, "entry needs a string `replace`", line=entry["__line__"])
        errata.append(Erratum(entry["find"], entry["replace"], entry["why"], entry["__line__"]))
    return errata


def load_tags(path: Path, rel: str = "sources/tags.yml") -> list[Tag]:
    data = load_yaml(path, rel) or {}
    entries = data.get("tags", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(rel, "expected `tags:` with a list of tags")
    tags, slugs = [], set()
    for entry in entries:
        entry = _require(entry, ("name", "slug"), rel)
        triggers = entry.get("triggers")
        if not isinstance(triggers, list) or not all(isinstance(t, str) and t for t in triggers):
            raise InputError(rel, f"tag {entry['name']} needs a list of trigger words", line=entry["__line__"])
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry["slug"]) or entry["slug"] in slugs:
            raise InputError(rel, f"tag slug {entry['slug']!r} must be unique lowercase ASCII",
                             line=entry["__line__"])
        slugs.add(entry["slug"])
        tags.append(Tag(entry["name"], entry["slug"], tuple(triggers), int(entry.get("min_hits", 1))))
    return tags


def load_curation(sources: Path) -> Curation:
    """Load every curation file under ``sources/``."""
    defaults = load_default_rules()
    switched_off = load_switched_off(sources / "cleaning.yml", {r.name for r in defaults} | set(DETECTORS))
    return Curation(
        defaults=[rule for rule in defaults if rule.name not in switched_off],
        switched_off=switched_off,
        spam=load_spam(sources / "spam.yml"),
        errata=load_errata(sources / "errata.yml"),
        tags=load_tags(sources / "tags.yml"),
        opencc_dir=sources / "opencc",
    )
