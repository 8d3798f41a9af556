"""Laptop settings: debug on, the development secret key allowed."""

from .base import *  # noqa: F403

DEBUG = True

SERVE_MEDIA = True
