// Gazetteer entity matching: finds the names of a list in
// text whatever their spelling variant (through a normalisation profile) or
// attached proclitics (وليبيا, والمملكة المتحدة, للمملكة), matching whole
// tokens only, with spans in the caller's text.
#ifndef KALIMA_GAZETTEER_H_
#define KALIMA_GAZETTEER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kalima/code_points.h"
#include "kalima/normalize.h"

namespace kalima {

struct GazetteerEntry {
  std::string name;  // UTF-8, as added.
  std::string label;
  std::string id;
  std::vector<std::string> aliases;
};

struct GazetteerMatch {
  size_t start = 0;  // The name itself, without its proclitics.
  size_t end = 0;
  size_t prefix_start = 0;  // Where its proclitics start (== start if none).
  uint32_t entry = 0;       // Index of the entry.
  uint32_t surface = 0;     // 0: the name; k: aliases[k - 1].
  friend bool operator==(const GazetteerMatch&,
                         const GazetteerMatch&) = default;
};

enum class GazetteerMode : uint8_t {
  kLongest,  // Leftmost-longest, non-overlapping.
  kAll,      // Every match, overlapping ones included.
};

class Gazetteer;

class GazetteerBuilder {
 public:
  // `normalizer` decides which spellings compare equal ("search" folds
  // hamza, alef, ى/ي, ة/ه, diacritics...); `clitics` lets a name's first
  // word carry the proclitics of include/kalima/clitics.h.
  explicit GazetteerBuilder(Normalizer normalizer = Normalizer(),
                            bool clitics = true);
  ~GazetteerBuilder();
  GazetteerBuilder(GazetteerBuilder&&) noexcept;
  GazetteerBuilder& operator=(GazetteerBuilder&&) noexcept;

  // InvalidArgument on invalid UTF-8 or a name (or alias) with no token.
  absl::Status Add(std::string_view name, std::string_view label,
                   std::string_view id,
                   std::span<const std::string_view> aliases = {});
  size_t size() const;

  // The immutable matcher; the builder can go on being used.
  Gazetteer Build() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Immutable; safe to share across threads. Cheap to copy.
class Gazetteer {
 public:
  // UTF-8 in, byte offsets out.
  absl::StatusOr<std::vector<GazetteerMatch>> Find(
      std::string_view utf8,
      GazetteerMode mode = GazetteerMode::kLongest) const;
  // Code point offsets over CPython's str layouts; `out` is replaced.
  absl::Status FindCodePoints(const CodePointsView& text, GazetteerMode mode,
                              std::vector<GazetteerMatch>* out) const;

  // Many texts on up to `threads` threads (0: one per core); the first
  // failure (lowest index) is returned, prefixed with its index.
  absl::StatusOr<std::vector<std::vector<GazetteerMatch>>> FindCodePointsBatch(
      std::span<const CodePointsView> texts, GazetteerMode mode,
      int threads = 0) const;

  size_t size() const;
  const GazetteerEntry& entry(uint32_t index) const;

  struct Index;

 private:
  friend class GazetteerBuilder;
  explicit Gazetteer(std::shared_ptr<const Index> index)
      : index_(std::move(index)) {}
  std::shared_ptr<const Index> index_;
};

}  // namespace kalima

#endif  // KALIMA_GAZETTEER_H_
