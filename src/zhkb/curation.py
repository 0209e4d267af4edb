"""Curation data under ``sources/``: spam patterns, errata, tags and the ID registry.

Curation is data, not code.  Every loader validates its file and raises an
InputError naming the file and line of a bad entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError


@dataclass(frozen=True)
class SpamRule:
    """A pattern of aggregator artefacts or advertisements to drop."""

    name: str
    pattern: re.Pattern[str]
    why: str
    #: drop the whole line when the pattern matches (else only the match)
    whole_line: bool = True
    #: the dropped line separated two sources: the next line titles a new section
    starts_section: bool = False


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
    spam: list[SpamRule] = field(default_factory=list)
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


def load_spam(path: Path, rel: str = "sources/spam.yml") -> list[SpamRule]:
    data = load_yaml(path, rel) or []
    if not isinstance(data, list):
        raise InputError(rel, "expected a list of spam rules")
    rules = []
    for entry in data:
        entry = _require(entry, ("name", "pattern", "why"), rel)
        try:
            pattern = re.compile(entry["pattern"])
        except re.error as exc:
            raise InputError(rel, f"bad pattern for {entry['name']}: {exc}", line=entry["__line__"]) from None
        rules.append(SpamRule(
            name=entry["name"], pattern=pattern, why=entry["why"],
            whole_line=entry.get("scope", "line") == "line",
            starts_section=bool(entry.get("starts_section", False)),
        ))
    return rules


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
    return Curation(
        spam=load_spam(sources / "spam.yml"),
        errata=load_errata(sources / "errata.yml"),
        tags=load_tags(sources / "tags.yml"),
        opencc_dir=sources / "opencc",
    )
