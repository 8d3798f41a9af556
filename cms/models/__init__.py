"""The content model, one module per concern; imported here so Django finds it."""

from .articles import ArticlePage
from .bookings import BookingRequest
from .clinic import CallToAction, ClinicSettings
from .routines import RoutinePage
from .stretches import StretchGuidePage
from .structure import BookingPage, HomePage, SectionPage, StretchIndexPage
from .taxonomy import BodyRegion, Muscle

__all__ = [
    "ArticlePage",
    "BodyRegion",
    "BookingPage",
    "BookingRequest",
    "CallToAction",
    "ClinicSettings",
    "HomePage",
    "Muscle",
    "RoutinePage",
    "SectionPage",
    "StretchGuidePage",
    "StretchIndexPage",
]
