// Helpers shared by the batch calls of every primitive.
#ifndef KALIMA_CPP_INTERNAL_BATCH_H_
#define KALIMA_CPP_INTERNAL_BATCH_H_

#include <cstddef>
#include <vector>

#include "absl/status/status.h"

namespace kalima::internal {

// `error`, the failure of text `index` of a batch, its message prefixed with
// that index ("texts[3]: ...").
absl::Status OfText(size_t index, const absl::Status& error);

// The failure with the lowest index among per-text results, as OfText;
// OkStatus if none failed.
absl::Status FirstError(const std::vector<absl::Status>& errors);

// InvalidArgument for a negative thread count (0 means one per core).
absl::Status CheckThreads(int threads);

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_BATCH_H_
