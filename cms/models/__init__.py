"""The content model, one module per concern; imported here so Django finds it."""

from .articles import ArticlePage
from .bookings import BookingRequest
from .clinic import CallToAction, ClinicSettings
from .demo import DemoContentRecord
from .review import ClinicalReviewTask, ReviewerProfile
from .routines import RoutinePage
from .safety import SafetyNetSettings
from .search import SearchSynonym
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
    "ClinicalReviewTask",
    "DemoContentRecord",
    "HomePage",
    "Muscle",
    "ReviewerProfile",
    "RoutinePage",
    "SafetyNetSettings",
    "SearchSynonym",
    "SectionPage",
    "StretchGuidePage",
    "StretchIndexPage",
]
