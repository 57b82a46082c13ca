"""kalima: fast Arabic text primitives whose results point back into your text.

>>> import kalima
>>> kalima.normalize("الإتحاد الأوروبي")
'الاتحاد الاوروبي'
"""

from kalima._kalima import Error, OffsetMap
from kalima.data import sample_path, sample_text
from kalima.normalize import (
    PROFILES,
    SWITCHES,
    NormalizedText,
    Normalizer,
    normalize,
    normalize_with_offsets,
)

__version__ = "0.1.0"

__all__ = [
    "PROFILES",
    "SWITCHES",
    "Error",
    "NormalizedText",
    "Normalizer",
    "OffsetMap",
    "normalize",
    "normalize_with_offsets",
    "sample_path",
    "sample_text",
]
