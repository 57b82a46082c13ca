"""Tokens and sentences through the Python API, on real Arabic text."""

from __future__ import annotations

import collections.abc
import pickle
import sys
import threading
import time
import unicodedata

import kalima
import pytest
from conftest import corpus_lines
from hypothesis import given, settings
from hypothesis import strategies as st

# Arabic text and everything the tokenizer treats specially.
TOKEN_ALPHABET = st.sampled_from(
    list("وليبياالمملكةطرابلسمازنءأإآؤئىةکی")
    + list("\u064e\u0651\u0652\u0670ـ\u200c\u200d\u200f\ufeff")
    + list("0123456789٠١٢٣٤٥٦٧٨٩.,٫٬:%٪-+")
    + list("،؛؟!?\"'«»()[]…#@_/")
    + list("abcXYZé")
    + list("    \n\t\u00a0")
    + ["👍", "🏽", "\u200d", "❤", "\ufe0f", "🇱", "🇾", "Ж", "中", "\U0001d7d5"]
    + ["https://", "www.", "a@b.co", "\x01"]
)
token_text = st.lists(TOKEN_ALPHABET, max_size=60).map("".join)


def texts_and_kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in kalima.tokenize(text)]


# ------------------------------------------------------------------ tokens


def test_clitic_glued_names_from_the_sample_article_stay_whole(sample):
    texts = kalima.tokenize(sample).texts()
    for word in ["والمملكة", "وأفريقيا", "وحكومة", "الإتحاد", "الإنتخابات", "بالضيوف"]:
        assert word in texts
    line = "من جهته رحب مازن بالضيوف، مؤكداً أن ليبيا ستكون دولة مستقرة"
    assert texts_and_kinds(line)[4:8] == [
        ("بالضيوف", "arabic"),
        ("،", "punctuation"),
        ("مؤكداً", "arabic"),
        ("أن", "arabic"),
    ]


def test_offsets_are_str_indices(sample):
    for text in [sample, "👍 وليبيا 👍🏽 2021", "café, naïve 3.5", ""]:
        for token in kalima.tokenize(text):
            assert text[token.start : token.end] == token.text


def test_numbers_prefixes_and_percentages():
    assert texts_and_kinds("حيث بلغ عددهم نحو 700 ألف مهاجر و3.5% ب300 الـ84 ١٬٢٣٤٫٥") == [
        ("حيث", "arabic"),
        ("بلغ", "arabic"),
        ("عددهم", "arabic"),
        ("نحو", "arabic"),
        ("700", "number"),
        ("ألف", "arabic"),
        ("مهاجر", "arabic"),
        ("و", "arabic"),
        ("3.5", "number"),
        ("%", "symbol"),
        ("ب", "arabic"),
        ("300", "number"),
        ("الـ84", "number"),
        ("١٬٢٣٤٫٥", "number"),
    ]
    # Saudi papers write ر for the decimal point.
    assert texts_and_kinds("بلغ 89ر80 مليون") == [
        ("بلغ", "arabic"),
        ("89ر80", "number"),
        ("مليون", "arabic"),
    ]


def test_web_kinds_and_emoji():
    text = "تابعوا @LibyaMoI و#ليبيا على https://moi.gov.ly/ar. راسلونا: info@moi.gov.ly 👍🏽🇱🇾"
    kinds = dict(texts_and_kinds(text))
    assert kinds["@LibyaMoI"] == "mention"
    assert kinds["#ليبيا"] == "hashtag"
    assert kinds["https://moi.gov.ly/ar"] == "url"
    assert kinds["info@moi.gov.ly"] == "email"
    assert kinds["👍🏽"] == "symbol" and kinds["🇱🇾"] == "symbol"
    assert kalima.TokenKind.HASHTAG == "hashtag"


def test_tokenizer_options_turn_kinds_off():
    plain = kalima.Tokenizer(urls=False, hashtags=False)
    assert plain.tokenize("www.moi.ly #ليبيا").texts() == [
        "www",
        ".",
        "moi",
        ".",
        "ly",
        "#",
        "ليبيا",
    ]
    assert repr(plain) == "Tokenizer(urls=False, hashtags=False)"
    assert pickle.loads(pickle.dumps(plain)) == plain
    assert plain != kalima.Tokenizer()
    assert len(pickle.dumps(plain)) < 200


