"""How a strictly typed program uses kalima."""

import kalima


def entities(text: str) -> list[tuple[int, int, str, str, str | None]]:
    return [(m.start, m.end, m.name, m.label, m.id) for m in kalima.find_entities(text)]


def words(text: str) -> list[str]:
    return [t.text for t in kalima.tokenize(text) if t.kind == kalima.TokenKind.ARABIC]


def stems(text: str) -> list[str]:
    return [p.text for token in kalima.segment(text) for p in token.parts if p.role == "stem"]


def folded(texts: list[str]) -> list[str]:
    return kalima.Normalizer("search", teh_marbuta=False).batch(texts, threads=0)


def original_span(text: str, start: int, end: int) -> tuple[int, int]:
    return kalima.normalize_with_offsets(text).source_span(start, end)


def gazetteer(path: str) -> kalima.Gazetteer:
    g = kalima.Gazetteer(profile="search", clitics=True)
    g.add("خالد مازن", "PER", aliases=["مازن"])
    g.add_many([("ليبيا", "LOC", "Q1016", ())])
    g.save(path)
    return kalima.Gazetteer.load(path)


def batch(g: kalima.Gazetteer, texts: list[str]) -> int:
    return sum(len(found) for found in g.find_batch(texts, threads=2))


def sentences(text: str) -> list[str]:
    return [s.text for s in kalima.sentences(text)]
