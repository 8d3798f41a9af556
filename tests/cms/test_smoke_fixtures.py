from cms.models import ArticlePage, StretchGuidePage


def test_library_fixture_publishes_pages_under_the_default_site(article, stretch, library):
    assert ArticlePage.objects.live().get() == article
    assert StretchGuidePage.objects.live().get() == stretch
    assert article.get_site() == library.site
    assert article.get_call_to_action(library.clinic).heading == "Book a massage session"
