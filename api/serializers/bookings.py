import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from rest_framework import serializers

from cms.models import BookingRequest

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}[0-9]$")


class BookingRequestInputSerializer(serializers.Serializer):
    """What a reader sends. Unknown fields are ignored; ``website`` is a honeypot."""

    name = serializers.CharField(max_length=100)
    contact_method = serializers.ChoiceField(choices=BookingRequest.ContactMethod.choices)
    contact = serializers.CharField(
        max_length=254, help_text="A phone number or an e-mail address."
    )
    preferred_times = serializers.CharField(max_length=300)
    service = serializers.ChoiceField(
        choices=BookingRequest.Service.choices, default=BookingRequest.Service.NOT_SURE
    )
    note = serializers.CharField(max_length=1000, allow_blank=True, default="")
    note_consent = serializers.BooleanField(
        default=False, help_text="Required when a note is given: consent to keep it."
    )
    website = serializers.CharField(
        required=False, allow_blank=True, write_only=True, help_text="Leave empty."
    )

    # The checks that look at a second field read it from the raw input, so they
    # run beside every other field's: a reader learns of every mistake at once.
    def validate_contact(self, contact):
        method = self.initial_data.get("contact_method")
        if method == BookingRequest.ContactMethod.EMAIL:
            try:
                validate_email(contact)
            except DjangoValidationError:
                raise serializers.ValidationError(
                    "Enter an e-mail address, like name@example.org."
                ) from None
        elif method == BookingRequest.ContactMethod.PHONE and not PHONE.match(contact):
            raise serializers.ValidationError("Enter a phone number, like 07700 900123.")
        return contact

    def validate_note_consent(self, consent):
        if str(self.initial_data.get("note") or "").strip() and not consent:
            raise serializers.ValidationError(
                "Tick the box to let us keep your note, or clear the note."
            )
        return consent

    def validate(self, data):
        if data.pop("website", ""):
            raise serializers.ValidationError("This request could not be accepted.")
        return data


class BookingReceiptSerializer(serializers.Serializer):
    """The acknowledgement: no personal data is echoed back."""

    reference = serializers.CharField(help_text="Quote it if you contact the clinic.")
    status = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField()

    def get_status(self, booking) -> str:
        return "received"
