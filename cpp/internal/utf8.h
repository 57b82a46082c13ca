// UTF-8 decoding and encoding shared by the primitives that read UTF-8.
#ifndef KALIMA_CPP_INTERNAL_UTF8_H_
#define KALIMA_CPP_INTERNAL_UTF8_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "kalima/code_points.h"

namespace kalima::internal {

// Decodes the code point starting at s[i] into *c and returns its length in
// bytes, or 0 if the bytes there are not well-formed UTF-8 (overlong forms,
// surrogates and values above U+10FFFF included).
inline size_t DecodeUtf8(const uint8_t* s, size_t n, size_t i, char32_t* c) {
  const uint8_t b0 = s[i];
  if (b0 < 0x80) {
    *c = b0;
    return 1;
  }
  auto cont = [&](size_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return 0;
    *c = (char32_t(b0 & 0x1F) << 6) | (s[i + 1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    char32_t v = (char32_t(b0 & 0x0F) << 12) |
                 (char32_t(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *c = v;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    char32_t v = (char32_t(b0 & 0x07) << 18) |
                 (char32_t(s[i + 1] & 0x3F) << 12) |
                 (char32_t(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *c = v;
    return 4;
  }
  return 0;
}

// Whether `text` is well-formed UTF-8 throughout, checked one code point at
// a time.
inline bool IsValidUtf8Scalar(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  for (size_t i = 0; i < text.size();) {
    char32_t c;
    const size_t length = DecodeUtf8(s, text.size(), i, &c);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// Whether `text` is well-formed UTF-8 throughout. Text of ASCII and two-byte
// sequences (Arabic) is checked eight bytes at a time, in registers: each
// byte 110xxxxx (C2-DF) must be followed by one 10xxxxxx and each 10xxxxxx
// preceded by one; text with longer sequences is checked code point by code
// point.
inline bool IsValidUtf8(std::string_view text) {
  static_assert(std::endian::native == std::endian::little,
                "the words are read little-endian");
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  uint64_t carry = 0;  // A lead byte ended the last word: its byte 0 is owed.
  for (size_t i = 0; i < text.size(); i += 8) {
    // Little-endian: byte k of the text is byte k of w; past the end, zeros.
    uint64_t w = 0;
    if (text.size() - i >= 8) {
      std::memcpy(&w, text.data() + i, 8);
    } else {
      for (size_t k = 0; i + k < text.size(); ++k) {
        w |= uint64_t{static_cast<uint8_t>(text[i + k])} << (8 * k);
      }
    }
    const uint64_t high = w & kHigh;
    if (high == 0 && carry == 0) continue;
    // Bit 7 of each byte: 10xxxxxx, 110xxxxx, or 111xxxxx.
    const uint64_t continuation = high & ~(w << 1);
    const uint64_t lead = high & (w << 1) & ~(w << 2);
    // 0xC0 and 0xC1 lead overlong forms: no bit of 0x1E set.
    const uint64_t overlong =
        lead & ~((w & 0x1E1E1E1E1E1E1E1EULL) + 0x7E7E7E7E7E7E7E7EULL);
    if ((high & ~continuation & ~lead) != 0 || overlong != 0) {
      return IsValidUtf8Scalar(text);
    }
    if (continuation != ((lead << 8) | carry)) return false;
    carry = lead >> 56;
  }
  return carry == 0;
}

// Writes the UTF-8 form of `c` (a Unicode scalar value) at out and returns
// its length.
inline size_t EncodeUtf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

// InvalidArgument naming the byte offset of the first ill-formed sequence.
absl::Status InvalidUtf8Error(std::string_view text, size_t offset);

// OkStatus if the characters of `text` that start in [begin, end) (the
// whole text by default) are well-formed UTF-8, else InvalidUtf8Error at
// the first ill-formed sequence, its offset counted from the text's start.
absl::Status CheckUtf8(std::string_view text, size_t begin = 0,
                       size_t end = std::string_view::npos);

// Appends the code points of `utf8` to `out`; InvalidUtf8Error at the first
// ill-formed sequence (`out` then holds those before it).
absl::Status AppendUtf8CodePoints(std::string_view utf8, std::u32string* out);

// InvalidArgument unless `text` has a width kalima reads (1, 2 or 4 bytes per
// code point).
absl::Status CheckCodePointWidth(const CodePointsView& text);

// InvalidArgument for a code point of a fixed-width text that is not a
// character (a lone surrogate, or a value above U+10FFFF) at `index`.
absl::Status InvalidCodePointError(uint32_t c, size_t index);

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_UTF8_H_
