"""Read an input file only when it is what it claims to be: a regular file inside the project.

A build input that is a directory, a FIFO (reading it would wait forever), a device, a
dangling link or a link out of the project is refused with a message, never read. So is a
file larger than MAX_INPUT_BYTES: the largest article or annotation is a few kilobytes, and a
file of gigabytes would be read whole into memory and quoted in messages.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 5_000_000  # documented in build/README.md


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
    too_large = f"larger than {limit:,} bytes, the limit of an input file"
    if info.st_size > limit:
        raise NotARegularFile(f"{info.st_size:,} bytes, {too_large}")
    # The path may have changed since: open without following a link or waiting on a FIFO,
    # check again what was opened, and never read past the limit.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        file = os.fdopen(os.open(path, flags), "rb")
    except OSError as exc:
        raise NotARegularFile(f"cannot be read ({exc.strerror})") from None
    with file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotARegularFile("not a regular file; inputs are regular files")
        try:
            raw = file.read(limit + 1)
        except OSError as exc:  # /proc/self/mem claims to be a regular file, then fails
            raise NotARegularFile(f"cannot be read ({exc.strerror})") from None
    if len(raw) > limit:
        raise NotARegularFile(too_large)
    return raw
