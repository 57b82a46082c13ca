// AVX-512 kernel of the normaliser; see internal/normalize_simd.h. Compiled
// for a generic x86-64 target with the vector instructions enabled per
// function, and chosen at run time, so one binary serves every CPU.
#include "internal/normalize_simd.h"

#include <atomic>
#include <cstdlib>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KALIMA_HAVE_AVX512_KERNEL 1
#include <immintrin.h>
#endif

namespace kalima::internal {
namespace {

std::atomic<bool>& Enabled() {
  static std::atomic<bool> enabled{[] {
    const char* off = std::getenv("KALIMA_NO_SIMD");
    return off == nullptr || off[0] == '\0' || off[0] == '0';
  }()};
  return enabled;
}

#ifdef KALIMA_HAVE_AVX512_KERNEL

bool CpuSupportsKernel() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512vbmi2") &&
         __builtin_cpu_supports("bmi2");
}

template <typename In>
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi2,bmi2,popcnt")))
size_t
Blocks(const CharTable& t, const In* in, size_t n, size_t base, char16_t* out,
       uint32_t* off, uint32_t* prev_space, size_t* written) {
  // (No lambdas here: they would not inherit the target attribute.)
#define KALIMA_LOAD(p) _mm512_loadu_si512(p)
  const __m512i a0 = KALIMA_LOAD(t.simd_latin1),
                a1 = KALIMA_LOAD(t.simd_latin1 + 32);
  const __m512i a2 = KALIMA_LOAD(t.simd_latin1 + 64),
                a3 = KALIMA_LOAD(t.simd_latin1 + 96);
  const __m512i a4 = KALIMA_LOAD(t.simd_latin1 + 128),
                a5 = KALIMA_LOAD(t.simd_latin1 + 160);
  const __m512i a6 = KALIMA_LOAD(t.simd_latin1 + 192),
                a7 = KALIMA_LOAD(t.simd_latin1 + 224);
  const __m512i p0 = KALIMA_LOAD(t.simd_punctuation),
                p1 = KALIMA_LOAD(t.simd_punctuation + 32);
  const __m512i p2 = KALIMA_LOAD(t.simd_punctuation + 64),
                p3 = KALIMA_LOAD(t.simd_punctuation + 96);
  const __m512i latin1_end = _mm512_set1_epi16(0x100);
  const __m512i punctuation_block = _mm512_set1_epi16(0x2000 >> 7);
  const __m512i r0 = KALIMA_LOAD(t.simd_arabic),
                r1 = KALIMA_LOAD(t.simd_arabic + 32);
  const __m512i r2 = KALIMA_LOAD(t.simd_arabic + 64),
                r3 = KALIMA_LOAD(t.simd_arabic + 96);
  const __m512i r4 = KALIMA_LOAD(t.simd_arabic + 128),
                r5 = KALIMA_LOAD(t.simd_arabic + 160);
  const __m512i r6 = KALIMA_LOAD(t.simd_arabic + 192),
                r7 = KALIMA_LOAD(t.simd_arabic + 224);
  const __m512i bit6 = _mm512_set1_epi16(0x40), bit7 = _mm512_set1_epi16(0x80);
  const __m512i arabic_block = _mm512_set1_epi16(0x06);
  const __m512i slow = _mm512_set1_epi16(static_cast<short>(kSimdSlow));
  const __m512i del = _mm512_set1_epi16(static_cast<short>(kSimdDelete));
  const __m512i space = _mm512_set1_epi16(0x20);
  const __m512i iota =
      _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  constexpr size_t kPrefetchBytes = 2048;
  const bool collapse = t.collapse_spaces;
  uint32_t carry = *prev_space;
  size_t i = 0;
  size_t j = 0;
  while (i < n) {
    // The last block may be short: its missing lanes are masked off (a
    // masked load does not touch memory past the end).
    const size_t lanes = n - i < 32 ? n - i : 32;
    const auto present = static_cast<__mmask32>(
        lanes == 32 ? ~uint32_t{0} : (uint32_t{1} << lanes) - 1);
    // Lines are short (a few hundred units) and the hardware prefetcher
    // learns each one too late; fetching well ahead, past the line's end into
    // the text usually allocated after it, took the core from 2.5 to 3.4 GB/s
    // on 20 MB of separately allocated lines. A prefetch never faults; the
    // address is made as an integer, as it may lie past the input.
    _mm_prefetch(reinterpret_cast<const char*>(
                     reinterpret_cast<uintptr_t>(in + i) + kPrefetchBytes),
                 _MM_HINT_T0);
    __m512i v;
    if constexpr (sizeof(In) == 2) {
      v = _mm512_maskz_loadu_epi16(present, in + i);
    } else {
      v = _mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(present, in + i));
    }
    const __mmask32 hi6 = _mm512_test_epi16_mask(v, bit6);
    const __mmask32 hi7 = _mm512_test_epi16_mask(v, bit7);
    __m512i low =
        _mm512_mask_blend_epi16(hi6, _mm512_permutex2var_epi16(a0, v, a1),
                                _mm512_permutex2var_epi16(a2, v, a3));
    const __m512i arabic_lo =
        _mm512_mask_blend_epi16(hi6, _mm512_permutex2var_epi16(r0, v, r1),
                                _mm512_permutex2var_epi16(r2, v, r3));
    const __m512i arabic_hi =
        _mm512_mask_blend_epi16(hi6, _mm512_permutex2var_epi16(r4, v, r5),
                                _mm512_permutex2var_epi16(r6, v, r7));
    const __m512i arabic = _mm512_mask_blend_epi16(hi7, arabic_lo, arabic_hi);
    const __mmask32 is_low = _mm512_cmplt_epu16_mask(v, latin1_end);
    const __mmask32 is_arabic =
        _mm512_cmpeq_epi16_mask(_mm512_srli_epi16(v, 8), arabic_block);
    // U+0080-U+00FF and U+2000-U+207F are rarer: looked up only in blocks
    // that hold some.
    if (is_low & hi7) {
      const __m512i upper =
          _mm512_mask_blend_epi16(hi6, _mm512_permutex2var_epi16(a4, v, a5),
                                  _mm512_permutex2var_epi16(a6, v, a7));
      low = _mm512_mask_blend_epi16(hi7, low, upper);
    }
    __m512i mapped = _mm512_mask_blend_epi16(is_low, arabic, low);
    const __mmask32 is_punctuation =
        _mm512_cmpeq_epi16_mask(_mm512_srli_epi16(v, 7), punctuation_block);
    if (is_punctuation) {
      const __m512i punctuation =
          _mm512_mask_blend_epi16(hi6, _mm512_permutex2var_epi16(p0, v, p1),
                                  _mm512_permutex2var_epi16(p2, v, p3));
      mapped = _mm512_mask_blend_epi16(is_punctuation, mapped, punctuation);
    }
    const __mmask32 needs_scalar = (~(is_low | is_arabic | is_punctuation) |
                                    _mm512_cmpeq_epi16_mask(mapped, slow)) &
                                   present;
    if (needs_scalar != 0) break;
    uint32_t keep = _mm512_cmpneq_epi16_mask(mapped, del) & present;
    if (collapse) {
      // Spaces among the kept lanes, in kept order; a space right after a
      // kept space (or after the carried-in one) is dropped.
      const uint32_t spaces = _mm512_cmpeq_epi16_mask(mapped, space) & keep;
      const uint32_t packed = _pext_u32(spaces, keep);
      const uint32_t dup = packed & ((packed << 1) | carry);
      const int kept = _mm_popcnt_u32(keep);
      if (kept > 0) carry = (packed >> (kept - 1)) & 1;
      keep &= ~_pdep_u32(dup, keep);
    }
    // Only the kept units are stored, so that output may be written into a
    // buffer of exactly the input's length (a str allocated before its
    // normalised length is known).
    const int kept_units = _mm_popcnt_u32(keep);
    _mm512_mask_storeu_epi16(out + j, _bzhi_u32(~uint32_t{0}, kept_units),
                             _mm512_maskz_compress_epi16(keep, mapped));
    if (off != nullptr) {
      const __m512i lo =
          _mm512_add_epi32(iota, _mm512_set1_epi32(static_cast<int>(base + i)));
      const __m512i hi = _mm512_add_epi32(lo, _mm512_set1_epi32(16));
      const auto keep_lo = static_cast<__mmask16>(keep & 0xFFFF);
      const auto keep_hi = static_cast<__mmask16>(keep >> 16);
      _mm512_storeu_si512(off + j, _mm512_maskz_compress_epi32(keep_lo, lo));
      _mm512_storeu_si512(off + j + _mm_popcnt_u32(keep_lo),
                          _mm512_maskz_compress_epi32(keep_hi, hi));
    }
    j += kept_units;
    i += lanes;
  }
  *prev_space = carry;
  *written = j;
  return i;
#undef KALIMA_LOAD
}

