"""kalima.normalize and kalima.Normalizer on real Arabic text."""

from __future__ import annotations

import inspect
import pickle
import signal
import threading
import unicodedata

import kalima
import pytest
from conftest import assert_ctrl_c_stops, corpus_lines
from hypothesis import given, settings
from hypothesis import strategies as st

# Characters real Arabic text is made of, plus the troublemakers.
ARABIC_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0600, 0x0700)]
    + [chr(c) for c in range(0xFB50, 0xFC10)]
    + [chr(c) for c in range(0xFE70, 0xFEFF)]
    + list("\ufdf2\ufdfa\ufefb\ufef7 \t\n\r\u00a0\u2003\u200b\u200c\u200d\u200e\u200f\u202b\u202c")
    + list("\u034f\ufe0f")
    + list("abcXYZ019.,%µ\u023a😀𝟕ـ")
)
arabic_text = st.text(ARABIC_ALPHABET, max_size=80)


# ---------------------------------------------------------------- operations


def test_sample_article_variants_fold_to_the_standard_spelling(sample):
    assert "الإتحاد" in sample and "الإنتخابات" in sample
    out = kalima.normalize(sample)
    assert "الاتحاد الاوروبي" in out
    assert "الانتخابات" in out
    assert "الإ" not in out and "أ" not in out
    # مؤكداً: hamza carrier folded, tanween gone.
    assert "موكدا" in out


@pytest.mark.parametrize(
    ("text", "switches", "expected"),
    [
        ("مُحَمَّدٌ", {"diacritics": True}, "محمّد"),
        ("مُحَمَّدٌ", {"diacritics": True, "shadda": True}, "محمد"),
        ("العـــربية", {"tatweel": True}, "العربية"),
        ("أحمد إبراهيم آمنة ٱسم", {"alef": True}, "احمد ابراهيم امنة اسم"),
        ("على مستوى", {"alef_maksura": True}, "علي مستوي"),
        ("مدينة سبها", {"teh_marbuta": True}, "مدينه سبها"),
        ("مسؤول رئيس ماء", {"hamza_carriers": True}, "مسوول رييس ماء"),
        ("کتاب فارسی", {"letter_variants": True}, "كتاب فارسي"),
        ("٢٠٢١ ۱۴۰۰ ٣٫٥", {"digits": True}, "2021 1400 3.5"),
        ("ﻻ ﻷ ﺍﻟﻌﺮﺑﻴﺔ", {"presentation_forms": True}, "لا لأ العربية"),
        ("ماذا؟ نعم، لا؛", {"punctuation": True}, "ماذا? نعم, لا;"),
        ("\u200fليبيا\u200e \u202bطرابلس\u202c", {"invisibles": True}, "ليبيا طرابلس"),
        ("لي\u034fبيا \u2764\ufe0f", {"invisibles": True}, "ليبيا \u2764"),
        ("مي\u200cخواهم", {"zwnj": True}, "ميخواهم"),
        ("سبها \t\u00a0 طرابلس\n  ليبيا", {"whitespace": True}, "سبها طرابلس\n ليبيا"),
        ("سبها \n طرابلس", {"whitespace": True, "fold_newlines": True}, "سبها طرابلس"),
        ("UN وNATO", {"case_fold": True}, "un وnato"),
    ],
)
def test_each_switch_alone(text, switches, expected):
    assert kalima.normalize(text, profile="none", **switches) == expected


def test_standard_profile_preserves_letters():
    text = "قالَ الوزيرُ: «إنّ المدرسة في طرابلس» ٢٠٢١؟"
    assert kalima.normalize(text, "standard") == "قال الوزير: «إن المدرسة في طرابلس» 2021؟"


