// AVX-512 window classifiers of the tokenizer; see internal/tokenize_simd.h.
// Compiled for a generic x86-64 target with the vector instructions enabled
// per function and chosen at run time, like the normaliser's kernel.
#include "internal/tokenize_simd.h"

#include <array>

#include "internal/char_class.h"
#include "internal/normalize_simd.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KALIMA_HAVE_TOKEN_WINDOWS 1
#include <immintrin.h>
#endif

namespace kalima::internal {
namespace {

constexpr uint8_t kWordBit = 1;
constexpr uint8_t kStopBit = 2;
constexpr uint8_t kLetterBit = 4;

// Per-unit bits for the two ranges the fast path reads: byte k of `arabic`
// describes U+0600 + k (kWordBit for letters and marks, kLetterBit for
// letters, per ICU through the tokenizer's own classes; kStopBit), byte k of
// `ascii` describes U+0000 + k.
struct WindowTables {
  alignas(64) std::array<uint8_t, 256> arabic;
  alignas(64) std::array<uint8_t, 128> ascii;
  WindowTables() {
    for (char32_t k = 0; k < 256; ++k) {
      const CharClass cls = ClassOf(0x0600 + k);
      const bool letter = cls == CharClass::kArabicLetter;
      arabic[k] = (letter || cls == CharClass::kMark ? kWordBit : 0) |
                  (letter ? kLetterBit : 0) |
                  (IsStopMark(0x0600 + k) ? kStopBit : 0);
    }
    for (char32_t k = 0; k < 128; ++k) ascii[k] = IsStopMark(k) ? kStopBit : 0;
  }
};

const WindowTables& Tables() {
  static const WindowTables* const tables = new WindowTables();
  return *tables;
}

#ifdef KALIMA_HAVE_TOKEN_WINDOWS

bool CpuSupportsWindows() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512vbmi");
}

#define KALIMA_WINDOW_TARGET \
  __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))

// Looks each byte of `index` up in the 256-byte table t (four 64-byte
// quarters): two-source permutes cover 128 entries, bit 7 picks the half.
KALIMA_WINDOW_TARGET inline __m512i Lookup256(__m512i index, const uint8_t* t) {
  const __m512i low = _mm512_permutex2var_epi8(_mm512_load_si512(t), index,
                                               _mm512_load_si512(t + 64));
  const __m512i high = _mm512_permutex2var_epi8(
      _mm512_load_si512(t + 128), index, _mm512_load_si512(t + 192));
  const __mmask64 upper =
      _mm512_test_epi8_mask(index, _mm512_set1_epi8(static_cast<char>(0x80)));
  return _mm512_mask_blend_epi8(upper, low, high);
}

// Which bytes of v have `bit` set. (Not a lambda: lambdas would not inherit
// the target attribute.)
KALIMA_WINDOW_TARGET inline uint64_t Bits64(__m512i v, uint8_t bit) {
  return _mm512_test_epi8_mask(v, _mm512_set1_epi8(static_cast<char>(bit)));
}

