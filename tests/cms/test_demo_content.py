"""The demo library's files: complete, consistent, and free of real contact details.

These read the YAML only; ``test_demo_loader.py`` checks what loading it builds.
"""

import re
from pathlib import Path

import pytest

from django.conf import settings

from cms.demo.loader import CONTENT_DIR, read_library
from cms.demo.richtext import PAGE_LINK

LIBRARY = read_library()
PAGES = LIBRARY["articles"] + LIBRARY["stretches"]
PAGE_SLUGS = {page["slug"] for page in PAGES}
STRETCH_SLUGS = {stretch["slug"] for stretch in LIBRARY["stretches"]}
DEMO_FILES = sorted(path for path in CONTENT_DIR.rglob("*") if path.is_file())

# The repository's ../shared holds the fact sheet the demo library is written from.
FACT_SHEET = Path(settings.BASE_DIR).parent / "shared" / "content" / "facts.md"


def _page_ids(page: dict) -> str:
    return page["slug"]


def test_every_topic_is_covered_by_at_least_one_page():
    covered = {topic for page in PAGES for topic in page["covers"]}
    assert set(LIBRARY["topics"]) - covered == set()


@pytest.mark.parametrize("page", PAGES, ids=_page_ids)
def test_every_covered_topic_exists(page):
    assert page["covers"], "a page must say which topic it covers"
    assert set(page["covers"]) <= set(LIBRARY["topics"])


def _fact_sheet_topics(text: str) -> list[str]:
    """``N. Section: Heading`` for each ``###`` heading, ``N. Section`` for a section without."""
    topics, section, has_headings = [], None, False
    for line in text.splitlines():
        if match := re.fullmatch(r"## (\d+\. .+)", line):
            if section and not has_headings:
                topics.append(section)
            section, has_headings = match[1].strip(), False
        elif match := re.fullmatch(r"### (.+)", line):
            assert section, f"heading outside a numbered section: {line}"
            topics.append(f"{section}: {match[1].strip()}")
            has_headings = True
    if section and not has_headings:
        topics.append(section)
    return topics


def test_topics_list_exactly_the_fact_sheets_sections_and_headings():
    if not FACT_SHEET.exists():
        pytest.skip(f"The fact sheet is not checked out next to the repository ({FACT_SHEET}).")
    expected = _fact_sheet_topics(FACT_SHEET.read_text(encoding="utf-8"))
    assert len(expected) >= 10, "the fact sheet parser found too few topics"
    assert list(LIBRARY["topics"].values()) == expected


def test_topic_keys_are_unique_and_follow_the_fact_sheet_order():
    # YAML would silently keep only the last of two equal keys.
    raw_keys = re.findall(r"^([\w/-]+):", (CONTENT_DIR / "topics.yaml").read_text(), re.MULTILINE)
    assert len(raw_keys) == len(set(raw_keys)) == len(LIBRARY["topics"])
    numbers = [int(label.split(".")[0]) for label in LIBRARY["topics"].values()]
    assert numbers == sorted(numbers)


def test_page_slugs_are_unique_across_the_library():
    slugs = [page["slug"] for page in PAGES]
    assert len(slugs) == len(set(slugs))


def _html_fields(page: dict):
    """Every piece of rich text in a page file, where ``page:`` links may appear."""
    yield from (page[key] for key in ("purpose", "start_position") if key in page)
    for block in page.get("body", []):
        ((block_type, value),) = block.items()
        if block_type == "text":
            yield value
        elif block_type == "callout":
            yield value["text"]
        elif block_type == "questions":
            yield from (qa["answer"] for qa in value)


@pytest.mark.parametrize("page", PAGES, ids=_page_ids)
def test_internal_links_in_rich_text_name_demo_pages(page):
    for html in _html_fields(page):
        # Any other spelling of a page link would be stored as a broken href.
        assert len(re.findall(r"page:", html)) == len(PAGE_LINK.findall(html)), html
        assert set(PAGE_LINK.findall(html)) <= PAGE_SLUGS


@pytest.mark.parametrize("page", PAGES, ids=_page_ids)
def test_page_references_in_blocks_and_related_lists_name_demo_pages(page):
    assert set(page.get("related", [])) <= PAGE_SLUGS - {page["slug"]}
    for block in page.get("body", []):
        ((block_type, value),) = block.items()
        if block_type == "stretch":
            assert value["slug"] in STRETCH_SLUGS
        elif block_type == "image":
            assert value["illustration"] in STRETCH_SLUGS
        elif block_type == "further_reading":
            for link in value:
                assert bool(link.get("page")) != bool(link.get("url")), link
                assert link.get("page", page["slug"]) in PAGE_SLUGS


@pytest.mark.parametrize("page", PAGES, ids=_page_ids)
def test_page_taxonomy_and_call_to_action_keys_exist(page):
    taxonomy = LIBRARY["taxonomy"]
    assert set(page.get("muscles", [])) <= {muscle["slug"] for muscle in taxonomy["muscles"]}
    assert set(page.get("regions", [])) <= {region["slug"] for region in taxonomy["regions"]}
    assert page.get("cta") is None or page["cta"] in LIBRARY["site"]["ctas"]


def test_every_article_belongs_to_an_article_section():
    sections = {s["slug"] for s in LIBRARY["site"]["sections"] if s["kind"] == "articles"}
    assert {article["section"] for article in LIBRARY["articles"]} <= sections


EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
# A run of digits, spaces, dashes and brackets long enough to be a phone number.
PHONE_LIKE = re.compile(r"\+?\d[\d ()-]{7,}\d")
RESERVED_PHONE = re.compile(r"07700900\d{3}")
URL = re.compile(r"https?://([^/\s\"'<>]+)")


def _phone_numbers(text: str) -> list[str]:
    numbers = []
    for candidate in PHONE_LIKE.findall(text):
        digits = re.sub(r"\D", "", candidate)
        if len(digits) >= 10:  # dates (2026-09-14) and years are shorter
            numbers.append("0" + digits[2:] if digits.startswith("44") else digits)
    return numbers


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda path: path.name)
def test_demo_files_use_only_reserved_contact_details(path):
    text = path.read_text(encoding="utf-8")

    assert {domain.lower() for domain in EMAIL.findall(text)} <= {"example.org"}
    assert [number for number in _phone_numbers(text) if not RESERVED_PHONE.fullmatch(number)] == []
    assert {host.lower() for host in URL.findall(text)} <= {"example.org"}


def test_contact_detail_checks_catch_real_looking_details():
    text = "Call 020 7946 0018 or +44 7700 900123, write to help@clinic.co.uk, 2026-09-14."
    assert _phone_numbers(text) == ["02079460018", "07700900123"]
    assert EMAIL.findall(text) == ["clinic.co.uk"]
