"""Delivery: everything about answering a public read from a kept copy, in one package.

* ``rules`` -- who may be given a shared answer, what may be kept, what compressed;
* ``versions`` -- the content versions a copy depends on, in the shared cache
  (no query on a hit; staleness bounded by ``versions.MEMO_SECONDS``, 1 s);
* ``copies`` -- the one kept copy per URL (also the stale copy), keys, ETags,
  single flight;
* ``middleware`` -- where it runs: before routing, with grace, stale-if-error
  and compression.

Apps plug in without this package importing them (imports run cms <- api <-
frontend): the API registers its rate limit (``middleware.admit_with``), the
change log bumps versions (``versions.bump``) and records expiries
(``versions.on_expiry``); page and detail views name what they show
(``middleware.depend_on_page``). See the README's "Cache, CDN and purging".
"""
