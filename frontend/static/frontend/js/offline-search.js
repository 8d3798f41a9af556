/* Search with no signal: the same answers as the server, from the saved index.
 *
 * A port of api/search/text.py and api/search/ranking.py, rule for rule and in
 * the same order of operations, so scores and order match the server's exactly
 * (tests/frontend/browser/test_search_quality.py checks they agree). The index
 * (/api/v1/search/index/) carries the data: stop words, synonyms, weights.
 *
 * On /search/, when the page shown is not the server's answer to the address's
 * query (the service worker served the saved search page offline), this module
 * answers from the saved index and keeps what the reader typed.
 */
const INDEX_URL = "/api/v1/search/index/";

/* Text (api/search/text.py) */

export function words(text) {
  const folded = text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  return folded.match(/[a-z0-9]+/g) || [];
}

export function stem(word) {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 4 && ["ches", "shes", "sses", "xes", "zes"].some((end) => word.endsWith(end))) {
    return word.slice(0, -2);
  }
  if (word.length > 3 && word.endsWith("s") && !["ss", "us", "is"].some((e) => word.endsWith(e))) {
    return word.slice(0, -1);
  }
  return word;
}

/* Ranking (api/search/ranking.py) */

class Library {
  constructor(index) {
    this.params = index.params;
    this.stop = new Set(index.stopwords);
    this.synonyms = index.synonyms;
    this.docs = [];
    this.postings = new Map();
    // From format 3 the docs come in blocks, each numbered from 0 (before: one block).
    for (const block of index.format >= 3 ? index.blocks : [index]) {
      const offset = this.docs.length;
      for (const [word, flat] of Object.entries(block.terms)) {
        if (!this.postings.has(word)) this.postings.set(word, new Map());
        const docs = this.postings.get(word);
        // From format 2, each posting's document is the gap from the one before.
        const gaps = index.format >= 2;
        let doc = offset;
        for (let i = 0; i < flat.length; i += 2) {
          doc = gaps ? doc + flat[i] : offset + flat[i];
          docs.set(doc, flat[i + 1]);
        }
      }
      this.docs.push(...block.docs);
    }
    const known = new Set(this.postings.keys());
    for (const [phrase] of index.synonyms) phrase.forEach((word) => known.add(word));
    this.known = [...known].sort(byCodePoint);
  }

  mask(word, doc) {
    return this.postings.get(word)?.get(doc) || 0;
  }
}

function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i, ...new Array(b.length).fill(0)];
    let lowest = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      current[j] = value;
      lowest = Math.min(lowest, value);
    }
    if (lowest > limit) return limit + 1;
    [previous2, previous] = [previous, current];
  }
  return previous[b.length];
}

function maxEdits(token, params) {
  const [one, two] = params.fuzzy_lengths;
  return token.length >= two ? 2 : token.length >= one ? 1 : 0;
}

function corrections(token, library) {
  const limit = maxEdits(token, library.params);
  let best = limit + 1;
  let found = [];
  for (const word of library.known) {
    const distance = editDistance(token, word, limit);
    if (distance < best) [best, found] = [distance, [word]];
    else if (distance === best && distance <= limit) found.push(word);
  }
  const usage = (word) => library.postings.get(word)?.size || 0;
  return found.sort((a, b) => usage(b) - usage(a) || byCodePoint(a, b));
}

function completions(token, library) {
  if (token.length < library.params.prefix_min) return [];
  return [...library.postings.keys()].filter((word) => word !== token && word.startsWith(token));
}

function expansion(token, corrected, last, library) {
  const found = new Map();
  if (corrected.length) {
    for (const word of corrected) {
      if (library.postings.has(word)) found.set(word, library.params.fuzzy);
    }
    return found;
  }
  if (library.postings.has(token)) found.set(token, 1);
  if (last || !found.size) {
    for (const word of completions(token, library)) found.set(word, library.params.prefix);
  }
  return found;
}

function analyse(query, library) {
  const raw = words(query);
  const tokens = raw.filter((word) => !library.stop.has(word)).map(stem);
  const known = new Set(library.known);
  const fixes = tokens.map((token) =>
    !known.has(token) && !completions(token, library).length ? corrections(token, library) : [],
  );
  const meant = tokens.map((token, i) => (fixes[i].length ? fixes[i][0] : token));

  const clauses = [];
  let position = 0;
  while (position < tokens.length) {
    let span = 1;
    let alternatives = [];
    for (const [phrase, terms] of library.synonyms) {
      const slice = meant.slice(position, position + phrase.length);
      if (phrase.length >= span && slice.length === phrase.length && slice.every((w, i) => w === phrase[i])) {
        [span, alternatives] = [phrase.length, terms];
      }
    }
    const literal = [];
    for (let i = position; i < position + span; i++) {
      literal.push(expansion(tokens[i], fixes[i], i === tokens.length - 1, library));
    }
    const synonyms = alternatives.map((term) => term.map((word) => new Map([[word, 1]])));
    clauses.push([literal, ...synonyms]);
    position += span;
  }

  let suggestion = "";
  if (fixes.some((fix) => fix.length)) {
    let next = 0;
    suggestion = raw.map((word) => (library.stop.has(word) ? word : meant[next++])).join(" ");
  }
  const stems = new Set();
  for (const clause of clauses) {
    for (const alternative of clause) alternative.forEach((exp) => exp.forEach((_, w) => stems.add(w)));
  }
  return { clauses, suggestion, stems };
}

