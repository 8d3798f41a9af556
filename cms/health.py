"""``/healthz``: may this process take traffic? For load balancers and uptime checks.

It answers 200 when the database answers a query and the cache keeps a value,
and 503 otherwise, with which check failed (never why: error texts can name
hosts and users). Never cached, so a proxy cannot answer for a dead process.
The database is asked from a thread of its own, on a connection of its own,
and given ``PROBE_SECONDS``: a hung server (one that accepts connections and
then says nothing) makes this a 503 within two seconds, not a hung worker.
"""

import logging
import threading
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


PROBE_SECONDS = 1.5


def select_one() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_database() -> None:
    outcome = {}

    def probe():
        try:
            select_one()
            outcome["ok"] = True
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connection.close()  # this thread's own connection; it ends with the thread

    thread = threading.Thread(target=probe, name="healthz-database", daemon=True)
    thread.start()
    thread.join(PROBE_SECONDS)
    if "error" in outcome:
        raise outcome["error"]
    if not outcome.get("ok"):
        raise TimeoutError(f"the database did not answer within {PROBE_SECONDS} s")


def check_cache() -> None:
    key, token = "healthz:probe", uuid.uuid4().hex
    cache.set(key, token, 10)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not keep a value")


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_safe
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