#endif  // KALIMA_HAVE_AVX512_KERNEL

}  // namespace

bool SimdKernelAvailable() {
#ifdef KALIMA_HAVE_AVX512_KERNEL
  static const bool supported = CpuSupportsKernel();
  return supported && Enabled().load(std::memory_order_relaxed);
#else
  return false;
#endif
}

void SetSimdKernelEnabledForTesting(bool enabled) { Enabled().store(enabled); }

namespace {

template <typename In>
size_t BlocksIfCompiled(const CharTable& table, const In* in, size_t n,
                        size_t base, char16_t* out, uint32_t* off,
                        uint32_t* prev_space, size_t* written) {
#ifdef KALIMA_HAVE_AVX512_KERNEL
  return Blocks(table, in, n, base, out, off, prev_space, written);
#else
  *written = 0;
  return 0;
#endif
}

}  // namespace

size_t NormalizeBlocks(const CharTable& table, const uint8_t* in, size_t n,
                       size_t base, char16_t* out, uint32_t* off,
                       uint32_t* prev_space, size_t* written) {
  return BlocksIfCompiled(table, in, n, base, out, off, prev_space, written);
}

size_t NormalizeBlocks(const CharTable& table, const char16_t* in, size_t n,
                       size_t base, char16_t* out, uint32_t* off,
                       uint32_t* prev_space, size_t* written) {
  return BlocksIfCompiled(table, in, n, base, out, off, prev_space, written);
}

}  // namespace kalima::internal
