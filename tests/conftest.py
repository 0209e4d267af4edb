"""Shared fixtures: the project root and a scratch copy of it to ingest into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's sources (texts and curation) in a scratch folder."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path
