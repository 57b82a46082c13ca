// The vector kernel of the normaliser for text held as 8- or 16-bit code
// points (Latin-1 and UCS-2, as CPython stores most str): 32 code points per
// step of U+0000-U+00FF, U+0600-U+06FF and U+2000-U+207F, looked up in
// CharTable's 16-bit tables with AVX-512 permutes,
// deletions and collapsed spaces squeezed out with a compress.
#ifndef KALIMA_CPP_INTERNAL_NORMALIZE_SIMD_H_
#define KALIMA_CPP_INTERNAL_NORMALIZE_SIMD_H_

#include <cstddef>
#include <cstdint>

#include "internal/char_table.h"

namespace kalima::internal {

// Whether this CPU runs the vector kernel (AVX-512 BW + VBMI2, BMI2) and it
// has not been switched off (KALIMA_NO_SIMD=1 in the environment, or tests).
bool SimdKernelAvailable();
void SetSimdKernelEnabledForTesting(bool enabled);

// Normalises blocks of 32 code points from in[0, n) (the last one may be
// shorter) while every code point of the block lies in the tables' ranges
// and is not slow, writing to out (and, if off is not null, offsets base +
// index to off). Returns the number of code points consumed: n, or the start
// of the first block declined, a multiple of 32; *written receives the
// number of units written; *prev_space carries the collapsible-space state
// as in the scalar kernel. out is written only where units are written (no
// further than in[0, i) would reach one unit per code point); off needs room
// for written + 32 offsets.
size_t NormalizeBlocks(const CharTable& table, const uint8_t* in, size_t n,
                       size_t base, char16_t* out, uint32_t* off,
                       uint32_t* prev_space, size_t* written);
size_t NormalizeBlocks(const CharTable& table, const char16_t* in, size_t n,
                       size_t base, char16_t* out, uint32_t* off,
                       uint32_t* prev_space, size_t* written);

// For the gazetteer, which folds a text token by token: every code point of
// in[0, n) through the tables, one entry per code point, widened to out[i]
// (room for n); bit i % 32 of unfolded[i / 32] (room for (n + 31) / 32
// words) is set where that entry does not stand for the code point folded
// (the code point is deleted, becomes a space, needs the scalar path or lies
// outside the tables' ranges), and out[i] is then meaningless. Returns false
// (writing nothing) if the vector kernel is not available.
bool MapCodePoints(const CharTable& table, const uint8_t* in, size_t n,
                   char32_t* out, uint32_t* unfolded);
bool MapCodePoints(const CharTable& table, const char16_t* in, size_t n,
                   char32_t* out, uint32_t* unfolded);

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_NORMALIZE_SIMD_H_
