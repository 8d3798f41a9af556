"""Translate a demo file's ``body`` list into StreamField data.

Each block in a demo file is a one-key mapping (``- heading: ...``); the
translators below give Wagtail the raw value of the matching block in
``cms.blocks.ArticleBodyBlock``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .richtext import resolve_page_links


@dataclass(frozen=True)
class BlockContext:
    page_id_for: Callable[[str], int]
    illustration_id_for: Callable[[str], int]

    def html(self, value: str) -> str:
        return resolve_page_links(value, self.page_id_for)


def _heading(value, ctx):
    return value


def _text(value, ctx):
    return ctx.html(value)


def _callout(value, ctx):
    return {**value, "text": ctx.html(value["text"])}


def _care_card(value, ctx):
    return {
        "title": value.get("title", "When to get help"),
        "emergency": value.get("emergency", []),
        "see_doctor": value.get("see_doctor", []),
        "self_care": value.get("self_care", []),
    }


def _key_facts(value, ctx):
    return {"title": value.get("title", "Key facts"), "facts": value["facts"]}


def _questions(value, ctx):
    return [{"question": qa["question"], "answer": ctx.html(qa["answer"])} for qa in value]


def _stretch(value, ctx):
    return {"stretch": ctx.page_id_for(value["slug"]), "note": value.get("note", "")}


def _image(value, ctx):
    return {
        "image": ctx.illustration_id_for(value["illustration"]),
        "alt": value["alt"],
        "caption": value.get("caption", ""),
    }


def _further_reading(value, ctx):
    return [
        {
            "title": link["title"],
            "page": ctx.page_id_for(link["page"]) if link.get("page") else None,
            "url": link.get("url", ""),
        }
        for link in value
    ]


TRANSLATORS = {
    "heading": _heading,
    "text": _text,
    "callout": _callout,
    "care_card": _care_card,
    "key_facts": _key_facts,
    "questions": _questions,
    "stretch": _stretch,
    "image": _image,
    "further_reading": _further_reading,
}


def stream_data(body: list[dict], ctx: BlockContext) -> list[dict]:
    data = []
    for item in body:
        ((block_type, value),) = item.items()
        data.append({"type": block_type, "value": TRANSLATORS[block_type](value, ctx)})
    return data
