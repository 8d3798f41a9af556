"""The generated step pictures: small, well-formed, named, and the moving limb stands out."""

import re
import xml.etree.ElementTree as ET

import pytest

from cms.demo.loader import read_library
from cms.demo.poses import POSES, STAGES, pose_svg

SVG = "{http://www.w3.org/2000/svg}"
LIBRARY = read_library()
PICTURES = [(slug, stage) for slug in POSES for stage in STAGES]


@pytest.mark.parametrize(("slug", "stage"), PICTURES)
def test_pose_is_small_well_formed_svg_with_a_title_and_size(slug, stage):
    text = pose_svg(slug, stage)
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") and root.get("height")
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and len(title.text) > 20
    assert root.get("aria-labelledby") == title.get("id")
    assert len(text.encode()) < 3000


@pytest.mark.parametrize(("slug", "stage"), PICTURES)
def test_moving_limb_is_marked_by_more_than_colour(slug, stage):
    root = ET.fromstring(pose_svg(slug, stage))
    classes = [el.get("class") for el in root.iter(f"{SVG}path")]
    assert "m" in classes, "the moving limb has its own colour"
    assert "mo" in classes, "and a thick outline"
    assert "s" in classes, "and a dashed stripe"
    style = root.find(f"{SVG}style").text
    assert ".s{stroke-dasharray:" in style
    assert "prefers-color-scheme:dark" in style


@pytest.mark.parametrize("slug", POSES)
def test_only_the_start_and_the_way_back_carry_an_arrow(slug):
    arrows = {stage: pose_svg(slug, stage).count('class="ah"') for stage in STAGES}
    assert arrows == {"start": 1, "stretch": 0, "return": 1}


def test_every_step_of_every_demo_stretch_names_a_drawn_pose():
    for stretch in LIBRARY["stretches"]:
        assert stretch["slug"] in POSES
        for step in stretch["steps"]:
            assert step["pose"] in STAGES, (stretch["slug"], step["instruction"])


def test_two_sided_pictures_name_the_left_side_they_show():
    """The player mirrors them for the right side and swaps the words, so they must say it."""
    for stretch in LIBRARY["stretches"]:
        if stretch["sides"] == "both":
            for stage in STAGES:
                title = ET.fromstring(pose_svg(stretch["slug"], stage)).find(f"{SVG}title").text
                assert re.search(r"\bleft\b", title), stretch["slug"]