KALIMA_WINDOW_TARGET TokenWindow Utf8Window(const uint8_t* p) {
  const WindowTables& tables = Tables();
  const __m512i bytes = _mm512_loadu_si512(p);
  const __m512i next = _mm512_loadu_si512(p + 1);
  // Lead bytes D8-DB start U+0600-U+06FF; the pair is a character if the
  // next byte continues it, described by the table entry
  // (lead & 3) << 6 | (next & 0x3F). (lead & 3) < 4, so a 16-bit shift by 6
  // keeps each byte in its own lane.
  const __mmask64 lead = _mm512_cmpeq_epi8_mask(
      _mm512_and_si512(bytes, _mm512_set1_epi8(static_cast<char>(0xFC))),
      _mm512_set1_epi8(static_cast<char>(0xD8)));
  const __mmask64 continued = _mm512_cmpeq_epi8_mask(
      _mm512_and_si512(next, _mm512_set1_epi8(static_cast<char>(0xC0))),
      _mm512_set1_epi8(static_cast<char>(0x80)));
  const __m512i index = _mm512_or_si512(
      _mm512_slli_epi16(_mm512_and_si512(bytes, _mm512_set1_epi8(0x03)), 6),
      _mm512_and_si512(next, _mm512_set1_epi8(0x3F)));
  const __m512i arabic_bits = Lookup256(index, tables.arabic.data());
  const uint64_t pair = lead & continued;
  const uint64_t word = pair & Bits64(arabic_bits, kWordBit);
  // ASCII bytes index the ASCII table (a byte >= 0x80 gives garbage there,
  // masked off by `ascii`).
  const uint64_t ascii = ~static_cast<uint64_t>(_mm512_movepi8_mask(bytes));
  const __m512i ascii_bits =
      _mm512_permutex2var_epi8(_mm512_load_si512(tables.ascii.data()), bytes,
                               _mm512_load_si512(tables.ascii.data() + 64));
  const uint64_t ascii_stop = ascii & Bits64(ascii_bits, kStopBit);
  const uint64_t arabic_stop = pair & Bits64(arabic_bits, kStopBit);
  TokenWindow out;
  out.space = _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8(' '));
  out.word = word | (word << 1);
  out.letter = pair & Bits64(arabic_bits, kLetterBit);
  out.stop = ascii_stop | arabic_stop;
  out.stop_units = out.stop | (arabic_stop << 1);
  out.stop_after = (ascii_stop << 1) | (arabic_stop << 2);
  return out;
}

// A mask of 64 units held in two vectors of 32, from a per-vector test.
#define KALIMA_UNIT_MASK(test, lo, hi) \
  (static_cast<uint64_t>(test(lo)) | (static_cast<uint64_t>(test(hi)) << 32))

KALIMA_WINDOW_TARGET inline __mmask32 InArabicBlock(__m512i units) {
  return _mm512_cmpeq_epi16_mask(_mm512_srli_epi16(units, 8),
                                 _mm512_set1_epi16(0x06));
}
KALIMA_WINDOW_TARGET inline __mmask32 IsAscii(__m512i units) {
  return _mm512_cmplt_epu16_mask(units, _mm512_set1_epi16(0x80));
}
KALIMA_WINDOW_TARGET inline __mmask32 IsSpace(__m512i units) {
  return _mm512_cmpeq_epi16_mask(units, _mm512_set1_epi16(' '));
}

// The window of 64 fixed-width units (one character each) from the low bytes
// of their code points and which of them lie in U+0600-U+06FF and in ASCII.
KALIMA_WINDOW_TARGET TokenWindow FixedWidthWindow(__m512i low,
                                                  uint64_t in_arabic,
                                                  uint64_t in_ascii,
                                                  uint64_t space) {
  const WindowTables& tables = Tables();
  const __m512i arabic_bits = Lookup256(low, tables.arabic.data());
  const __m512i ascii_bits =
      _mm512_permutex2var_epi8(_mm512_load_si512(tables.ascii.data()), low,
                               _mm512_load_si512(tables.ascii.data() + 64));
  TokenWindow out;
  out.space = space;
  out.word = in_arabic & Bits64(arabic_bits, kWordBit);
  out.letter = in_arabic & Bits64(arabic_bits, kLetterBit);
  out.stop = (in_arabic & Bits64(arabic_bits, kStopBit)) |
             (in_ascii & Bits64(ascii_bits, kStopBit));
  out.stop_units = out.stop;
  out.stop_after = out.stop << 1;
  return out;
}

