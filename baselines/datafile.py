"""The baselines' YAML data files, read with libyaml when PyYAML has it (the same values as the
pure-Python safe loader gives for these plain files, ten times faster on the date lexicon)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader, or the pure-Python one where PyYAML was built without libyaml."""


def read_yaml(path: Path) -> Any:
    """The content of a UTF-8 YAML file, plain values only (as ``yaml.safe_load``)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)  # noqa: S506 (a safe loader)
