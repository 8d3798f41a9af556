"""The dependency audit's verdicts, against a fake PyPI (no network)."""

import pytest

from tests.ops import pin_audit
from tests.ops.pin_audit import PYPI, audit_pin, read_pins


def release_files(requires_python=">=3.10", yanked=False):
    return [{"requires_python": requires_python, "yanked": yanked}]


def fake_pypi(documents: dict):
    """A fetch function over {url: document}; a missing URL is PyPI's 404."""

    def fetch(url):
        document = documents.get(url)
        if isinstance(document, Exception):
            raise document
        return document

    return fetch


def project(newest, releases, vulnerabilities=()):
    return {
        "info": {"version": newest},
        "releases": releases,
        "vulnerabilities": list(vulnerabilities),
    }


def test_a_release_document_is_used_when_pypi_serves_it():
    fetch = fake_pypi(
        {
            f"{PYPI}/lib/1.0/json": {
                "vulnerabilities": [{"id": "PYSEC-1", "withdrawn": None}, {"id": "GHSA-2"}]
            }
        }
    )
    verdict = audit_pin("lib", "1.0", fetch)
    assert (verdict.status, verdict.advisories, verdict.failed) == (
        "vulnerable",
        ["GHSA-2", "PYSEC-1"],
        True,
    )


def test_withdrawn_advisories_do_not_count():
    fetch = fake_pypi(
        {f"{PYPI}/lib/1.0/json": {"vulnerabilities": [{"id": "X", "withdrawn": "2026-01-01"}]}}
    )
    assert audit_pin("lib", "1.0", fetch).status == "clean"


@pytest.mark.parametrize(("listed", "status"), [([], "clean"), ([{"id": "PYSEC-9"}], "vulnerable")])
def test_a_pin_on_the_newest_release_is_checked_with_the_project_document(listed, status):
    fetch = fake_pypi({f"{PYPI}/lib/json": project("2.0", {"2.0": release_files()}, listed)})
    assert audit_pin("lib", "2.0", fetch).status == status


def test_an_older_pin_without_a_reason_fails():
    fetch = fake_pypi({f"{PYPI}/lib/json": project("2.0", {"1.0": release_files()})})
    verdict = audit_pin("lib", "1.0", fetch)
    assert verdict.status == "unexplained" and verdict.failed
    assert "2.0" in verdict.detail


def test_a_held_back_pin_must_be_the_newest_release_its_range_allows(monkeypatch):
    monkeypatch.setitem(pin_audit.HELD_BACK, "lib", ("<2.0", "a test range"))
    releases = {
        "1.4": release_files(),
        "1.5": release_files(),
        "1.6": release_files(yanked=True),
        "1.7": release_files(requires_python=">=3.11.5"),
        "1.8rc1": release_files(),
        "2.0": release_files(),
    }
    fetch = fake_pypi({f"{PYPI}/lib/json": project("2.0", releases)})

    behind = audit_pin("lib", "1.4", fetch)
    assert behind.status == "behind" and behind.failed
    assert behind.detail.startswith("1.5 ")

    current = audit_pin("lib", "1.5", fetch)
    assert current.status == "held-back" and not current.failed


def test_an_unreachable_index_is_a_failure_not_a_pass():
    fetch = fake_pypi({f"{PYPI}/lib/1.0/json": ConnectionRefusedError("refused")})
    verdict = audit_pin("lib", "1.0", fetch)
    assert verdict.status == "unknown" and verdict.failed


def test_pins_are_read_from_compiled_requirements(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "# via uv\nDjango==5.2.19\n    # via wagtail\n"
        "psycopg[binary]==3.3.9 ; python_version >= '3.11'\n"
        "Pillow_HEIF==1.8.1 \\\n    --hash=sha256:abc\n-e ./local\nloose>=1\n"
    )
    assert read_pins([requirements, requirements]) == [
        ("django", "5.2.19"),
        ("pillow-heif", "1.8.1"),
        ("psycopg", "3.3.9"),
    ]