def test_options_are_true_or_false():
    """The string "no" is not False, nor is None: an option of another type is
    refused, as the Normalizer's switches are."""
    with pytest.raises(TypeError, match="urls must be True or False, not str"):
        kalima.Tokenizer(urls="no")
    with pytest.raises(TypeError, match="mentions must be True or False, not NoneType"):
        kalima.Tokenizer(mentions=None)
    for call in (
        lambda: kalima.SentenceSplitter(line_break_ends_sentence=0),
        lambda: kalima.sentences("أ. ب", line_break_ends_sentence="no"),
        lambda: kalima.sentences_batch(["أ. ب"], line_break_ends_sentence="no"),
    ):
        with pytest.raises(TypeError, match="line_break_ends_sentence must be True or False"):
            call()


def test_token_kind_enum_matches_the_core():
    assert tuple(kind.value for kind in kalima.TokenKind) == kalima._kalima.TOKEN_KINDS


def test_tokens_is_a_sequence_of_token():
    tokens = kalima.tokenize("استقبل وزير الداخلية، في طرابلس.")
    assert len(tokens) == 7
    first = tokens[0]
    assert first == kalima.Token(0, 6, "استقبل", "arabic") == (0, 6, "استقبل", "arabic")
    assert hash(first) == hash(kalima.Token(0, 6, "استقبل", "arabic"))
    start, end, text, kind = first
    assert (start, end, text, kind) == (0, 6, "استقبل", "arabic")
    assert pickle.loads(pickle.dumps(first)) == first
    with pytest.raises(AttributeError):
        first.start = 1
    assert (first.start, first.end, first.text, first.kind) == (0, 6, "استقبل", "arabic")
    assert tokens[-1].text == "." and tokens[-1].kind == kalima.TokenKind.PUNCTUATION
    assert [t.text for t in tokens[1:3]] == ["وزير", "الداخلية"]
    assert [t.text for t in tokens[::-3]] == [".", "،", "استقبل"]
    assert list(tokens) == tokens.to_list() == tokens
    assert tokens.texts() == [t.text for t in tokens]
    assert tokens.kinds() == [t.kind for t in tokens]
    assert tokens.spans()[1] == (7, 11)
    assert tokens.text == "استقبل وزير الداخلية، في طرابلس."
    with pytest.raises(IndexError):
        tokens[7]
    assert isinstance(tokens, collections.abc.Sequence)
    assert tokens.index(first) == 0 and tokens.count(tokens[2]) == 1 and first in tokens
    assert [t.text for t in reversed(tokens)][:2] == [".", "طرابلس"]
    assert "Tokens of 7" in repr(tokens) and "'استقبل'/arabic" in repr(tokens)
    assert "kind='arabic'" in repr(first)
    # Ordered as the tuple it equals, as Span and Match are.
    assert sorted(reversed(tokens)) == list(tokens)
    assert first < tokens[1] and first <= (0, 6, "استقبل", "arabic") < (0, 7)
    assert max(tokens) == tokens[-1]


def test_tokens_pickle_round_trip_and_reject_corrupt_state():
    tokens = kalima.tokenize("وليبيا 👍🏽 2021")
    again = pickle.loads(pickle.dumps(tokens))
    assert again == tokens and again.texts() == ["وليبيا", "👍🏽", "2021"]
    with pytest.raises(ValueError, match="corrupt"):
        kalima.Tokens.__new__(kalima.Tokens).__setstate__(("ab", b"\x00" * 5))
    # A text tokenize() refuses (a lone surrogate) is refused here too.
    packed = tokens.__getstate__()[1][:24]
    with pytest.raises(ValueError, match="lone surrogate at index 6"):
        kalima.Tokens.__new__(kalima.Tokens).__setstate__(("وليبيا\ud800", packed))


class Plain(kalima.Tokenizer):
    """A subclass of its own (pickled by name)."""


class Wrapped(kalima.SentenceSplitter):
    """A subclass of its own (pickled by name)."""


def test_tokenizer_and_splitter_subclasses_pickle_as_themselves():
    tokenizer = Plain(urls=False)
    tokenizer.source = "news"
    copy = pickle.loads(pickle.dumps(tokenizer))
    assert type(copy) is Plain and copy.source == "news" and copy == tokenizer
    # urls=False travels: the URL is left in pieces.
    assert copy.tokenize("انظر http://a.ly").texts()[:3] == ["انظر", "http", ":"]
    splitter = pickle.loads(pickle.dumps(Wrapped(line_break_ends_sentence=False)))
    assert type(splitter) is Wrapped and not splitter.line_break_ends_sentence
    # The base classes pickle as before, without their class: older versions
    # (another Dask worker) read them.
    assert len(kalima.Tokenizer().__reduce__()[1]) == 1
    assert len(kalima.SentenceSplitter().__reduce__()[1]) == 1


