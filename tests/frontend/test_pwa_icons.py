"""The committed app icons are exactly what frontend/icons.py draws.

If this fails after changing the drawing, run ``python -m frontend.icons`` and
commit the files it writes.
"""

import pytest

from frontend import icons


@pytest.mark.parametrize("name", sorted(icons.render_all()))
def test_regenerating_an_icon_gives_the_committed_file(name):
    committed = icons.ICON_DIR / name

    assert committed.exists(), f"{name} is missing: run python -m frontend.icons"
    assert committed.read_bytes() == icons.render_all()[name]
