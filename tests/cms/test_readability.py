"""The reading-grade check editors see: a small Flesch-Kincaid with a syllable heuristic."""

import pytest

from cms.content_checks import content_warnings, reading_grade
from cms.readability import grade, syllables
from tests import factories


@pytest.mark.parametrize(
    ("word", "count"),
    [("back", 1), ("stretch", 1), ("muscle", 2), ("gently", 2), ("eased", 1), ("every", 3)],
)
def test_syllables_follow_plain_english(word, count):
    assert syllables(word) == count


def test_plain_sentences_read_below_grade_8_and_dense_ones_above():
    plain = "Lie on your back. Bend one knee. Hold it for ten seconds. Then rest."
    dense = (
        "Notwithstanding considerable interindividual variability, musculoskeletal "
        "dysfunction characteristically necessitates comprehensive multidisciplinary "
        "rehabilitation incorporating progressive neuromuscular reconditioning."
    )
    assert grade(plain) < 3
    assert grade(dense) > 14
    assert grade("") is None


def test_the_editor_is_warned_about_a_hard_page_only(library):
    easy = factories.ArticlePageFactory.build(summary="Most back pain gets better in weeks.")
    hard = factories.ArticlePageFactory.build(
        summary="Comprehensive multidisciplinary rehabilitation necessitates considerable "
        "interindividual individualisation of neuromuscular reconditioning programmes."
    )
    assert content_warnings(easy) == []
    (warning,) = content_warnings(hard)
    assert "Reading grade" in warning and "above 8" in warning
    assert reading_grade(hard) > 8


def test_the_warning_threshold_comes_from_settings(settings):
    settings.READING_GRADE_WARNING = 1
    page = factories.StretchGuidePageFactory.build(summary="Loosens a tight buttock muscle.")
    assert content_warnings(page)