function tokenScore(exp, doc, library) {
  let best = 0;
  for (const [word, sureness] of exp) {
    const mask = library.mask(word, doc);
    let weight = 0;
    library.params.weights.forEach((fieldWeight, bit) => {
      if (mask & (1 << bit)) weight += fieldWeight;
    });
    best = Math.max(best, sureness * weight);
  }
  return best;
}

function score(plan, doc, library) {
  let total = 0;
  for (const clause of plan.clauses) {
    let best = 0;
    for (const alternative of clause) {
      let subtotal = 0;
      for (const exp of alternative) subtotal += tokenScore(exp, doc, library);
      best = Math.max(best, subtotal / alternative.length);
    }
    total += best;
  }
  if (total > 0) {
    const { docs } = library;
    let inTitle = 0;
    for (const word of plan.stems) if (library.mask(word, doc) & 1) inTitle += 1;
    total += (library.params.title_bonus * inTitle) / Math.max(docs[doc].n, 1);
    if (plan.stems.has(docs[doc].lead)) total += library.params.lead_bonus;
  }
  return total;
}

/** `{results: [doc, ...], suggestion}` for a query, over a loaded index document. */
export function search(index, query) {
  const library = index instanceof Library ? index : new Library(index);
  const plan = analyse(query, library);
  const scored = [];
  library.docs.forEach((doc, number) => {
    const value = score(plan, number, library);
    if (value > 0) scored.push([-value, doc]);
  });
  scored.sort(([a, x], [b, y]) => a - b || byCodePoint(x.title, y.title) || x.id - y.id);
  return { results: scored.map(([, doc]) => doc), suggestion: plan.suggestion };
}

/* The search page, answered offline */

const root = document.querySelector("[data-search-page]");
const asked = new URLSearchParams(location.search).get("q")?.trim() || "";
if (root && asked && root.dataset.query !== asked) answerOffline(root, asked);

async function answerOffline(root, query) {
  const input = root.querySelector("input[name=q]");
  input.value = query;
  const output = root.querySelector("[data-search-results]");
  let index;
  try {
    index = await (await fetch(INDEX_URL)).json();
    if (!index.docs && !index.blocks) throw new Error("No saved search index");
  } catch {
    output.replaceChildren(paragraph("Search needs a connection, or the library saved on this phone."));
    return;
  }
  const { results, suggestion } = search(index, query.slice(0, 200));
  const heading = Object.assign(document.createElement("h2"), {
    id: "results-heading",
    textContent: `${results.length} saved result${results.length === 1 ? "" : "s"} for “${query}”`,
  });
  const parts = [heading];
  if (suggestion) parts.push(didYouMean(suggestion));
  if (results.length) {
    const list = Object.assign(document.createElement("ol"), { className: "cards" });
    for (const doc of results.slice(0, 30)) list.append(card(doc));
    parts.push(list);
  } else {
    parts.push(paragraph("Nothing saved matched. Try fewer words, or another word for the same thing."));
  }
  output.replaceChildren(...parts);
  output.hidden = false;
}

function didYouMean(suggestion) {
  const link = Object.assign(document.createElement("a"), {
    href: `/search/?q=${encodeURIComponent(suggestion)}`,
    textContent: suggestion,
  });
  const text = paragraph("Did you mean ");
  text.className = "search-suggestion";
  text.append(link, "?");
  return text;
}

function card(doc) {
  const item = Object.assign(document.createElement("li"), { className: "card" });
  const kicker = paragraph(doc.type === "stretch" ? "Stretch" : "Article");
  kicker.className = "card__kicker";
  const title = Object.assign(document.createElement("h3"), { className: "card__title" });
  title.append(Object.assign(document.createElement("a"), { href: doc.path, textContent: doc.title }));
  item.append(kicker, title, paragraph(doc.summary));
  return item;
}

function paragraph(text) {
  return Object.assign(document.createElement("p"), { textContent: text });
}
