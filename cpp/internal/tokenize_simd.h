// Vector classification for the tokenizer's fast path: a window of text at a
// time, as bitmasks of spaces and of Arabic word characters, so that the
// space-delimited Arabic words that make up most of real text are found with
// bit arithmetic instead of a branch per character.
#ifndef KALIMA_CPP_INTERNAL_TOKENIZE_SIMD_H_
#define KALIMA_CPP_INTERNAL_TOKENIZE_SIMD_H_

#include <cstddef>
#include <cstdint>

namespace kalima::internal {

// Bit k describes unit k of the window (a byte of UTF-8, or a UCS-2 unit).
struct TokenWindow {
  uint64_t space = 0;   // U+0020.
  uint64_t word = 0;    // Every unit of the Arabic letters and marks of
                        // U+0600-U+06FF.
  uint64_t letter = 0;  // The first unit of each Arabic letter among them.
  // The punctuation marks that are a token of one character unless another
  // mark follows: ، ؛ ؟ and ASCII ! " ' ( ) , . : ; ? [ ].
  uint64_t stop = 0;        // Their first units.
  uint64_t stop_units = 0;  // All their units.
  uint64_t stop_after = 0;  // The unit after each (dropped past bit 63).
};

// Whether `c` is one of the marks TokenWindow::stop flags.
bool IsStopMark(char32_t c);

// Whether this CPU runs the classifiers (AVX-512 BW, VL and VBMI) and vector
// kernels are not switched off (KALIMA_NO_SIMD=1, or a test).
bool TokenWindowsAvailable();

// Classifies the 64 bytes of UTF-8 at p; p[0, 65) must be readable (the byte
// after the window tells whether its last byte starts a character).
TokenWindow ClassifyUtf8Window(const uint8_t* p);
inline constexpr size_t kUtf8WindowUnits = 64;

// Classifies the 64 UCS-2 code points at p.
TokenWindow ClassifyUcs2Window(const char16_t* p);
inline constexpr size_t kUcs2WindowUnits = 64;

// Classifies the 64 UTF-32 code points at p.
TokenWindow ClassifyUtf32Window(const char32_t* p);
inline constexpr size_t kUtf32WindowUnits = 64;

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_TOKENIZE_SIMD_H_
