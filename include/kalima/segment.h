// Clitic segmentation: splits each Arabic word into proclitics, stem and
// pronoun suffix (و+ب+الكتاب, كتاب+هم, للحكومة = ل+الحكومة), with spans in the
// caller's text. Decisions come from a model learned offline from raw text
// (word statistics) and a small scoring model tuned on gold segmentations;
// SegmenterTrainer rebuilds one from any corpus.
#ifndef KALIMA_SEGMENT_H_
#define KALIMA_SEGMENT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kalima/clitics.h"
#include "kalima/code_points.h"
#include "kalima/export.h"
#include "kalima/tokenize.h"

namespace kalima {

enum class SegmentScheme : uint8_t {
  kClitics,            // Conjunctions, prepositions, future, pronouns; ال
                       // stays on its word (as in UD Arabic).
  kCliticsAndArticle,  // Also splits the article ال.
};

// How a part's restored form differs from its letters as written.
enum class FormChange : uint8_t {
  kNone,
  kTehMarbuta,   // ت written for ة before a suffix: مدرستهم = مدرسة + هم.
  kAlefMaksura,  // ي or ا written for ى before a suffix: عليه, يراه.
  kHamza,        // ؤ or ئ written for ء before a suffix: ارتداؤه.
  kArticle,      // ل written for ال after ل: للحكومة = ل + (ا)لحكومة.
  kMin,          // م written for من: مما = من + ما.
  kAn,           // ع written for عن: عما = عن + ما.
};

struct SegmentPart {
  size_t start = 0;  // In the units of the input (bytes or code points).
  size_t end = 0;
  CliticRole role = CliticRole::kStem;
  FormChange change = FormChange::kNone;
  friend bool operator==(const SegmentPart&, const SegmentPart&) = default;
};

struct SegmentedToken {
  Token token;
  uint32_t first_part = 0;  // Index into Segmentation::parts.
  uint32_t num_parts = 0;
  friend bool operator==(const SegmentedToken&,
                         const SegmentedToken&) = default;
};

// Every token of a text, each with its parts (a non-Arabic or unsplit token
// has one part, the stem, covering it).
struct Segmentation {
  std::vector<SegmentedToken> tokens;
  std::vector<SegmentPart> parts;
  std::span<const SegmentPart> PartsOf(const SegmentedToken& token) const {
    return std::span(parts).subspan(token.first_part, token.num_parts);
  }
};

// The form a part stands for: its letters without diacritics or tatweel,
// with `change` applied. `surface` is the part's text.
KALIMA_EXPORT std::u32string RestoredForm(std::u32string_view surface,
                                          FormChange change);
// Whether RestoredForm(surface, FormChange::kNone) == surface (no diacritics,
// tatweel or look-alike letters to remove), checked without allocating.
KALIMA_EXPORT bool IsRestoredForm(std::u32string_view surface);

// One analysis the scorer weighs, with its feature values; for training.
struct SegmentCandidate {
  std::vector<SegmentPart> parts;  // Code point offsets into the word.
  std::vector<double> features;    // Indexed like SegmenterFeatureNames().
};

KALIMA_EXPORT std::span<const std::string_view> SegmenterFeatureNames();

// The words of a text are segmented in windows of this many units: before
// the first word that starts a window's length or more past the start of
// the last (or of the text), `between_windows` (if set) is called. A text
// of one window makes no call.
inline constexpr size_t kSegmentWindowUnits = size_t{1} << 16;

// Called between the windows of a long text, on the thread segmenting it: a
// status other than OK ends the call, which returns it and leaves its result
// empty. For cancelling a long call or keeping a deadline; Python's Ctrl-C
// goes through it. It must not throw (an exception would leave the result
// half made); it may itself segment, with this Segmenter or another.
using SegmentInterrupt = std::function<absl::Status()>;

class KALIMA_EXPORT Segmenter {
 public:
  // Copies share the model. A move copies too (no move operations are
  // declared), so a moved-from Segmenter stays usable.
  Segmenter(const Segmenter&) = default;
  Segmenter& operator=(const Segmenter&) = default;

  // Parses a model file's bytes; InvalidArgument naming `source` (a path or
  // a description) when they are truncated, corrupt or of another version.
  static absl::StatusOr<Segmenter> FromBytes(std::string bytes,
                                             std::string_view source);
  // A model file, read whole. NotFound, PermissionDenied or DataLoss (with
  // the system's reason) if it cannot be opened; FailedPrecondition for a
  // directory; InvalidArgument naming `path` for a FIFO, device or socket
  // (refused, not waited on) or a file that is no valid model (FromBytes).
  static absl::StatusOr<Segmenter> Load(const std::string& path);
  // Writes model_bytes() to a new file beside `path` and renames it over
  // `path`, as Gazetteer::Save does (its errors too): a write that fails
  // leaves the file before it whole.
  absl::Status Save(const std::string& path) const;

