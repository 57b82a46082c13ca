#ifndef KALIMA_CPP_INTERNAL_GAZETTEER_TUNING_H_
#define KALIMA_CPP_INTERNAL_GAZETTEER_TUNING_H_

#include <cstddef>

namespace kalima::internal {

// The size of a compiled gazetteer's matching sections (trie, key slots,
// tokens, key chars) above which matching steps every walk ahead of the
// matcher (see ReadTokens in gazetteer.cc), read when a gazetteer is built,
// loaded or copied. Set by tests, so that the small gazetteers they build
// take both paths; returns the value it replaces.
size_t SetGazetteerEagerStepBytes(size_t bytes);

// The size of a serialised gazetteer from which its checks, when it is
// loaded or copied, run on several threads at once (see ReadIndex). Set by
// tests, so that small gazetteers take both paths; returns the value it
// replaces.
size_t SetGazetteerParallelCheckBytes(size_t bytes);

// The length in units above which a text is read in windows of about that
// many units (see FindInWindows in gazetteer.cc). Set by tests, so that
// short texts are cut into windows of a few tokens; returns the value it
// replaces.
size_t SetGazetteerWindowUnits(size_t units);

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_GAZETTEER_TUNING_H_
