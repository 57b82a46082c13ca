"""kalima: fast Arabic text primitives whose results point back into your text.

>>> import kalima
>>> kalima.normalize("الإتحاد الأوروبي")
'الاتحاد الاوروبي'
>>> kalima.tokenize("وليبيا، 2021").texts()
['وليبيا', '،', '2021']
>>> kalima.segmented_texts(["وليبيا، 2021 للحكومة"])
['و+ليبيا ، 2021 ل+لحكومة']
"""

from kalima._kalima import Error, OffsetMap
from kalima.data import sample_path, sample_text
from kalima.gazetteer import (
    Gazetteer,
    Match,
    Matches,
    default_gazetteer,
    default_gazetteer_path,
    default_words_path,
    find_entities,
)
from kalima.normalize import (
    PROFILES,
    SWITCHES,
    NormalizedText,
    Normalizer,
    normalize,
    normalize_with_offsets,
)
from kalima.segment import (
    SegmentedToken,
    Segmenter,
    SegmentPart,
    default_segmenter,
    default_segmenter_path,
    segment,
    segment_batch,
    segmented_texts,
)
from kalima.tokenize import (
    SentenceSplitter,
    Span,
    Token,
    Tokenizer,
    TokenKind,
    Tokens,
    sentences,
    sentences_batch,
    tokenize,
    tokenize_batch,
)

__version__ = "0.1.0"

__all__ = [
    "PROFILES",
    "SWITCHES",
    "Error",
    "Gazetteer",
    "Match",
    "Matches",
    "NormalizedText",
    "Normalizer",
    "OffsetMap",
    "SegmentPart",
    "SegmentedToken",
    "Segmenter",
    "SentenceSplitter",
    "Span",
    "Token",
    "TokenKind",
    "Tokenizer",
    "Tokens",
    "default_gazetteer",
    "default_gazetteer_path",
    "default_segmenter",
    "default_segmenter_path",
    "default_words_path",
    "find_entities",
    "normalize",
    "normalize_with_offsets",
    "sample_path",
    "sample_text",
    "segment",
    "segment_batch",
    "segmented_texts",
    "sentences",
    "sentences_batch",
    "tokenize",
    "tokenize_batch",
]
