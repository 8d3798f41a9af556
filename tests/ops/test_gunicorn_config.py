"""The gunicorn settings read the platform's variables and keep query strings out of logs."""

import json

from tests.ops.processes import run_python

PROBE = """
import json
from gunicorn.config import Config
config = Config()
for name, value in vars(__import__("cms.gunicorn", fromlist=["*"])).items():
    if name in config.settings:
        config.set(name, value)
print(json.dumps({name: str(config.settings[name].get()) for name in (
    "bind", "workers", "timeout", "max_requests", "max_requests_jitter", "access_log_format"
)}))
"""


def test_gunicorn_reads_port_and_web_concurrency(production_env):
    production_env.update(PORT="8123", WEB_CONCURRENCY="3")
    result = run_python(production_env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["bind"] == "['0.0.0.0:8123']"
    assert config["workers"] == "3"
    assert 10 <= int(config["timeout"]) <= 60
    assert int(config["max_requests"]) > 0 and int(config["max_requests_jitter"]) > 0
    # %(U)s is the path alone; %(r)s and %(q)s would log query strings.
    assert "%(U)s" in config["access_log_format"]
    assert "%(r)s" not in config["access_log_format"]
    assert "%(q)s" not in config["access_log_format"]


def test_worker_recycling_can_be_tuned_or_turned_off(production_env):
    production_env.update(GUNICORN_MAX_REQUESTS="0")
    config = json.loads(run_python(production_env, "-c", PROBE).stdout)
    assert (config["max_requests"], config["max_requests_jitter"]) == ("0", "0")
