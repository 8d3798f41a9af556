"""Booking requests from readers: personal data, kept minimal and seen by clinic staff only."""

import uuid

from django.db import models


class BookingRequest(models.Model):
    class ContactMethod(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"

    class Service(models.TextChoices):
        SPORTS = "sports", "Sports massage"
        DEEP_TISSUE = "deep-tissue", "Deep tissue massage"
        SWEDISH = "swedish", "Swedish massage"
        NOT_SURE = "not-sure", "Not sure yet"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CLOSED = "closed", "Closed"

    idempotency_key = models.UUIDField(
        unique=True, editable=False, help_text="Sent by the device so a retry never duplicates."
    )
    reference = models.CharField(max_length=12, unique=True, editable=False)
    name = models.CharField(max_length=100)
    contact_method = models.CharField(max_length=5, choices=ContactMethod.choices)
    contact = models.CharField("phone number or e-mail", max_length=254)
    preferred_times = models.CharField(max_length=300)
    service = models.CharField(max_length=12, choices=Service.choices, default=Service.NOT_SURE)
    note = models.TextField(max_length=1000, blank=True)
    note_consent = models.BooleanField("consented to the clinic keeping the note", default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "booking request"

    def __str__(self):
        # Shown in admin logs and messages: no personal data here.
        return f"Booking request {self.reference}"

    @staticmethod
    def new_reference() -> str:
        return uuid.uuid4().hex[:8].upper()
