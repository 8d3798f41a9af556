"""Fixtures for the reading pages: HTML parsing and the demo library."""

import pytest
from bs4 import BeautifulSoup

from cms.demo.loader import load_demo_library


@pytest.fixture
def get_html(client):
    """GET a path, assert the status, and return the parsed document."""

    def get(path, status=200, **params):
        response = client.get(path, params)
        assert response.status_code == status, response.content[:500]
        return BeautifulSoup(response.content, "html.parser")

    return get


@pytest.fixture
def demo_library(db):
    """The demo library as ``make run`` loads it: every block type, images, links."""
    load_demo_library()
