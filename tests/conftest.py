"""Shared fixtures: the project root, a scratch copy of it to ingest into, and one build of the site."""

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Both variants built once per session, for tests that read or serve the site and never change it."""
    from support.site import build_site

    return build_site(tmp_path_factory.mktemp("built-site"))
