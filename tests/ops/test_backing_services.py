"""Each attached service is one environment variable away, and absent by default."""

import pytest

from cms.settings import backing_services


def test_no_variables_means_a_laptop():
    assert backing_services.caches({})["default"]["BACKEND"].endswith("LocMemCache")
    assert backing_services.media_storage({})["BACKEND"].endswith("FileSystemStorage")
    assert backing_services.search_backends({}) == {"default": {"BACKEND": "cms.search_backend"}}
    assert backing_services.frontend_cache({}) == {}


def test_redis_fails_fast_when_away():
    cache = backing_services.caches({"REDIS_URL": "redis://cache:6379/1"})["default"]
    assert cache["LOCATION"] == "redis://cache:6379/1"
    assert cache["OPTIONS"]["socket_connect_timeout"] <= 5


def test_uploads_are_never_made_public_per_object():
    storage = backing_services.media_storage(
        {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_CUSTOM_DOMAIN": "media.example.org"}
    )
    assert storage["BACKEND"] == "cms.storage.MediaS3Storage"
    assert storage["OPTIONS"]["default_acl"] is None
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert storage["OPTIONS"]["custom_domain"] == "media.example.org"


def test_search_backend_must_be_one_we_know():
    with pytest.raises(ValueError, match="SEARCH_BACKEND"):
        backing_services.search_backends({"SEARCH_URL": "http://s:9200", "SEARCH_BACKEND": "solr"})
    backend = backing_services.search_backends({"SEARCH_URL": "http://s:9200"})["default"]
    assert backend["BACKEND"] == "modelsearch.backends.elasticsearch8"
    assert backend["URLS"] == ["http://s:9200"]


def test_cloudflare_needs_both_zone_and_token():
    assert backing_services.frontend_cache({"CLOUDFLARE_ZONE_ID": "zone"}) == {}
    purgers = backing_services.frontend_cache(
        {
            "CLOUDFLARE_ZONE_ID": "zone",
            "CLOUDFLARE_API_TOKEN": "t",
            "CLOUDFRONT_DISTRIBUTION_ID": "d",
        }
    )
    assert set(purgers) == {"cloudflare", "cloudfront"}
