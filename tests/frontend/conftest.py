"""Fixtures for the reading pages: HTML parsing."""

import pytest
from bs4 import BeautifulSoup


@pytest.fixture
def get_html(client):
    """GET a path, assert the status, and return the parsed document."""

    def get(path, status=200, **params):
        response = client.get(path, params)
        assert response.status_code == status, response.content[:500]
        return BeautifulSoup(response.content, "html.parser")

    return get
