// Normalizer: profiles, and the kernels that apply a CharTable to UTF-8 and to
// fixed-width code point arrays.
//
// The kernels share one shape: look each code point up in the table, write the
// entry's value, and advance the output only if the entry keeps a character.
// Writing unconditionally and advancing by a computed 0 or 1 keeps the common
// path free of unpredictable branches; deletions, collapsed spaces and
// one-to-one replacements all take it. Only expansions (ligatures), invalid
// code points and, for UTF-8, multi-byte characters leave it.
#include "kalima/normalize.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "internal/batch.h"
#include "internal/char_table.h"
#include "internal/normalize_simd.h"
#include "internal/normalize_switches.h"
#include "internal/offset_map_access.h"
#include "internal/utf8.h"
#include "kalima/parallel.h"

namespace kalima {

using internal::CharTable;
using internal::kCompose;
using internal::kDelete;
using internal::kInvalid;
using internal::kSlow;
using internal::kSpace;
using internal::kValueMask;

namespace {

struct Profile {
  std::string_view name;
  NormalizeOptions (*make)();
};

constexpr std::array<Profile, 4> kProfiles = {{
    {"search", &NormalizeOptions::Search},
    {"standard", &NormalizeOptions::Standard},
    {"camel", &NormalizeOptions::Camel},
    {"none", &NormalizeOptions::None},
}};

template <typename Entry, size_t N>
constexpr std::array<std::string_view, N> NamesOf(
    const std::array<Entry, N>& entries) {
  std::array<std::string_view, N> names;
  for (size_t i = 0; i < N; ++i) names[i] = entries[i].name;
  return names;
}
constexpr auto kProfileNames = NamesOf(kProfiles);
constexpr auto kSwitchNames = NamesOf(internal::kNormalizeSwitches);

absl::StatusOr<bool NormalizeOptions::*> FindSwitch(std::string_view name) {
  for (const internal::NormalizeSwitch& s : internal::kNormalizeSwitches) {
    if (s.name == name) return s.field;
  }
  std::string message = "unknown normalisation switch \"";
  message.append(name);
  message.append("\"");
  return absl::InvalidArgumentError(message);
}

// Whether the entry keeps its character, given whether the last character
// written was a collapsible space; updates that state.
inline uint32_t Advance(uint32_t entry, uint32_t* prev_space) {
  const uint32_t is_space = (entry >> std::countr_zero(kSpace)) & 1;
  const uint32_t deleted = (entry >> std::countr_zero(kDelete)) & 1;
  const uint32_t keep = (deleted | (is_space & *prev_space)) ^ 1;
  *prev_space = (*prev_space & deleted) | (is_space & (deleted ^ 1));
  return keep;
}

// What to write for the character last written, `written`, and a combining
// hamza or madda after it (see kCompose), everything between them deleted:
// the letter Unicode composes of the two, as the table writes it, or 0 if
// they make none. Read on what was written, not on the source, so that
// normalising again changes nothing (ﺍ + U+0654 and ا + tatweel + U+0654 are
// أ, as ا + U+0654 is).
[[gnu::noinline]] char32_t ComposeWithWritten(const CharTable& table,
                                              char32_t written, char32_t mark) {
  const char32_t composed = internal::ComposedLetter(written, mark);
  if (composed == 0) return 0;
  const uint32_t entry = table.Lookup(composed);
  if (entry & (kDelete | kSlow | kSpace)) return 0;
  return entry & kValueMask;
}

absl::Status TooLargeForOffsets(size_t size) {
  return absl::OutOfRangeError(
      absl::StrCat("input of ", size,
                   " units is too large for an offset map (limit 2^32 - 1)"));
}

template <typename Unit>
char32_t MaxCodePoint(std::basic_string_view<Unit> units) {
  Unit most = 0;
  for (Unit u : units) most = std::max(most, u);  // Vectorised by the compiler.
  return static_cast<char32_t>(most);
}

// Writes the normalised form of `in` to `out` from `base` on, replacing
// what follows (base = out->size() appends). What `out` already holds past
// `base` is overwritten rather than cleared first, so that storage reused
// from call to call is not zero-filled each time. With `end`, `out` is left
// at least as long as it was and *end receives where the output ends (an
// arena filled text after text then grows, and is zero-filled, only once);
// without, `out` ends where the output does.
template <typename In, typename Out>
absl::Status NormalizeFixedWidth(const CharTable& table, std::span<const In> in,
                                 std::basic_string<Out>* out,
                                 OffsetMap* offsets, size_t base,
                                 size_t* end = nullptr) {
  const size_t n = in.size();
  auto finish = [&](size_t length) {
    if (end != nullptr) {
      *end = base + length;
    } else {
      out->resize(base + length);
    }
  };
  if (offsets != nullptr && n > std::numeric_limits<uint32_t>::max()) {
    finish(0);
    return TooLargeForOffsets(n);
  }
  // Invariant: capacity >= j + (n - i) + 64 before reading in[i], so the
  // one-in-at-most-one-out path never checks capacity and a vector block
  // always has room for its 32 units.
  size_t capacity = n + 64;
  if (out->size() < base + capacity) out->resize(base + capacity);
  std::vector<uint32_t> starts;
  if (offsets != nullptr) starts.resize(capacity);
  Out* o = out->data() + base;
  uint32_t* off = offsets != nullptr ? starts.data() : nullptr;
  const uint32_t* bmp = table.bmp.data();
  uint32_t prev_space = 0;
  size_t j = 0;
  size_t i = 0;
  // The one-in-at-most-one-out loop, from i up to `end`.
  auto scalar = [&](size_t end) -> absl::Status {
    for (; i < end; ++i) {
      const uint32_t c = static_cast<uint32_t>(in[i]);
      uint32_t entry;
      if constexpr (sizeof(In) == 4) {
        entry = table.Lookup(c);
      } else {
        entry = bmp[c];
      }
      if (entry & kSlow) [[unlikely]] {
        if (entry & kInvalid) return internal::InvalidCodePointError(c, i);
        if (entry & kCompose) {
          const char32_t composed =
              j > 0 ? ComposeWithWritten(table, o[j - 1], c) : 0;
          if (composed != 0) {
            // The letter wrote the last unit: it becomes the composed letter,
            // still from the letter's place.
            o[j - 1] = static_cast<Out>(composed);
          } else {
            o[j] = static_cast<Out>(c);
            if (off != nullptr) off[j] = static_cast<uint32_t>(i);
            j += Advance(c, &prev_space);
          }
          continue;
        }
        const std::u32string& expansion = table.expansions[entry & kValueMask];
        const size_t needed = j + expansion.size() + (n - i) + 64;
        if (needed > capacity) {
          capacity = needed + capacity / 2;
          if (out->size() < base + capacity) out->resize(base + capacity);
          o = out->data() + base;
          if (off != nullptr) {
            starts.resize(capacity);
            off = starts.data();
          }
        }
        for (char32_t x : expansion) {
          const uint32_t e = table.Lookup(x);
          o[j] = static_cast<Out>(e & kValueMask);
          if (off != nullptr) off[j] = static_cast<uint32_t>(i);
          j += Advance(e, &prev_space);
        }
        continue;
      }
      o[j] = static_cast<Out>(entry & kValueMask);
      if (off != nullptr) off[j] = static_cast<uint32_t>(i);
      j += Advance(entry, &prev_space);
    }
    return absl::OkStatus();
  };
  if constexpr (sizeof(In) <= 2) {
    if (internal::SimdKernelAvailable()) {
      // Vector blocks while they apply; a block the vector kernel declines
      // (a character outside its tables) goes through the scalar loop.
      while (i < n) {
        size_t written = 0;
        i += internal::NormalizeBlocks(table, in.data() + i, n - i, i, o + j,
                                       off != nullptr ? off + j : nullptr,
                                       &prev_space, &written);
        j += written;
        if (i < n) {
          absl::Status status = scalar(std::min(n, i + 32));
          if (!status.ok()) {
            finish(0);  // As on the scalar path: no partial output.
            return status;
          }
        }
      }
    }
  }
  absl::Status status = scalar(n);
  if (!status.ok()) {
    finish(0);
    return status;
  }
  finish(j);
  if (offsets != nullptr) {
    starts.resize(j);
    *offsets = internal::OffsetMapAccess::Make(std::move(starts), n);
  }
  return absl::OkStatus();
}

// UTF-8 in and out; offsets, when wanted, are byte offsets per output byte.
absl::Status NormalizeUtf8(const CharTable& table, std::string_view text,
                           std::string* out, std::vector<uint32_t>* starts) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  // A character may grow when rewritten (U+023A -> U+2C65 is 2 -> 3 bytes),
  // so capacity is checked per character, keeping room for one expansion.
  size_t capacity = n + 64;
  out->resize(capacity);
  if (starts != nullptr) starts->resize(capacity);
  char* o = out->data();
  uint32_t* off = starts != nullptr ? starts->data() : nullptr;
  const uint32_t* bmp = table.bmp.data();
  uint32_t prev_space = 0;
  size_t j = 0;
  size_t i = 0;
  auto reserve = [&](size_t room) {
    if (j + room <= capacity) return;
    capacity = std::max(capacity * 2, j + room + (n - i));
    out->resize(capacity);
    o = out->data();
    if (off != nullptr) {
      starts->resize(capacity);
      off = starts->data();
    }
  };
  auto emit = [&](uint32_t entry, size_t source) {
    const size_t len = internal::EncodeUtf8(entry & kValueMask, o + j);
    if (off != nullptr) {
      for (size_t k = 0; k < len; ++k)
        off[j + k] = static_cast<uint32_t>(source);
    }
    if (Advance(entry, &prev_space)) j += len;
  };
  while (i < n) {
    reserve(8);
    const uint8_t b = s[i];
    if (b < 0x80) {
      const uint32_t entry = bmp[b];
      if (!(entry & kSlow) && (entry & kValueMask) < 0x80) {
        o[j] = static_cast<char>(entry & kValueMask);
        if (off != nullptr) off[j] = static_cast<uint32_t>(i);
        j += Advance(entry, &prev_space);
        ++i;
        continue;
      }
    }
    char32_t c;
    const size_t len = internal::DecodeUtf8(s, n, i, &c);
    if (len == 0) return internal::InvalidUtf8Error(text, i);
    const uint32_t entry = table.Lookup(c);
    if (entry & kSlow) [[unlikely]] {
      if (entry & kCompose) {
        // The character last written: its bytes become the composed
        // letter's, still from its place.
        size_t last = j;
        char32_t written = 0;
        if (j > 0) {
          do --last;
          while (last > 0 && (o[last] & 0xC0) == 0x80);
          internal::DecodeUtf8(reinterpret_cast<const uint8_t*>(o), j, last,
                               &written);
        }
        const char32_t composed =
            j > 0 ? ComposeWithWritten(table, written, c) : 0;
        if (composed != 0) {
          const size_t source = off != nullptr ? off[last] : i;
          j = last;
          emit(composed, source);
        } else {
          emit(c, i);
        }
      } else {
        const std::u32string& expansion = table.expansions[entry & kValueMask];
        reserve(4 * expansion.size() + 8);
        for (char32_t x : expansion) emit(table.Lookup(x), i);
      }
    } else {
      emit(entry, i);
    }
    i += len;
  }
  out->resize(j);
  if (starts != nullptr) starts->resize(j);
  return absl::OkStatus();
}

}  // namespace

