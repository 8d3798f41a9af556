"""The dependency audit's verdicts, against a fake PyPI (no network)."""

import pytest

from tests.ops import pin_audit
from tests.ops.pin_audit import PYPI, audit_pin, read_pins


def fake_pypi(documents: dict):
    """A fetch function over {url: document}; a missing URL is PyPI's 404."""

    def fetch(url):
        document = documents.get(url)
        if isinstance(document, Exception):
            raise document
        return document

    return fetch


def project(newest, vulnerabilities=()):
    """PyPI's project document: it describes the newest release only."""
    return {"info": {"version": newest}, "vulnerabilities": list(vulnerabilities)}


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
    fetch = fake_pypi({f"{PYPI}/lib/json": project("2.0", listed)})
    assert audit_pin("lib", "2.0", fetch).status == status


def test_an_older_pin_is_reported_but_does_not_fail_the_audit():
    fetch = fake_pypi({f"{PYPI}/lib/json": project("2.0")})
    verdict = audit_pin("lib", "1.0", fetch)
    assert verdict.status == "outdated" and not verdict.failed
    assert "newest is 2.0" in verdict.detail


def test_a_held_back_pin_shows_its_reason(monkeypatch):
    monkeypatch.setitem(pin_audit.HELD_BACK, "lib", "a test reason")
    fetch = fake_pypi({f"{PYPI}/lib/json": project("2.0")})
    verdict = audit_pin("lib", "1.5", fetch)
    assert verdict.status == "outdated" and "a test reason" in verdict.detail


def test_only_vulnerable_or_unknown_pins_fail_the_run(monkeypatch, capsys):
    documents = {
        f"{PYPI}/old/json": project("2.0"),
        f"{PYPI}/bad/1.0/json": {"vulnerabilities": [{"id": "PYSEC-7"}]},
    }
    monkeypatch.setattr(pin_audit, "fetch_json", fake_pypi(documents))
    monkeypatch.setattr(pin_audit, "read_pins", lambda paths: [("old", "1.0")])
    assert pin_audit.main([]) == 0
    monkeypatch.setattr(pin_audit, "read_pins", lambda paths: [("old", "1.0"), ("bad", "1.0")])
    assert pin_audit.main([]) == 1
    assert "PYSEC-7" in capsys.readouterr().out


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