def test_a_letter_and_a_combining_hamza_are_one_letter():
    # Text in Unicode's decomposed form (NFD: macOS file names) spells أ as
    # ا + U+0654; the standard profile makes one letter of them, as NFC does.
    composed = "أحمد في الجزائر وآسيا"
    nfd = unicodedata.normalize("NFD", composed)
    assert len(nfd) == len(composed) + 3
    assert kalima.normalize(nfd, "standard") == composed
    assert kalima.normalize(nfd, "search") == kalima.normalize(composed, "search")
    result = kalima.normalize_with_offsets(nfd, "standard")
    assert nfd[slice(*result.source_span(0, 4))] == "ا\u0654حمد"
    # CAMeL Tools' own normalisation composes nothing, and the camel profile is it.
    assert "\u0654" in kalima.normalize(nfd, "camel")


def test_switch_overrides_profile():
    assert kalima.normalize("مدرسة", teh_marbuta=False) == "مدرسة"
    assert kalima.normalize("مدرسة", "none", teh_marbuta=True) == "مدرسه"


def test_switches_are_checked_whatever_was_cached():
    # 0 == False and 1.0 == True: a normalizer cached for the bools must not
    # let them through.
    assert kalima.normalize("بَ", diacritics=False) == "بَ"
    for value in (0, 1.0):
        with pytest.raises(TypeError, match="switch diacritics must be True or False"):
            kalima.normalize("بَ", diacritics=value)
        with pytest.raises(TypeError, match="switch diacritics must be True or False"):
            kalima.normalize_with_offsets("بَ", diacritics=value)


class Tagged(kalima.Normalizer):
    """A subclass whose __init__ takes other arguments (pickled by name)."""

    def __init__(self, tag: str) -> None:
        super().__init__("camel", teh_marbuta=False)
        self.tag = tag


def test_subclass_pickles_as_itself():
    original = Tagged("news")
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is Tagged and copy.tag == "news"
    assert copy == original and copy.normalize("مدرسةٌ") == "مدرسة"


def test_none_profile_is_identity(sample):
    assert kalima.normalize(sample, "none") == sample


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(arabic_text, st.sampled_from(kalima.PROFILES))
def test_every_profile_is_idempotent(text, profile):
    once = kalima.normalize(text, profile)
    assert kalima.normalize(once, profile) == once


@settings(max_examples=200, deadline=None)
@given(arabic_text)
def test_none_is_identity_on_any_text(text):
    assert kalima.normalize(text, "none") == text


@settings(max_examples=300, deadline=None)
@given(arabic_text, st.sampled_from(kalima.PROFILES))
def test_offsets_are_monotone_in_range_and_point_at_the_source(text, profile):
    normalizer = kalima.Normalizer(profile)
    result = normalizer.normalize_with_offsets(text)
    offsets = list(result.offsets)
    assert result.text == normalizer.normalize(text)
    assert len(offsets) == len(result.text)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    for i in range(len(offsets)):
        # The source of this output character, normalised alone, yields it
        # (a letter and the combining hamza after it make one).
        assert result.text[i] in normalizer.normalize(text[slice(*result.source_span(i, i + 1))])


def test_offsets_on_the_sample_article(sample):
    result = kalima.normalize_with_offsets(sample)
    start = result.text.index("الاتحاد الاوروبي")
    src_start, src_end = result.source_span(start, start + len("الاتحاد الاوروبي"))
    assert sample[src_start:src_end] == "الإتحاد الأوروبي"


def test_deleted_diacritic_belongs_to_the_span():
    text = "كَتَبَ الدرسَ"
    result = kalima.normalize_with_offsets(text)
    assert result.text == "كتب الدرس"
    assert result.source_span(0, 3) == (0, 6)
    assert text[slice(*result.source_span(4, 9))] == "الدرسَ"


def test_half_a_ligature_maps_to_the_whole_ligature():
    result = kalima.normalize_with_offsets("وﻻ")
    assert result.text == "ولا"
    assert list(result.offsets) == [0, 1, 1]
    assert result.source_span(2, 3) == (1, 2)


