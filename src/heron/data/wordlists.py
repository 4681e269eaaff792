"""Word lists kept as data: small YAML files of named lists (``data/grammar/*.yaml``).

Each top-level key names one list: ``{note: why it exists, words: [...]}`` or, for a mapping of
word forms, ``{note: ..., forms: {form: lemma}}``. Unknown keys, non-string words and an empty list
are reported with the file and the list's name, all at once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, model_validator

from heron.data import DATA_DIR
from heron.data.loading import read_yaml
from heron.errors import DataFileError

GRAMMAR_DIR = DATA_DIR / "grammar"


class WordList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    note: str | None = None
    words: tuple[StrictStr, ...] = ()
    forms: dict[StrictStr, StrictStr] = {}

    @model_validator(mode="after")
    def _not_empty(self) -> WordList:
        if not self.words and not self.forms:
            raise ValueError("a list needs `words` or `forms`")
        return self


class WordLists:
    """The named lists of one file."""

    def __init__(self, path: Path, lists: dict[str, WordList]) -> None:
        self.path = path
        self._lists = lists

    def _get(self, name: str) -> WordList:
        try:
            return self._lists[name]
        except KeyError:
            raise DataFileError(str(self.path), [f"missing list '{name}'"]) from None

    def set(self, name: str) -> frozenset[str]:
        return frozenset(self._get(name).words)

    def ordered(self, name: str) -> tuple[str, ...]:
        return self._get(name).words

    def forms(self, name: str) -> dict[str, str]:
        return dict(self._get(name).forms)


@cache
def word_lists(name: str, directory: Path = GRAMMAR_DIR) -> WordLists:
    """Load ``<directory>/<name>.yaml`` (cached)."""
    path = directory / f"{name}.yaml"
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(str(path), ["expected a mapping of list names to lists"])
    lists: dict[str, WordList] = {}
    problems: list[str] = []
    for key, value in raw.items():
        try:
            lists[str(key)] = WordList.model_validate(value)
        except ValidationError as e:
            for err in e.errors():
                loc = ".".join(str(x) for x in err["loc"])
                problems.append(f"list '{key}': {loc or 'value'}: {err['msg']}")
    if problems:
        raise DataFileError(str(path), problems)
    return WordLists(path, lists)
