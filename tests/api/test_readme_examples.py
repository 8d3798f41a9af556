"""The README's API examples work on the demo library, as a reader copies them.

Each ``http://127.0.0.1:8000/api/v1/...`` URL in the README is asked of the demo
library; ``{id}`` stands for the first id the same resource lists, as the README
says ("its id, then:"). Literal ids must be the demo library's own.
"""

import re

import pytest

from cms.demo.loader import load_demo_library
from tests.serving import ROOT

EXAMPLE = re.compile(r"http://127\.0\.0\.1:8000(/api/v1/[^\s\"'`)]*)")


def readme_examples() -> list[str]:
    return sorted(set(EXAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))))


def test_the_readme_has_api_examples():
    assert len(readme_examples()) >= 15


@pytest.mark.django_db
def test_every_readme_api_example_answers_200_on_the_demo_library(client):
    load_demo_library()
    failures = {}
    for path in readme_examples():
        if "{id}" in path:
            listing = path.split("{id}")[0]
            first = client.get(listing, {"limit": 1}).json()["results"][0]["id"]
            path = path.replace("{id}", str(first))
        response = client.get(path)
        if response.status_code != 200:
            failures[path] = response.status_code
    assert failures == {}
