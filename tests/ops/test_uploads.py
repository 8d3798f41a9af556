"""Uploads are limited by type and size, and an SVG never runs as a page of the site."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from wagtail.documents.models import Document
from wagtail.images.models import Image

from cms import media
from cms.storage import MediaS3Storage

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def png(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload(admin_client, url, name, content, content_type, **fields):
    return admin_client.post(
        url, {"title": name, "file": SimpleUploadedFile(name, content, content_type), **fields}
    )


@pytest.mark.django_db
def test_an_image_upload_is_accepted(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload(admin_client, "/admin/images/add/", "back.png", png(), "image/png")
    assert Image.objects.filter(title="back.png").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("page.html", b"<script>alert(1)</script>", "text/html"),
        ("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("back.png.html", b"<p>not an image</p>", "text/html"),
    ],
)
def test_images_of_other_types_are_refused(
    admin_client, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    response = upload(admin_client, "/admin/images/add/", name, content, content_type)
    assert response.status_code == 200  # the form again, with its error
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_images_over_the_size_limit_are_refused(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    upload(admin_client, "/admin/images/add/", "big.png", png((800, 800)), "image/png")
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_images_with_too_many_pixels_are_refused(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    upload(admin_client, "/admin/images/add/", "wide.png", png((200, 200)), "image/png")
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content_type", [("page.html", "text/html"), ("run.sh", "text/x-shellscript")]
)
def test_documents_of_other_types_are_refused(admin_client, settings, tmp_path, name, content_type):
    settings.MEDIA_ROOT = tmp_path
    upload(admin_client, "/admin/documents/add/", name, b"<script>1</script>", content_type)
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_over_the_size_limit_are_refused(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    upload(admin_client, "/admin/documents/add/", "long.txt", b"x" * 2000, "text/plain")
    assert not Document.objects.exists()


def test_media_svgs_are_served_as_attachments_that_run_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "drawing.svg").write_bytes(SVG)
    response = media.serve(RequestFactory().get("/media/images/drawing.svg"), "images/drawing.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"].startswith(
        "default-src 'none'; style-src 'unsafe-inline'"
    )


def test_other_media_is_served_inline(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "back.png").write_bytes(png())
    response = media.serve(RequestFactory().get("/media/back.png"), "back.png")
    assert not response.get("Content-Disposition", "").startswith("attachment")


@pytest.mark.django_db
def test_media_may_be_shown_by_other_sites(client, settings, tmp_path):
    """The API hands out image URLs to other origins, so media is cross-origin readable."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "back.png").write_bytes(png())
    settings.ROOT_URLCONF = "tests.ops.urls_with_media"
    response = client.get("/media/back.png")
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["images/drawing.svg", "original_images/DRAWING.SVG"])
def test_svgs_go_to_object_storage_as_attachments(name):
    params = MediaS3Storage(bucket_name="media").get_object_parameters(name)
    assert params["ContentDisposition"] == "attachment"
    assert params["ContentType"] == "image/svg+xml"


def test_other_uploads_go_to_object_storage_as_they_are():
    params = MediaS3Storage(bucket_name="media").get_object_parameters("images/back.png")
    assert "ContentDisposition" not in params