def test_empty_and_blank_text_give_no_tokens():
    assert len(kalima.tokenize("")) == 0
    assert kalima.tokenize(" \n\t\u200f\ufeff ").texts() == []
    assert kalima.sentences("") == []


# --------------------------------------------------------------- sentences


def test_sample_article_sentences(sample):
    spans = kalima.sentences(sample)
    assert spans[0].text == "طرابلس 10 يونيو 2021"
    assert spans[1].text.startswith("استقبل وزير الداخلية") and spans[1].text.endswith(
        "ومكافحة الإرهاب."
    )
    for span in spans:
        assert sample[span.start : span.end] == span.text
        assert span.text == span.text.strip()
    # Every line of the article is at least one sentence.
    assert len(spans) >= len([line for line in sample.splitlines() if line.strip()])


def test_sentences_respect_numbers_abbreviations_and_quotes():
    text = (
        "بلغ النمو 3.5 بالمئة. التقى د. أحمد في ص.ب 55. "
        'قال: "نحن على الدرب الصحيح. الاتفاق سيبطئ التغير". هل انتهى؟ أم لا؟ نعم'
    )
    assert [s.text for s in kalima.sentences(text)] == [
        "بلغ النمو 3.5 بالمئة.",
        "التقى د. أحمد في ص.ب 55.",
        'قال: "نحن على الدرب الصحيح. الاتفاق سيبطئ التغير".',
        "هل انتهى؟ أم لا؟",
        "نعم",
    ]
    # A comma after a final mark goes on with the sentence (558 such marks
    # in SaudiNewsNet), and ود. is the abbreviation د. after a conjunction.
    text = "قالت «هل انبسطت؟»، وأجبتها بهدوء. والتقى ود. محمد العلي بالوفد. ثم نمنا."
    assert [s.text for s in kalima.sentences(text)] == [
        "قالت «هل انبسطت؟»، وأجبتها بهدوء.",
        "والتقى ود. محمد العلي بالوفد.",
        "ثم نمنا.",
    ]


def test_verb_of_saying_after_attributed_quotation_starts_a_sentence():
    text = 'قال الوزير: "سيستمر عملنا" قيل إن الوفد غادر. «نعم» قال الوزير.'
    assert [s.text for s in kalima.sentences(text)] == [
        'قال الوزير: "سيستمر عملنا"',
        "قيل إن الوفد غادر.",
        "«نعم» قال الوزير.",
    ]


def test_line_breaks_and_blank_lines():
    text = "طرابلس 10 يونيو\nاستقبل الوزير\n\nثم غادر"
    assert [s.text for s in kalima.sentences(text)] == [
        "طرابلس 10 يونيو",
        "استقبل الوزير",
        "ثم غادر",
    ]
    wrapped = kalima.sentences(text, line_break_ends_sentence=False)
    assert [s.text for s in wrapped] == ["طرابلس 10 يونيو\nاستقبل الوزير", "ثم غادر"]
    splitter = kalima.SentenceSplitter(line_break_ends_sentence=False)
    assert pickle.loads(pickle.dumps(splitter)) == splitter
    assert splitter.split_tokens(kalima.tokenize(text)) == splitter.split(text)


# ------------------------------------------------------------------ batches


def test_batches_equal_the_loop(sample):
    texts = [*sample.splitlines(), "", "👍 وليبيا", "café 3.5", *corpus_lines(200)]
    expected = [kalima.tokenize(t) for t in texts]
    assert kalima.tokenize_batch(texts) == expected
    assert kalima.tokenize_batch(tuple(texts), threads=3) == expected
    assert kalima.sentences_batch(texts, threads=2) == [kalima.sentences(t) for t in texts]


