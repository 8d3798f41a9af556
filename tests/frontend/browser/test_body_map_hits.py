"""The body map on a phone: every point of every drawn region opens that region.

Points are sampled every few units over each region's drawn shape (and its
invisible target, for small regions), on both figures, and hit-tested where a
finger would land; every one must belong to the region drawn there.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STEP = 3  # SVG units between samples, about 3 CSS pixels on a phone

# For each region link on the map: the regions hit at sampled points of its shapes,
# and the link's size on screen.
SAMPLE = """(step) => {
  const results = [];
  for (const link of document.querySelectorAll(".body-map__svg a[data-region]")) {
    const hits = {};
    let samples = 0;
    for (const shape of link.querySelectorAll("path")) {
      const box = shape.getBBox();
      for (let x = box.x + step / 2; x < box.x + box.width; x += step) {
        for (let y = box.y + step / 2; y < box.y + box.height; y += step) {
          const point = new DOMPoint(x, y);
          if (!shape.isPointInFill(point)) continue;
          const screen = point.matrixTransform(shape.getScreenCTM());
          window.scrollBy({ top: screen.y - innerHeight / 2, behavior: "instant" });
          const onScreen = new DOMPoint(x, y).matrixTransform(shape.getScreenCTM());
          const hit = document.elementFromPoint(onScreen.x, onScreen.y)?.closest("a[data-region]");
          const slug = hit ? hit.dataset.region : "nothing";
          hits[slug] = (hits[slug] || 0) + 1;
          samples += 1;
        }
      }
    }
    const { width, height } = link.getBoundingClientRect();
    results.push({ region: link.dataset.region, samples, hits, width, height });
  }
  return results;
}"""


def test_every_sampled_point_of_every_region_opens_that_region(phone, demo_site):
    tab = phone.new_page()
    tab.goto("/where-does-it-hurt/")

    results = tab.evaluate(SAMPLE, STEP)

    drawn = {result["region"] for result in results}
    assert drawn == {
        "upper-back", "lower-back", "tailbone", "hip", "buttock", "groin",
        "back-of-thigh", "front-of-thigh", "calf", "foot",
    }  # fmt: skip
    for result in results:
        assert result["samples"] > 20, result
        assert result["hits"] == {result["region"]: result["samples"]}, result
        assert result["width"] >= 44 and result["height"] >= 44, result


def test_a_tap_on_the_tailbone_opens_the_tailbone(browser, demo_site):
    touch_phone = browser.new_context(base_url=demo_site.url, has_touch=True, **PHONE)
    tab = touch_phone.new_page()
    tab.goto("/where-does-it-hurt/")

    tab.locator("svg a[data-region=tailbone] .body-map__shape").tap()

    expect(tab).to_have_url(re.compile(r"/where-does-it-hurt/tailbone/$"))
    touch_phone.close()
