"""The public Python API beyond loading: validate, diff, versions, cite, describe() as an
overview, the exceptions at top level, the module layout (`download` the function, `fetch`
its module) and the typing marker; on the real package, real zips and a private cache."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import polars as pl
import pytest

import sino_russian_patrols as srp
from helpers import OTHER, ROOT, release_zip
from sino_russian_patrols import fetch
from sino_russian_patrols.citation import read_cff
from sino_russian_patrols.schema import TABLES


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache holding the downloaded zip of release OTHER (registered through an
    extra registry), so that resolving OTHER needs no network."""
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(fetch.BASE_URL_ENV, raising=False)
    zip_file = release_zip(tmp_path, OTHER)
    registry = tmp_path / "registry.json"
    entry = {"file": zip_file.name, "sha256": hashlib.sha256(zip_file.read_bytes()).hexdigest()}
    registry.write_text(json.dumps({"releases": {OTHER: entry}}), encoding="utf-8")
    monkeypatch.setenv(fetch.REGISTRY_ENV, str(registry))
    downloads = tmp_path / "cache" / "downloads"
    downloads.mkdir(parents=True)
    shutil.copy2(zip_file, downloads / zip_file.name)
    return tmp_path / "cache"


# -- names and modules ---------------------------------------------------------------------


def test_every_public_name_is_there_and_typed() -> None:
    for name in srp.__all__:
        assert getattr(srp, name) is not None, name
    for error in ("UnreadablePackage", "DownloadError", "UnknownVersionError", "ChecksumError",
                  "UnsafeArchiveError", "BuildError", "SchemaError", "SwapIncomplete",
                  "SwapError", "ReleaseError"):  # fmt: skip
        assert issubclass(getattr(srp, error), Exception), error
    assert issubclass(srp.UnknownVersionError, srp.DownloadError)
    assert issubclass(srp.SchemaError, srp.BuildError)
    assert (Path(srp.__file__).parent / "py.typed").is_file()
    assert srp.Report.__name__ == "Report" and srp.PackageDiff.__name__ == "PackageDiff"


