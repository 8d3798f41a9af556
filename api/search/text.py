"""How text becomes search tokens: the one definition the offline index carries.

``frontend/static/frontend/js/offline-search.js`` repeats these few rules
exactly (lower case, accents dropped, runs of ASCII letters and digits, a
small plural stemmer); the stop words travel inside the offline index, so the
list lives only here.
"""

import re
import unicodedata

WORD = re.compile(r"[a-z0-9]+")
_STOPWORD_TEXT = """a about after all also am an and any are as at be been before but by can
    could did do does doing down for from had has have how i if in into is it its
    just me more most my no not of on or our out over own so some such than that
    the their them then there these they this to too up very was we what when where
    which while who why will with you your"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case ASCII words, accents dropped: "Sciática!" -> ["sciatica"]."""
    folded = text.lower()
    if not folded.isascii():  # most of the library is: no accents to drop
        folded = unicodedata.normalize("NFKD", folded)
        # Marks of any kind, as JavaScript's /\p{M}/ drops them in offline-search.js.
        folded = "".join(char for char in folded if not unicodedata.category(char).startswith("M"))
    return WORD.findall(folded)


def stem(word: str) -> str:
    """Plural to singular, just enough that "discs" finds "disc" and "stretches" "stretch"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The words that count for matching: stemmed, stop words left out."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]
