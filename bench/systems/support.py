"""Which tasks a system can run: the record kinds and labels it declares against the task's.

A system declares ``kinds`` (and, for labelled records, ``labels``); a task runs it when the
task's ``kind`` is one of them and every label, renamed by the task's ``predictions: labels:``
map, is one of the task's labels or dropped (mapped to null). So a copy of ``tasks/ner.yaml``
under another name, or a task read back from an exported folder, runs the NER systems, and
``tasks/anercorp.yaml`` runs them by mapping GPE to LOC and dropping NORP, FAC, EVENT and LAW.
Kinds are compared by their current names (``timex`` is ``dates``, ``pairs`` is
``conflicts``; a task's ``module:Class`` kind by its class's ``name``). Third-party systems
that still declare task names (``tasks = ("ner",)``, the deprecated form) run on exactly those
tasks.
"""

from __future__ import annotations

from bench.errors import InputError
from bench.kinds import canonical, kind_class
from bench.systems.protocol import System
from bench.task.spec import TaskSpec


def unsupported(cls: type[System], spec: TaskSpec) -> InputError | None:
    """Why ``cls`` cannot run the task, as the error to raise; None when it can."""
    if not cls.kinds:
        if spec.name in cls.tasks:
            return None
        return InputError(f"system '{cls.name}' declares the tasks {', '.join(cls.tasks)}, "
                          f"not '{spec.name}'",
                          hint=f"declare kinds = ('{spec.kind}',) in the system instead of "
                          "task names")
    kinds = [kind_name(kind) for kind in cls.kinds]
    if kind_name(spec.kind) not in kinds:
        return InputError(f"system '{cls.name}' predicts {' or '.join(kinds)} records; "
                          f"task '{spec.name}' is of kind {kind_name(spec.kind)}",
                          hint="choose a system of that kind (bench list)")
    renamed = {label: spec.label_map.get(label, label) for label in cls.labels}
    stray = [label for label, name in renamed.items() if name is not None
             and name not in spec.labels]
    if stray:
        example = ", ".join(f"{label}: null" for label in stray)
        return InputError(f"system '{cls.name}' predicts the labels {', '.join(stray)}, which "
                          f"task '{spec.name}' neither has nor maps",
                          hint=f"map them in tasks/{spec.name}.yaml, e.g. predictions: "
                          f"{{labels: {{{example}}}}}")
    return None


def supports(cls: type[System], spec: TaskSpec) -> bool:
    """True when ``cls`` can run the task."""
    return unsupported(cls, spec) is None


def served(cls: type[System]) -> str:
    """What a system serves, for ``bench list``: kinds (with labels), or its task names."""
    if not cls.kinds:
        return "tasks " + ",".join(cls.tasks)
    labels = f" ({','.join(cls.labels)})" if cls.labels else ""
    return ",".join(kind_name(kind) for kind in cls.kinds) + labels


def kind_name(kind: str) -> str:
    """The current name of a kind a task or system gives: old names map to new ones, and a
    ``module:Class`` path to its class's ``name``."""
    return kind_class(kind).name if ":" in kind else canonical(kind)
