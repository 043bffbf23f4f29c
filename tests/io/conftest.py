"""Fixtures for the writing layer: small and read-only file systems (tmpfs mounts).

Mounting needs root. Under CI (``CI=true``, where the test command runs as root) a failed mount
fails the test; elsewhere the test is skipped.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _cannot(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"cannot make a test file system under CI: {reason}")
    pytest.skip(f"cannot make a test file system here: {reason}")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """``tmpfs(size="1M")`` mounts a fresh tmpfs and returns its folder; ``remount_ro(folder)``
    is done with ``tmpfs.read_only(folder)``."""
    mounted: list[Path] = []

    def mount(size: str = "1M") -> Path:
        if os.geteuid() != 0:
            _cannot("not root")
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            _cannot(r.stderr.strip())
        mounted.append(where)
        return where

    def read_only(where: Path) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)

    mount.read_only = read_only  # type: ignore[attr-defined]
    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)
