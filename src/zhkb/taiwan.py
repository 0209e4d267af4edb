"""Simplified -> Traditional as written in Taiwan: OpenCC ``s2tw`` plus reviewed words and meaning rules.

The Traditional site and ``reports/traditional.md`` both come from
:meth:`TaiwanConverter.convert_paragraph` (the report asks it to record what
it decided), so the report shows exactly what the site shows.

Each paragraph (text between blank lines) is converted in three steps:

1. **Reviewed entries, word by word.**  The entries are Taiwan vocabulary
   (``信息`` -> ``資訊``), phrase fixes (``导购`` -> ``導購``) and the corpus's
   overrides (``sources/opencc/s2tw.txt``).  An entry applies where its key
   cuts no word of the text in two, as jieba segments it (jieba's own
   dictionary, no HMM): ``扎实`` -> ``扎實`` applies in 扎实的 (扎实/的) but
   not in 扎实际 (扎/实际), where the text has no word 扎实.  A key inside a
   longer word still applies (信息 in 信息化).  Where it applies, an entry wins
   over any OpenCC phrase that overlaps it, so 向导购 (向/导购) keeps the 向 of
   a preposition instead of OpenCC's 嚮導 (guide).  Of the keys that fit at
   one place, the longest wins, then the corpus's over the package's.
2. **OpenCC ``s2tw`` as shipped** (its own config, see :mod:`zhkb.convert`)
   converts the text between the entries.  It keeps every character's
   position (its dictionaries map n characters to n), which steps 3 and the
   report rely on, and which is checked.  OpenCC segments greedily, left to
   right: where one of its phrases reaches into a word from outside and
   changes a character of it (its 好干, 好乾 "easy to dry", takes the 干 of
   干部), that word is converted on its own (好幹部).
3. **Meaning rules** for a character with several Traditional forms (发: 發
   or 髮) that OpenCC left at its default form and that stands alone as a
   word (jieba):

   - *quoted* (先「舍」才能「得」): it takes the form it has in the nearest
     word of the paragraph that contains it (舍得 -> 捨); with none, as alone;
   - *beside its word*: when a two-character word of the paragraph gives it
     another form, and the word's other character also stands alone in the
     same sentence (舍得……有舍才有得), it takes that form;
   - *alone*: the form a reviewed table gives the character standing alone
     as a word (舍 -> 捨: 舍 "house" lives in words like 宿舍).

Conversion knowledge is data: the package's reviewed lists under
``zhkb/defaults/taiwan/`` (they hold for any text) and the knowledge base's
own entries in ``sources/opencc/s2tw.txt`` (words whose Taiwan form holds in
its domain, such as 质量 -> 品質 in sales, and its editor's choices).
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jieba

from .convert import DIRECTIONS, opencc_converter, opencc_dictionary, read_dictionary
from .errors import InputError

#: The package's reviewed Taiwan data (``src/zhkb/defaults/taiwan/``).
PACKAGE_DATA = resources.files("zhkb") / "defaults" / "taiwan"
PACKAGE_REL = "src/zhkb/defaults/taiwan"

#: Reviewed Taiwan vocabulary: ``simplified<TAB>taiwan<TAB>origin<TAB>why``.
VOCABULARY_FILE = "vocabulary.tsv"
#: Phrase fixes for characters with several forms and for OpenCC's segmentation: ``simplified<TAB>taiwan<TAB>why``.
PHRASES_FILE = "phrases.tsv"
#: Taiwan forms of characters that OpenCC does not list (for recognising forms only): ``simplified<TAB>taiwan<TAB>why``.
FORMS_FILE = "forms.tsv"
#: Forms of characters standing alone as a word: ``character<TAB>form<TAB>why``.
ALONE_FILE = "alone.tsv"
#: Words whose Taiwan form depends on the sentence, listed for review: ``simplified<TAB>choices``.
REVIEW_FILE = "review.tsv"
#: OpenCC's TWPhrases entries the review did not take: ``simplified<TAB>traditional<TAB>twphrases<TAB>why``.
REJECTED_FILE = "twphrases-rejected.tsv"

#: Kinds of entries, strongest first (between keys of the same length).
OVERRIDE, PHRASE, VOCABULARY = "override", "phrase", "vocabulary"
#: A word of the text kept whole against an OpenCC phrase reaching into it (not a reviewed entry).
WORD = "word"

#: Rules that decide a character's form (``Decision.rule``).
RULE_ENTRY = "entry"
RULE_WORD = "word kept whole"
RULE_OPENCC_PHRASE = "OpenCC phrase"
RULE_OPENCC_DEFAULT = "OpenCC default"
RULE_QUOTED = "quoted"
RULE_BESIDE = "beside its word"
RULE_ALONE = "alone"

#: A blank line ends a paragraph (the scope of the meaning rules).
PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
#: Quotation marks around a single quoted character (Simplified source).
OPENING_QUOTES = "“‘「『\"'"
CLOSING_QUOTES = "”’」』\"'"
#: Ends a sentence (the scope of "beside its word").
SENTENCE_END = "。！？；!?;\n"
#: Numerals and demonstratives: with a measure word they make no word whose halves mean it alone (一只, 这台).
COUNTING = set("一二三四五六七八九十百千万两几半每这那哪")


@dataclass(frozen=True)
class Entry:
    """A reviewed replacement: ``key`` (Simplified) -> ``value`` (Taiwan Traditional)."""

    key: str
    value: str
    kind: str
    #: file:line it comes from, as the report names it
    origin: str
    #: taken from OpenCC's TWPhrases (the phrase table of s2twp): applied where s2twp itself would apply it
    twphrases: bool = False


@dataclass(frozen=True)
class Decision:
    """How the character at ``position`` of a paragraph was converted (the report's rows)."""

    position: int
    char: str
    form: str
    rule: str
    #: the word that decided (entry key, word of the quoted/beside rules) or the jieba word containing it
    word: str
    #: file:line of the entry or table row, if any
    origin: str = ""


@dataclass(frozen=True)
class EntryUse:
    """An entry occurrence in a paragraph: applied, or skipped because it would cut ``cut`` in two."""

    entry: Entry
    position: int
    applied: bool
    cut: str = ""


@dataclass(frozen=True)
class ReviewUse:
    """An occurrence of a word to review (``review.tsv``) that no applied entry covers."""

    word: str
    position: int
    choices: str


@dataclass
class Trace:
    """What the conversion of one paragraph decided."""

    decisions: list[Decision] = field(default_factory=list)
    entries: list[EntryUse] = field(default_factory=list)
    review: list[ReviewUse] = field(default_factory=list)


def read_table(path: Path, rel: str, columns: int) -> list[tuple[int, list[str]]]:
    """Rows ``(line, fields)`` of a TSV data file with ``columns`` fields; ``#`` starts a comment line."""
    rows, seen = [], {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns or not all(f and f == f.strip() for f in fields):
            raise InputError(rel, f"expected {columns} tab-separated fields, got {line!r}", line=number)
        if fields[0] in seen:
            raise InputError(rel, f"{fields[0]!r} is already listed on line {seen[fields[0]]}", line=number)
        seen[fields[0]] = number
        rows.append((number, fields))
    return rows


def package_file(name: str) -> Path:
    return Path(str(PACKAGE_DATA / name))


def load_entries(overrides_file: Path | None) -> list[Entry]:
    """Every reviewed entry: the package's vocabulary and phrase fixes, then the corpus's overrides."""
    entries = []
    for name, kind in ((VOCABULARY_FILE, VOCABULARY), (PHRASES_FILE, PHRASE)):
        rel = f"{PACKAGE_REL}/{name}"
        columns = 4 if kind == VOCABULARY else 3
        for number, fields in read_table(package_file(name), rel, columns):
            twphrases = kind == VOCABULARY and fields[2] == "TWPhrases"
            entries.append(Entry(fields[0], fields[1], kind, f"{rel}:{number}", twphrases))
    if overrides_file is not None and overrides_file.exists():
        rel = f"sources/opencc/{overrides_file.name}"
        for number, key, value in read_dictionary(overrides_file, rel):
            entries.append(Entry(key, value, OVERRIDE, f"{rel}:{number}"))
    return entries


def load_alone() -> dict[str, tuple[str, str]]:
    """Character -> (its form standing alone as a word, file:line)."""
    rel = f"{PACKAGE_REL}/{ALONE_FILE}"
    table = {}
    for number, (char, form, _why) in read_table(package_file(ALONE_FILE), rel, 3):
        if len(char) != 1 or len(form) != 1:
            raise InputError(rel, f"{char!r} -> {form!r}: one character each", line=number)
        table[char] = (form, f"{rel}:{number}")
    return table


@functools.cache
def load_review() -> dict[str, str]:
    """Words to review -> their Taiwan choices (``review.tsv``)."""
    rel = f"{PACKAGE_REL}/{REVIEW_FILE}"
    return {word: choices for _, (word, choices) in read_table(package_file(REVIEW_FILE), rel, 2)}


@functools.cache
def character_forms() -> dict[str, tuple[str, ...]]:
    """Simplified characters with several Taiwan forms -> those forms, OpenCC's default first.

    From OpenCC's ``STCharacters`` (candidates) through ``TWVariants`` (the
    Taiwan glyph of each), as ``s2tw`` would write them.
    """
    variants = opencc_dictionary("TWVariants")
    forms = {}
    for char, candidates in opencc_dictionary("STCharacters").items():
        taiwan = tuple(dict.fromkeys(variants.get(c, (c,))[0] for c in candidates))
        if len(taiwan) > 1:
            forms[char] = taiwan
    return forms


@functools.lru_cache(maxsize=1 << 18)
def _cut(run: str) -> tuple[tuple[int, int], ...]:
    """jieba's cut of one run of Han characters (and ASCII letters and digits): (start, end) of each word."""
    return tuple((start, end) for _word, start, end in _tokenizer().tokenize(run, HMM=False))


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    # jieba's own dictionary only: where an entry applies must not depend on a corpus's search words.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


class Words:
    """jieba's words of a paragraph: which word each character belongs to.

    jieba cuts each run of Han characters and ASCII letters and digits on its
    own (``jieba.re_han_default``); so do we, remembering the cuts of each run,
    because the site converts the same runs again and again (a page, then its
    runs for the search index).  Other characters are words of one character.
    """

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        cursor = 0
        for match in jieba.re_han_default.finditer(text):
            self._singles(cursor, match.start())
            for start, end in _cut(match.group(0)):
                self.starts.append(match.start() + start)
                self.ends.append(match.start() + end)
            cursor = match.end()
        self._singles(cursor, len(text))
        self.text = text

    def _singles(self, start: int, end: int) -> None:
        self.starts += range(start, end)
        self.ends += range(start + 1, end + 1)

    def around(self, position: int) -> tuple[int, int]:
        """The word containing the character at ``position``: (start, end)."""
        index = bisect.bisect_right(self.starts, position) - 1
        return self.starts[index], self.ends[index]

    def cut_by(self, start: int, end: int) -> str:
        """A word that the span [start, end) would cut in two ('' if none).

        A word containing the whole span is not cut (信息 in 信息化).
        """
        first = self.around(start)
        if first[0] < start and first[1] < end:
            return self.text[first[0]:first[1]]
        last = self.around(end - 1)
        if last[1] > end and last[0] > start:
            return self.text[last[0]:last[1]]
        return ""

    def alone(self, position: int) -> bool:
        start, end = self.around(position)
        return end - start == 1


class TaiwanConverter:
    """Converts Simplified text to Taiwan Traditional: see the module docstring."""

    def __init__(self, entries: list[Entry], alone: dict[str, tuple[str, str]]):
        strength = {OVERRIDE: 0, PHRASE: 1, VOCABULARY: 2}
        by_key: dict[str, Entry] = {}
        for entry in sorted(entries, key=lambda e: strength[e.kind]):
            by_key.setdefault(entry.key, entry)
        self.entries = by_key
        #: first character -> entries starting with it, longest key first
        self._starting: dict[str, list[Entry]] = {}
        for entry in sorted(by_key.values(), key=lambda e: (-len(e.key), strength[e.kind], e.key)):
            self._starting.setdefault(entry.key[0], []).append(entry)
        self.alone = alone
        self.forms = character_forms()
        self._opencc = opencc_converter(DIRECTIONS["s2tw"][0])
        self._s2twp = opencc_converter("s2twp.json")
        #: OpenCC's phrase keys (its segmentation dictionaries), to tell why a word came out otherwise
        self._phrases = {key for name in ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")
                         for key in opencc_dictionary(name)}
        self._longest_phrase = max(map(len, self._phrases))
        self.default = {char: self._opencc.convert(char) for char in self.forms}
        for char, (form, origin) in alone.items():
            if form not in self.forms.get(char, ()):
                raise InputError(origin.rsplit(":", 1)[0], f"{form!r} is not a Taiwan form of {char!r}",
                                 line=int(origin.rsplit(":", 1)[1]))

    # -- the conversion ---------------------------------------------------

    def convert(self, text: str) -> str:
        return "".join(self._convert_cached(part) if index % 2 == 0 else part
                       for index, part in enumerate(PARAGRAPH_BREAK.split(text)))

    def paragraphs(self, text: str) -> Iterator[tuple[int, str]]:
        """The paragraphs of ``text`` as :meth:`convert` cuts them, with their offsets."""
        offset = 0
        for index, part in enumerate(PARAGRAPH_BREAK.split(text)):
            if index % 2 == 0:
                yield offset, part
            offset += len(part)

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 -- one converter per data set, kept for the process
    def _convert_cached(self, paragraph: str) -> str:
        return self.convert_paragraph(paragraph)

    def convert_paragraph(self, text: str, trace: Trace | None = None) -> str:
        """Convert one paragraph; with ``trace``, record every decision in it."""
        has_entry = self._has_entry(text)
        words = Words(text) if trace is not None or has_entry or any(c in self.forms for c in text) else None
        spans = self._entry_spans(text, words, trace) if has_entry else []
        out, inside = self._fill(text, spans)
        if words is not None:
            guards = self._word_guards(text, out, inside, words)
            if guards:
                spans = sorted(spans + guards, key=lambda span: span[0])
                out, inside = self._fill(text, spans)

        # Characters given another form than their default somewhere in the paragraph.
        varied = {char for char, form in zip(text, out, strict=True) if form and char in self.forms
                  and form != self.default[char]}
        candidates = [i for i, char in enumerate(text)
                      if char in self.forms and i not in inside and out[i] == self.default[char]
                      and (char in self.alone or char in varied or _quoted(text, i))]
        if candidates and words is None:
            words = Words(text)
        changed = {}
        for i in candidates:
            decided = self._meaning(text, out, inside, words, i)
            if decided is not None:
                changed[i] = decided
        for i, decision in changed.items():
            out[i] = decision.form

        if trace is not None:
            self._record(text, out, inside, words, changed, trace)
            for word, choices in load_review().items():
                for match in re.finditer(re.escape(word), text):
                    if not any(position in inside and inside[position][1].kind != WORD
                               for position in range(match.start(), match.end())):
                        trace.review.append(ReviewUse(word, match.start(), choices))
        result, cursor = [], 0
        for start, entry in spans:
            result.append("".join(out[cursor:start]))
            result.append(entry.value)
            cursor = start + len(entry.key)
        result.append("".join(out[cursor:]))
        return "".join(result)

    def _fill(self, text: str, spans: list[tuple[int, Entry]]) -> tuple[list[str], dict[int, tuple[int, Entry]]]:
        """OpenCC between ``spans``: one converted character per source character ('' inside a span),
        and for each position inside a span, (start, entry) of that span."""
        out: list[str] = []
        inside: dict[int, tuple[int, Entry]] = {}
        cursor = 0
        for start, entry in spans:
            out += self._opencc_run(text[cursor:start])
            out += [""] * len(entry.key)
            for position in range(start, start + len(entry.key)):
                inside[position] = (start, entry)
            cursor = start + len(entry.key)
        out += self._opencc_run(text[cursor:])
        return out, inside

    def _word_guards(self, text: str, out: list[str], inside: dict[int, tuple[int, Entry]],
                     words: Words) -> list[tuple[int, Entry]]:
        """Words of the text that an OpenCC phrase reaching in from outside gave another form.

        OpenCC segments greedily, left to right: in 好干部 its phrase 好干 (好乾,
        easy to dry) takes the 干 of 干部, which alone is 幹部.  A word (jieba)
        whose conversion in place differs from its conversion alone at a
        character with several forms, where an OpenCC phrase crosses its edge
        over that character, is converted alone.  A longer phrase that contains
        the whole word still decides (it knows more of the sentence).
        """
        guards = []
        for start, end in zip(words.starts, words.ends, strict=True):
            if end - start < 2 or any(k in inside for k in range(start, end)):
                continue
            if not any(text[k] in self.forms for k in range(start, end)):
                continue
            alone = self._alone(text[start:end])
            if alone == "".join(out[start:end]):
                continue
            for k in range(start, end):
                if alone[k - start] != out[k] and text[k] in self.forms:
                    crossing = self._crossing_phrase(text, start, end, k)
                    if crossing:
                        origin = f"OpenCC's {crossing} would cut the word {text[start:end]}"
                        guards.append((start, Entry(text[start:end], alone, WORD, origin)))
                        break
        return guards

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 -- one converter per data set, kept for the process
    def _alone(self, word: str) -> str:
        """OpenCC's conversion of ``word`` by itself."""
        return self._opencc.convert(word)

    def _crossing_phrase(self, text: str, start: int, end: int, k: int) -> str:
        """An OpenCC phrase over position ``k`` that crosses an edge of the word [start, end) ('' if none)."""
        phrases = self._phrases
        longest = self._longest_phrase
        for first in range(max(0, k - longest + 1), k + 1):
            for last in range(k + 1, min(len(text), first + longest) + 1):
                crosses = (first < start and last < end) or (start < first and last > end)
                if crosses and text[first:last] in phrases:
                    return text[first:last]
        return ""

    def _opencc_run(self, run: str) -> list[str]:
        if not run:
            return []
        converted = self._opencc.convert(run)
        if len(converted) != len(run):
            # OpenCC's s2tw dictionaries map n characters to n; a release that
            # did not would break the report's and the search's alignment.
            raise RuntimeError(f"OpenCC s2tw changed the length of {run!r} to {converted!r}")
        return list(converted)

    def _has_entry(self, text: str) -> bool:
        starting = self._starting
        return any(char in starting and any(text.startswith(e.key, i) for e in starting[char])
                   for i, char in enumerate(text))

    def _entry_spans(self, text: str, words: Words, trace: Trace | None) -> list[tuple[int, Entry]]:
        """The entries that apply, left to right, as (start, entry)."""
        spans, i = [], 0
        while i < len(text):
            chosen = None
            for entry in self._starting.get(text[i], ()):
                if not text.startswith(entry.key, i):
                    continue
                cut = words.cut_by(i, i + len(entry.key))
                if not cut and entry.twphrases and not self._s2twp_agrees(text, i, entry):
                    cut = "OpenCC's own segmentation (s2twp does not apply it here)"
                if cut:
                    if trace is not None:
                        trace.entries.append(EntryUse(entry, i, applied=False, cut=cut))
                    continue
                chosen = entry
                break
            if chosen is None:
                i += 1
                continue
            spans.append((i, chosen))
            if trace is not None:
                trace.entries.append(EntryUse(chosen, i, applied=True))
            i += len(chosen.key)
        return spans

    #: characters of context on each side when asking s2twp about an entry
    S2TWP_CONTEXT = 6

    def _s2twp_agrees(self, text: str, i: int, entry: Entry) -> bool:
        """True when OpenCC's s2twp, whose phrase table the entry comes from, applies it here too.

        OpenCC segments greedily: where one of its phrases takes part of the key (打印出来), s2twp
        leaves the key alone, and so does zhkb (the text then reads back as written).
        """
        start = max(0, i - self.S2TWP_CONTEXT)
        window = text[start:i + len(entry.key) + self.S2TWP_CONTEXT]
        return entry.value in self._s2twp.convert(window)

    # -- meaning rules ----------------------------------------------------

    def _meaning(self, text: str, out: list[str], inside: dict[int, tuple[int, Entry]], words: Words,
                 i: int) -> Decision | None:
        """The decision of a meaning rule for the character at ``i``, or None to keep OpenCC's."""
        if not words.alone(i):
            return None
        char = text[i]
        if _quoted(text, i):
            nearest = self._nearest_word(text, out, inside, words, i, lambda *_: True)
            if nearest is not None:
                word, form = nearest
                return Decision(i, char, form, RULE_QUOTED, word)
        else:
            sentence = _sentence(text, i)
            default = self.default[char]

            def splits_here(start: int, end: int, form: str) -> bool:
                # a two-character word giving another form, whose other character stands alone in this sentence
                if end - start != 2 or form == default:
                    return False
                other = text[start] if text[start + 1] == char else text[start + 1]
                return other not in COUNTING and any(
                    text[j] == other and words.alone(j) for j in range(*sentence) if j != i)

            nearest = self._nearest_word(text, out, inside, words, i, splits_here)
            if nearest is not None:
                word, form = nearest
                return Decision(i, char, form, RULE_BESIDE, word)
        if char in self.alone:
            form, origin = self.alone[char]
            return Decision(i, char, form, RULE_ALONE, char, origin)
        return None

    def _nearest_word(self, text, out, inside, words, i, accept) -> tuple[str, str] | None:
        """The nearest word of the paragraph (two or more characters) containing ``text[i]``'s character
        that ``accept(start, end, form)`` takes, with the form the character has in it."""
        char, best = text[i], None
        for j, other in enumerate(text):
            if j == i or other != char:
                continue
            start, end = words.around(j)
            if end - start < 2:
                continue
            form = self._form_at(out, inside, j)
            if form and accept(start, end, form):
                distance = abs(j - i)
                if best is None or distance < best[0]:
                    best = (distance, text[start:end], form)
        return None if best is None else (best[1], best[2])

    @staticmethod
    def _form_at(out: list[str], inside: dict[int, tuple[int, Entry]], j: int) -> str:
        """The form the character at ``j`` was given ('' inside an entry that changes the length)."""
        if j not in inside:
            return out[j]
        start, entry = inside[j]
        return entry.value[j - start] if len(entry.key) == len(entry.value) else ""

    # -- the trace ----------------------------------------------------------

    def _record(self, text, out, inside, words, changed, trace: Trace) -> None:
        for i, char in enumerate(text):
            if char not in self.forms:
                continue
            if i in changed:
                trace.decisions.append(changed[i])
                continue
            if i in inside:
                start, entry = inside[i]
                form = self._form_at(out, inside, i) or entry.value
                rule = RULE_WORD if entry.kind == WORD else RULE_ENTRY
                trace.decisions.append(Decision(i, char, form, rule, entry.key, entry.origin))
                continue
            start, end = words.around(i)
            rule = RULE_OPENCC_DEFAULT if out[i] == self.default[char] else RULE_OPENCC_PHRASE
            trace.decisions.append(Decision(i, char, out[i], rule, text[start:end]))


@functools.cache
@functools.cache
def _one_character_entries() -> dict[str, str]:
    """The package's one-character phrase fixes and extra forms (账 -> 帳): forms zhkb adds to OpenCC's."""
    found = {}
    for name in (PHRASES_FILE, FORMS_FILE):
        rel = f"{PACKAGE_REL}/{name}"
        found.update({fields[0]: fields[1] for _, fields in read_table(package_file(name), rel, 3)
                      if len(fields[0]) == len(fields[1]) == 1})
    return found


@functools.lru_cache(maxsize=1 << 14)
def taiwan_forms(simplified: str) -> tuple[str, ...]:
    """The Taiwan forms of the character ``simplified``: OpenCC's (``STCharacters`` through ``TWVariants``)
    and zhkb's one-character fixes (账: 帳); the character itself when OpenCC has no entry for it."""
    variants = opencc_dictionary("TWVariants")
    candidates = opencc_dictionary("STCharacters").get(simplified, (simplified,))
    forms = dict.fromkeys(variants.get(c, (c,))[0] for c in candidates)
    extra = _one_character_entries().get(simplified)
    if extra:
        forms[extra] = None
    return tuple(forms)


def is_character_form(simplified: str, traditional: str) -> bool:
    """Whether ``traditional`` is a Taiwan form of the character ``simplified`` (and not another word's).

    The forms are the character itself and :func:`taiwan_forms`: 發 and 髮 are forms of 发;
    資 is no form of 信, though 信息 becomes 資訊.
    """
    return simplified == traditional or traditional in taiwan_forms(simplified)


def character_pairs(text: str, converted: str) -> list[tuple[str, str]]:
    """The (Simplified, Traditional) character pairs of ``text`` and its conversion ``converted``.

    Only where the conversion kept the length (so characters pair by position),
    and only pairs of a character and one of its forms: a replaced word (信息 ->
    資訊, 质量 -> 品質) pairs no characters, so the search does not learn that
    typing 信 means 資.
    """
    if len(text) != len(converted):
        return []
    return [(s, t) for s, t in zip(text, converted, strict=True) if is_character_form(s, t)]


def _quoted(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1] in OPENING_QUOTES and text[i + 1] in CLOSING_QUOTES


def _sentence(text: str, i: int) -> tuple[int, int]:
    start = max(text.rfind(mark, 0, i) for mark in SENTENCE_END) + 1
    ends = [text.find(mark, i) for mark in SENTENCE_END]
    end = min((e for e in ends if e >= 0), default=len(text))
    return start, end


def _stamp(*paths: Path) -> tuple:
    """What tells whether the data files changed (cheap: the converter is looked up for every text)."""
    stamp = []
    for path in paths:
        try:
            status = path.stat()
            stamp.append((str(path), status.st_mtime_ns, status.st_size))
        except FileNotFoundError:
            stamp.append((str(path), None, None))
    return tuple(stamp)


def taiwan_converter(overrides_dir: Path) -> TaiwanConverter:
    """The Taiwan converter with the package's data and the overrides in ``overrides_dir`` (``s2tw.txt``)."""
    overrides_file = Path(overrides_dir) / DIRECTIONS["s2tw"][1]
    files = [overrides_file, *(package_file(name) for name in (VOCABULARY_FILE, PHRASES_FILE, ALONE_FILE, REVIEW_FILE))]
    return _taiwan_converter(str(overrides_file), _stamp(*files))


@functools.cache
def _taiwan_converter(overrides_file: str, stamp: tuple) -> TaiwanConverter:
    # ``stamp`` (the data files' times and sizes) makes the cache notice edits.
    return TaiwanConverter(load_entries(Path(overrides_file)), load_alone())
