"""The public change log behind ``/api/v1/changes/``, ETags and response caching."""

from django.db import models


class ContentChange(models.Model):
    """One event in the public library: something became visible, changed, or went away.

    The auto-incrementing id is the feed's cursor. Rows hold no content and no
    editor data, only what a mirror needs to know which resource to refetch or drop.
    """

    class Action(models.TextChoices):
        PUBLISH = "publish"
        UPDATE = "update"
        UNPUBLISH = "unpublish"
        DELETE = "delete"

    class Kind(models.TextChoices):
        ARTICLE = "article"
        STRETCH = "stretch"
        ROUTINE = "routine"
        MUSCLE = "muscle"
        REGION = "region"
        SECTION = "section"
        CLINIC = "clinic"

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"#{self.id} {self.action} {self.kind} {self.object_id}"

    @property
    def removes(self) -> bool:
        return self.action in (self.Action.UNPUBLISH, self.Action.DELETE)


class SearchEntry(models.Model):
    """One public article or stretch guide as the library's search index holds it.

    The index lives in the database, so a search costs a few indexed reads however
    large the library, and a publish re-indexes only what it changed (``api.search.store``
    keeps it in step with the change log). It is derived data: it can be rebuilt.

    ``title``, ``title_words`` and ``lead`` repeat the card's ``title``, ``n`` and
    ``lead`` as columns: ranking reads them with each posting, through a join,
    for thousands of pages a query, where decoding each card would cost more.
    """

    # Not a foreign key: a deleted page leaves through ``sync`` (logged as deleted), which
    # also takes its words out of the vocabulary's counts.
    page_id = models.IntegerField(primary_key=True)
    tree_path = models.CharField(max_length=255, db_index=True)  # the offline index's order
    title = models.TextField()
    title_words = models.PositiveIntegerField()  # distinct title tokens: the title bonus
    lead = models.TextField()  # the title's first token: the page's subject
    card = models.JSONField()  # the page as the offline index shows it

    def __str__(self):
        return self.title


class SearchPosting(models.Model):
    """A token found in a page, with which of the ranked fields hold it (a bit mask)."""

    # Deleted by ``api.search.store`` before their entry, counting their words out.
    entry = models.ForeignKey(SearchEntry, on_delete=models.DO_NOTHING, related_name="postings")
    token = models.TextField()
    mask = models.PositiveSmallIntegerField()

    class Meta:
        # Covering: a word's postings are read from the index alone, without visiting
        # the table row by row (a quarter of the time for a word in every page).
        indexes = [models.Index(fields=["token", "entry", "mask"], name="posting_by_token")]
        constraints = [models.UniqueConstraint(fields=["entry", "token"], name="one_posting")]

    def __str__(self):
        return f"{self.token} in {self.entry_id}"


class SearchTerm(models.Model):
    """The index's vocabulary and how many pages use each word (typos, completions)."""

    token = models.TextField(primary_key=True)
    pages = models.PositiveIntegerField()

    def __str__(self):
        return self.token


class SearchBlock(models.Model):
    """The offline index's share for one range of page ids, as JSON ready to send.

    Stored rendered so the whole offline index is a concatenation, however large
    the library; a publish re-renders only its page's block.
    """

    number = models.PositiveIntegerField(primary_key=True)  # page ids number * size and up
    document = models.TextField()

    def __str__(self):
        return f"search block {self.number}"


class SearchIndexCursor(models.Model):
    """The last change log entry the search index has taken in (a single row), and
    the layout it was built with: a new one (a changed word rule, block size or
    document format) makes the next search index the library afresh."""

    change_id = models.BigIntegerField(default=0)
    layout = models.CharField(max_length=40, blank=True)
    # One more each time the index changes: what a process's copy of the vocabulary is of.
    revision = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"search index at change {self.change_id}"
