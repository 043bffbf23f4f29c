"""Writing outputs atomically: a temporary file beside the target, then a rename, so an existing
output is never left half-written, whatever happens mid-way."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str | Path, data: bytes | str | Iterable[bytes], *, durable: bool = True) -> Path:
    """Write ``data`` (bytes, text, or chunks of bytes) to ``path`` through a temporary file and
    a rename. ``durable`` also flushes the file to disk first; bulk writers of thousands of
    files skip that and sync once."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb", buffering=0) as f:
            if isinstance(data, bytes):
                f.write(data)
            else:
                for chunk in data:
                    f.write(chunk)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
