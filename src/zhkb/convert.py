"""Script conversion with OpenCC, plus the project's reviewed overrides.

OpenCC's Python binding only accepts a config *file* and resolves the built-in
dictionaries relative to its own data folder, so a config that adds a user
dictionary has to name every built-in dictionary by absolute path.  We
therefore generate the config at run time from OpenCC's own shipped config,
with our override dictionary placed first in every group (segmentation and
conversion), and cache it in a temporary folder.

Conversion knowledge lives in ``sources/opencc/*.txt`` (OpenCC text
dictionaries: ``key<TAB>value``), never in code.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import tempfile
from pathlib import Path

import opencc

OPENCC_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"

#: Built-in OpenCC config each direction starts from, and the override file
#: (under the overrides folder) placed first in it.
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


def _with_user_dict(group: dict, user_dict: dict) -> dict:
    """Return a short-circuit group that consults ``user_dict`` before ``group``."""
    return {"type": "group", "match_policy": "short_circuit", "dicts": [user_dict, group]}


def build_config(base_config: str, override_file: Path | None) -> dict:
    """Return OpenCC config data: ``base_config`` with ``override_file`` first in every group."""
    config = json.loads((OPENCC_SHARE / base_config).read_text(encoding="utf-8"))
    config = _absolutise(config)
    config["name"] = f"zhkb {base_config}"
    if override_file is None or not override_file.exists():
        return config
    user_dict = {"type": "text", "file": str(override_file.resolve())}
    if "segmentation" in config:
        config["segmentation"]["dict"] = _with_user_dict(config["segmentation"]["dict"], user_dict)
    # Only the first step of the chain maps between scripts; later steps
    # (regional variants) must still apply to what the overrides produce.
    first = config["conversion_chain"][0]
    first["dict"] = _with_user_dict(first["dict"], copy.deepcopy(user_dict))
    return config


def _config_path(config: dict) -> Path:
    """Write ``config`` to a content-addressed file in the temp folder and return its path."""
    data = json.dumps(config, ensure_ascii=False, sort_keys=True, indent=1)
    digest = hashlib.sha256(data.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "zhkb-opencc" / f"{digest}.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    return path


@functools.cache
def _converter(direction: str, overrides_dir: str | None, stamp: str) -> opencc.OpenCC:
    # ``stamp`` (the override file's content hash) makes the cache notice edits.
    base_config, override_name = DIRECTIONS[direction]
    override_file = Path(overrides_dir) / override_name if overrides_dir else None
    return opencc.OpenCC(str(_config_path(build_config(base_config, override_file))))


def converter(direction: str, overrides_dir: Path | None = None) -> opencc.OpenCC:
    """An OpenCC converter for ``direction`` (``t2s`` or ``s2tw``) with the overrides applied."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown conversion direction {direction!r}; expected one of {sorted(DIRECTIONS)}")
    stamp = ""
    if overrides_dir is not None:
        override_file = Path(overrides_dir) / DIRECTIONS[direction][1]
        if override_file.exists():
            stamp = hashlib.sha256(override_file.read_bytes()).hexdigest()
    return _converter(direction, str(overrides_dir) if overrides_dir else None, stamp)


def convert(text: str, direction: str, overrides_dir: Path | None = None) -> str:
    """Convert ``text`` in ``direction`` (``t2s`` or ``s2tw``), applying the overrides."""
    return converter(direction, overrides_dir).convert(text)