def test_offset_map_buffer_and_pickle():
    result = kalima.normalize_with_offsets("وَصَلَ إلى طرابلس")
    assert memoryview(result.offsets).tolist() == list(result.offsets)
    assert result.offsets[-1] == len("وَصَلَ إلى طرابلس") - 1
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    with pytest.raises(IndexError):
        result.offsets[len(result.offsets)]
    with pytest.raises(IndexError):
        result.offsets[2**70]
    # Sliced as a list is; pickled with every protocol, as Tokens are.
    assert result.offsets[1:4] == list(result.offsets)[1:4] == [2, 4, 6]  # ص ل and the space
    assert result.offsets[::-1] == list(result.offsets)[::-1]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(result.offsets, protocol)) == result.offsets
        assert pickle.loads(pickle.dumps(result, protocol)) == result
    with pytest.raises(ValueError, match=r"span \[3, 1\) is reversed"):
        result.source_span(3, 1)
    # Beyond what an index can hold is out of range too, not an OverflowError,
    # and says so as for any other span.
    with pytest.raises(
        ValueError, match=r"span \[0, 18446744073709551616\) is not inside .* 14 units"
    ):
        result.source_span(0, 2**64)
    with pytest.raises(ValueError, match=r"span \[0, 20\) is not inside an output of 14 units"):
        result.source_span(0, 20)
    with pytest.raises(ValueError, match=r"span \[18446744073709551616, 0\) is reversed"):
        result.source_span(2**64, 0)
    with pytest.raises(
        ValueError, match=r"source_span\(-18446744073709551616, 1\): .* never negative"
    ):
        result.source_span(-(2**64), 1)
    with pytest.raises(ValueError, match=r"source_span\(-1, 1\): offsets are never negative"):
        result.source_span(-1, 1)
    assert result.offsets.source_span(end=3, start=0) == result.source_span(0, 3)
    with pytest.raises(TypeError, match=r"source_span\(\): end must be int, not float"):
        result.offsets.source_span(0, 1.5)
    with pytest.raises(TypeError, match=r"missing required argument 'end'"):
        result.offsets.source_span(0)


def test_normalized_text_is_a_small_immutable_value():
    text = "قال رئيس المجلس الرئاسي محمد المنفي إن الإنتخابات ستجري في موعدها"
    result = kalima.normalize_with_offsets(text)
    assert result == kalima.Normalizer().normalize_with_offsets(text=text)
    assert result != kalima.normalize_with_offsets(text + ".")
    # Only letters fold here (أ إ ى), one for one.
    assert len(result.text) == len(result.offsets) == len(text) == 65
    # Its repr shows the start of a long text and how many offsets it has.
    assert repr(result) == f"NormalizedText({result.text[:57] + '...'!r}, offsets=<65 offsets>)"
    assert repr(kalima.normalize_with_offsets("الإتحاد")) == (
        "NormalizedText('الاتحاد', offsets=<7 offsets>)"
    )
    with pytest.raises(AttributeError):
        result.text = "ليبيا"  # type: ignore[misc]
    with pytest.raises(TypeError, match="unhashable"):
        hash(result.offsets)
    # case NormalizedText(text, offsets) matches by position.
    assert kalima.NormalizedText.__match_args__ == ("text", "offsets")
    start = result.text.index("الانتخابات")
    assert text[slice(*result.offsets.source_span(start, start + 10))] == "الإنتخابات"
    # Made by hand from its parts, which must agree in length.
    again = kalima.NormalizedText(result.text, result.offsets)
    assert again == result and again.source_span(0, 3) == (0, 3)
    with pytest.raises(ValueError, match="offsets has 65 entries for a text of 5 characters"):
        kalima.NormalizedText("ليبيا", result.offsets)
    with pytest.raises(TypeError):
        kalima.NormalizedText(result.text, list(result.offsets))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"kalima\.OffsetMap\(\) takes no arguments"):
        kalima.OffsetMap([0, 1])  # type: ignore[call-arg]
    bare = kalima.OffsetMap.__new__(kalima.OffsetMap)
    for state in (("x", b""), (-1, b""), (2**70, b""), (3, b"\0"), (3,), [3, b""]):
        with pytest.raises(ValueError, match="bad OffsetMap state"):
            bare.__setstate__(state)
    bare.__setstate__((3, b"\0\0\0\0"))
    assert list(bare) == [0] and bare.source_size == 3
    view = memoryview(result.offsets)
    assert view.readonly and view.format == "I" and view.itemsize == 4
    with pytest.raises(TypeError, match="read-only"):
        view[0] = 1
    assert view.tolist() == list(result.offsets)