def test_batch_errors_name_the_item():
    with pytest.raises(ValueError, match=r"texts\[1\].*U\+D800 at index 2"):
        kalima.tokenize_batch(["ليبيا", "ab\ud800"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        kalima.tokenize_batch(["ليبيا", b"x"])
    with pytest.raises(TypeError):
        kalima.tokenize_batch("not a list")
    with pytest.raises(ValueError, match=r"texts\[0\]"):
        kalima.sentences_batch(["\udfff"])


def test_bad_input_raises_clear_errors():
    with pytest.raises(TypeError, match="text must be str"):
        kalima.tokenize(b"\xd9\x84")
    with pytest.raises(TypeError):
        kalima.tokenize(None)
    with pytest.raises(ValueError, match=r"lone surrogate U\+DC80 at index 6"):
        kalima.tokenize("ليبيا \udc80")
    with pytest.raises(ValueError, match="index 0"):
        kalima.sentences("\ud800")


def test_huge_text_without_whitespace_is_one_token():
    text = "ب" * 50_000_000  # 100 MB of UTF-8
    tokens = kalima.tokenize(text)
    assert len(tokens) == 1 and tokens.spans() == [(0, len(text))]
    assert [(s.start, s.end) for s in kalima.sentences(text)] == [(0, len(text))]


def test_gil_is_released_on_long_inputs():
    big = "وليبيا، طرابلس " * 1_000_000
    window: list[float] = []

    def work():
        window.append(time.perf_counter())
        kalima.tokenize(big)
        window.append(time.perf_counter())

    thread = threading.Thread(target=work)
    ticks: list[float] = []
    thread.start()
    while thread.is_alive():
        ticks.append(time.perf_counter())
    thread.join()
    start, end = window
    # Python kept running in this thread while the other one was inside the
    # C++ call: with the GIL held, this thread would stall for about as long
    # as the call takes.
    inside = [start, *(t for t in ticks if start < t < end), end]
    longest_stall = max(b - a for a, b in zip(inside, inside[1:]))
    assert longest_stall < (end - start) / 2


# --------------------------------------------------------------- properties


def is_skippable(ch: str) -> bool:
    """Characters that are not in any token by design."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc")


@settings(max_examples=400, deadline=None)
@given(token_text)
def test_tokens_are_ordered_disjoint_and_cover_every_visible_character(text):
    tokens = kalima.tokenize(text)
    previous_end = 0
    covered = [False] * len(text)
    for token in tokens:
        assert previous_end <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert not token.text[0].isspace() and not token.text[-1].isspace()
        for i in range(token.start, token.end):
            covered[i] = True
        previous_end = token.end
    for i, ch in enumerate(text):
        assert covered[i] or is_skippable(ch), (i, ch)
    assert kalima.tokenize_batch([text]) == [tokens]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80).filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s)))
def test_any_text_tokenizes_within_its_bounds(text):
    tokens = kalima.tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    spans = kalima.sentences(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    for span in spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limit via setrlimit")
def test_running_out_of_memory_raises_memory_error():
    import resource
    import subprocess

    def limit_address_space():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29))  # 1.5 GiB

    for code in [
        "import kalima; kalima.tokenize('a ' * 50_000_000)",
        "import kalima; s = 'a ' * 25_000_000; kalima.tokenize_batch([s, s], threads=2)",
    ]:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            preexec_fn=limit_address_space,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.strip().splitlines()[-1].startswith("MemoryError")


def test_control_characters_are_between_words():
    # As str.split() has them (NUL aside, which no word holds either).
    text = "مصر\x1cقطر ليبيا\x00تونس\x7fعمان\x1fسبها"
    assert kalima.tokenize(text).texts() == ["مصر", "قطر", "ليبيا", "تونس", "عمان", "سبها"]
    assert [t.start for t in kalima.tokenize(text)] == [0, 4, 8, 14, 19, 24]


def test_review_cases_for_prefixes_scripts_and_ellipses():
    assert texts_and_kinds("الكتابـ2021 بال3") == [
        ("الكتاب", "arabic"),
        ("ـ", "punctuation"),
        ("2021", "number"),
        ("بال3", "number"),
    ]
    assert kalima.tokenize("コーヒー").texts() == ["コーヒー"]
    assert [s.text for s in kalima.sentences("ماذا؟... لا أعرف")] == ["ماذا؟...", "لا أعرف"]
    assert [s.text for s in kalima.sentences("انتظر . . . ثم تكلم.")] == ["انتظر . . . ثم تكلم."]
    with pytest.raises(TypeError, match=r"'tokenize' for 'kalima\._kalima\.Tokenizer'"):
        kalima.Tokenizer.tokenize(None, "x")


def test_every_pickle_protocol_and_str_subclasses():
    tokens = kalima.tokenize("وليبيا 👍🏽 2021")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(tokens, protocol)) == tokens
        assert pickle.loads(pickle.dumps(tokens[0], protocol)) == tokens[0]

    class Text(str):
        pass

    # Results hold exact strs, never the caller's subclass (which could tie a
    # reference cycle through them).
    tokens = kalima.tokenize(Text("وليبيا 2021"))
    assert type(tokens.text) is str and tokens.texts() == ["وليبيا", "2021"]
    token = kalima.Token(0, 1, Text("و"), Text("arabic"))
    assert type(token.text) is str and type(token.kind) is str
    with pytest.raises(ValueError, match="corrupt"):
        kalima.Tokens.__new__(kalima.Tokens).__setstate__((b"ab", b""))
