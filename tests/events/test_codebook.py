"""The codebook files: classes, lead × verbs products, entry ids, and the loader's refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heron.errors import DataFileError
from heron.events.codebook import CODEBOOK_DIR, load_codebook

CAMEO = """\
version: 1
classes:
  captive: [prisoner, hostage]
verb_classes:
  appeal: [urge, ask]
labels: {}
future_intent: {}
"""


@pytest.fixture(name="book")
def book_fixture(tmp_path: Path):
    """Write a small codebook folder (the real code table and grammar, our cameo.yaml) and
    return a function that adds pattern files to it and loads it."""
    for name in ("cameo_codes.tsv", "grammar.yaml"):
        shutil.copy(CODEBOOK_DIR / name, tmp_path / name)
    (tmp_path / "cameo.yaml").write_text(CAMEO, encoding="utf-8")
    (tmp_path / "patterns").mkdir()

    def load(*files: str, extra: str | None = None):
        for i, text in enumerate(files, 1):
            (tmp_path / "patterns" / f"part-{i}.yaml").write_text(text, encoding="utf-8")
        extra_path = None
        if extra is not None:
            extra_path = tmp_path / "mine.yaml"
            extra_path.write_text(extra, encoding="utf-8")
        return load_codebook(extra_path, folder=tmp_path)

    return load


def _verbs(cb, lemma):
    return [(p.code, p.xcomp, sorted(p.xwords)) for p in cb.by_verb[lemma]]


def test_lead_times_verbs_expands_every_pair_in_order(book):
    cb = book(
        """\
verb_classes:
  let_go: [release, free]
entries:
  - id: appeal-release
    code: "0253"
    lead: ["@appeal", call on]
    verbs: ["@let_go", hand over]
    object: ["@captive"]
"""
    )
    assert _verbs(cb, "urge") == [
        ("0253", "release", []),
        ("0253", "free", []),
        ("0253", "hand", ["over"]),
    ]
    assert [p.source.split(": ", 1)[1] for p in cb.by_verb["call"]] == [
        "verb 'call on release'",
        "verb 'call on free'",
        "verb 'call on hand over'",
    ]
    assert cb.by_verb["ask"][0].objects == frozenset({"prisoner", "hostage"})


def test_word_classes_nest_and_serve_objects_clauses_and_nouns(book):
    cb = book(
        """\
classes:
  detainee: ["@captive", Political  Prisoner]
entries:
  - id: free-detainee
    code: "0841"
    verbs: [free]
    object: ["@detainee"]
    clause: ["@captive"]
  - id: release-noun
    code: "0841"
    nouns: ["@detainee"]
"""
    )
    [p] = cb.by_verb["free"]
    assert p.objects == frozenset({"prisoner", "hostage", "political prisoner"})
    assert p.clause == frozenset({"prisoner", "hostage"})
    assert set(cb.by_noun) == {"prisoner", "hostage", "political prisoner"}


def test_rule_cites_the_entry_id_which_does_not_move_when_entries_are_inserted(book):
    entry = '  - id: free-captive\n    code: "0841"\n    verbs: [free]\n'
    before = book("entries:\n" + entry).by_verb["free"][0]
    other = '  - id: stop\n    code: "0841"\n    verbs: [stop]\n'
    after = book("entries:\n" + other + other.replace("stop", "halt") + entry).by_verb["free"][0]
    assert before.source == after.source == "part-1.yaml free-captive: verb 'free'"
    assert before.entry == after.entry == "free-captive"


def test_a_user_entry_without_id_is_cited_by_number(book):
    cb = book("entries: []\n", extra='entries:\n  - {code: "0841", verbs: [unshackle]}\n')
    [p] = cb.by_verb["unshackle"]
    assert p.source == "mine.yaml entry 1 (code 0841): verb 'unshackle'"


def test_a_pattern_shadowed_by_another_code_is_refused(book):
    with pytest.raises(DataFileError) as err:
        book(
            """\
entries:
  - id: appeal-free
    code: "0253"
    lead: ["@appeal"]
    verbs: [free]
  - id: demand-free
    code: "1053"
    verbs: [urge free]
