"""Gazetteer matching through the Python API, on the issue's own case."""

from __future__ import annotations

import pickle

import kalima
import pytest


@pytest.fixture(scope="module")
def gazetteer() -> kalima.Gazetteer:
    g = kalima.Gazetteer()
    g.add("الاتحاد الأوروبي", "organisation", id="Q458")
    g.add("المملكة المتحدة", "place", id="Q145")
    g.add("أفريقيا", "place")
    g.add("حكومة الوحدة الوطنية", "organisation")
    g.add("خالد مازن", "person", aliases=["مازن"])
    return g


def test_the_sample_article(gazetteer, sample):
    found = gazetteer.find(sample)
    for m in found:
        assert sample[m.start : m.end] == m.text
        assert sample[m.start - len(m.prefix) : m.start] == m.prefix
    assert {(m.prefix, m.text, m.name) for m in found} == {
        ("", "الإتحاد الأوروبي", "الاتحاد الأوروبي"),
        ("", "المملكة المتحدة", "المملكة المتحدة"),
        ("و", "المملكة المتحدة", "المملكة المتحدة"),
        ("و", "أفريقيا", "أفريقيا"),
        ("و", "حكومة الوحدة الوطنية", "حكومة الوحدة الوطنية"),
        ("", "خالد مازن", "خالد مازن"),
        ("", "مازن", "خالد مازن"),
    }
    # Every مازن of the article, and nothing inside other words.
    assert sum(m.text.endswith("مازن") for m in found) == sample.count("مازن")


def test_whole_tokens_and_clitic_combinations(gazetteer):
    assert gazetteer.find("الليبية ومازني") == []
    found = gazetteer.find("للمملكة المتحدة وبالمملكة المتحدة")
    assert [(m.prefix, m.text) for m in found] == [
        ("لل", "مملكة المتحدة"),
        ("وب", "المملكة المتحدة"),
    ]
    assert found[0].label == "place" and found[0].id == "Q145" and found[0].edits == 0


def test_modes(gazetteer):
    assert [m.text for m in gazetteer.find("خالد مازن")] == ["خالد مازن"]
    assert [m.text for m in gazetteer.find("خالد مازن", mode="all")] == ["خالد مازن", "مازن"]
    with pytest.raises(ValueError, match="unknown mode"):
        gazetteer.find("x", mode="shortest")


def test_batch_pickle_and_html(gazetteer, sample):
    lines = sample.splitlines()
    assert gazetteer.find_batch(lines, threads=2) == [gazetteer.find(line) for line in lines]
    clone = pickle.loads(pickle.dumps(gazetteer))
    assert len(clone) == len(gazetteer) == 5
    assert clone.find(sample) == gazetteer.find(sample)
    shown = gazetteer.find("والمملكة المتحدة")._repr_html_()
    assert 'dir="rtl"' in shown and "<mark" in shown and "المملكة المتحدة</mark>" in shown


def test_tsv(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text(
        "name\tlabel\tid\taliases\nليبيا\tcountry\tQ1016\tليبيه|لیبیا\n", encoding="utf-8"
    )
    g = kalima.Gazetteer.from_tsv(path)
    assert [(m.prefix, m.text, m.id) for m in g.find("وليبيه")] == [("و", "ليبيه", "Q1016")]
    path.write_text("nom\tétiquette\nx\ty\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"names\.tsv:1"):
        kalima.Gazetteer.from_tsv(path)
    path.write_text("name\tlabel\n\n \u00a0\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"names\.tsv:3: '' has no word"):
        kalima.Gazetteer.from_tsv(path)


def test_bad_input(gazetteer):
    g = kalima.Gazetteer()
    with pytest.raises(TypeError, match="name"):
        g.add(3, "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no word"):
        g.add("  ", "x")
    with pytest.raises(TypeError, match="aliases"):
        g.add("ليبيا", "x", aliases="ليبيه")
    with pytest.raises(ValueError, match="surrogate"):
        gazetteer.find("ليبيا\ud800")
    with pytest.raises(TypeError):
        gazetteer.find(b"x")  # type: ignore[arg-type]


def test_default_gazetteer(sample):
    found = kalima.find_entities(sample)
    names = {(m.text, m.label) for m in found}
    assert ("ليبيا", "country") in names
    assert ("طرابلس", "capital") in names
    assert ("المملكة المتحدة", "country") in names
    assert all(sample[m.start : m.end] == m.text for m in found)
    assert len({(m.start, m.name) for m in found}) == len(found)


def test_tsv_edge_cases(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text(
        '\ufeffname\tlabel\tid\taliases\r\n"ليبيا"\tcountry\tQ1016\t\r\n', encoding="utf-8"
    )
    g = kalima.Gazetteer.from_tsv(path)
    assert [m.text for m in g.find("وليبيا")] == ["ليبيا"]
    path.write_text("name\tlabel\nليبيا\t \n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"names\.tsv:2: the label"):
        kalima.Gazetteer.from_tsv(path)
    path.write_bytes(b"name\tlabel\n\xd9\x84\xff\tx\n")
    with pytest.raises(ValueError, match=r"names\.tsv: not UTF-8"):
        kalima.Gazetteer.from_tsv(path)


def test_names_must_be_words_and_valid_text():
    g = kalima.Gazetteer()
    for bad in ("-", "2021", "،"):
        with pytest.raises(ValueError, match="no word"):
            g.add(bad, "x")
    with pytest.raises(ValueError, match="surrogate at index 1"):
        g.add("ل\ud800", "x")
    with pytest.raises(ValueError, match="'' has no word"):
        g.add("ليبيا", "x", aliases=[""])