KALIMA_WINDOW_TARGET TokenWindow Ucs2Window(const char16_t* p) {
  const __m512i lo = _mm512_loadu_si512(p);
  const __m512i hi = _mm512_loadu_si512(p + 32);
  const uint64_t in_arabic = KALIMA_UNIT_MASK(InArabicBlock, lo, hi);
  const uint64_t in_ascii = KALIMA_UNIT_MASK(IsAscii, lo, hi);
  // The low bytes of the 64 units, looked up in the tables.
  // (The masked forms take an explicit source: the plain ones start from an
  // undefined register, which GCC warns about.)
  const __m512i zero = _mm512_setzero_si512();
  const __m256i zero256 = _mm256_setzero_si256();
  const __m512i low_bytes_lo = _mm512_mask_inserti64x4(
      zero, 0xFF, zero, _mm512_mask_cvtepi16_epi8(zero256, ~0u, lo), 0);
  const __m512i low = _mm512_mask_inserti64x4(
      zero, 0xFF, low_bytes_lo, _mm512_mask_cvtepi16_epi8(zero256, ~0u, hi), 1);
  return FixedWidthWindow(low, in_arabic, in_ascii,
                          KALIMA_UNIT_MASK(IsSpace, lo, hi));
}

#undef KALIMA_UNIT_MASK

// UTF-32 (CPython's layout for any str holding an emoji): 64 code points in
// four vectors of 16.
KALIMA_WINDOW_TARGET TokenWindow Utf32Window(const char32_t* p) {
  __m512i low = _mm512_setzero_si512();
  uint64_t in_arabic = 0;
  uint64_t in_ascii = 0;
  uint64_t space = 0;
  for (int q = 0; q < 4; ++q) {
    const __m512i units = _mm512_loadu_si512(p + 16 * q);
    const int shift = 16 * q;
    in_arabic |=
        static_cast<uint64_t>(_mm512_cmpeq_epi32_mask(
            _mm512_maskz_srli_epi32(0xFFFF, units, 8), _mm512_set1_epi32(0x06)))
        << shift;
    in_ascii |= static_cast<uint64_t>(
                    _mm512_cmplt_epu32_mask(units, _mm512_set1_epi32(0x80)))
                << shift;
    space |= static_cast<uint64_t>(
                 _mm512_cmpeq_epi32_mask(units, _mm512_set1_epi32(' ')))
             << shift;
    // The low bytes of these 16 units into lane 0 of `low`, then a rotation
    // by one lane: after four rounds, the bytes of round q sit in lane q.
    const __m128i bytes =
        _mm512_mask_cvtepi32_epi8(_mm_setzero_si128(), 0xFFFF, units);
    low = _mm512_mask_inserti32x4(low, 0xFFFF, low, bytes, 0);
    low = _mm512_maskz_alignr_epi32(0xFFFF, low, low, 4);
  }
  return FixedWidthWindow(low, in_arabic, in_ascii, space);
}

#endif  // KALIMA_HAVE_TOKEN_WINDOWS

}  // namespace

bool IsStopMark(char32_t c) {
  switch (c) {
    case '!':
    case '"':
    case '\'':
    case '(':
    case ')':
    case ',':
    case '.':
    case ':':
    case ';':
    case '?':
    case '[':
    case ']':
    case 0x060C:  // ،
    case 0x061B:  // ؛
    case 0x061F:  // ؟
      return true;
    default:
      return false;
  }
}

bool TokenWindowsAvailable() {
#ifdef KALIMA_HAVE_TOKEN_WINDOWS
  static const bool supported = CpuSupportsWindows();
  // The normaliser's switch (KALIMA_NO_SIMD, tests) turns these off too.
  return supported && SimdKernelAvailable();
#else
  return false;
#endif
}

#ifdef KALIMA_HAVE_TOKEN_WINDOWS
TokenWindow ClassifyUtf8Window(const uint8_t* p) { return Utf8Window(p); }
TokenWindow ClassifyUcs2Window(const char16_t* p) { return Ucs2Window(p); }
TokenWindow ClassifyUtf32Window(const char32_t* p) { return Utf32Window(p); }
#else
// Never called: TokenWindowsAvailable() is false.
TokenWindow ClassifyUtf8Window(const uint8_t*) { return {}; }
TokenWindow ClassifyUcs2Window(const char16_t*) { return {}; }
TokenWindow ClassifyUtf32Window(const char32_t*) { return {}; }
#endif

}  // namespace kalima::internal
