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

#define KALIMA_KERNEL_TARGET \
  __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi2,bmi2,popcnt")))
// The kernels' helpers, inlined into them (left as calls, they cost the
// normaliser 5-8%).
#define KALIMA_KERNEL_HELPER KALIMA_KERNEL_TARGET __attribute__((always_inline))

// CharTable's 16-bit tables held in registers, and what they map 32 code
// points to. (No lambdas in the kernels: they would not inherit the
// target attribute.)
struct Tables {
  // Four registers per 128 entries, named (an array of registers may be
  // kept in memory).
  __m512i l0, l1, l2, l3, l4, l5, l6, l7;  // simd_latin1
  __m512i p0, p1, p2, p3;                  // simd_punctuation
  __m512i r0, r1, r2, r3, r4, r5, r6, r7;  // simd_arabic

  KALIMA_KERNEL_HELPER explicit Tables(const CharTable& t)
      : l0(Load(t.simd_latin1, 0)),
        l1(Load(t.simd_latin1, 1)),
        l2(Load(t.simd_latin1, 2)),
        l3(Load(t.simd_latin1, 3)),
        l4(Load(t.simd_latin1, 4)),
        l5(Load(t.simd_latin1, 5)),
        l6(Load(t.simd_latin1, 6)),
        l7(Load(t.simd_latin1, 7)),
        p0(Load(t.simd_punctuation, 0)),
        p1(Load(t.simd_punctuation, 1)),
        p2(Load(t.simd_punctuation, 2)),
        p3(Load(t.simd_punctuation, 3)),
        r0(Load(t.simd_arabic, 0)),
        r1(Load(t.simd_arabic, 1)),
        r2(Load(t.simd_arabic, 2)),
        r3(Load(t.simd_arabic, 3)),
        r4(Load(t.simd_arabic, 4)),
        r5(Load(t.simd_arabic, 5)),
        r6(Load(t.simd_arabic, 6)),
        r7(Load(t.simd_arabic, 7)) {}

  KALIMA_KERNEL_HELPER static __m512i Load(const uint16_t* table, int k) {
    return _mm512_loadu_si512(table + 32 * k);
  }

  // The entries of the low 7 bits of v's lanes, from 128 entries in four
  // registers: the first two's where bit 6 is clear (hi6), else the last
  // two's.
  KALIMA_KERNEL_HELPER static __m512i Half(__m512i v, __mmask32 hi6, __m512i a,
                                           __m512i b, __m512i c, __m512i d) {
    return _mm512_mask_blend_epi16(hi6, _mm512_permutex2var_epi16(a, v, b),
                                   _mm512_permutex2var_epi16(c, v, d));
  }

  // The 16-bit entries of the code points in v; *outside: the lanes in none
  // of the tables' ranges (their entries are meaningless).
  KALIMA_KERNEL_HELPER __m512i Map(__m512i v, __mmask32* outside) const {
    const __m512i bit6 = _mm512_set1_epi16(0x40),
                  bit7 = _mm512_set1_epi16(0x80);
    const __mmask32 hi6 = _mm512_test_epi16_mask(v, bit6);
    const __mmask32 hi7 = _mm512_test_epi16_mask(v, bit7);
    __m512i low = Half(v, hi6, l0, l1, l2, l3);
    const __m512i arabic_entry = _mm512_mask_blend_epi16(
        hi7, Half(v, hi6, r0, r1, r2, r3), Half(v, hi6, r4, r5, r6, r7));
    const __mmask32 is_low =
        _mm512_cmplt_epu16_mask(v, _mm512_set1_epi16(0x100));
    const __mmask32 is_arabic = _mm512_cmpeq_epi16_mask(
        _mm512_srli_epi16(v, 8), _mm512_set1_epi16(0x06));
    // U+0080-U+00FF and U+2000-U+207F are rarer: looked up only in blocks
    // that hold some.
    if (is_low & hi7) {
      low = _mm512_mask_blend_epi16(hi7, low, Half(v, hi6, l4, l5, l6, l7));
    }
    __m512i mapped = _mm512_mask_blend_epi16(is_low, arabic_entry, low);
    const __mmask32 is_punctuation = _mm512_cmpeq_epi16_mask(
        _mm512_srli_epi16(v, 7), _mm512_set1_epi16(0x2000 >> 7));
    if (is_punctuation) {
      mapped = _mm512_mask_blend_epi16(is_punctuation, mapped,
                                       Half(v, hi6, p0, p1, p2, p3));
    }
    *outside = ~(is_low | is_arabic | is_punctuation);
    return mapped;
  }
};

