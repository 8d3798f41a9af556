"""Settings for the services a deployment attaches through environment variables.

Each function turns the environment (passed in by ``base``, which stays the one
place that reads it) into one Django setting, and falls back to what a laptop
needs: a per-process memory cache, files under ``media/``, search in the
database, no CDN to purge. Kept apart from ``base`` so each switch is readable
and testable on its own. See the README's "Running in production" for the variables.
"""

from collections.abc import Mapping


def caches(env: Mapping[str, str]) -> dict:
    """Redis when ``REDIS_URL`` is set, so every web process shares one cache.

    The API's response cache, DRF's throttle counters and the stale-page copies
    all live here: with several processes and no shared cache, rate limits would
    be per process and each process would render every page once.
    """
    url = env.get("REDIS_URL", "")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "library"),
            # Fail fast when Redis is away rather than hold a worker for the OS timeout.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


def with_timeouts(database: dict, *, seconds: int) -> dict:
    """No request waits on the database for longer than ``seconds`` (``DB_TIMEOUT_SECONDS``).

    PostgreSQL: ``connect_timeout`` bounds a connection attempt to a server that
    does not answer, and ``statement_timeout`` / ``lock_timeout`` end a query the
    server is stuck on. SQLite: ``timeout`` bounds the wait for another process's
    lock. Kept answers touch no database, so they keep flowing meanwhile.
    """
    options = database.setdefault("OPTIONS", {})
    engine = database.get("ENGINE", "")
    if engine.endswith("postgresql"):
        options.setdefault("connect_timeout", seconds)
        limits = f"-c statement_timeout={seconds * 1000} -c lock_timeout={seconds * 1000}"
        options["options"] = f"{options.get('options', '')} {limits}".strip()
    elif engine.endswith("sqlite3"):
        options.setdefault("timeout", seconds)
    return database


def media_storage(env: Mapping[str, str]) -> dict:
    """S3-compatible object storage when ``AWS_STORAGE_BUCKET_NAME`` is set.

    Credentials come from the standard AWS variables (``AWS_ACCESS_KEY_ID``,
    ``AWS_SECRET_ACCESS_KEY``) or the instance role, read by boto3 itself.
    """
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": None,  # the bucket's policy decides; never public-read per object
        "file_overwrite": False,
        "querystring_auth": False,  # public media; private files would need signed URLs
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    optional = {
        "endpoint_url": "AWS_S3_ENDPOINT_URL",
        "region_name": "AWS_S3_REGION_NAME",
        "custom_domain": "AWS_S3_CUSTOM_DOMAIN",
        "location": "AWS_LOCATION",
    }
    options.update({key: env[name] for key, name in optional.items() if env.get(name)})
    return {"BACKEND": "cms.storage.MediaS3Storage", "OPTIONS": options}


SEARCH_BACKENDS = {
    "elasticsearch8": "modelsearch.backends.elasticsearch8",
    "elasticsearch9": "modelsearch.backends.elasticsearch9",
    "opensearch2": "modelsearch.backends.opensearch2",
    "opensearch3": "modelsearch.backends.opensearch3",
}


def search_backends(env: Mapping[str, str]) -> dict:
    """The database backend unless ``SEARCH_URL`` points at Elasticsearch/OpenSearch.

    ``SEARCH_BACKEND`` picks the client (default ``elasticsearch8``); its Python
    package (``elasticsearch`` or ``opensearch-py``) must then be installed too,
    which is why it is not in requirements.in. Run ``manage.py update_index``
    after switching.
    """
    url = env.get("SEARCH_URL", "")
    if not url:
        # Wagtail's database backend, with SQLite's ranking done in one pass.
        return {"default": {"BACKEND": "cms.search_backend"}}
    kind = env.get("SEARCH_BACKEND", "elasticsearch8")
    if kind not in SEARCH_BACKENDS:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}")
    return {
        "default": {
            "BACKEND": SEARCH_BACKENDS[kind],
            "URLS": [url],
            "INDEX_PREFIX": env.get("SEARCH_INDEX_PREFIX", "library_"),
            "TIMEOUT": 5,
            "AUTO_UPDATE": True,
        }
    }


def frontend_cache(env: Mapping[str, str]) -> dict:
    """CDN or caching proxies that Wagtail purges when a page is published or unpublished.

    Any combination of an HTTP PURGE endpoint (Varnish, nginx, Fastly-style),
    Cloudflare and CloudFront; none by default.
    """
    backends = {}
    if env.get("FRONTEND_CACHE_PURGE_URL"):
        backends["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env["FRONTEND_CACHE_PURGE_URL"],
        }
    if env.get("CLOUDFLARE_ZONE_ID") and env.get("CLOUDFLARE_API_TOKEN"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env["CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": env["CLOUDFLARE_API_TOKEN"],
        }
    if env.get("CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends
