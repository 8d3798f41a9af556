"""The demo routines: four of them, each a list of demo stretch guides with a dosage."""

import pytest

from cms.demo.loader import load_demo_library, read_library
from cms.models import RoutinePage, StretchGuidePage

from .test_demo_clinical_rules import page_text, reading_grade

ROUTINES = read_library()["routines"]


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return load_demo_library()


def test_at_least_four_demo_routines_are_published_in_the_stretches_section(loaded):
    routines = RoutinePage.objects.live()

    assert loaded["routines"] == len(ROUTINES) >= 4
    assert {page.slug for page in routines} == {data["slug"] for data in ROUTINES}
    assert all(page.get_parent().slug == "stretches" for page in routines)


def test_each_routine_runs_the_guides_its_file_names_with_its_dosage(loaded):
    slugs = dict(StretchGuidePage.objects.values_list("id", "slug"))
    for data in ROUTINES:
        page = RoutinePage.objects.get(slug=data["slug"])
        stored = page.dosages()
        assert [slugs[item["stretch"]] for item in stored] == [i["stretch"] for i in data["items"]]
        assert [item["repetitions"] for item in stored] == [
            i.get("repetitions") for i in data["items"]
        ]


def test_loading_again_adds_no_routine(loaded):
    assert load_demo_library()["routines"] == 0
    assert RoutinePage.objects.count() == len(ROUTINES)


@pytest.mark.parametrize("data", ROUTINES, ids=lambda data: data["slug"])
def test_every_routine_reads_at_grade_8_or_below(data):
    assert reading_grade(page_text(data)) <= 8
