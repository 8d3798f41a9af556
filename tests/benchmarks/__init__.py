"""``make bench``: our API against Wagtail's built-in API v2, side by side.

Nothing here is a test module (no ``test_*.py``), so pytest never collects it.
"""
