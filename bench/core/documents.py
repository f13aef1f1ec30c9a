"""The document manifest: reading ``documents.yaml`` and the articles it names, checked."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from bench.core.paths import confine
from bench.core.records import Document
from bench.core.schema import Name, Strict, Text, validate
from bench.core.yamlio import check_keys, load_yaml, shown, where
from bench.errors import InputError

DOCUMENT_KEYS = ("id", "path", "sha256", "dct", "outlet", "language", "event", "note")
REQUIRED_KEYS = ("id", "path", "sha256")


class DocumentEntry(Strict):
    """One article of ``gold/documents.yaml``."""

    id: Name
    path: Text
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    dct: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}")] | datetime.date | None = None
    outlet: Text | None = None
    language: Name = "ar"
    event: Text | None = None
    note: Text | None = None


class Manifest(Strict):
    """``gold/documents.yaml``: the document manifest."""

    documents: list[DocumentEntry] = Field(min_length=1)


def load_manifest(path: Path, root: Path) -> list[Document]:
    """Read a manifest (paths relative to ``root``), checking each file and its sha256."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError("expected a mapping with a 'documents:' list", where=shown(path),
                         hint="see gold/documents.yaml for the format")
    check_keys(data, ("documents",), path, required=("documents",))
    for entry in data["documents"]:
        if not isinstance(entry, dict):
            raise InputError("expected a mapping per document", where=shown(path))
        check_keys(entry, DOCUMENT_KEYS, path, required=REQUIRED_KEYS)
    validate(Manifest, data, path, hint="see 'bench schema manifest'")
    documents: list[Document] = []
    seen: set[str] = set()
    for entry in data["documents"]:
        document = _load_document(entry, path, root)
        if document.id in seen:
            raise InputError(f"duplicate document id '{document.id}'",
                             where=where(path, entry, "id"), hint="ids must be unique")
        seen.add(document.id)
        documents.append(document)
    return documents


def _load_document(entry: dict[str, Any], manifest: Path, root: Path) -> Document:
    file = confine(root, str(entry["path"]), "document", where(manifest, entry, "path"))
    if not file.is_file():
        raise InputError(f"document file {entry['path']} not found",
                         where=where(manifest, entry, "path"), hint="check the path")
    raw = file.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        raise InputError(f"sha256 of {entry['path']} is {digest}, manifest says {entry['sha256']}",
                         where=where(manifest, entry, "sha256"),
                         hint="restore the file byte-for-byte or update the manifest")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{entry['path']} is not UTF-8: {exc}", where=shown(file)) from exc
    meta: dict[str, str] = {k: str(entry[k]) for k in ("outlet", "event", "note", "path")
                            if k in entry}
    dct = entry.get("dct")
    return Document(id=str(entry["id"]), text=text, sha256=digest,
                    dct=str(dct) if dct is not None else None,
                    language=str(entry.get("language", "ar")), meta=meta)