# ---------------------------------------------------------------- CAMeL Tools


def _camel_chain():
    dediac = pytest.importorskip(
        "camel_tools.utils.dediac",
        reason="camel-tools not installed (pip install --no-deps camel-tools emoji six)",
    )
    norm = pytest.importorskip("camel_tools.utils.normalize")

    def chain(s: str) -> str:
        s = dediac.dediac_ar(s)
        s = norm.normalize_alef_ar(s)
        s = norm.normalize_alef_maksura_ar(s)
        return norm.normalize_teh_marbuta_ar(s)

    return chain


def test_camel_profile_matches_camel_tools_on_the_corpus(sample):
    chain = _camel_chain()
    lines = corpus_lines(2000) + sample.splitlines()
    if len(lines) < 1000:
        pytest.skip("shared corpus not found beside the repository")
    normalizer = kalima.Normalizer("camel")
    mismatches = [line for line in lines if normalizer.normalize(line) != chain(line)]
    assert mismatches == []


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_camel_profile_matches_camel_tools_on_any_text(text):
    chain = _camel_chain()
    assert kalima.normalize(text, "camel") == chain(text)


# ---------------------------------------------------------------- batches


def test_batch_equals_the_loop(sample):
    # Long enough that a second thread fills the strs while they are being
    # allocated; every width of str (and empty ones) throughout.
    odd = ["", "ABC", "😀 أ", "µ", "ـ"]
    lines = []
    for k, line in enumerate(sample.splitlines() * 100):
        lines += [line, odd[k % len(odd)]]
    assert len(lines) >= 2000
    normalizer = kalima.Normalizer()
    expected = [normalizer.normalize(line) for line in lines]
    assert normalizer.batch(lines) == expected
    assert normalizer.batch(lines, threads=1) == expected
    assert normalizer.batch(tuple(lines), threads=3) == expected


def test_results_written_in_place_are_canonical_strs():
    # Arabic (UCS-2) texts are normalised straight into strs of their input's
    # length: those that come out shorter are shrunk, those left with nothing
    # past U+00FF narrowed, and ligatures that expand take the general path.
    # A str in the wrong layout would compare unequal to the same characters.
    cases = [
        "الإتحاد الأوروبي",  # same length
        "وَلِيبِيَا",  # shorter
        "abc\u064e",  # Latin after a mark: ASCII
        "caf\u00e9\u0651",  # Latin-1
        "\u064b\u064c",  # nothing left
        "قال ﷺ",  # expands
        "ﻻ إله",  # a ligature of two letters
    ]
    lines = [cases[k % len(cases)] + (" " * (k % 3)) for k in range(3 * 64 + 5)]
    normalizer = kalima.Normalizer()
    # The general path (through a buffer) as the reference.
    expected = [normalizer.normalize_with_offsets(line).text for line in lines]
    assert [normalizer.normalize(line) for line in lines] == expected
    for threads in (1, 2, 3):
        result = normalizer.batch(lines, threads=threads)
        assert result == expected
        assert [hash(s) for s in result] == [hash(s) for s in expected]
    for normalized in (normalizer.batch(["abc\u064e"])[0], normalizer.normalize("abc\u064e")):
        assert normalized == "abc" and normalized.isascii()
    assert normalizer.batch(["وَلِيبِيَا"]) == [normalizer.normalize("وَلِيبِيَا")] == ["وليبيا"]


def test_batch_error_names_the_first_bad_item_whichever_thread_meets_it():
    lines = ["ليبيا"] * 1000
    lines[900] = "x\ud800"
    lines[300] = "ليبيا \ud800"
    for threads in (1, 2, 4):
        with pytest.raises(ValueError, match=r"texts\[300\].*index 6"):
            kalima.Normalizer().batch(lines, threads=threads)