NormalizeOptions NormalizeOptions::Search() {
  NormalizeOptions o;
  o.diacritics = o.shadda = o.hamza_marks = o.quranic_marks = o.tatweel = true;
  o.alef = o.alef_maksura = o.teh_marbuta = o.hamza_carriers = true;
  o.letter_variants = o.digits = o.presentation_forms = o.punctuation = true;
  o.invisibles = o.zwnj = o.whitespace = o.case_fold = true;
  return o;
}

NormalizeOptions NormalizeOptions::Standard() {
  NormalizeOptions o;
  o.diacritics = o.shadda = o.quranic_marks = o.tatweel = true;
  o.digits = o.presentation_forms = o.invisibles = o.whitespace = true;
  return o;
}

NormalizeOptions NormalizeOptions::Camel() {
  NormalizeOptions o;
  o.diacritics = o.shadda = o.alef = o.alef_maksura = o.teh_marbuta = true;
  return o;
}

NormalizeOptions NormalizeOptions::None() { return NormalizeOptions(); }

absl::StatusOr<NormalizeOptions> NormalizeOptions::ForProfile(
    std::string_view name) {
  for (const Profile& profile : kProfiles) {
    if (profile.name == name) return profile.make();
  }
  // Debian's Abseil has its own string_view type, so build the text by hand.
  std::string message = "unknown normalisation profile \"";
  message.append(name);
  message.append("\" (known:");
  for (std::string_view known : kProfileNames) {
    message.append(" ");
    message.append(known);
  }
  message.append(")");
  return absl::InvalidArgumentError(message);
}

