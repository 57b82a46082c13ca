// Vector classification for the tokenizer's fast path: a window of text at a
// time, as bitmasks of spaces and of Arabic word characters, so that the
// space-delimited Arabic words that make up most of real text are found with
// bit arithmetic instead of a branch per character.
#ifndef KALIMA_CPP_INTERNAL_TOKENIZE_SIMD_H_
#define KALIMA_CPP_INTERNAL_TOKENIZE_SIMD_H_

#include <cstddef>
#include <cstdint>

namespace kalima::internal {

// Bit k describes unit k of the window.
struct TokenWindow {
  uint64_t space = 0;   // U+0020.
  uint64_t arabic = 0;  // Units of Arabic letters and marks in U+0600-U+06FF.
  // First units of the punctuation marks that are always a token of one
  // character unless another mark follows: ، ؛ ؟ and ASCII ! " ' ( ) , . :
  // ; ? [ ].
  uint64_t stop = 0;
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

// Classifies the 32 UCS-2 code points at p.
TokenWindow ClassifyUcs2Window(const char16_t* p);
inline constexpr size_t kUcs2WindowUnits = 32;

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_TOKENIZE_SIMD_H_
