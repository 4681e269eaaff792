"""Copy the dashboard's chart library from its npm package into ``src/heron/web/static/vendor``.

The dashboard draws its charts with Chart.js (MIT licence, which allows redistribution with its
licence text). Heron serves the file itself, so nothing is fetched when the dashboard runs; this
script is how the committed copy was made, and how to update it::

    python tools/vendor_js.py            # npm pack chart.js@VERSION, check, copy
    python tools/vendor_js.py --check    # only check the committed copy against the pinned hash

It runs ``npm pack`` (the npm registry's ordinary client) in a temporary folder, takes
``dist/chart.umd.min.js`` and ``LICENSE.md`` out of the tarball, checks the script against the
sha256 pinned below, and writes both next to a ``VENDORED.md`` that says where they came from.
To move to another version, change ``VERSION``, run with ``--update-hash`` and commit the result.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "chart.js"
VERSION = "4.5.1"
FILES = {"package/dist/chart.umd.min.js": "chart.umd.min.js", "package/LICENSE.md": "LICENSE.md"}
SHA256 = "48444a82d4edcb5bec0f1965faacdde18d9c17db3063d042abada2f705c9f54a"
DEST = Path(__file__).resolve().parents[1] / "src/heron/web/static/vendor/chart.js"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(dest: Path, *, update_hash: bool) -> str:
    """Pack the npm package, copy its files to ``dest``; returns the script's sha256."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
            cwd=tmp,
            check=True,
            stdout=sys.stderr,
        )
        (tarball,) = Path(tmp).glob("*.tgz")
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as tar:
            for member, name in FILES.items():
                src = tar.extractfile(member)
                if src is None:
                    raise SystemExit(f"{tarball.name} has no {member}")
                (dest / name).write_bytes(src.read())
    digest = sha256(dest / "chart.umd.min.js")
    if digest != SHA256 and not update_hash:
        raise SystemExit(
            f"{PACKAGE}@{VERSION}: sha256 {digest} is not the pinned {SHA256}; "
            "check the package, then rerun with --update-hash"
        )
    (dest / "VENDORED.md").write_text(
        f"# {PACKAGE} {VERSION}\n\n"
        f"`chart.umd.min.js` and `LICENSE.md` (MIT) from the npm package `{PACKAGE}@{VERSION}`,\n"
        f"copied by `python tools/vendor_js.py`. sha256 of the script: `{digest}`.\n"
        "Heron serves them from /static/vendor/chart.js/; nothing is fetched at run time.\n",
        encoding="utf-8",
    )
    return digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the committed copy only")
    parser.add_argument("--update-hash", action="store_true", help="accept a new version's hash")
    args = parser.parse_args()
    if args.check:
        digest = sha256(DEST / "chart.umd.min.js")
        if digest != SHA256:
            raise SystemExit(f"{DEST}/chart.umd.min.js: sha256 {digest}, pinned {SHA256}")
        print(f"{PACKAGE} {VERSION}: ok")
        return
    digest = fetch(DEST, update_hash=args.update_hash)
    if args.update_hash and digest != SHA256:
        source = Path(__file__).read_text(encoding="utf-8").replace(SHA256, digest)
        Path(__file__).write_text(source, encoding="utf-8")
    print(f"{PACKAGE} {VERSION} → {DEST} (sha256 {digest})")


if __name__ == "__main__":
    main()
