"""The zhkb package is what runs the site: it imports no test tooling, and installs without it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_TOOLING = ("playwright", "pytest", "hypothesis")


def test_every_module_imports_without_test_tooling():
    modules = sorted(".".join(path.relative_to(ROOT / "src").with_suffix("").parts).removesuffix(".__init__")
                     for path in (ROOT / "src" / "zhkb").rglob("*.py"))
    assert "zhkb.cli" in modules and "zhkb.site.plugin" in modules
    # a module set to None in sys.modules cannot be imported: as if it were not installed
    script = (f"import sys\nfor name in {TEST_TOOLING!r}: sys.modules[name] = None\n"
              f"import importlib\nfor module in {modules!r}: importlib.import_module(module)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_package_names_no_test_tooling():
    for path in (ROOT / "src").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".js", ".html", ".xml"):
            assert "playwright" not in path.read_text(encoding="utf-8").lower(), path
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [dep for dep in project["dependencies"] if dep.split("=")[0].lower() in TEST_TOOLING]
    assert project["entry-points"]["mkdocs.plugins"]["zhkb"] == "zhkb.site.plugin:ZhkbPlugin"
