"""Gunicorn settings: ``gunicorn -c python:cms.gunicorn cms.wsgi``.

Read from the environment the way platforms set it: ``PORT`` and
``WEB_CONCURRENCY``. Sync workers suit this site (short requests, answers mostly
from the cache); several processes rather than threads keep one slow request
from holding the others. Workers are recycled after a jittered number of
requests so slow leaks never add up and never restart all at once.
"""

import multiprocessing
import os


def worker_count(env) -> int:
    """``WEB_CONCURRENCY``, else two per core plus one (at most 8); the deploy checks ask too."""
    return int(env.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))


bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = worker_count(os.environ)
worker_class = "sync"
# A request taking longer than this is a bug or an attack: kill the worker, log it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Behind a proxy that reuses connections; longer than most proxies' idle timeouts is not needed.
keepalive = 5
# Each recycle empties that worker's memory cache (without REDIS_URL, the only one),
# so not too often: at 100 requests a second per worker, every minute or so.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Load the app once in the master, then fork: faster start, shared memory pages.
preload_app = True
# No runtime control socket (gunicornc): one less way in, and two servers on one
# machine would otherwise fight over $HOME/.gunicorn/gunicorn.ctl.
control_socket_disable = True
# Only the proxy talks to gunicorn; trust its X-Forwarded-* from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr for the platform to collect. The access log has the path
# without its query string (%(U)s, not %(r)s): search words and cursors stay out
# of the logs, and no request headers, cookies or client-sent data are logged.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def post_fork(server, worker):
    """Each worker opens its own database connections, never the master's."""
    from django.db import connections

    connections.close_all()


def on_starting(server):
    """Kept answers and their versions live in the cache (cms/delivery): workers must share it.

    With a per-process cache, a publish handled by one worker is not seen by the
    others, which keep their copies until the next scheduled change or midnight.
    """
    if workers > 1 and not os.environ.get("REDIS_URL"):
        server.log.warning(
            "%s workers without REDIS_URL: a publish is seen only by the worker that "
            "handled it; set REDIS_URL (or WEB_CONCURRENCY=1)",
            workers,
        )
