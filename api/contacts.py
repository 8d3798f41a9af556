"""One person, one contact: the form a phone number or e-mail address is counted under.

Only for the per-contact booking limit. The stored booking keeps exactly what
the person typed; this identity is hashed and never stored or shown.
"""

import phonenumbers

DEFAULT_REGION = "GB"


def _email_identity(address: str) -> str:
    local, _, domain = address.rpartition("@")
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        # A quoted local part: "victim"@x and victim@x reach the same mailbox.
        local = local[1:-1].replace("\\\\", "\\").replace('\\"', '"')
    local = local.split("+", 1)[0]  # sub-addressing: victim+1@x is victim@x
    return f"{local}@{domain}".lower()


def _phone_identity(number: str) -> str:
    try:
        parsed = phonenumbers.parse(number, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in number if ch.isdigit())
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def contact_identity(contact: str) -> str:
    """``07700-900888``, ``+44 7700 900888`` -> ``+447700900888``;
    ``Victim+1@Example.org`` and ``"victim"@example.org`` -> ``victim@example.org``."""
    contact = contact.strip()
    if "@" in contact:
        return _email_identity(contact)
    return _phone_identity(contact)