  // UTF-8 in, byte offsets out; InvalidArgument on invalid UTF-8 or a
  // `scheme` that is none of SegmentScheme's. A text longer than
  // kSegmentWindowUnits calls `between_windows` (if set) between the windows
  // of its words (tokenising it, a few seconds a gigabyte, is one step).
  absl::StatusOr<Segmentation> Segment(
      std::string_view utf8, SegmentScheme scheme = SegmentScheme::kClitics,
      const TokenizerOptions& tokenizer = {},
      const SegmentInterrupt& between_windows = {}) const;
  // Code point offsets; `out` is replaced (and left empty if
  // `between_windows` ends the call).
  absl::Status SegmentCodePoints(
      const CodePointsView& text, SegmentScheme scheme,
      const TokenizerOptions& tokenizer, Segmentation* out,
      const SegmentInterrupt& between_windows = {}) const;
  // Many texts on up to `threads` threads (0: one per core; a negative count
  // is InvalidArgument); the first failure (lowest index) is returned,
  // prefixed with its index.
  absl::StatusOr<std::vector<Segmentation>> SegmentCodePointsBatch(
      std::span<const CodePointsView> texts, SegmentScheme scheme,
      const TokenizerOptions& tokenizer, int threads = 0) const;

  // Parts of one word (already a single token), offsets into `word`; a
  // `scheme` that is none of SegmentScheme's reads as kClitics.
  std::vector<SegmentPart> SegmentWord(std::u32string_view word,
                                       SegmentScheme scheme) const;
  // Every analysis of `word` the scorer considers, best first is not
  // implied; for tuning the scoring weights.
  std::vector<SegmentCandidate> Candidates(std::u32string_view word) const;

  // The model file, as loaded (what pickling a Segmenter carries).
  const std::string& model_bytes() const;
  // Free text the trainer recorded: corpus, licence, counts.
  std::string_view description() const;
  std::span<const double> weights() const;
  size_t vocabulary_size() const;

  struct KALIMA_NO_EXPORT Model;

 private:
  explicit Segmenter(std::shared_ptr<const Model> model)
      : model_(std::move(model)) {}
  std::shared_ptr<const Model> model_;
};

// Counts the Arabic words of a raw corpus and writes a model file.
class KALIMA_EXPORT SegmenterTrainer {
 public:
  SegmenterTrainer();
  ~SegmenterTrainer();
  // A trainer moved from may only be assigned to or destroyed.
  SegmenterTrainer(SegmenterTrainer&&) noexcept;
  SegmenterTrainer& operator=(SegmenterTrainer&&) noexcept;

  // InvalidArgument on invalid UTF-8 or surrogates.
  absl::Status AddText(std::string_view utf8);
  absl::Status AddCodePoints(const CodePointsView& text);
  // Adds many texts on up to `threads` threads (0: one per core; negative:
  // InvalidArgument); counting is exact whatever the thread count.
  absl::Status AddCodePointsBatch(std::span<const CodePointsView> texts,
                                  int threads = 0);

  // Protects the words of a name (a place, a person) from being cut where a
  // letter only looks like a clitic (بكين is not ب + كين). Words of fewer than
  // four letters are skipped, and so are words starting with و past the
  // first (the conjunction, in names such as ترينيداد وتوباغو); a first word
  // starting with و is protected only if the corpus has the word without its
  // و no more often (وهران, but not وجدة, mostly "and Jeddah").
  // InvalidArgument on invalid UTF-8.
  absl::Status AddName(std::string_view utf8);

  uint64_t words() const;
  size_t names() const;

  // Keeps words seen at least `min_count` times (and the stems of longer
  // ones). `weights` must have one value per SegmenterFeatureNames() entry.
  // The same counts and arguments give the same bytes.
  absl::StatusOr<std::string> Build(std::span<const double> weights,
                                    std::string_view description,
                                    uint32_t min_count = 2) const;

 private:
  struct KALIMA_NO_EXPORT Counts;
  std::unique_ptr<Counts> counts_;
};

}  // namespace kalima

#endif  // KALIMA_SEGMENT_H_