def test_download_is_the_function_and_fetch_its_module() -> None:
    assert callable(srp.download) and srp.download is fetch.download
    assert importlib.util.find_spec("sino_russian_patrols.fetch") is not None
    assert importlib.util.find_spec("sino_russian_patrols.download") is None  # nothing shadowed
    # The validator's machinery is the subpackage `validation`: importing it leaves
    # `validate` the function, and no module is named like a function.
    assert importlib.util.find_spec("sino_russian_patrols.validate") is None
    code = (
        "import sino_russian_patrols as srp; import sino_russian_patrols.validation.report;"
        "from sino_russian_patrols.validation.report import Report;"
        "print(callable(srp.validate), Report.__name__)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.split() == ["True", "Report"], run.stderr


def test_table_names_are_literals_for_type_checkers() -> None:
    """Editors complete table names from the Literal types of the signatures."""
    assert typing.get_args(srp.TableName) == TABLES
    from sino_russian_patrols.load import LoadName

    names = {n for literal in typing.get_args(LoadName) for n in typing.get_args(literal)}
    assert names == {*TABLES, "events_wide"}
    overloads = typing.get_overloads(srp.load)
    assert overloads and all(o.__annotations__["name"] == "LoadName" for o in overloads)
    assert srp.describe.__annotations__["name"] == "LoadName | None"
    assert srp.path.__annotations__["name"] == "TableName"


# -- validate ------------------------------------------------------------------------------


def test_validate_defaults_to_the_checkout_here_else_the_installed_package(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project_copy / "build")  # anywhere inside the checkout
    report = srp.validate()
    assert report.valid, report.text()
    assert Path(report.path) == project_copy / "datapackage.json"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert Path(srp.validate().path) == srp.data_root() / "datapackage.json"


def test_validate_reads_folders_files_and_zips(package_copy: Path, tmp_path: Path) -> None:
    assert srp.validate(package_copy).valid
    assert srp.validate(str(package_copy / "datapackage.json")).valid
    zip_file = release_zip(tmp_path, srp.__version__)
    report = srp.validate(zip_file)
    assert report.valid, report.text()
    assert report.path == str(zip_file)
    with pytest.raises(srp.UnreadablePackage, match="no such file"):
        srp.validate(tmp_path / "nowhere")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    with pytest.raises(srp.UnreadablePackage, match=r"broken\.zip: not a readable zip"):
        srp.validate(broken)


# -- diff ----------------------------------------------------------------------------------


def test_diff_takes_versions_folders_and_zips(
    cache: Path, package_copy: Path, tmp_path: Path
) -> None:
    assert srp.diff(srp.__version__, package_copy).identical
    events = package_copy / "dataset" / "parquet" / "events.parquet"
    pl.read_parquet(events).head(3).write_parquet(events)
    zip_file = release_zip(tmp_path, srp.__version__)
    changed = srp.diff(zip_file, package_copy)
    assert not changed.identical and changed.old["path"] == str(zip_file)
    assert {t.table for t in changed.tables if t.status == "changed"} == {"events"}
    other = srp.diff(OTHER, srp.__version__)  # a released version: from the cache
    assert other.identical and other.old["version"] == OTHER
    assert Path(other.old["path"]).is_relative_to(cache)
    with pytest.raises(srp.UnreadablePackage, match="no such file"):
        srp.diff(tmp_path / "nowhere", package_copy)
    with pytest.raises(srp.UnknownVersionError, match=r"unknown release '9\.9\.9'"):
        srp.diff("9.9.9", package_copy)


# -- versions and the cache ----------------------------------------------------------------


def test_versions_marks_installed_released_and_cached(cache: Path) -> None:
    before = {v.version: v for v in srp.versions()}
    assert before[srp.__version__].installed and before[srp.__version__].path == srp.data_root()
    assert before[OTHER].released and not before[OTHER].cached and before[OTHER].path is None
    shipped = json.loads((ROOT / "src/sino_russian_patrols/releases.json").read_text("utf-8"))
    assert set(shipped["releases"]) <= set(before)
    folder = srp.download(OTHER)
    after = {v.version: v for v in srp.versions()}
    assert after[OTHER].cached and after[OTHER].path == folder
    assert sum(v.installed for v in after.values()) == 1
    assert fetch.clear_cache(OTHER) == [OTHER]
    assert not {v.version: v for v in srp.versions()}[OTHER].cached


def test_clearing_the_cache_deletes_only_what_download_wrote(cache: Path) -> None:
    srp.download(OTHER)
    (cache / "notes.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(ValueError, match="not a version number"):
        fetch.clear_cache("../..")
    assert fetch.clear_cache() == [OTHER]
    assert sorted(p.name for p in cache.iterdir()) == ["notes.txt"]


# -- cite and describe ---------------------------------------------------------------------


def test_cite_reads_citation_cff_without_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    expected = yaml.safe_load(text)
    fields = read_cff(text)
    assert set(fields) == set(expected)
    for key in ("title", "version", "abstract", "message", "license", "authors", "keywords"):
        want = expected[key]
        if isinstance(want, list):
            want = [{k: str(v) for k, v in w.items()} if isinstance(w, dict) else str(w)
                    for w in want]  # fmt: skip
        else:
            want = str(want)
        assert fields[key] == want, key
    assert fields["date-released"] == str(expected["date-released"])

    bibtex = srp.cite()
    assert bibtex.startswith("@misc{sino_russian_patrols_" + srp.__version__.replace(".", "_"))
    assert f"version = {{{srp.__version__}}}" in bibtex
    assert "title = {{" + expected["title"] + "}}" in bibtex
    assert f"year = {{{str(expected['date-released'])[:4]}}}" in bibtex
    assert "author = {{" + expected["authors"][0]["name"] + "}}" in bibtex
    apa = srp.cite("apa")
    assert apa.startswith(
        f"{expected['authors'][0]['name']}. ({str(expected['date-released'])[:4]})."
    )
    assert f"(Version {srp.__version__}) [Data set]." in apa
    assert srp.cite("cff") == text
    with pytest.raises(ValueError, match="choose one of: bibtex, apa, cff"):
        srp.cite("mla")  # type: ignore[arg-type]


def test_a_citation_file_beyond_the_subset_is_refused_at_its_line() -> None:
    with pytest.raises(ValueError, match=r"CITATION\.cff:2: '\[' values are not supported"):
        read_cff("title: x\nkeywords: [a, b]\n")
    with pytest.raises(ValueError, match=r"CITATION\.cff:3: expected a list item"):
        read_cff("authors:\n  - name: x\n  oops\n")


def test_describe_without_a_table_is_an_overview() -> None:
    overview = srp.describe()
    assert overview.columns == ["table", "title", "rows", "columns", "primary_key", "description"]
    assert overview["table"].to_list() == list(srp.tables())
    descriptor = json.loads((srp.data_root() / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for row in overview.iter_rows(named=True):
        frame = srp.load(row["table"])
        assert row["rows"] == frame.height and row["columns"] == frame.width
        assert row["title"] == resources[row["table"]]["title"]
        key = resources[row["table"]]["schema"]["primaryKey"]
        assert row["primary_key"] == ([key] if isinstance(key, str) else key)