"""
        )
    [problem] = err.value.problems
    assert err.value.path.endswith("part-1.yaml")
    assert problem.startswith("entry 2 (id demand-free, code 1053): verbs: 'urge free'")
    assert "can never fire" in problem and "code 0253" in problem and "appeal-free" in problem


def test_a_pattern_listed_twice_for_one_code_is_refused(book):
    with pytest.raises(DataFileError, match="listed twice for code 0841"):
        book('entries:\n  - id: free\n    code: "0841"\n    verbs: [free, release, free]\n')


def test_the_same_words_with_another_constraint_are_not_a_duplicate(book):
    cb = book(
        """\
entries:
  - {id: free-captive, code: "0841", verbs: [free], object: ["@captive"]}
  - {id: free, code: "084", verbs: [free]}
"""
    )
    assert [p.code for p in cb.by_verb["free"]] == ["0841", "084"]


def test_a_user_pattern_replaces_the_built_in_one(book):
    cb = book(
        'entries:\n  - {id: free, code: "0841", verbs: [free]}\n',
        extra='entries:\n  - {code: "084", verbs: [free]}\n',
    )
    assert [p.code for p in cb.by_verb["free"]] == ["084"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'entries:\n  - {id: free, code: "0841", verbs: [free], objects: [prisoner]}\n',
            "entry 1 (id free, code 0841): objects: unknown key",
        ),
        (
            'clases: {}\nentries:\n  - {id: free, code: "0841", verbs: [free]}\n',
            "file: clases: unknown key",
        ),
    ],
)
def test_an_unknown_key_is_refused(book, text, expected):
    with pytest.raises(DataFileError) as err:
        book(text)
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


def test_a_note_is_allowed_on_files_and_entries(book):
    cb = book('note: mine\nentries:\n  - {id: free, code: "0841", verbs: [free], note: "why"}\n')
    assert cb.by_verb["free"][0].entry == "free"


def test_a_duplicate_id_is_refused_across_files(book):
    with pytest.raises(DataFileError) as err:
        book(
            'entries:\n  - {id: free, code: "0841", verbs: [free]}\n',
            'entries:\n  - {id: free, code: "0841", verbs: [release]}\n',
        )
    [problem] = err.value.problems
    assert err.value.path.endswith("part-2.yaml")
    assert problem.startswith("entry 1 (id free, code 0841): id:")
    assert "already the id of an entry in part-1.yaml" in problem


def test_every_problem_is_reported_at_once_with_file_entry_and_field(book):
    with pytest.raises(DataFileError) as err:
        book(
            """\
entries:
  - {code: "0841", verbs: [free]}
  - {id: Bad Id, code: "0841", verbs: [release]}
  - {id: ok, code: "999", verbs: [x]}
  - {id: ok2, code: "0841", verbs: ["@nope"], object: ["@appeal"]}
  - {id: ok3, code: "0841", lead: [urge], nouns: [release]}
"""
        )
    text = "\n".join(err.value.problems)
    assert "entry 1 (code 0841): id: every built-in entry needs an id" in text
    assert "entry 2 (id Bad Id, code 0841): id:" in text
    assert "entry 3 (id ok, code 999): code:" in text
    assert "entry 4 (id ok2, code 0841): verbs: unknown class '@nope'" in text
    assert "entry 4 (id ok2, code 0841): object: '@appeal' is a verb class" in text
    assert "entry 5 (id ok3, code 0841): lead: needs verbs" in text


def test_problems_in_several_files_come_in_one_error_naming_each_file(book):
    with pytest.raises(DataFileError) as err:
        book('entries:\n  - {code: "0841", verbs: [free]}\n', "entries:\n  - {id: x}\n")
    assert [p.split(":")[0] for p in err.value.problems] == ["part-1.yaml", "part-2.yaml"]


def test_an_entry_can_carry_its_code_and_id_before_the_colon(book):
    cb = book(
        """\