std::span<const std::string_view> NormalizeProfileNames() {
  return kProfileNames;
}

std::span<const std::string_view> NormalizeSwitchNames() {
  return kSwitchNames;
}

absl::Status SetNormalizeSwitch(NormalizeOptions* options,
                                std::string_view name, bool value) {
  absl::StatusOr<bool NormalizeOptions::*> field = FindSwitch(name);
  if (!field.ok()) return field.status();
  options->*(*field) = value;
  return absl::OkStatus();
}

absl::StatusOr<bool> GetNormalizeSwitch(const NormalizeOptions& options,
                                        std::string_view name) {
  absl::StatusOr<bool NormalizeOptions::*> field = FindSwitch(name);
  if (!field.ok()) return field.status();
  return options.*(*field);
}

Normalizer::Normalizer() : Normalizer(NormalizeOptions::Search()) {}

Normalizer::Normalizer(const NormalizeOptions& options)
    : options_(options), table_(internal::GetCharTable(options)) {}

absl::StatusOr<Normalizer> Normalizer::ForProfile(std::string_view name) {
  absl::StatusOr<NormalizeOptions> options = NormalizeOptions::ForProfile(name);
  if (!options.ok()) return options.status();
  return Normalizer(*options);
}

absl::StatusOr<std::string> Normalizer::Normalize(std::string_view utf8) const {
  std::string out;
  absl::Status status = NormalizeUtf8(*table_, utf8, &out, nullptr);
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<NormalizedText> Normalizer::NormalizeWithOffsets(
    std::string_view utf8) const {
  if (utf8.size() > std::numeric_limits<uint32_t>::max()) {
    return TooLargeForOffsets(utf8.size());
  }
  NormalizedText result;
  std::vector<uint32_t> starts;
  absl::Status status = NormalizeUtf8(*table_, utf8, &result.text, &starts);
  if (!status.ok()) return status;
  result.offsets =
      internal::OffsetMapAccess::Make(std::move(starts), utf8.size());
  return result;
}

namespace {

// Whether `in` lies, even in part, within the `count` units from `out`.
template <typename In, typename Out>
bool Overlaps(std::span<const In> in, const Out* out, size_t count) {
  const auto in_begin = reinterpret_cast<std::uintptr_t>(in.data());
  const auto out_begin = reinterpret_cast<std::uintptr_t>(out);
  return in_begin < out_begin + count * sizeof(Out) &&
         out_begin < in_begin + in.size_bytes();
}

// NormalizeFixedWidth into a whole string. Text read from that string's own
// storage (normalised in place) is copied first: growing the string would
// free it under the reader, and writing would overwrite what is still to
// be read.
template <typename In, typename Str>
absl::Status NormalizeIntoString(const CharTable& table, std::span<const In> in,
                                 Str* out, OffsetMap* offsets) {
  if (Overlaps(in, out->data(), out->capacity())) {
    const std::vector<In> copy(in.begin(), in.end());
    return NormalizeFixedWidth(table, std::span<const In>(copy), out, offsets,
                               /*base=*/0);
  }
  return NormalizeFixedWidth(table, in, out, offsets, /*base=*/0);
}

}  // namespace

absl::Status Normalizer::NormalizeCodePoints(std::span<const uint8_t> latin1,
                                             std::u16string* out,
                                             OffsetMap* offsets) const {
  return NormalizeIntoString(*table_, latin1, out, offsets);
}

absl::Status Normalizer::NormalizeCodePoints(std::span<const char16_t> ucs2,
                                             std::u16string* out,
                                             OffsetMap* offsets) const {
  return NormalizeIntoString(*table_, ucs2, out, offsets);
}

absl::Status Normalizer::NormalizeCodePoints(std::span<const char32_t> utf32,
                                             std::u32string* out,
                                             OffsetMap* offsets) const {
  return NormalizeIntoString(*table_, utf32, out, offsets);
}

std::optional<size_t> Normalizer::NormalizeCodePointsInto(
    std::span<const char16_t> ucs2, std::span<char16_t> out) const {
  const size_t n = ucs2.size();
  if (out.size() < n || Overlaps(ucs2, out.data(), out.size())) {
    return std::nullopt;
  }
  const CharTable& table = *table_;
  const uint32_t* bmp = table.bmp.data();
  char16_t* o = out.data();
  const bool vector_kernel = internal::SimdKernelAvailable();
  uint32_t prev_space = 0;
  size_t i = 0;
  size_t j = 0;
  // As NormalizeFixedWidth, but with nowhere to grow: one code point gives at
  // most one unit (j <= i), and the vector kernel stores only what it keeps.
  while (i < n) {
    if (vector_kernel) {
      size_t written = 0;
      i += internal::NormalizeBlocks(table, ucs2.data() + i, n - i, i, o + j,
                                     nullptr, &prev_space, &written);
      j += written;
      if (i == n) break;
    }
    const size_t end = vector_kernel ? std::min(n, i + 32) : n;
    for (; i < end; ++i) {
      const uint32_t entry = bmp[ucs2[i]];
      if (entry & kSlow) return std::nullopt;
      o[j] = static_cast<char16_t>(entry & kValueMask);
      j += Advance(entry, &prev_space);
    }
  }
  return j;
}

absl::StatusOr<NormalizedBatch> Normalizer::NormalizeCodePointsBatch(
    std::span<const CodePointsView> texts, int threads) const {
  NormalizedBatch batch;
  if (absl::Status status = NormalizeCodePointsBatch(texts, threads, &batch);
      !status.ok()) {
    return status;
  }
  return batch;
}

absl::Status Normalizer::NormalizeCodePointsBatch(
    std::span<const CodePointsView> texts, int threads,
    NormalizedBatch* out) const {
  NormalizedBatch& batch = *out;
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    batch.items_.clear();
    return bad;
  }
  // Every view is checked before the arenas are sized from their lengths.
  for (size_t i = 0; i < texts.size(); ++i) {
    if (absl::Status bad = internal::CheckCodePointWidth(texts[i]); !bad.ok()) {
      batch.items_.clear();
      return internal::OfText(i, bad);
    }
  }
  batch.items_.assign(texts.size(), NormalizedBatch::Item());
  const int workers = EffectiveThreads(threads, texts.size());
  batch.narrow_arenas_.resize(workers);
  batch.wide_arenas_.resize(workers);
  // Most text shrinks or keeps its length: make room in each worker's arena
  // for its share of the input, so arenas rarely grow (and copy) on the way.
  size_t total = 0;
  for (const CodePointsView& text : texts) total += text.size;
  std::vector<size_t> narrow_used(workers, 0), wide_used(workers, 0);
  for (int w = 0; w < workers; ++w) {
    batch.narrow_arenas_[w].reserve(total / workers + total / 16);
  }
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), workers, [&](size_t i, int worker) {
    const CodePointsView& text = texts[i];
    NormalizedBatch::Item& item = batch.items_[i];
    item.arena = static_cast<uint32_t>(worker);
    item.wide = text.width == 4;
    std::u16string& narrow = batch.narrow_arenas_[worker];
    std::u32string& wide = batch.wide_arenas_[worker];
    size_t& used = item.wide ? wide_used[worker] : narrow_used[worker];
    item.offset = used;
    switch (text.width) {
      case 1:
        errors[i] = NormalizeFixedWidth(
            *table_,
            std::span(static_cast<const uint8_t*>(text.data), text.size),
            &narrow, nullptr, used, &used);
        break;
      case 2:
        errors[i] = NormalizeFixedWidth(
            *table_,
            std::span(static_cast<const char16_t*>(text.data), text.size),
            &narrow, nullptr, used, &used);
        break;
      case 4:
        errors[i] = NormalizeFixedWidth(
            *table_,
            std::span(static_cast<const char32_t*>(text.data), text.size),
            &wide, nullptr, used, &used);
        break;
      default:  // Refused above.
        break;
    }
    item.size = used - item.offset;
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    batch.items_.clear();
    return error;
  }
  return absl::OkStatus();
}

char32_t NormalizedBatch::max_code_point(size_t i) const {
  return is_wide(i) ? MaxCodePoint(wide(i)) : MaxCodePoint(narrow(i));
}

absl::StatusOr<std::vector<std::string>> Normalizer::NormalizeBatch(
    std::span<const std::string_view> texts, int threads) const {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  std::vector<std::string> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i, int) {
    errors[i] = NormalizeUtf8(*table_, texts[i], &results[i], nullptr);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok())
    return error;
  return results;
}

}  // namespace kalima
