"""Clinical content rules for the demo library that a machine can hold.

A clinician still has to read every page; these catch the regressions that
issue 9 found once and that are easy to slip back in: banned overclaims, a
reading grade too high for someone in pain on a phone, a safety net that
disagrees with ``shared/content/clinical-guidance.md``, calf massage taught
before the blood-clot warning, condition pages without the outlook and
first-line self-care, and a dosage that keeps a reader resting for minutes.
"""

import html
import re
from datetime import date

import pytest

from cms.demo.loader import CONTENT_DIR, read_library, read_yaml

LIBRARY = read_library()
ARTICLES = {page["slug"]: page for page in LIBRARY["articles"]}
STRETCHES = {page["slug"]: page for page in LIBRARY["stretches"]}
PAGES = {**ARTICLES, **STRETCHES}
DEFAULT_SAFETY_NET = read_yaml(CONTENT_DIR / "safety-net.yaml")
LEVELS = ("emergency", "urgent", "gp_soon", "self_care")

# Keys whose values are identifiers or citations, not prose a reader sees.
NOT_PROSE = {"slug", "page", "illustration", "url", "publisher", "tone", "section", "cta"}


def _prose(value):
    """Every reader-facing string in a page file, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PROSE | {"covers", "muscles", "regions", "related", "review"}:
                yield from _prose(item)
    elif isinstance(value, list):
        for item in value:
            yield from _prose(item)


def _plain(text: str) -> str:
    """Rich text as sentences: a paragraph or list item ends a sentence."""
    text = re.sub(r"</(p|li|h\d)>", ". ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
    return text if not text or text[-1] in ".!?:" else text + "."


def page_text(page: dict) -> str:
    return " ".join(_plain(text) for text in _prose(page))


def _syllables(word: str) -> int:
    """Vowel groups, less a silent final e: within a syllable or so of a dictionary."""
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of plain text."""
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text) if re.search(r"[A-Za-z]", s)]
    words = [
        w
        for part in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
        for w in re.split(r"[-'’]", part)
        if w
    ]
    syllables = sum(_syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def test_reading_grade_tells_plain_text_from_dense_text():
    plain = "Keep moving. Sit less. Try a warm bath. Most back pain gets better in a few weeks."
    dense = (
        "Musculoskeletal considerations notwithstanding, intervertebral disc herniation "
        "constitutes the predominant aetiological determinant of lumbosacral radiculopathy, "
        "necessitating comprehensive neurological evaluation."
    )
    assert reading_grade(plain) < 4
    assert reading_grade(dense) > 12


@pytest.mark.parametrize("slug", PAGES)
def test_every_page_reads_at_grade_8_or_below(slug):
    assert reading_grade(page_text(PAGES[slug])) <= 8


# Each phrase once stood in the library and stated a belief as a fact, sold massage,
# or set a blanket rule that contradicts self-care for ordinary back pain.
BANNED_PHRASES = (
    "near-certain",
    "clears away waste",
    "reduces inflammation",
    "reduce inflammation",
    "natural painkillers",
    "before any massage",
    "see a doctor first",
    "see a doctor before",
    "once a month",
    "monthly massage",
    "is the key to relief",
    "relaxing the muscle is the key",
    "a frequent, and often overlooked, source",
)


@pytest.mark.parametrize("slug", PAGES)
def test_pages_avoid_overclaims_and_blanket_rules(slug):
    text = page_text(PAGES[slug]).lower()
    assert [phrase for phrase in BANNED_PHRASES if phrase in text] == []


def _level_text(level: str) -> str:
    return " ".join(DEFAULT_SAFETY_NET[level]).lower()


def test_default_safety_net_has_four_levels_of_short_plain_lines():
    assert set(DEFAULT_SAFETY_NET) == set(LEVELS)
    for level in LEVELS:
        lines = DEFAULT_SAFETY_NET[level]
        assert lines and all(isinstance(line, str) and 0 < len(line) <= 120 for line in lines)


@pytest.mark.parametrize(
    ("level", "signs"),
    [
        # clinical-guidance.md, "Call 999 or go to A&E now"
        (
            "emergency",
            [
                "genitals",
                "bladder or bowels",
                "both legs",
                "getting worse fast",
                "chest pain",
                "breath",
                "swollen calf",
                "serious fall",
            ],
        ),
        # "Get urgent advice today"
        (
            "urgent",
            [
                "high temperature",
                "weight loss",
                "cancer",
                "worse at night",
                "change of shape",
                "osteoporosis",
                "steroid",
                "immune system",
                "one leg",
                "calf",
                "do not massage",
                "over 50",
            ],
        ),
        # "See a GP (routine)"
        ("gp_soon", ["few weeks", "4 to 6 weeks", "daily things or working", "coming back"]),
        # "Look after yourself" with the first-line self-care
        ("self_care", ["active", "bed", "exercise", "heat", "pharmacist"]),
    ],
)
def test_default_safety_net_carries_every_sign_of_the_clinical_guidance(level, signs):
    assert [sign for sign in signs if sign not in _level_text(level)] == []


@pytest.mark.parametrize("slug", PAGES)
def test_a_pages_own_safety_net_only_adds_lines_to_known_levels(slug):
    additions = PAGES[slug].get("safety_net", {})
    assert set(additions) <= set(LEVELS)
    for lines in additions.values():
        assert lines and all(isinstance(line, str) and line for line in lines)


def _blocks(page: dict) -> list[tuple[str, str]]:
    return [
        (block_type, " ".join(_prose(value)).lower())
        for block in page.get("body", [])
        for block_type, value in block.items()
    ]


@pytest.mark.parametrize("slug", ARTICLES)
def test_calf_massage_is_taught_only_after_the_blood_clot_warning(slug):
    blocks = _blocks(ARTICLES[slug])
    how_to = [
        i
        for i, (block_type, text) in enumerate(blocks)
        if block_type == "heading" and "calf" in text and "massag" in text
    ]
    if not how_to:
        return
    first_text = next(i for i in range(how_to[0] + 1, len(blocks)) if blocks[i][0] == "text")
    warnings = [i for i, (_, text) in enumerate(blocks) if "clot" in text and "999" in text]
    assert warnings and warnings[0] < first_text


def _stretches_in(page: dict):
    """(stretch slug, words an article uses about it) for stretch blocks and drawings."""
    for block in page.get("body", []):
        for block_type, value in block.items():
            if block_type == "stretch":
                yield value["slug"], value.get("note", "")
            elif block_type == "image":
                yield value["illustration"], value.get("caption", "")


def _teaches_calf_work(slug: str, page: dict) -> bool:
    calf_stretches = {s for s in STRETCHES if "calf" in s}
    return "calf" in slug or any(stretch in calf_stretches for stretch, _ in _stretches_in(page))


CALF_PAGES = [slug for slug, page in PAGES.items() if _teaches_calf_work(slug, page)]


@pytest.mark.parametrize("slug", CALF_PAGES)
def test_calf_pages_add_breathlessness_with_a_swollen_calf_as_an_emergency(slug):
    emergency = " ".join(PAGES[slug].get("safety_net", {}).get("emergency", [])).lower()
    assert "swollen calf" in emergency and "breath" in emergency


# Each condition page and the outlook it must give (clinical-guidance.md, "Outlook").
CONDITION_PAGES = {
    "lower-back-pain": ["within a few weeks"],
    "sciatica": ["4 to 6 weeks"],
    "back-pain-or-sciatica": ["within a few weeks", "4 to 6 weeks"],
    "piriformis-syndrome": ["4 to 6 weeks"],
    "slipped-disc-and-other-structural-causes": ["4 to 6 weeks"],
}
SELF_CARE_AND_PATHWAY = ["active", "heat", "pharmacist", "exercise", "gp"]


@pytest.mark.parametrize("slug", CONDITION_PAGES)
def test_condition_pages_give_the_outlook_self_care_and_exercise_pathway(slug):
    text = page_text(ARTICLES[slug]).lower()
    expected = CONDITION_PAGES[slug] + SELF_CARE_AND_PATHWAY
    assert [phrase for phrase in expected if phrase not in text] == []


@pytest.mark.parametrize("slug", [s for s, p in ARTICLES.items() if p["section"] == "treatments"])
def test_massage_pages_place_massage_alongside_exercise(slug):
    text = page_text(ARTICLES[slug]).lower()
    assert "alongside" in text and "exercise" in text


@pytest.mark.parametrize("slug", PAGES)
def test_a_page_linking_piriformis_and_sciatic_nerve_names_the_disc_as_more_common(slug):
    text = page_text(PAGES[slug]).lower()
    if "piriformis" in text and "sciatic nerve" in text:
        assert "disc" in text


def test_before_your_massage_lists_the_reasons_not_to_have_massage():
    text = page_text(ARTICLES["before-and-during-your-massage"]).lower()
    reasons = [
        "blood clot",
        "blood-thinning",
        "high temperature",
        "broken skin",
        "surgery",
        "cancer",
        "pregnant",
        "osteoporosis",
        "blood pressure",
    ]
    assert [reason for reason in reasons if reason not in text] == []
    assert "at the clinic or at home" in text  # facts.md §5: mobile or in-clinic sessions


def _timed_seconds(stretch: dict) -> tuple[int, int]:
    """Seconds of holds and of rests, as the stretch player runs them.

    The player rests once between any two rounds of the steps (every repetition,
    on every side, in every set), so rests grow with the number of rounds.
    """
    rounds = stretch["repetitions"] * stretch["sets"] * (2 if stretch["sides"] == "both" else 1)
    holds = rounds * sum(step["hold_seconds"] for step in stretch["steps"])
    return holds, (rounds - 1) * stretch["rest_seconds"]


@pytest.mark.parametrize("slug", STRETCHES)
def test_a_guide_takes_under_8_minutes_and_rests_less_than_it_works(slug):
    holds, rests = _timed_seconds(STRETCHES[slug])
    assert holds + rests <= 8 * 60
    assert rests <= holds


def test_the_dosage_rule_catches_a_rest_after_every_lift():
    # The side-lying leg raise as issue 9 found it: 29 rests of 30 s, 14.5 minutes.
    old = {
        "repetitions": 5,
        "sets": 3,
        "sides": "both",
        "rest_seconds": 30,
        "steps": [{"hold_seconds": 0}] * 4,
    }
    holds, rests = _timed_seconds(old)
    assert rests == 870 and rests > holds


# A rating and the words that claim it: "eases them gently" calls a stretch gentle.
DIFFICULTIES = {
    "gentle": r"\bgentl(?:e|y)\b",
    "moderate": r"\bmoderate(?:ly)?\b",
    "challenging": r"\bchalleng(?:e|ing)\b",
}


@pytest.mark.parametrize("slug", ARTICLES)
def test_articles_describe_a_stretch_with_its_own_difficulty(slug):
    for stretch, words in _stretches_in(ARTICLES[slug]):
        said = {d for d, claim in DIFFICULTIES.items() if re.search(claim, words.lower())}
        assert said <= {STRETCHES[stretch]["difficulty"]}, (stretch, words)


@pytest.mark.parametrize("slug", PAGES)
def test_no_reference_is_dated_after_the_pages_last_review(slug):
    last_reviewed = PAGES[slug].get("review", {}).get("last_reviewed")
    if isinstance(last_reviewed, date):
        years = [ref["year"] for ref in PAGES[slug].get("references", [])]
        assert all(year <= last_reviewed.year for year in years)
