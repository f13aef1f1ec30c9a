"""Prompt templates as data: ``tasks/prompts/<task>.yaml`` holds Jinja2 templates per variant.

The file has the task's name, ``definitions`` (the guidelines' rules, written for the model),
a ``system`` message template and ``variants``, each with a ``user`` message template and
``shots`` (how many examples from other documents it shows; 0 for zero-shot). Templates are
rendered in Jinja2's sandbox with undefined names as errors; what they may use is listed in
``bench.models.tasks``. A variant's hash covers the definitions, the system template and the
variant itself, so editing one variant changes only that variant's systems.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.core.yamlio import check_keys, did_you_mean, load_yaml, shown, where
from bench.errors import InputError

FILE_KEYS = ("task", "definitions", "system", "variants")
VARIANT_KEYS = ("description", "shots", "user")


@dataclass(frozen=True)
class Prompt:
    """One variant of a task's prompt, ready to render."""

    task: str
    """The task it is written for."""
    variant: str
    """Its name, e.g. ``zero-shot``."""
    definitions: str
    """The task's rules for the model (rendered into the templates as ``definitions``)."""
    system: str
    """Jinja2 template of the system message."""
    user: str
    """Jinja2 template of the user message."""
    shots: int
    """Examples from other documents shown in the prompt."""
    path: Path
    """Where it was read from."""

    @property
    def hash(self) -> str:
        """First 10 hex digits of the sha256 of the definitions and both templates."""
        blob = json.dumps([self.definitions, self.system, self.user, self.shots],
                          ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:10]

    def messages(self, context: dict[str, Any]) -> list[dict[str, str]]:
        """The system and user messages for one document."""
        from jinja2 import StrictUndefined, TemplateError
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False,
                                   trim_blocks=True, lstrip_blocks=True)
        values = {"definitions": self.definitions, "shots": self.shots, **context}
        try:
            return [{"role": "system", "content": env.from_string(self.system).render(values)},
                    {"role": "user", "content": env.from_string(self.user).render(values)}]
        except TemplateError as exc:
            raise InputError(f"prompt '{self.variant}' does not render: {exc}",
                             where=shown(self.path),
                             hint=f"templates may use: {', '.join(sorted(values))}") from exc


def prompt_path(root: Path, task: str) -> Path:
    """``tasks/prompts/<task>.yaml``."""
    return root / "tasks" / "prompts" / f"{task}.yaml"


def load_prompt(path: Path, task: str, variant: str) -> Prompt:
    """Read and check one variant of a prompt file."""
    if not path.is_file():
        raise InputError(f"no prompt templates for task '{task}'", where=shown(path),
                         hint="write tasks/prompts/<task>.yaml (see tasks/prompts/ner.yaml)")
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise InputError("expected a mapping", where=shown(path), hint="see tasks/prompts/")
    check_keys(data, FILE_KEYS, path, required=FILE_KEYS)
    if data["task"] != task:
        raise InputError(f"prompt file is for task '{data['task']}', not '{task}'",
                         where=where(path, data, "task"), hint="fix its 'task:'")
    variants = data["variants"]
    if not isinstance(variants, dict) or variant not in variants:
        raise InputError(f"unknown prompt '{variant}'", where=where(path, data, "variants"),
                         hint=did_you_mean(variant, variants if isinstance(variants, dict)
                                           else ()))
    chosen = variants[variant]
    check_keys(chosen, VARIANT_KEYS, path, required=("shots", "user"))
    shots = chosen["shots"]
    if not isinstance(shots, int) or isinstance(shots, bool) or shots < 0:
        raise InputError(f"shots must be a whole number >= 0, got {shots!r}",
                         where=where(path, chosen, "shots"))
    return Prompt(task=task, variant=variant, definitions=str(data["definitions"]).strip(),
                  system=str(data["system"]), user=str(chosen["user"]), shots=shots, path=path)


def variants(path: Path) -> list[str]:
    """The variant names of a prompt file ([] when there is none)."""
    data = load_yaml(path) if path.is_file() else {}
    found = data.get("variants") if isinstance(data, dict) else None
    return sorted(found) if isinstance(found, dict) else []