entries:
- 0841 free-captive: {verbs: [free], object: ["@captive"]}
- 0241 urge-resign: {lead: ["@appeal"], verbs: [resign]}
"""
    )
    [p] = cb.by_verb["free"]
    assert (p.code, p.entry, p.source) == (
        "0841",
        "free-captive",
        "part-1.yaml free-captive: verb 'free'",
    )
    assert [(p.code, p.xcomp) for p in cb.by_verb["ask"]] == [("0241", "resign")]


def test_a_user_entry_before_the_colon_may_leave_out_the_id(book):
    cb = book("entries: []\n", extra='entries:\n- "0241": {verbs: [unshackle]}\n')
    [p] = cb.by_verb["unshackle"]
    assert p.code == "0241" and p.source == "mine.yaml entry 1 (code 0241): verb 'unshackle'"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("- 0241: {verbs: [free]}", "entry 1: 161: an entry is written 'CODE ID:"),
        ("- 0841 a b: {verbs: [free]}", "entry 1: '0841 a b': an entry is written"),
        ("- 0841 free: [free]", "entry 1: '0841 free': an entry is written"),
        ('- 0841 free: {code: "0841", verbs: [free]}', "entry 1: 0841 free: the code and the id"),
        ("- 0841 free: {verb: [free]}", "entry 1 (id free, code 0841): verb: unknown key"),
    ],
)
def test_a_malformed_entry_key_is_refused(book, entry, expected):
    with pytest.raises(DataFileError) as err:
        book(f"entries:\n{entry}\n")
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


def test_alternatives_stand_for_every_form_in_order(book):
    cb = book(
        """\
classes:
  drill: [(joint) (drill|exercise)]
entries:
- 0841 free: {verbs: [(free|release) (from), withdraw (from|out of)], object: [peace (plan|deal)]}
- 0842 drill: {nouns: ["@drill"]}
"""
    )
    assert [p.source.split(": ", 1)[1] for p in cb.by_verb["free"]] == [
        "verb 'free'",
        "verb 'free from'",
    ]
    assert [sorted(p.words) for p in cb.by_verb["withdraw"]] == [["from"], ["of", "out"]]
    assert cb.by_verb["release"][0].objects == frozenset({"peace plan", "peace deal"})
    assert list(cb.by_noun) == ["drill", "exercise", "joint drill", "joint exercise"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("(free|release", "'(free|release': groups are written '(a|b)'"),
        ("free|release", "'free|release': groups are written '(a|b)'"),
        ("free (a (b))", "'free (a (b))': groups are written '(a|b)'"),
        ("free (from|)", "'free (from|)': an empty alternative"),
        ("(free) (release)", "'(free) (release)': every choice must leave some words"),
        ("(@captive|free)", "'(@captive|free)': a class cannot be named"),
    ],
)
def test_a_malformed_group_is_refused(book, words, expected):
    with pytest.raises(DataFileError) as err:
        book(f'entries:\n- 0841 free: {{verbs: ["{words}"]}}\n')
    [problem] = err.value.problems
    assert problem.startswith(f"entry 1 (id free, code 0841): verbs: {expected}"), problem


def test_a_class_defined_twice_is_refused(book):
    with pytest.raises(DataFileError, match=r"'captive' is already defined in cameo\.yaml"):
        book("classes:\n  captive: [convict]\nentries: []\n")


# Patterns that can fire, per code. First measured on the codebook before classes, products and
# ids (commit 8e236d5: 17,541 patterns) to prove the rewrite kept every one; since then changed
# only on purpose (the accuracy round: stance and deontic statements, "fight with" is fighting,
# verbal attacks on ideas are criticism, broken-up cells are arrests, accepted ceasefire proposals).
# A change here must be a deliberate change of the codebook, never a side effect.
PATTERNS_PER_CODE = dict(
    item.split(":")
    for item in """
