"""Script conversion with OpenCC, plus the project's reviewed overrides.

OpenCC's Python binding only accepts a config *file* and resolves the built-in
dictionaries relative to its own data folder, so a config that adds a user
dictionary has to name every built-in dictionary by absolute path.  We
therefore generate the config at run time from OpenCC's own shipped config
and cache it in a temporary folder.

Where a user dictionary goes (:func:`build_config`): into the *union* group
of phrase dictionaries, first, exactly where OpenCC's own configs put their
phrase tables -- in the segmentation and in the first step of the conversion
chain.  In a union group the longest key wins and, between keys of the same
length, the first dictionary; so an override replaces OpenCC's phrase of the
same key, and a longer OpenCC phrase still wins over a shorter override.
(Wrapping the override dictionary in a ``short_circuit`` group instead, as an
earlier version did, let a short override cut through OpenCC's longer
phrases: 扎实 took 扎实推进 apart.)

Directions:

- ``t2s``: OpenCC ``t2s.json`` with ``sources/opencc/t2s.txt`` in its phrase
  group (it has no segmentation step; the conversion matches the longest key).
- ``s2tw``: without an overrides folder, OpenCC ``s2tw.json`` as shipped (what
  a reader's own converter gives).  With one, zhkb's Taiwan conversion
  (:mod:`zhkb.taiwan`): the shipped ``s2tw.json`` plus reviewed entries applied
  word by word, and meaning rules for characters with several Traditional
  forms.

Conversion knowledge lives in data files (OpenCC text dictionaries:
``key<TAB>value``; lines starting with ``#`` are comments), never in code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

import opencc

from .errors import InputError

OPENCC_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
#: OpenCC's dictionary tool, shipped in the same wheel (turns ``.ocd2`` into text).
OPENCC_DICT_TOOL = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"

#: Built-in OpenCC config each direction starts from, and its override file
#: (under the overrides folder).
DIRECTIONS = {
    "t2s": ("t2s.json", "t2s.txt"),
    "s2tw": ("s2tw.json", "s2tw.txt"),
}


def _absolutise(node: object) -> object:
    """Rewrite every built-in ``file`` entry of an OpenCC config to an absolute path."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "file" and isinstance(value, str):
                out[key] = str(OPENCC_SHARE / value)
            else:
                out[key] = _absolutise(value)
        return out
    if isinstance(node, list):
        return [_absolutise(item) for item in node]
    return node


def shipped_config(name: str) -> dict:
    """OpenCC's own config ``name`` (e.g. ``s2tw.json``), with absolute dictionary paths."""
    config = _absolutise(json.loads((OPENCC_SHARE / name).read_text(encoding="utf-8")))
    config["name"] = f"zhkb {name}"
    return config


def _is_group(node: dict) -> bool:
    return node.get("type") == "group"


def _with_phrases(dictionary: dict, user_dict: dict) -> dict:
    """``dictionary`` with ``user_dict`` first in its union group of phrase dictionaries.

    ``dictionary`` is a segmentation dictionary or the first conversion step's:
    either that union group itself, or a ``short_circuit`` group whose first
    member is the phrase table (a union group or a single dictionary), followed
    by the character tables.
    """
    if _is_group(dictionary) and dictionary.get("match_policy") == "union":
        return {**dictionary, "dicts": [user_dict, *dictionary["dicts"]]}
    if _is_group(dictionary) and dictionary.get("match_policy") == "short_circuit":
        phrases, *characters = dictionary["dicts"]
        return {**dictionary, "dicts": [_with_phrases(phrases, user_dict), *characters]}
    return {"type": "group", "match_policy": "union", "dicts": [user_dict, dictionary]}


def build_config(base_config: str, override_dict: Path | None) -> dict:
    """OpenCC config data: ``base_config`` with ``override_dict`` first among its phrase tables.

    The override goes where OpenCC's own config has its phrase dictionaries
    (see the module docstring); the later steps of the conversion chain
    (regional variants) still apply to what it produces.
    """
    config = shipped_config(base_config)
    if override_dict is None:
        return config
    user_dict = {"type": "text", "file": str(override_dict.resolve())}
    if "segmentation" in config:
        segmentation = config["segmentation"]
        segmentation["dict"] = _with_phrases(segmentation["dict"], user_dict)
    first = config["conversion_chain"][0]
    first["dict"] = _with_phrases(first["dict"], dict(user_dict))
    return config


