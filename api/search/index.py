"""What the library's search index holds, and the offline copy phones save.

Each public article and stretch guide is read field by field as its Wagtail
``search_fields`` declare them (``analyse_page``), into the tokens each field
holds. ``api.search.store`` keeps those in the database, in step with
publishing, and the offline copy as blocks of ``render_block``; ``document``
puts them together for ``/api/v1/search/index/``, so a phone offline ranks with
exactly what the server does.
"""

import json
from dataclasses import dataclass

from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.search import index as wagtail_index

from api.serializers.links import PAGE_TYPE_NAMES

from .text import STOPWORDS, tokens

# Changed with any rule that turns text into tokens (here, ``text``, ``FIELDS``), so
# that the index stored in the database is built again under the new rules.
ANALYSIS = 1
# Longer runs of letters and digits are not words anyone searches for (a pasted code
# or hash), and could pass PostgreSQL's limit for an index entry: they are left out.
MAX_TOKEN_LENGTH = 64
FIELDS = ("title", "summary", "terms", "body")  # bit 1, 2, 4, 8 of a posting's mask
# How the ranking weighs things; sent with the index so the phone ranks the same.
PARAMS = {
    "weights": [10, 5, 4, 1],  # per field: a page *about* a thing names it in title and summary
    "prefix": 0.8,  # "sciat" -> sciatica, as the reader types
    "fuzzy": 0.7,  # "sciatca" -> sciatica
    "title_bonus": 2,  # times the share of the title's words the query matched
    "lead_bonus": 1,  # the title starts with a word the query matched: the page's subject
    "prefix_min": 3,  # shortest partial word that is completed
    "fuzzy_lengths": [4, 5],  # a word this long may have 1 typo, this long 2
}
# 3: the docs and their postings come in blocks, each numbered from 0, so the
# server stores each block ready to send and a publish re-renders one block.
# (2: a posting's document is the gap from the one before, so the numbers stay
# short in a library of thousands of pages; still so within a block.)
FORMAT = 3


def document(version: str, synonyms: list[list], blocks: list[str]) -> str:
    """The offline index (``/api/v1/search/index/``): the ranking's settings, then the
    blocks as stored (JSON text, see ``render_block``), spliced in unparsed."""
    head = {
        "format": FORMAT,
        "version": version,
        "fields": list(FIELDS),
        "params": PARAMS,
        "stopwords": sorted(STOPWORDS),
        "synonyms": synonyms,
    }
    return f'{_json(head)[:-1]},"blocks":[{",".join(blocks)}]}}'


def render_block(docs: list[dict], postings: dict[str, dict[int, int]]) -> str:
    """``{"docs": [...], "terms": {token: [gap, mask, gap, mask, ...]}}`` as JSON text.

    ``postings`` is token -> {doc number in ``docs``: mask}; each number is given
    as the gap from the one before (the first from 0).
    """
    return _json(
        {"docs": docs, "terms": {token: _gaps(postings[token]) for token in sorted(postings)}}
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _gaps(postings: dict[int, int]) -> list[int]:
    """``{doc: mask}`` as ``[gap, mask, gap, mask, ...]``, each doc after the one before."""
    flat, previous = [], 0
    for doc, mask in sorted(postings.items()):
        flat += [doc - previous, mask]
        previous = doc
    return flat


def _field_texts(page) -> dict[str, list[str]]:
    """The page's text per ranking field, read through its Wagtail ``search_fields``."""
    texts = {name: [] for name in FIELDS}
    for search_field in page.get_search_fields():
        if isinstance(search_field, wagtail_index.RelatedFields):
            for related in getattr(page, search_field.field_name).all():
                texts["terms"].append(str(related))
        elif isinstance(search_field, wagtail_index.SearchField):
            name = search_field.field_name
            value = getattr(page, name)
            model_field = page._meta.get_field(name)
            if isinstance(model_field, StreamField):
                value = " ".join(_stored_block_text(model_field.stream_block, value.raw_data))
            elif hasattr(model_field, "get_searchable_content"):
                value = " ".join(model_field.get_searchable_content(value))
            texts[name if name in ("title", "summary") else "body"].append(str(value or ""))
    return texts


def _stored_block_text(block, raw) -> list[str]:
    """A block's searchable text (``get_searchable_content``) from its stored JSON.

    As Wagtail's own, but choosers are passed over rather than loaded: they have
    no searchable text, and loading each page's images and linked pages cost two
    queries a page (seconds for the whole library at a few thousand pages).
    """
    if isinstance(block, ChooserBlock) or not getattr(block, "search_index", True):
        return []
    if isinstance(block, StreamBlock):
        children = ((block.child_blocks.get(item["type"]), item["value"]) for item in raw or [])
    elif isinstance(block, ListBlock):
        children = ((block.child_block, _list_item(item)) for item in raw or [])
    elif isinstance(block, StructBlock):
        children = ((child, (raw or {}).get(name)) for name, child in block.child_blocks.items())
    else:
        return block.get_searchable_content(block.to_python(raw))
    return [text for child, value in children if child for text in _stored_block_text(child, value)]


def _list_item(item):
    """A list item's stored value: ``{"type": "item", "value": ..., "id": ...}``, or bare."""
    is_wrapped = isinstance(item, dict) and "id" in item and "value" in item
    return item["value"] if is_wrapped else item


@dataclass
class AnalysedPage:
    """One page as the index holds it: what a result shows and ranks by, and its tokens."""

    doc: dict
    masks: dict[str, int]  # token -> the fields holding it (bit 1 title, 2 summary, ...)


def analyse_page(page) -> AnalysedPage:
    texts = _field_texts(page)
    masks, title_tokens = {}, set()
    for bit, name in enumerate(FIELDS):
        for token in tokens(" ".join(texts[name])):
            if len(token) > MAX_TOKEN_LENGTH:
                continue
            masks[token] = masks.get(token, 0) | (1 << bit)
            if name == "title":
                title_tokens.add(token)
    lead = tokens(page.title)[:1]
    doc = {
        "id": page.id,
        "type": PAGE_TYPE_NAMES[type(page)],
        "title": page.title,
        "summary": page.summary,
        "path": page.url,
        "n": len(title_tokens),
        "lead": lead[0] if lead else "",
    }
    return AnalysedPage(doc, masks)


def parse_synonyms(rows: list[tuple[str, str]]) -> list[list]:
    """The editors' synonyms (phrase, "term, term") as tokens: ``[[phrase], [[term], ...]]``."""
    parsed = []
    for phrase, terms in rows:
        phrase_tokens = tokens(phrase)
        term_tokens = [found for found in (tokens(term) for term in terms.split(",")) if found]
        if phrase_tokens and term_tokens:
            parsed.append([phrase_tokens, term_tokens])
    return parsed