010:94 011:39 012:29 013:23 014:53 015:28 016:26 017:79 018:39 019:26 020:61 021:91 0211:235
0212:205 0213:157 0214:151 022:170 023:147 0231:297 0232:129 0233:276 0234:188 024:169 0241:187
0242:133 0243:97 0244:133 025:271 0251:93 0252:151 0253:141 0254:118 0255:109 0256:356 026:224
027:182 028:133 030:186 031:74 0311:244 0312:169 0313:132 0314:69 032:112 033:102 0331:237 0332:142
0333:241 0334:149 034:137 0341:154 0342:129 0343:74 0344:99 035:219 0351:79 0352:125 0353:112
0354:79 0355:82 0356:309 036:382 037:148 038:68 039:46 040:127 041:69 042:62 043:34 044:45 045:58
046:81 050:228 051:113 052:60 053:81 054:47 055:40 056:15 057:96 060:79 061:96 062:95 063:64 064:68
070:101 071:167 072:122 073:171 074:86 075:40 080:35 081:21 0811:35 0812:19 0813:15 0814:22 082:33
083:30 0831:54 0832:38 0833:29 0834:30 084:9 0841:73 0842:7 085:38 086:18 0861:21 0862:27 0863:32
087:49 0871:57 0872:16 0873:37 0874:62 090:37 091:41 092:25 093:24 094:25 100:34 101:2 1011:2 1012:2
1013:2 1014:2 102:2 103:2 1031:2 1032:2 1033:2 1034:2 104:2 1041:3 1042:2 1043:2 1044:2 105:2 1051:2
1052:2 1053:3 1054:2 1055:2 1056:4 106:3 107:2 108:2 110:24 111:88 112:29 1121:27 1122:13 1123:12
1124:15 1125:15 113:48 114:52 115:40 116:33 120:19 121:24 1211:22 1212:15 122:22 1221:28 1222:20
1223:23 1224:20 123:20 1231:60 1232:47 1233:21 1234:28 124:49 1241:24 1242:31 1243:41 1244:30
1245:46 1246:66 125:60 126:26 127:23 128:53 129:39 130:45 131:23 1311:22 1312:35 1313:53 132:25
1321:21 1322:12 1323:7 1324:11 133:70 134:28 135:16 136:27 137:43 138:24 1381:19 1382:17 1383:30
1384:39 1385:14 139:35 140:20 141:66 1411:23 1412:20 1413:20 1414:20 142:19 1421:1 1422:1 1423:1
1424:1 143:48 1431:11 1432:11 1433:10 1434:10 144:56 1441:18 1442:17 1443:17 1444:17 145:87 1451:14
1452:12 1453:12 1454:12 150:51 151:21 152:10 153:47 154:69 155:18 160:35 161:60 162:29 1621:42
1622:24 1623:21 163:117 164:48 165:31 166:14 1661:30 1662:24 1663:41 170:22 171:18 1711:46 1712:30
172:36 1721:92 1722:32 1723:24 1724:41 173:60 174:29 175:77 176:69 180:64 181:47 182:52 1821:22
1822:9 1823:32 183:60 1831:44 1832:41 1833:49 1834:16 184:16 185:26 186:22 190:165 191:68 192:66
193:90 194:80 195:116 1951:47 1952:52 196:51 200:7 201:50 202:44 203:22 204:17 2041:75 2042:47
""".split()
)


def test_the_committed_codebook_keeps_every_pattern_that_could_fire():
    cb = load_codebook()
    found: dict[str, set[tuple[object, ...]]] = {}
    for noun, index in ((False, cb.by_verb), (True, cb.by_noun)):
        for key, patterns in index.items():
            for p in patterns:
                found.setdefault(p.code, set()).add((noun, key, *p.shape))
    assert {code: str(len(s)) for code, s in found.items()} == PATTERNS_PER_CODE
    assert sum(map(int, PATTERNS_PER_CODE.values())) == 17652


def test_every_committed_entry_has_an_id_that_the_rule_cites():
    cb = load_codebook()
    patterns = [p for index in (cb.by_verb, cb.by_noun) for ps in index.values() for p in ps]
    assert all(p.entry and not p.entry.startswith("entry ") for p in patterns)
    assert all(f" {p.entry}: " in p.source for p in patterns)
