"""Real readers' queries and the pages that must come in the top 3 for each.

Misspelt, lay, partial and multi-word, as people type them on a phone. Used by
``tests/api/test_search_quality.py`` (the server) and
``tests/frontend/browser/test_search_quality.py`` (the offline index in the browser).
"""

# query -> slugs of pages that must all be among the first three results
QUERIES = {
    # misspelt
    "sciatca": ["sciatica"],
    "siatica": ["sciatica"],
    "sciatic nerv": ["sciatica"],
    "pirifomis": ["piriformis-syndrome"],
    "hamstring strech": ["lying-hamstring-stretch"],
    "calf strech": ["towel-calf-stretch"],
    "lower bak pain": ["lower-back-pain"],
    "masage": ["massage-techniques-for-back-pain"],
    "gluteus medius": ["gluteus-medius-and-back-pain"],
    "quad strech": ["standing-quad-stretch"],
    "urgant care": ["when-back-pain-needs-urgent-care"],
    "figure four strech": ["figure-four-stretch"],
    # lay words
    "pain down my leg": ["sciatica"],
    "pain down my leggg": ["sciatica"],
    "slipped disc": ["slipped-disc-and-other-structural-causes"],
    "bulging disc": ["slipped-disc-and-other-structural-causes"],
    "bum pain": ["piriformis-syndrome"],
    "pins and needles": ["sciatica"],
    "trapped nerve": ["sciatica"],
    "lumbago": ["lower-back-pain"],
    "bad back": ["lower-back-pain"],
    "emergency": ["when-back-pain-needs-urgent-care"],
    "sitting all day": ["stretching-after-long-sitting"],
    "tight hamstrings": ["lying-hamstring-stretch"],
    "sore back from desk": ["everyday-habits-that-strain-your-back"],
    # partial, as typed
    "sciat": ["sciatica"],
    "pirif": ["piriformis-syndrome"],
    "hamstr": ["lying-hamstring-stretch"],
    "knees to ch": ["knees-to-chest-stretch"],
    "hip flex": ["kneeling-hip-flexor-stretch"],
    "side bend": ["standing-side-bend"],
    "massage techn": ["massage-techniques-for-back-pain"],
    # multi-word
    "back pain": ["lower-back-pain"],
    "sciatica": ["sciatica", "back-pain-or-sciatica"],
    "back pain or sciatica": ["back-pain-or-sciatica"],
    "piriformis stretch": ["seated-piriformis-stretch"],
    "what can massage do": ["what-massage-can-and-cannot-do"],
    "how to describe my symptoms": ["describing-your-symptoms"],
    "tight calf back pain": ["calf-muscle-and-back-pain"],
    "quadratus lumborum": ["deep-back-and-hip-muscles"],
    "iliopsoas": ["deep-back-and-hip-muscles"],
    "before my massage": ["before-and-during-your-massage"],
    "good habits for my back": ["daily-habits-for-a-healthier-back"],
    "judge advice": ["how-to-judge-back-pain-advice"],
    "leg raise": ["side-lying-leg-raise"],
}
PASS_SHARE = 0.9


def offline_ranking(document: dict, query: str) -> list[int]:
    """Page ids for ``query`` ranked from the offline index document, read as the
    phone reads it (``offline-search.js``: blocks concatenated, gaps summed)."""
    from api.search.ranking import analyse, rank

    docs, postings = [], {}
    for block in document["blocks"]:
        offset = len(docs)
        for token, flat in block["terms"].items():
            doc = offset
            for gap, mask in zip(flat[0::2], flat[1::2], strict=True):
                doc += gap
                postings.setdefault(token, {})[doc] = mask
        docs += block["docs"]
    vocabulary = {token: len(found) for token, found in postings.items()}
    plan = analyse(query, vocabulary, document["synonyms"])
    return [doc["id"] for doc in rank(plan, postings, docs)]
