"""From what a reader typed to the library's pages, best first.

Readers misspell ("sciatca"), stop half-way ("hamstr") and use their own words
("pain down my leg"). ``analyse`` turns the query into clauses, one per word or
per reader's phrase, each with the library words it may mean and how sure we
are; ``rank`` scores pages on them. A page whose title and summary name the
thing outranks one that mentions it in passing.

The server ranks from the database's postings of the query's words
(``api.search.store``), a phone from its saved index; both hand over the same
mappings. ``frontend/static/frontend/js/offline-search.js`` ports this module
with the same arithmetic in the same order for each page, so the same
floating-point scores; the search-quality test runs both over the same queries
and requires they agree.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from .index import PARAMS
from .text import STOPWORDS, stem, words


@dataclass
class Plan:
    clauses: list[list[list[dict[str, float]]]] = field(default_factory=list)
    suggestion: str = ""

    @property
    def stems(self) -> set[str]:
        return {
            token
            for clause in self.clauses
            for alternative in clause
            for expansion in alternative
            for token in expansion
        }


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap counts once), or ``limit + 1`` if over it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        lowest = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            lowest = min(lowest, value)
        if lowest > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


def max_edits(token: str) -> int:
    one, two = PARAMS["fuzzy_lengths"]
    return 2 if len(token) >= two else 1 if len(token) >= one else 0


# The ranking's inputs, wherever the index lives:
Vocabulary = Mapping[str, int]  # token -> how many pages hold it
Postings = Mapping[str, Mapping[int, int]]  # token -> {doc: mask of fields}
Docs = Mapping[int, dict]  # doc -> {"id", "title", "n": title tokens, "lead": first one}


def corrections(token: str, vocabulary: Vocabulary, known: list[str]) -> list[str]:
    """The known words nearest to an unknown one, most used first; none if too far."""
    limit = max_edits(token)
    best, found = limit + 1, []
    for word in known:
        distance = edit_distance(token, word, limit)
        if distance < best:
            best, found = distance, [word]
        elif distance == best <= limit:
            found.append(word)
    return sorted(found, key=lambda word: (-vocabulary.get(word, 0), word))


def completions(token: str, vocabulary: Vocabulary) -> list[str]:
    if len(token) < PARAMS["prefix_min"]:
        return []
    return [word for word in vocabulary if word != token and word.startswith(token)]


def expansion(token: str, corrected: list[str], last: bool, vocabulary: Vocabulary) -> dict:
    """The library words one query word may mean, each with how sure we are."""
    if corrected:
        return {word: PARAMS["fuzzy"] for word in corrected if word in vocabulary}
    found = {token: 1} if token in vocabulary else {}
    if last or not found:
        for word in completions(token, vocabulary):
            found[word] = PARAMS["prefix"]
    return found


def analyse(query: str, vocabulary: Vocabulary, synonyms: list[list]) -> Plan:
    """The query as clauses; typos are corrected to the library's or the phrases' words."""
    raw = words(query)
    tokens = [stem(word) for word in raw if word not in STOPWORDS]
    known_set = set(vocabulary) | {word for phrase, _ in synonyms for word in phrase}
    known = sorted(known_set)
    fixes = []
    for token in tokens:
        unknown = token not in known_set and not completions(token, vocabulary)
        fixes.append(corrections(token, vocabulary, known) if unknown else [])
    meant = [fix[0] if fix else token for token, fix in zip(tokens, fixes, strict=True)]

    plan = Plan()
    position = 0
    while position < len(tokens):
        span, alternatives = 1, []
        for phrase, terms in synonyms:
            end = position + len(phrase)
            if len(phrase) >= span and meant[position:end] == phrase:
                span, alternatives = len(phrase), terms
        literal = [
            expansion(tokens[i], fixes[i], i == len(tokens) - 1, vocabulary)
            for i in range(position, position + span)
        ]
        synonym_terms = [[{word: 1} for word in term] for term in alternatives]
        plan.clauses.append([literal, *synonym_terms])
        position += span

    if any(fixes):
        fixed = iter(meant)
        plan.suggestion = " ".join(word if word in STOPWORDS else next(fixed) for word in raw)
    return plan


def _field_weight(mask: int) -> int:
    weight = 0
    for bit, field_weight in enumerate(PARAMS["weights"]):
        if mask & (1 << bit):
            weight += field_weight
    return weight


# Every mask's weight, worked out once: a common word has a posting in every page.
FIELD_WEIGHTS = [_field_weight(mask) for mask in range(1 << len(PARAMS["weights"]))]


def _expansion_scores(expansion: dict, postings: Postings) -> dict[int, float]:
    """Per doc holding one of its words: the best of sureness times the fields' weight."""
    best = {}
    for word, sureness in expansion.items():
        for doc, mask in postings.get(word, {}).items():
            value = sureness * FIELD_WEIGHTS[mask]
            if value > best.get(doc, 0):
                best[doc] = value
    return best


def rank(plan: Plan, postings: Postings, docs: Docs) -> list[dict]:
    """The docs matching the plan, best first (ties by title, then id).

    Works through the postings of the query's words only, so a query costs what
    it matches, not the size of the library. For each doc the sums are taken in
    the order the clauses and words come (a doc missing a word adds nothing),
    exactly as the offline port scores one doc at a time.
    """
    totals = {}
    for clause in plan.clauses:
        best = {}
        for alternative in clause:
            subtotals = {}
            for word_expansion in alternative:
                for doc, value in _expansion_scores(word_expansion, postings).items():
                    subtotals[doc] = subtotals.get(doc, 0) + value
            for doc, subtotal in subtotals.items():
                best[doc] = max(best.get(doc, 0), subtotal / len(alternative))
        for doc, value in best.items():
            totals[doc] = totals.get(doc, 0) + value
    stems = plan.stems
    in_title = Counter(
        doc for word in stems for doc, mask in postings.get(word, {}).items() if mask & 1
    )
    scored = []
    for doc, total in totals.items():
        if total <= 0:
            continue
        found = docs[doc]
        total += PARAMS["title_bonus"] * in_title[doc] / max(found["n"], 1)
        if found["lead"] in stems:
            total += PARAMS["lead_bonus"]
        scored.append((-total, found["title"], found["id"], doc))
    scored.sort()  # a page id is never tied, so the doc key is never compared
    return [docs[doc] for *_, doc in scored]
