"""What the editor is warned about while writing: checks that advise, not refuse.

Hard rules (safety net, review, reference titles) are validation and stop a
submission; these only warn, on every save of a draft and in the editor.
"""

from django.conf import settings

from cms.models import ArticlePage, StretchGuidePage
from cms.readability import WORD, grade, plain_text

STRETCH_TEXT_FIELDS = ("purpose", "start_position", "safety_notes", "when_not_to_do_it")


def _items(values) -> list:
    """A list block's raw items, stored either bare or as ``{"type": "item", "value": ...}``."""
    return [
        item["value"] if isinstance(item, dict) and "value" in item else item for item in values
    ]


def _body_text(body) -> list[str]:
    texts = []
    for block in body.raw_data if body else []:
        value = block["value"]
        if block["type"] == "heading":
            texts.append(f"{value}.")
        elif block["type"] == "text":
            texts.append(value)
        elif block["type"] == "callout":
            texts.append(value.get("text", ""))
        elif block["type"] == "key_facts":
            texts.extend(f"{fact}." for fact in _items(value.get("facts", [])))
        elif block["type"] == "questions":
            texts.extend(f"{qa['question']} {qa['answer']}" for qa in _items(value))
    return texts


def reader_text(page) -> str:
    """Everything a reader reads on the page, as plain sentences."""
    texts = [page.summary]
    if isinstance(page, ArticlePage):
        texts += _body_text(page.body)
    elif isinstance(page, StretchGuidePage):
        texts += [getattr(page, field) or "" for field in STRETCH_TEXT_FIELDS]
        texts += [f"{step.value['instruction']}." for step in page.steps]
    return " ".join(plain_text(text) for text in texts)


# Words a minute for unhurried reading on a phone, to tell readers how long a page takes.
READING_WORDS_PER_MINUTE = 200


def reading_minutes(page) -> int:
    """Whole minutes to read the page, at least one: shown on its card in every list."""
    words = len(WORD.findall(reader_text(page)))
    return max(1, -(-words // READING_WORDS_PER_MINUTE))


def reading_grade(page) -> float | None:
    return grade(reader_text(page))


def content_warnings(page) -> list[str]:
    warnings = []
    level = reading_grade(page)
    if level is not None and level > settings.READING_GRADE_WARNING:
        warnings.append(
            f"Reading grade {level:.1f} is above {settings.READING_GRADE_WARNING}: use shorter "
            "sentences and everyday words, so a reader in pain can follow it."
        )
    return warnings
