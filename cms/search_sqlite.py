"""The one-pass ranked SQLite search backend (see ``cms.search_backend``).

Imported only on SQLite: importing Wagtail's SQLite FTS module defines its index
model, which PostgreSQL's database has no table (or app registry entry) for.
"""

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from django.db.models import CharField
from django.db.models.functions import Cast


class RankedQueryCompiler(SQLiteSearchQueryCompiler):
    def ranked_hits(self, config):
        """Index entries matching the query, for pages of the queryset, best first.

        ``None`` when the query is not a plain match (match-all, negated): the
        stock plan handles those, and they are not what readers type.
        """
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return None
        search_query = self.build_search_query(query, config=config)
        visible = (
            self.queryset.order_by()
            .annotate(object_key=Cast("pk", CharField()))
            .values("object_key")
        )
        return (
            SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            )
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=visible,
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            # BM25 is negative, lower is better: Wagtail's order, ties newest first.
            .order_by("score", "-index_entry__object_id")
        )


class RankedSearchResults(SQLiteSearchResults):
    def _hits(self):
        compiler = self.query_compiler
        if not isinstance(compiler, RankedQueryCompiler):
            return None  # autocomplete (the admin's search as you type): the stock plan
        return compiler.ranked_hits(compiler.get_config(self.backend))

    def _do_search(self):
        hits = self._hits()
        if hits is None:
            return super()._do_search()
        scored = list(hits.values_list("index_entry__object_id", "score")[self.start : self.stop])
        pks = [int(object_id) for object_id, _score in scored]
        pages = self.query_compiler.queryset.filter(pk__in=pks).in_bulk()
        results = []
        for (_object_id, score), pk in zip(scored, pks, strict=True):
            if pk in pages:
                if self._score_field:
                    setattr(pages[pk], self._score_field, score)
                results.append(pages[pk])
        return results

    def _do_count(self):
        hits = self._hits()
        return super()._do_count() if hits is None else hits.count()


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedQueryCompiler
    results_class = RankedSearchResults
