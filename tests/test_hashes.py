"""hashes: one SHA-256 for bytes and files, and one reading of a recorded hash."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sino_russian_patrols.hashes import (
    bytes_sha256,
    file_sha256,
    file_sha256_once,
    matches,
    recorded_digest,
)

# The SHA-256 of b"abc" (FIPS 180-2, appendix B.1).
ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_bytes_and_a_file_of_them_have_the_published_digest(tmp_path: Path) -> None:
    file = tmp_path / "abc.txt"
    file.write_bytes(b"abc")
    assert bytes_sha256(b"abc") == ABC
    assert file_sha256(file) == ABC


def test_a_file_larger_than_one_read_is_hashed_whole(tmp_path: Path) -> None:
    data = os.urandom(3 * (1 << 20) + 17)
    file = tmp_path / "large.bin"
    file.write_bytes(data)
    assert file_sha256(file) == hashlib.sha256(data).hexdigest()


def test_the_memo_is_recomputed_when_the_file_changes(tmp_path: Path) -> None:
    file = tmp_path / "data.csv"
    file.write_bytes(b"abc")
    assert file_sha256_once(file) == ABC
    file.write_bytes(b"abcd")  # another size: another key
    assert file_sha256_once(file) == bytes_sha256(b"abcd")


def test_a_recorded_hash_matches_with_or_without_its_algorithm() -> None:
    assert matches(ABC, f"sha256:{ABC}")
    assert matches(ABC, ABC)
    assert not matches(ABC, f"md5:{ABC}")
    assert not matches(ABC, "sha256:" + "0" * 64)
    assert not matches(ABC, None)


def test_only_a_sha256_of_64_characters_can_be_checked() -> None:
    assert recorded_digest(f"sha256:{ABC}") == ABC
    assert recorded_digest(ABC) == ABC
    assert recorded_digest(f"md5:{ABC}") is None
    assert recorded_digest("sha256:abc") is None
    assert recorded_digest("") is None
