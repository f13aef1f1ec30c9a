"""What a system is: a named, versioned object that turns a document into predictions."""

from __future__ import annotations

from typing import Any, ClassVar

from bench.core.records import Document

REGIMES = {
    "rules": "no training: hand-written rules and lexicons",
    "external": "trained or built on data outside this benchmark",
    "cross-validated": "trained on this task's gold by the harness, leave-one-document-out",
}
"""Training regimes a system may declare, with what each means on the leaderboard."""


class System:
    """Base class for systems; subclass it, set the class attributes, implement ``predict``.

    A system that also defines ``fit(documents, gold)`` is trainable: the harness builds a fresh
    instance per fold, fits it on every other document's gold and predicts the held-out one, so
    no system ever sees the document it is tested on.
    """

    name: ClassVar[str] = ""
    """Registry name, e.g. ``lexicon``."""
    version: ClassVar[str] = "0"
    """Bumped whenever its predictions may change."""
    kinds: ClassVar[tuple[str, ...]] = ()
    """Record kinds it predicts (``spans``, ``dates``, ``quotes``, ``conflicts``; the old names
    ``timex`` and ``pairs`` are still read): every task of one of these kinds can run it."""
    labels: ClassVar[tuple[str, ...]] = ()
    """Labels its records carry (a span's ``type``); a task runs it when each one is among the
    task's labels or mapped by the task's ``predictions: labels:``. Empty: any."""
    tasks: ClassVar[tuple[str, ...]] = ()
    """Deprecated: names of the tasks it supports, read only when ``kinds`` is empty."""
    regime: ClassVar[str] = "rules"
    """One of ``REGIMES``."""
    resources: ClassVar[tuple[str, ...]] = ()
    """What it was built from, each with its source (shown on the leaderboard)."""
    tuned_on_test: ClassVar[bool] = False
    """True when any part of it was written or tuned by looking at the test documents."""

    def predict(self, doc: Document) -> list[Any]:
        """Predictions for one document, as records of the task's kind (``Span`` for NER)."""
        raise NotImplementedError

    @classmethod
    def trainable(cls) -> bool:
        """True when the class defines ``fit``."""
        return callable(getattr(cls, "fit", None))

    @classmethod
    def identity(cls) -> list[str]:
        """What, besides name and version, tells this system's predictions apart in the
        cache: its import path (an executable adds its command line and files)."""
        return [f"{cls.__module__}:{cls.__qualname__}"]

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """The declaration that run records and the leaderboard carry."""
        return {
            "name": cls.name,
            "version": cls.version,
            "regime": cls.regime,
            "resources": list(cls.resources),
            "tuned_on_test": cls.tuned_on_test,
        }
