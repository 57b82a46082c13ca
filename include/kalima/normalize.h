// Normalizer: folds the spelling variation of real Arabic text under named
// profiles and per-operation switches, optionally with an OffsetMap back into
// the caller's text.
#ifndef KALIMA_NORMALIZE_H_
#define KALIMA_NORMALIZE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kalima/code_points.h"
#include "kalima/export.h"
#include "kalima/offset_map.h"

namespace kalima {

// One switch per operation. A profile is a preset of switches; any switch may
// be changed after picking a profile.
struct KALIMA_EXPORT NormalizeOptions {
  // Harakat: tanween, short vowels, sukun (U+064B-U+0650, U+0652) and the
  // superscript alef U+0670.
  bool diacritics = false;
  // Shadda U+0651.
  bool shadda = false;
  // Combining madda and hamza above/below (U+0653-U+0655). Removing them
  // changes a letter (decomposed alef + hamza above is أ), so only the letter
  // folding profile removes them.
  bool hamza_marks = false;
  // Other Arabic combining marks: U+0656-U+065F, the Quranic annotation signs
  // U+0610-U+061A and U+06D6-U+06ED, and the marks of Arabic Extended-A.
  bool quranic_marks = false;
  // Tatweel (kashida) U+0640.
  bool tatweel = false;
  // أ إ آ ٱ -> ا
  bool alef = false;
  // ى -> ي
  bool alef_maksura = false;
  // ة -> ه
  bool teh_marbuta = false;
  // ؤ -> و, ئ -> ي (standalone ء is kept).
  bool hamza_carriers = false;
  // Persian, Urdu and other regional look-alikes of Arabic letters: ک ڪ -> ك,
  // ی ے -> ي, ۀ ہ ە ھ ۂ -> ه, ۃ -> ة, ٲ ٳ ٵ -> ا.
  bool letter_variants = false;
  // Every decimal digit (Arabic-Indic, Extended Arabic-Indic, ...) -> ASCII;
  // Arabic decimal separator ٫ -> '.', thousands separator ٬ -> ',',
  // percent sign ٪ -> '%'.
  bool digits = false;
  // Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFE) -> base letters
  // by compatibility composition, keeping hamza and madda (ﻷ -> لأ); and a
  // letter and a combining hamza or madda after it that Unicode composes
  // (decomposed text, NFD) -> the one letter, as in NFC (ا + U+0654 -> أ),
  // past whatever the options delete between them.
  bool presentation_forms = false;
  // ، ؛ ؟ ۔ -> , ; ? .
  bool punctuation = false;
  // Invisible format characters: ZWJ, LRM, RLM, ALM, bidi embeddings,
  // overrides and isolates, word joiner, BOM, soft hyphen; and the invisible
  // marks: combining grapheme joiner U+034F and the variation selectors
  // (U+FE00-U+FE0F, U+E0100-U+E01EF). A zero width space U+200B, which
  // separates words, becomes a space instead.
  bool invisibles = false;
  // Zero-width non-joiner U+200C (orthographic in Persian, noise in Arabic).
  bool zwnj = false;
  // Runs of white space (tabs, NBSP and the other Unicode spaces) -> one
  // ASCII space. Line breaks are kept unless `fold_newlines` is set.
  bool whitespace = false;
  // With `whitespace`: line breaks fold into the runs too.
  bool fold_newlines = false;
  // Unicode simple case folding (A -> a).
  bool case_fold = false;

  // "search": everything that makes variant spellings compare equal.
  static NormalizeOptions Search();
  // "standard": meaning-preserving clean-up; no letter folding.
  static NormalizeOptions Standard();
  // "camel": CAMeL Tools' dediac_ar, normalize_alef_ar,
  // normalize_alef_maksura_ar, normalize_teh_marbuta_ar, in that order.
  static NormalizeOptions Camel();
  // "none": the identity.
  static NormalizeOptions None();
  // One of the names above; InvalidArgument otherwise.
  static absl::StatusOr<NormalizeOptions> ForProfile(std::string_view name);

  friend bool operator==(const NormalizeOptions&,
                         const NormalizeOptions&) = default;
};

// Names of the profiles ForProfile accepts.
KALIMA_EXPORT std::span<const std::string_view> NormalizeProfileNames();

// Names of the switches, as spelt in NormalizeOptions ("diacritics", ...).
KALIMA_EXPORT std::span<const std::string_view> NormalizeSwitchNames();
// Sets or reads one switch by name; InvalidArgument for an unknown name.
KALIMA_EXPORT absl::Status SetNormalizeSwitch(NormalizeOptions* options,
                                              std::string_view name,
                                              bool value);
KALIMA_EXPORT absl::StatusOr<bool> GetNormalizeSwitch(
    const NormalizeOptions& options, std::string_view name);

// Normalised UTF-8 text with, per output byte, the byte of the input it came
// from.
struct NormalizedText {
  std::string text;
  OffsetMap offsets;
};

// The results of Normalizer::NormalizeCodePointsBatch. Texts from Latin-1
// and UCS-2 input come back as UCS-2 (`narrow`), from UTF-32 as UTF-32.
class KALIMA_EXPORT NormalizedBatch {
 public:
  size_t size() const { return items_.size(); }
  bool is_wide(size_t i) const { return items_[i].wide; }
  std::u16string_view narrow(size_t i) const {
    const Item& item = items_[i];
    return std::u16string_view(narrow_arenas_[item.arena])
        .substr(item.offset, item.size);
  }
  std::u32string_view wide(size_t i) const {
    const Item& item = items_[i];
    return std::u32string_view(wide_arenas_[item.arena])
        .substr(item.offset, item.size);
  }
  // The largest code point of text i (0 if it is empty): what a caller
  // building strings of 1, 2 or 4 bytes per character (CPython) needs to
  // know first. Found by reading the text, on each call.
  char32_t max_code_point(size_t i) const;

