"""The `validate` command: exit code 0 valid, 1 invalid, 2 when there is nothing to validate
(a descriptor that cannot be read: missing, not JSON, nested too deep, too large, a FIFO),
never a traceback; the installed command reports through a subprocess as `main` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import (
    assert_no_traceback,
    bad_integer,
    edit_descriptor,
    line_for,
    run_validate,
    truncate_parquet,
)

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).parent / "sino-russian-patrols"


def test_the_installed_command_reports_through_a_subprocess(package_copy: Path) -> None:
    bad_integer(package_copy)
    truncate_parquet(package_copy)
    result = subprocess.run(
        [str(COMMAND), "validate", str(package_copy)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr
    line_for(result.stdout, "aircraft", "type", "count", "000_6fdb1ee85ed25e2e-a01")
    line_for(result.stdout, "events", "parquet_unreadable", None, None)
    valid = subprocess.run(
        [str(COMMAND), "validate", str(ROOT / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert valid.stdout.startswith("valid: ")


@pytest.mark.parametrize(
    "content",
    [None, b"", b"{not json", b"\xff\xfe", b"[]", b'{"resources": 3}'],
    ids=["missing", "empty", "not-json", "not-utf8", "a-list", "no-resource-list"],
)
def test_an_unreadable_descriptor_exits_2(
    package_copy: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    descriptor = package_copy / "datapackage.json"
    if content is None:
        descriptor.unlink()
    else:
        descriptor.write_bytes(content)
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and "datapackage.json" in err


def test_a_valid_copy_exits_0(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_validate(package_copy / "datapackage.json", capsys=capsys)
    assert code == 0
    assert out.startswith("valid: ") and "statements" in out


@pytest.mark.parametrize("where", ["top", "resource"])
def test_a_descriptor_nested_too_deep_exits_2(
    package_copy: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    descriptor = package_copy / "datapackage.json"
    if where == "top":  # deeper than the JSON parser's own recursion
        descriptor.write_text('{"resources": ' + "[" * 1200 + "]" * 1200 + "}", encoding="utf-8")
    else:  # parsed, then refused
        edit_descriptor(
            package_copy, lambda d: d["resources"][0].update(x=json.loads("[" * 200 + "]" * 200))
        )
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 2 and out == ""
    assert "datapackage.json" in err and "nested more than 64 levels deep" in err
    assert_no_traceback(out, err)


def test_a_huge_descriptor_is_refused_unread(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sino_russian_patrols.package import MAX_DESCRIPTOR_BYTES

    with (package_copy / "datapackage.json").open("r+b") as f:
        f.truncate(MAX_DESCRIPTOR_BYTES + 1)  # sparse: costs no disk; read, it would be parsed
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 2 and out == ""
    assert "datapackage.json" in err and f"larger than {MAX_DESCRIPTOR_BYTES:,} bytes" in err
    assert_no_traceback(out, err)


def test_a_descriptor_that_is_a_fifo_is_refused_not_waited_on(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (package_copy / "datapackage.json").unlink()
    os.mkfifo(package_copy / "datapackage.json")
    code, _, err = run_validate(package_copy, capsys=capsys)
    assert code == 2 and "datapackage.json" in err and "not a regular file" in err
