"""How zhkb writes YAML: one dumper for every generated file.

libyaml's C emitter (PyYAML's ``CSafeDumper``) writes the same text as the
pure-Python ``SafeDumper`` (``tests/test_ingest.py`` checks it on awkward
strings) several times faster, which matters for the front matter of
thousands of articles; without libyaml, the Python one is used.
"""

from __future__ import annotations

import yaml

YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