 private:
  friend class Normalizer;
  struct Item {
    uint32_t arena = 0;
    bool wide = false;
    size_t offset = 0;
    size_t size = 0;
  };
  std::vector<Item> items_;
  // One arena per worker thread, so results need no allocation each. An
  // arena keeps its length from batch to batch (only the items say what is
  // in use), so that it is zero-filled only when it grows.
  std::vector<std::u16string> narrow_arenas_;
  std::vector<std::u32string> wide_arenas_;
};

namespace internal {
struct CharTable;
}  // namespace internal

// Applies a NormalizeOptions. Cheap to copy (the character tables are shared
// and cached per set of options); safe to use from many threads at once.
// Every profile is idempotent: Normalize(Normalize(x)) == Normalize(x).
class KALIMA_EXPORT Normalizer {
 public:
  // The "search" profile.
  Normalizer();
  explicit Normalizer(const NormalizeOptions& options);
  static absl::StatusOr<Normalizer> ForProfile(std::string_view name);
  // Copies share the immutable tables. A move copies too (no move
  // operations are declared), so a moved-from Normalizer stays usable.
  Normalizer(const Normalizer&) = default;
  Normalizer& operator=(const Normalizer&) = default;

  const NormalizeOptions& options() const { return options_; }

  // UTF-8 in, UTF-8 out. InvalidArgument (naming the byte offset) on input
  // that is not valid UTF-8.
  absl::StatusOr<std::string> Normalize(std::string_view utf8) const;
  // As Normalize, with byte offsets. OutOfRange for inputs of 4 GiB or more.
  absl::StatusOr<NormalizedText> NormalizeWithOffsets(
      std::string_view utf8) const;

  // Fixed-width code point arrays, the layouts CPython uses for str (PEP 393):
  // Latin-1, UCS-2 and UTF-32. Output replaces the contents of `out` (which
  // may hold the input itself: normalising in place is allowed); `offsets`,
  // when given, receives code point indices. A surrogate code point is not a
  // character: InvalidArgument naming its index.
  absl::Status NormalizeCodePoints(std::span<const uint8_t> latin1,
                                   std::u16string* out,
                                   OffsetMap* offsets = nullptr) const;
  absl::Status NormalizeCodePoints(std::span<const char16_t> ucs2,
                                   std::u16string* out,
                                   OffsetMap* offsets = nullptr) const;
  absl::Status NormalizeCodePoints(std::span<const char32_t> utf32,
                                   std::u32string* out,
                                   OffsetMap* offsets = nullptr) const;

  // Normalises UCS-2 `ucs2` into `out` for a caller that allocates the
  // result before it knows its length (a CPython str of the input's length,
  // shrunk afterwards): returns the number of units written, never writing
  // past out[ucs2.size()), or std::nullopt if `out` is shorter than the input
  // or overlaps the input, or the text needs NormalizeCodePoints instead (a
  // ligature that expands, or a code point that is not a character, which
  // that call reports).
  std::optional<size_t> NormalizeCodePointsInto(std::span<const char16_t> ucs2,
                                                std::span<char16_t> out) const;

  // Normalises many fixed-width texts on up to `threads` threads (0: one per
  // core; a negative count is InvalidArgument); text i of the result equals
  // NormalizeCodePoints on texts[i]. The first failure (lowest index) is
  // returned, prefixed with its index.
  absl::StatusOr<NormalizedBatch> NormalizeCodePointsBatch(
      std::span<const CodePointsView> texts, int threads = 0) const;
  // The same into `out`, reusing the storage it holds from an earlier call
  // (callers that batch repeatedly avoid reallocating and faulting in fresh
  // memory each time). On failure `out` holds no results.
  absl::Status NormalizeCodePointsBatch(std::span<const CodePointsView> texts,
                                        int threads,
                                        NormalizedBatch* out) const;

  // Normalises many UTF-8 texts on up to `threads` threads (0: one per
  // core; a negative count is InvalidArgument). The result equals calling
  // Normalize on each; the first failure (lowest index) is returned, its
  // message prefixed with the text's index.
  absl::StatusOr<std::vector<std::string>> NormalizeBatch(
      std::span<const std::string_view> texts, int threads = 0) const;

 private:
  NormalizeOptions options_;
  std::shared_ptr<const internal::CharTable> table_;
};

}  // namespace kalima

#endif  // KALIMA_NORMALIZE_H_
