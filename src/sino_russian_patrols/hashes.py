"""SHA-256, the one hash the project records: of articles, tables, descriptors and releases.

Every digest is the lowercase hex of SHA-256. A descriptor records a resource's hash as
`sha256:<hex>` (or a bare `<hex>`, which Frictionless reads as SHA-256 too); `matches` accepts
both, so that a file is checked one way wherever a recorded hash is compared.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ALGORITHM = "sha256"
_memo: dict[tuple[str, int, int], str] = {}  # (path, size, mtime_ns) -> digest, per process


def bytes_sha256(data: bytes, /) -> str:
    """The SHA-256 of `data`, as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path, /) -> str:
    """The SHA-256 of a file, read as a stream: a file of any size is hashed in a little
    memory, and hashlib lets other threads run meanwhile (validate parses one table while it
    hashes another). Raises OSError when the file cannot be read."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, ALGORITHM).hexdigest()


def file_sha256_once(path: Path, /) -> str:
    """The SHA-256 of a file, computed once per process for a given path, size and
    modification time: a cached release is checked on every use without rereading it."""
    info = path.stat()
    key = (str(path), info.st_size, info.st_mtime_ns)
    if key not in _memo:
        _memo[key] = file_sha256(path)
    return _memo[key]


def recorded_digest(recorded: object, /) -> str | None:
    """The hex digest in a recorded hash (`sha256:<hex>` or `<hex>`); None when it names
    another algorithm or is not 64 characters long, so it cannot be checked here."""
    algorithm, _, digest = str(recorded).rpartition(":")
    return digest if algorithm in (ALGORITHM, "") and len(digest) == 64 else None


def matches(digest: str, recorded: object, /) -> bool:
    """Whether the hex `digest` is the recorded hash, given as `sha256:<hex>` or `<hex>`."""
    return str(recorded) in (digest, f"{ALGORITHM}:{digest}")
