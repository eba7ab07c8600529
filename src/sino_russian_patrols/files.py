"""Read an input file only when it is what it claims to be: a regular file inside the project.

A build input that is a directory, a FIFO (reading it would wait forever), a device, a
dangling link or a link out of the project is refused with a message, never read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 50_000_000


class NotARegularFile(ValueError):
    """The path cannot be read as an input file; the message says why."""


def read_regular(
    path: Path, /, *, within: Path | None = None, limit: int = MAX_INPUT_BYTES
) -> bytes:
    """The bytes of `path`, a regular file (not a link) no larger than `limit`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise NotARegularFile("file not found") from None
    except OSError as exc:
        raise NotARegularFile(f"cannot be read ({exc.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise NotARegularFile("a dangling symbolic link")
        if within is not None and not target.is_relative_to(Path(os.path.realpath(within))):
            raise NotARegularFile(f"a symbolic link out of the project (to {target})")
        raise NotARegularFile("a symbolic link; inputs are regular files")
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise NotARegularFile(f"{kind}; inputs are regular files")
    if info.st_size > limit:
        raise NotARegularFile(f"{info.st_size:,} bytes; an input file is at most {limit:,} bytes")
    return path.read_bytes()
