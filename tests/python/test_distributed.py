"""kalima inside a real distributed engine: Dask's process scheduler.

Its workers are fresh interpreters (spawned, not forked), which receive every
function and object of a task by pickle, as Dask's and Spark's cluster workers
do. Whatever they compute must equal what the same calls give in this process.
"""

from __future__ import annotations

import os
import pickle

import dask
import dask.bag as db
import kalima
import pytest

# The sample article's paragraphs (about 30), four partitions.
PARTITIONS = 4


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return [p for p in kalima.sample_text().split("\n") if p.strip()]


@pytest.fixture(scope="module")
def my_gazetteer(tmp_path_factory) -> kalima.Gazetteer:
    g = kalima.Gazetteer()
    g.add("خالد مازن", "PER", aliases=["مازن"])
    g.add("حكومة الوحدة الوطنية", "ORG")
    g.add("الاتحاد الأوروبي", "ORG", id="Q458")
    return g


def compute(bag: db.Bag) -> list:
    with dask.config.set({"multiprocessing.context": "spawn"}):
        return bag.compute(scheduler="processes", num_workers=2)


def spans(matches) -> list[tuple]:
    return [(m.start, m.end, m.prefix, m.name, m.label, m.id) for m in matches]


def test_every_primitive_gives_in_workers_what_it_gives_here(paragraphs, my_gazetteer):
    normalizer = kalima.Normalizer("search", teh_marbuta=False)
    segmenter = kalima.default_segmenter()
    splitter = kalima.SentenceSplitter()

    def everything(text: str) -> dict:
        return {
            "normalized": normalizer.normalize(text),
            "offsets": list(kalima.normalize_with_offsets(text).offsets),
            "tokens": kalima.tokenize(text).texts(),
            "sentences": [(s.start, s.end) for s in splitter.split(text)],
            "segmented": [
                [(part.start, part.form, part.role) for part in token.parts]
                for token in segmenter.segment(text)
            ],
            "default_entities": spans(kalima.find_entities(text)),
            "my_entities": spans(my_gazetteer.find(text)),
        }

    bag = db.from_sequence(paragraphs, npartitions=PARTITIONS)
    in_workers = compute(bag.map(everything))
    assert os.getpid() not in compute(bag.map(lambda _: os.getpid()))
    assert in_workers == [everything(p) for p in paragraphs]

    # And they are what the article holds, each span a slice of the original.
    found = [
        (paragraph[start:end], prefix, name)
        for paragraph, result in zip(paragraphs, in_workers)
        for start, end, prefix, name, _, _ in result["my_entities"]
    ]
    assert ("الإتحاد الأوروبي", "", "الاتحاد الأوروبي") in found
    assert ("حكومة الوحدة الوطنية", "و", "حكومة الوحدة الوطنية") in found
    assert ("مازن", "", "خالد مازن") in found
    default_names = {e[3] for result in in_workers for e in result["default_entities"]}
    assert {"ليبيا", "طرابلس", "سبها", "المملكة المتحدة", "الاتحاد الأوروبي"} <= default_names


def test_batch_calls_run_on_whole_partitions(paragraphs, my_gazetteer, tmp_path):
    saved = tmp_path / "mine.kgaz"
    my_gazetteer.save(saved)
    loaded = kalima.Gazetteer.load(saved)

    def entities_of_partition(texts: list[str]) -> list[list[tuple]]:
        return [spans(found) for found in loaded.find_batch(texts, threads=2)]

    bag = db.from_sequence(paragraphs, npartitions=PARTITIONS)
    in_workers = compute(bag.map_partitions(entities_of_partition))
    assert in_workers == [spans(my_gazetteer.find(p)) for p in paragraphs]
    assert sum(map(len, in_workers)) > 0


def test_what_travels_is_small(my_gazetteer, tmp_path):
    # Objects made from settings or bundled data travel as those settings or
    # a reference; a gazetteer of the caller's own as its compiled buffer, no
    # larger than the file it saves.
    for obj in (
        kalima.Normalizer("search", teh_marbuta=False),
        kalima.Tokenizer(),
        kalima.SentenceSplitter(),
        kalima.default_segmenter(),
        kalima.default_gazetteer(),
        kalima.find_entities,
    ):
        assert len(pickle.dumps(obj)) < 120, obj
    saved = tmp_path / "mine.kgaz"
    my_gazetteer.save(saved)
    assert len(pickle.dumps(my_gazetteer)) < saved.stat().st_size + 200
