// CharTable: the per-code-point actions of one NormalizeOptions, built from
// ICU's character data and closed under the options (every character the
// table writes maps to itself), which is what makes every profile idempotent.
#ifndef KALIMA_CPP_INTERNAL_CHAR_TABLE_H_
#define KALIMA_CPP_INTERNAL_CHAR_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "kalima/normalize.h"

namespace kalima::internal {

// An entry is a code point (what to write) plus flags in the high bits.
inline constexpr uint32_t kValueMask = 0x1FFFFF;
// Write nothing.
inline constexpr uint32_t kDelete = 1u << 24;
// Write an ASCII space, unless the last character written was one.
inline constexpr uint32_t kSpace = 1u << 25;
// Not handled by the one-in-one-out loop: the value indexes
// CharTable::expansions, or kInvalid is set too.
inline constexpr uint32_t kSlow = 1u << 26;
// A code point that is not a character (a surrogate, or above U+10FFFF).
inline constexpr uint32_t kInvalid = 1u << 27;
// A combining hamza or madda (U+0653-U+0655) that makes one letter with the
// character last written where Unicode composes the two (ا + U+0654 -> أ,
// see ComposedLetter), whatever was deleted between them; elsewhere it
// writes its value, itself. kSlow is set too.
inline constexpr uint32_t kCompose = 1u << 28;

inline constexpr uint16_t kSimdDelete = 0xFFFF;
inline constexpr uint16_t kSimdSlow = 0xFFFE;

struct CharTable {
  // One entry per BMP code point.
  std::vector<uint32_t> bmp;
  // Supplementary code points whose entry is not the identity.
  absl::flat_hash_map<uint32_t, uint32_t> supplementary;
  // Replacements longer than one code point (ligatures), already closed.
  std::vector<std::u32string> expansions;

  // The same entries for the ranges real Arabic text mostly lives in,
  // U+0000-U+00FF (ASCII, NBSP, « »), U+0600-U+06FF and U+2000-U+207F
  // (spaces, dashes, quotes, bidi marks), squeezed to 16 bits for the vector
  // kernel: the value to write, or kSimdDelete / kSimdSlow. With
  // `whitespace` set, every U+0020 written is a collapsible space.
  uint16_t simd_latin1[256];
  uint16_t simd_arabic[256];
  uint16_t simd_punctuation[128];
  bool collapse_spaces = false;

  uint32_t Lookup(uint32_t c) const {
    if (c < 0x10000) return bmp[c];
    if (c > 0x10FFFF) return kSlow | kInvalid;
    auto it = supplementary.find(c);
    return it == supplementary.end() ? c : it->second;
  }
};

// The table for `options`, built on first use and cached.
std::shared_ptr<const CharTable> GetCharTable(const NormalizeOptions& options);

// What `options` turn one code point into (the closed result): empty when it
// is deleted. Slow; for building tables and for tests.
std::u32string ResolveCodePoint(char32_t c, const NormalizeOptions& options);

// The letter Unicode's canonical composition makes of `letter` followed by
// `mark` (ا + U+0654 -> أ, و + U+0654 -> ؤ, ي + U+0654 -> ئ, ا + U+0653 -> آ),
// or 0 if they make none. From ICU's NFC data.
char32_t ComposedLetter(char32_t letter, char32_t mark);

// The one letter (or mark) an Arabic presentation form stands for (ﻟ -> ل,
// ﺔ -> ة, ﹰ -> ً), or 0 for any other code point and for the ligatures of
// several letters (ﻻ, ﷺ). From the same decompositions the normaliser uses.
char32_t PresentationFormLetter(char32_t c);

// The fixed sets the switches name, for tests that check them against ICU.
bool IsHarakah(char32_t c);
// أ إ آ: the alefs the "alef" switch folds into ا besides ٱ (wasla, the
// article's own alef in vocalised text).
inline bool IsAlefWithHamzaOrMadda(char32_t c) {
  return c == 0x0622 || c == 0x0623 || c == 0x0625;
}
bool IsQuranicMark(char32_t c);
bool IsInvisibleFormat(char32_t c);
// Marks that only steer rendering, invisible inside a word (ZWJ's kin, but
// Mn, not Cf): the combining grapheme joiner and the variation selectors.
bool IsInvisibleMark(char32_t c);
bool IsLineBreak(char32_t c);

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_CHAR_TABLE_H_
