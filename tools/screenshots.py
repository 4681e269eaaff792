"""Screenshots of the dashboard's main pages, taken from the real app → docs/screenshots/.

Starts ``heron serve`` on 127.0.0.1 over a store (by default the one ``make run`` makes), opens
each page in Debian's chromium (headless, driven by Playwright), and saves a PNG per page::

    make run && make screenshots        # or: python tools/screenshots.py --db heron.duckdb

Look at the pictures after a change to the templates or the styles; the README shows one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = os.environ.get("HERON_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
SAMPLE_TEXT = (
    "Japan pledged $50 million in humanitarian aid to Sudan on Thursday. Kenyan police arrested "
    "12 protesters in Nairobi on Tuesday after a march against new taxes turned violent."
)


def serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "heron.cli", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("Heron dashboard: http://127.0.0.1:"):
        proc.kill()
        raise SystemExit(f"heron serve did not start: {line!r}")
    return proc, line.split()[2].rstrip("/")


def take(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    profile = tempfile.mkdtemp(prefix="heron-shots-")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                args=ARGS,
                headless=True,
                viewport={"width": 1280, "height": 860},
                device_scale_factor=1,
            )
            page = browser.new_page()

            def shot(name: str, *, full: bool = False) -> None:
                path = out / f"{name}.png"
                page.screenshot(path=str(path), full_page=full)
                shots.append(path)

            page.goto(base + "/")
            page.wait_for_selector("#weekly-chart[data-ready='1']")
            shot("overview")

            page.goto(base + "/dyads?actor=Japan&recipient=North+Korea&by=month")
            page.wait_for_selector("#series-chart[data-ready='1']")
            # what a click on the chart's last point does: list that month's events below
            page.locator("#series-table a[data-period]").last.dispatch_event("click")
            page.wait_for_selector("#period-events table")
            shot("dyads", full=True)

            page.goto(base + "/events?q=summit")
            page.wait_for_selector("table.events")
            shot("events")

            page.goto(base + "/events?actor=Kishida&q=offered")
            page.locator("table.events tbody tr a.code").first.click()
            page.wait_for_selector("#sentence mark.hl-trigger")
            shot("provenance", full=True)  # the document's other events stay folded

            page.goto(base + "/actors/Kishida?date=2024-03-26")
            page.wait_for_selector("table.roles")
            shot("actor")

            page.goto(base + "/try")
            page.fill("#try-text", SAMPLE_TEXT)
            page.fill("input[name=date]", "2024-03-26")
            page.click("#try-form button[type=submit]")
            page.wait_for_selector("#try-result", timeout=120_000)
            shot("try", full=True)
            browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return shots


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("heron.duckdb"))
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = ap.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: run `make run` first")
    proc, base = serve(args.db)
    try:
        for path in take(base, args.out):
            print(path)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