def _cache_file(name: str, data: str) -> Path:
    """Write ``data`` to a content-addressed file in the temp folder and return its path."""
    digest = hashlib.sha256(data.encode()).hexdigest()[:16]
    stem, _, suffix = name.rpartition(".")
    path = Path(tempfile.gettempdir()) / "zhkb-opencc" / f"{stem}-{digest}.{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    return path


def read_dictionary(path: Path, rel: str) -> list[tuple[int, str, str]]:
    """The entries ``(line, key, value)`` of an override file: ``key<TAB>value``; ``#`` comments.

    A bad line raises an :class:`InputError` naming ``rel`` and the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(rel, "override dictionaries must be UTF-8", offset=exc.start) from None
    entries, seen = [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, tab, value = line.partition("\t")
        if not tab or not key or not value or "\t" in value or key != key.strip() or value != value.strip():
            raise InputError(rel, f"expected `key<TAB>value`, got {line!r}", line=number,
                             hint="one entry a line: the key, one tab, the replacement; `#` starts a comment line")
        if key in seen:
            raise InputError(rel, f"{key!r} is already defined on line {seen[key]}", line=number)
        seen[key] = number
        entries.append((number, key, value))
    return entries


def _opencc_text_dict(override_file: Path) -> Path | None:
    """The override file as a plain OpenCC text dictionary (comments dropped), or None if empty."""
    entries = read_dictionary(override_file, f"sources/opencc/{override_file.name}")
    if not entries:
        return None
    return _cache_file(f"{override_file.stem}.txt", "".join(f"{key}\t{value}\n" for _, key, value in entries))


@functools.cache
def _opencc(config_json: str) -> opencc.OpenCC:
    return opencc.OpenCC(str(_cache_file("config.json", config_json)))


def opencc_converter(base_config: str, override_file: Path | None = None) -> opencc.OpenCC:
    """An OpenCC converter for ``base_config`` with ``override_file`` among its phrase tables."""
    override_dict = _opencc_text_dict(override_file) if override_file is not None and override_file.exists() else None
    config = build_config(base_config, override_dict)
    return _opencc(json.dumps(config, ensure_ascii=False, sort_keys=True, indent=1))


def _stamp(path: Path) -> tuple:
    """What tells whether an override file changed (cheap: a converter is looked up for every text)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return ()
    return (status.st_mtime_ns, status.st_size)


def converter(direction: str, overrides_dir: Path | None = None):
    """A converter (``.convert(text)``) for ``direction`` (``t2s`` or ``s2tw``) with the overrides applied."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown conversion direction {direction!r}; expected one of {sorted(DIRECTIONS)}")
    base_config, override_name = DIRECTIONS[direction]
    if overrides_dir is None:
        return _plain_converter(base_config)
    override_file = Path(overrides_dir) / override_name
    if direction == "s2tw":
        from .taiwan import taiwan_converter  # zhkb.taiwan builds on this module

        return taiwan_converter(Path(overrides_dir))
    # The stamp (the file's time and size) makes the cache notice edits.
    return _t2s_converter(str(override_file), _stamp(override_file))


@functools.cache
def _plain_converter(base_config: str) -> opencc.OpenCC:
    # OpenCC as shipped: nothing to notice edits of, and building its config for every text is slow.
    return opencc_converter(base_config)


@functools.cache
def _t2s_converter(override_file: str, stamp: tuple) -> opencc.OpenCC:
    return opencc_converter(DIRECTIONS["t2s"][0], Path(override_file))


def convert(text: str, direction: str, overrides_dir: Path | None = None) -> str:
    """Convert ``text`` in ``direction`` (``t2s`` or ``s2tw``), applying the overrides in ``overrides_dir``."""
    return converter(direction, overrides_dir).convert(text)


@functools.cache
def opencc_dictionary(name: str) -> dict[str, tuple[str, ...]]:
    """OpenCC's shipped dictionary ``name`` (e.g. ``STCharacters``): key -> its values, default first.

    Read with OpenCC's own ``opencc_dict`` tool from the pinned wheel (the
    binding cannot list a dictionary), converted once into the temp folder.
    """
    source = OPENCC_SHARE / f"{name}.ocd2"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / "zhkb-opencc" / f"{name}-{digest}.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        subprocess.run([str(OPENCC_DICT_TOOL), "-i", str(source), "-o", str(tmp), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True)
        tmp.replace(target)
    entries = {}
    for line in target.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        entries[key] = tuple(values.split(" "))
    return entries
