"""Facts of CAMEO's root categories, read from ``data/codebook/roots.yaml``.

Code asks these questions of a code ("is it violent?", "which quad class?") instead of testing
strings such as ``code[:2] in {"18", "19", "20"}``.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from heron.data import DATA_DIR
from heron.data.loading import read_yaml
from heron.errors import DataFileError

ROOTS_FILE = DATA_DIR / "codebook" / "roots.yaml"


class Root(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    quad_gdelt: int
    quad_icews: int
    statement: bool = False
    reciprocal: bool = False
    mutual: bool = False
    given: bool = False
    answers: bool = False
    carries_demands: bool = False
    carries_commitments: bool = False
    violent: bool = False
    claims_complement: bool = False
    unreal_complement: bool = False
    refusal: str | None = None
    note: str | None = None


@lru_cache(maxsize=1)
def roots() -> dict[str, Root]:
    raw = read_yaml(ROOTS_FILE)
    entries = raw.get("roots") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        raise DataFileError(str(ROOTS_FILE), ["expected `roots:` mapping root codes to facts"])
    out: dict[str, Root] = {}
    problems: list[str] = []
    for code, value in entries.items():
        try:
            out[str(code)] = Root.model_validate(value)
        except ValueError as e:
            problems.append(f"root {code}: {e}")
    missing = [f"{i:02d}" for i in range(1, 21) if f"{i:02d}" not in out]
    problems += [f"root {m}: missing" for m in missing]
    if problems:
        raise DataFileError(str(ROOTS_FILE), problems)
    return out


def root(code: str) -> Root:
    """The root category of a CAMEO code ("0314" → root "03")."""
    try:
        return roots()[code[:2]]
    except KeyError:
        raise ValueError(f"not a CAMEO code: {code!r}") from None
