"""``make run``'s command prepares the site once, then serves."""

import pytest

from django.core.management import call_command

from cms.management.commands import serve_dev_site


@pytest.fixture
def commands_run(monkeypatch):
    """The commands ``serve_dev_site`` calls, recorded instead of run."""
    run = []
    monkeypatch.setattr(
        serve_dev_site, "call_command", lambda name, *args, **options: run.append(name)
    )
    return run


def test_the_first_process_prepares_the_site_then_serves(commands_run, monkeypatch):
    monkeypatch.delenv("RUN_MAIN", raising=False)

    call_command("serve_dev_site")

    assert commands_run == ["migrate", "load_demo_content", "create_dev_users", "runserver"]


def test_the_reloaders_child_only_serves(commands_run, monkeypatch):
    """Each code change restarts the child: it must not migrate or reset passwords again."""
    monkeypatch.setenv("RUN_MAIN", "true")

    call_command("serve_dev_site")

    assert commands_run == ["runserver"]
