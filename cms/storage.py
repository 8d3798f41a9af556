"""Uploads on S3-compatible object storage, with SVGs stored as attachments.

S3 sends back the ``Content-Disposition`` stored with each object, so an SVG
opened directly downloads instead of running in the site's name. S3 cannot
store a Content-Security-Policy; the CDN in front adds it (the README's "Running in production").
"""

from storages.backends.s3 import S3Storage

from cms.media import SVG_HEADERS, is_svg


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if is_svg(name):
            params["ContentDisposition"] = SVG_HEADERS["Content-Disposition"]
            params["ContentType"] = "image/svg+xml"
        return params