// 32 code points from in (Latin-1 or UCS-2) widened to 16 bits, lanes
// outside `present` zero (a masked load does not touch memory past the end).
template <typename In>
inline KALIMA_KERNEL_HELPER __m512i LoadBlock(const In* in, __mmask32 present) {
  if constexpr (sizeof(In) == 2) {
    return _mm512_maskz_loadu_epi16(present, in);
  } else {
    return _mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(present, in));
  }
}

inline KALIMA_KERNEL_HELPER __mmask32 Present(size_t lanes) {
  return static_cast<__mmask32>(lanes == 32 ? ~uint32_t{0}
                                            : (uint32_t{1} << lanes) - 1);
}

template <typename In>
KALIMA_KERNEL_TARGET size_t Blocks(const CharTable& t, const In* in, size_t n,
                                   size_t base, char16_t* out, uint32_t* off,
                                   uint32_t* prev_space, size_t* written) {
  const Tables tables(t);
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
    // The last block may be short: its missing lanes are masked off.
    const size_t lanes = n - i < 32 ? n - i : 32;
    const __mmask32 present = Present(lanes);
    // Lines are short (a few hundred units) and the hardware prefetcher
    // learns each one too late; fetching well ahead, past the line's end into
    // the text usually allocated after it, took the core from 2.5 to 3.4 GB/s
    // on 20 MB of separately allocated lines. A prefetch never faults; the
    // address is made as an integer, as it may lie past the input.
    _mm_prefetch(reinterpret_cast<const char*>(
                     reinterpret_cast<uintptr_t>(in + i) + kPrefetchBytes),
                 _MM_HINT_T0);
    __mmask32 outside = 0;
    const __m512i mapped = tables.Map(LoadBlock(in + i, present), &outside);
    const __mmask32 needs_scalar =
        (outside | _mm512_cmpeq_epi16_mask(mapped, slow)) & present;
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
}

template <typename In>
KALIMA_KERNEL_TARGET void Map(const CharTable& t, const In* in, size_t n,
                              char32_t* out, uint32_t* unfolded) {
  const Tables tables(t);
  const __m512i slow = _mm512_set1_epi16(static_cast<short>(kSimdSlow));
  const __m512i del = _mm512_set1_epi16(static_cast<short>(kSimdDelete));
  const __m512i space = _mm512_set1_epi16(0x20);
  constexpr __mmask32 kLowHalves = 0x55555555;
  const __m512i first_half =
      _mm512_set_epi16(0, 15, 0, 14, 0, 13, 0, 12, 0, 11, 0, 10, 0, 9, 0, 8, 0,
                       7, 0, 6, 0, 5, 0, 4, 0, 3, 0, 2, 0, 1, 0, 0);
  const __m512i second_half =
      _mm512_add_epi16(first_half, _mm512_maskz_set1_epi16(kLowHalves, 16));
  for (size_t i = 0; i < n; i += 32) {
    const size_t lanes = n - i < 32 ? n - i : 32;
    const __mmask32 present = Present(lanes);
    __mmask32 outside = 0;
    const __m512i mapped = tables.Map(LoadBlock(in + i, present), &outside);
    unfolded[i / 32] = (outside | _mm512_cmpeq_epi16_mask(mapped, slow) |
                        _mm512_cmpeq_epi16_mask(mapped, del) |
                        _mm512_cmpeq_epi16_mask(mapped, space)) &
                       present;
    // Widened by a permute that puts entry k in the low half of 32-bit
    // lane k, zeroing the high halves.
    const auto present_lo = static_cast<__mmask16>(present & 0xFFFF);
    const auto present_hi = static_cast<__mmask16>(present >> 16);
    _mm512_mask_storeu_epi32(
        out + i, present_lo,
        _mm512_maskz_permutexvar_epi16(kLowHalves, first_half, mapped));
    _mm512_mask_storeu_epi32(
        out + i + 16, present_hi,
        _mm512_maskz_permutexvar_epi16(kLowHalves, second_half, mapped));
  }
}

#undef KALIMA_KERNEL_HELPER
#undef KALIMA_KERNEL_TARGET

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
bool MapIfCompiled(const CharTable& table, const In* in, size_t n,
                   char32_t* out, uint32_t* unfolded) {
#ifdef KALIMA_HAVE_AVX512_KERNEL
  if (!SimdKernelAvailable()) return false;
  Map(table, in, n, out, unfolded);
  return true;
#else
  return false;
#endif
}

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

bool MapCodePoints(const CharTable& table, const uint8_t* in, size_t n,
                   char32_t* out, uint32_t* unfolded) {
  return MapIfCompiled(table, in, n, out, unfolded);
}

bool MapCodePoints(const CharTable& table, const char16_t* in, size_t n,
                   char32_t* out, uint32_t* unfolded) {
  return MapIfCompiled(table, in, n, out, unfolded);
}

}  // namespace kalima::internal