def test_batch_out_of_memory_while_making_results_raises_and_recovers():
    # Allocations made to fail part-way through a batch long enough to fill
    # its strs on a second thread: a MemoryError, no crash or hang, and the
    # next batch is whole.
    testcapi = pytest.importorskip("_testcapi")
    lines = [f"الإتحاد الأوروبي {k}" for k in range(3000)]
    normalizer = kalima.Normalizer()
    expected = normalizer.batch(lines, threads=2)
    failed = 0
    for start in (5, 700, 1900, 2990):
        testcapi.set_nomemory(start, 0)
        try:
            normalizer.batch(lines, threads=2)
        except MemoryError:
            failed += 1
        finally:
            testcapi.remove_mem_hooks()
    assert failed >= 3
    assert normalizer.batch(lines, threads=2) == expected


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")
@pytest.mark.parametrize("threads", [1, 2])
def test_ctrl_c_stops_a_long_batch(sample, threads):
    """Ctrl-C stops a batch between chunks of texts, not once all are done;
    the threads at work are stopped, and the next batch is whole."""
    normalizer = kalima.Normalizer()
    lines = sample.splitlines() * 240_000  # A few str, many times.
    assert_ctrl_c_stops(
        lambda: normalizer.batch(lines, threads=threads),
        lambda: normalizer.batch(lines[: len(lines) // 10], threads=threads),
    )
    assert normalizer.batch(lines[:50], threads=threads) == [
        normalizer.normalize(line) for line in lines[:50]
    ]


def test_batch_errors_name_the_item():
    with pytest.raises(ValueError, match=r"texts\[1\].*index 2"):
        kalima.Normalizer().batch(["ليبيا", "ab\ud800"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        kalima.Normalizer().batch(["ليبيا", b"x"])
    with pytest.raises(TypeError, match=r"iterable of str .*, not str"):
        kalima.Normalizer().batch("ليبيا")  # One text, not several.
    with pytest.raises(TypeError, match=r"iterable of str .*, not int"):
        kalima.Normalizer().batch(3)


def test_batches_take_any_iterable_of_str():
    """A pandas Series, a generator, a UserList: what a pipeline has at hand."""
    import collections

    class Column:  # Iterable, as a pandas Series is, but no list.
        def __init__(self, values):
            self.values = values

        def __iter__(self):
            return iter(self.values)

    lines = ["زار الوفد ليبيا", "ووصل إلى طرابلس"]
    gazetteer = kalima.default_gazetteer()
    for texts in (Column(lines), collections.UserList(lines), (s for s in lines)):
        assert [m.name for ms in gazetteer.find_batch(texts) for m in ms] == ["ليبيا", "طرابلس"]
    assert kalima.Normalizer().batch(Column(lines)) == [kalima.normalize(s) for s in lines]
    assert kalima.tokenize_batch(Column(lines)) == [kalima.tokenize(s) for s in lines]
    assert kalima.segment_batch(Column(lines)) == [kalima.segment(s) for s in lines]
    assert kalima.sentences_batch(Column(lines)) == [kalima.sentences(s) for s in lines]
    assert kalima.Normalizer().batch(Column([])) == []

    def broken():
        yield "ليبيا"
        raise RuntimeError("the source failed")

    with pytest.raises(RuntimeError, match="the source failed"):
        kalima.Normalizer().batch(broken())

    class Failing:  # Its own TypeError, not taken for "not iterable".
        def __iter__(self):
            raise TypeError("the column is not text")

    with pytest.raises(TypeError, match="the column is not text"):
        kalima.Normalizer().batch(Failing())
    # A set has no order for the results; a dict would give its keys.
    for unordered in ({"ليبيا"}, frozenset({"ليبيا"}), {"ليبيا": 1}):
        with pytest.raises(TypeError, match=r"iterable of str .*, not (set|frozenset|dict)"):
            kalima.tokenize_batch(unordered)
    # And the message says why, and what to pass instead.
    with pytest.raises(TypeError, match=r"not set: a set has no order .* sorted list\)$"):
        kalima.default_gazetteer().find_batch({"ليبيا"})
    with pytest.raises(TypeError, match=r"not dict: pass its keys\(\) or values\(\)$"):
        kalima.Normalizer().batch({"ليبيا": 1})


def test_batch_item_that_is_not_a_str_stops_the_threads_already_at_work():
    # Texts are viewed while the first chunks are normalised on other
    # threads: an item found bad late raises, and the next batch is whole.
    normalizer = kalima.Normalizer()
    lines = [f"وحكومة الوحدة الوطنية {k}" for k in range(3000)]
    for threads in (2, 4):
        with pytest.raises(TypeError, match=r"texts\[2500\] must be str, not bytes"):
            normalizer.batch([*lines[:2500], b"x", *lines[2500:]], threads=threads)
    assert normalizer.batch(lines, threads=2) == [normalizer.normalize(s) for s in lines]


def test_shared_normalizer_across_python_threads(sample):
    normalizer = kalima.Normalizer()
    big = sample * 200  # long enough for the GIL to be released
    expected = normalizer.normalize(big)
    results: list[str] = []

    def work():
        results.append(normalizer.normalize(big))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# ---------------------------------------------------------------- bad input


def test_bad_input_raises_clear_errors():
    with pytest.raises(TypeError, match="must be str, not bytes"):
        kalima.normalize(b"abc")
    with pytest.raises(TypeError):
        kalima.normalize(None)
    with pytest.raises(ValueError, match="surrogate U\\+D800 at index 5"):
        kalima.normalize("ليبيا\ud800")
    with pytest.raises(ValueError, match="unknown normalisation profile"):
        kalima.normalize("x", profile="serch")
    with pytest.raises(ValueError, match="unknown normalisation switch"):
        kalima.normalize("x", tashkeel=True)
    with pytest.raises(TypeError, match="True or False"):
        kalima.normalize("x", alef=1)
    # A profile or switch name that is not text says so, as a text does.
    for make in (
        lambda: kalima.Normalizer("search\ud800"),
        lambda: kalima.normalize("x", profile="search\ud800"),
        lambda: kalima.Gazetteer("search\ud800"),
    ):
        with pytest.raises(ValueError, match="profile has a lone surrogate at index 6"):
            make()
    with pytest.raises(ValueError, match="switch name has a lone surrogate at index 0"):
        kalima.Normalizer("search", **{"\udc00alef": True})


def test_empty_and_very_large_inputs():
    assert kalima.normalize("") == ""
    line = "وَاستعرض وزير الداخلية الإنتخابات ٢٠٢١\n"
    big = line * (100_000_000 // len(line) + 1)
    assert len(big) >= 100_000_000
    out = kalima.normalize(big)
    assert len(out) == len(big) // len(line) * len(kalima.normalize(line))
    assert out.startswith("واستعرض وزير الداخليه الانتخابات 2021\n")


def test_results_are_canonical_str(sample):
    # A narrower result than the input must still compare and hash as str.
    assert kalima.normalize("ـــ") == ""
    assert kalima.normalize("\u0640abc") == "abc"
    assert hash(kalima.normalize("\u0640abc")) == hash("abc")
    assert kalima.normalize("𝟕") == "7"


# ---------------------------------------------------------------- objects


def test_normalizer_is_a_small_picklable_value():
    normalizer = kalima.Normalizer("search", teh_marbuta=False)
    data = pickle.dumps(normalizer)
    assert len(data) < 200
    copy = pickle.loads(data)
    assert copy == normalizer
    assert copy.normalize("مدرسة") == "مدرسة"
    assert repr(copy) == "Normalizer('search', teh_marbuta=False)"
    assert copy.switches["alef"] is True and copy.switches["teh_marbuta"] is False
    assert kalima.Normalizer("standard") != kalima.Normalizer("search")


def test_batch_called_again_from_a_gc_callback_keeps_both_results():
    # A collection that runs inside batch() may run Python code that calls
    # batch() again on the same thread; neither call may see the other's data.
    import gc

    normalizer = kalima.Normalizer()
    outer = [f"الإتحاد {i}" for i in range(200)]
    expected = normalizer.batch(outer, threads=1)
    inner_results = []
    armed = {"on": False, "collections": 0}

    def callback(phase, info):
        # Every collection the outer call's allocations start (the result
        # list's comes after its storage is filled) runs an inner call.
        if phase == "start" and armed["on"] and armed["collections"] < 10:
            armed["collections"] += 1
            armed["on"] = False
            inner_results.append(normalizer.batch(["أحمد"], threads=1))
            armed["on"] = True

    gc.callbacks.append(callback)
    threshold = gc.get_threshold()
    try:
        gc.collect()
        gc.set_threshold(1)
        armed["on"] = True
        result = normalizer.batch(outer, threads=1)
    finally:
        armed["on"] = False
        gc.set_threshold(*threshold)
        gc.callbacks.remove(callback)
    assert inner_results and all(inner == ["احمد"] for inner in inner_results)
    assert result == expected


def test_bound_method_pickles_for_multiprocessing():
    normalizer = kalima.Normalizer("search", teh_marbuta=False)
    method = pickle.loads(pickle.dumps(normalizer.normalize))
    assert method("مدرسة الإتحاد") == "مدرسة الاتحاد"


def test_module_normalize_takes_every_form_of_call():
    # The call with the text alone takes a shortcut; every other shape goes
    # through the general function. Both must agree with a Normalizer.
    text = "مؤكداً أن الإتحاد الأوروبي"
    assert kalima.normalize(text) == "موكدا ان الاتحاد الاوروبي"
    assert kalima.normalize(text=text) == kalima.normalize(text)
    assert kalima.normalize(text, "none") == text
    assert kalima.normalize(text, profile="camel") == kalima.Normalizer("camel").normalize(text)
    assert kalima.normalize(text, hamza_carriers=False) == "مؤكدا ان الاتحاد الاوروبي"
    with pytest.raises(TypeError, match="text must be str, not int"):
        kalima.normalize(3)
    with pytest.raises(TypeError):
        kalima.normalize()
    with pytest.raises(ValueError, match="bogus"):
        kalima.normalize(text, bogus=True)
    assert str(inspect.signature(kalima.normalize)) == "(text, profile='search', **switches)"
    assert "Normalise" in kalima.normalize.__doc__
    # Pickles by name, as a function of the module does, for Dask and Spark.
    assert pickle.loads(pickle.dumps(kalima.normalize)) is kalima.normalize


def test_more_threads_than_the_machine_allows_are_clamped():
    texts = ["نص قصير"] * 4000
    assert kalima.Normalizer().batch(texts, threads=1000) == ["نص قصير"] * 4000


def test_uninitialised_objects_raise_instead_of_crashing():
    for cls, method in (
        (kalima._kalima.Normalizer, "normalize"),
        (kalima._kalima.Tokenizer, "tokenize"),
    ):
        blank = cls.__new__(cls)
        with pytest.raises(TypeError, match="initialised"):
            getattr(blank, method)("وليبيا")


def test_a_python_class_deriving_from_two_kalima_classes():
    class Both(kalima.Tokenizer, kalima.Normalizer):
        def __init__(self) -> None:
            kalima.Tokenizer.__init__(self)
            kalima.Normalizer.__init__(self, "search")

    both = Both()
    assert both.normalize("الإتحاد") == "الاتحاد"
    assert both.tokenize("وليبيا 2021").texts() == ["وليبيا", "2021"]


def test_a_normalizer_cannot_be_initialised_again():
    # Its C++ switches stay the first ones; a second __init__ would make its
    # repr and its pickle say otherwise.
    normalizer = kalima.Normalizer()
    with pytest.raises(TypeError, match="immutable"):
        normalizer.__init__("none")
    assert repr(normalizer) == "Normalizer('search')"
    assert normalizer.normalize("أحمد") == "احمد"
    assert pickle.loads(pickle.dumps(normalizer)).normalize("أحمد") == "احمد"
