"""From what a reader typed to the library's pages, best first.

Readers misspell ("sciatca"), stop half-way ("hamstr") and use their own words
("pain down my leg"). ``analyse`` turns the query into clauses, one per word or
per reader's phrase, each with the library words it may mean and how sure we
are; ``rank`` scores pages on them. A page whose title and summary name the
thing outranks one that mentions it in passing.

``frontend/static/frontend/js/offline-search.js`` is a line-for-line port of
this module (same order of operations, so the same floating-point scores); the
search-quality test runs both over the same queries and requires they agree.
"""

from dataclasses import dataclass, field

from .index import PARAMS, LibraryIndex
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


def corrections(token: str, library: LibraryIndex, known: list[str]) -> list[str]:
    """The known words nearest to an unknown one, most used first; none if too far."""
    limit = max_edits(token)
    best, found = limit + 1, []
    for word in known:
        distance = edit_distance(token, word, limit)
        if distance < best:
            best, found = distance, [word]
        elif distance == best <= limit:
            found.append(word)
    return sorted(found, key=lambda word: (-len(library.postings.get(word, {})), word))


def completions(token: str, library: LibraryIndex) -> list[str]:
    if len(token) < PARAMS["prefix_min"]:
        return []
    return [word for word in library.postings if word != token and word.startswith(token)]


def expansion(token: str, corrected: list[str], last: bool, library: LibraryIndex) -> dict:
    """The library words one query word may mean, each with how sure we are."""
    if corrected:
        return {word: PARAMS["fuzzy"] for word in corrected if word in library.postings}
    found = {token: 1} if token in library.postings else {}
    if last or not found:
        for word in completions(token, library):
            found[word] = PARAMS["prefix"]
    return found


def analyse(query: str, library: LibraryIndex) -> Plan:
    raw = words(query)
    tokens = [stem(word) for word in raw if word not in STOPWORDS]
    known = sorted(library.known)
    known_set = set(known)
    fixes = []
    for token in tokens:
        unknown = token not in known_set and not completions(token, library)
        fixes.append(corrections(token, library, known) if unknown else [])
    meant = [fix[0] if fix else token for token, fix in zip(tokens, fixes, strict=True)]

    plan = Plan()
    position = 0
    while position < len(tokens):
        span, alternatives = 1, []
        for phrase, terms in library.synonyms:
            end = position + len(phrase)
            if len(phrase) >= span and meant[position:end] == phrase:
                span, alternatives = len(phrase), terms
        literal = [
            expansion(tokens[i], fixes[i], i == len(tokens) - 1, library)
            for i in range(position, position + span)
        ]
        synonyms = [[{word: 1} for word in term] for term in alternatives]
        plan.clauses.append([literal, *synonyms])
        position += span

    if any(fixes):
        fixed = iter(meant)
        plan.suggestion = " ".join(word if word in STOPWORDS else next(fixed) for word in raw)
    return plan


def _token_score(expansion: dict, doc: int, library: LibraryIndex) -> float:
    best = 0
    for word, sureness in expansion.items():
        mask = library.postings.get(word, {}).get(doc, 0)
        weight = 0
        for bit, field_weight in enumerate(PARAMS["weights"]):
            if mask & (1 << bit):
                weight += field_weight
        best = max(best, sureness * weight)
    return best


def score(plan: Plan, doc: int, library: LibraryIndex) -> float:
    total = 0
    for clause in plan.clauses:
        best = 0
        for alternative in clause:
            subtotal = 0
            for expansion in alternative:
                subtotal += _token_score(expansion, doc, library)
            best = max(best, subtotal / len(alternative))
        total += best
    if total > 0:
        in_title = sum(1 for word in plan.stems if library.postings.get(word, {}).get(doc, 0) & 1)
        total += PARAMS["title_bonus"] * in_title / max(library.docs[doc]["n"], 1)
        if library.docs[doc]["lead"] in plan.stems:
            total += PARAMS["lead_bonus"]
    return total


def rank(plan: Plan, library: LibraryIndex, only: set[int] | None = None) -> list[dict]:
    """Matching docs (optionally only those with these page ids), best first.

    Only docs holding a word the query may mean are scored (any other scores 0),
    so a query costs what it matches, not the size of the library.
    """
    candidates = set()
    for token in plan.stems:
        candidates.update(library.postings.get(token, ()))
    scored = []
    for number in sorted(candidates):
        doc = library.docs[number]
        if only is not None and doc["id"] not in only:
            continue
        value = score(plan, number, library)
        if value > 0:
            scored.append((-value, doc["title"], doc["id"], doc))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored]
