// Gazetteer entity matching: finds the names of a list in
// text whatever their spelling variant (through a normalisation profile) or
// attached proclitics (وليبيا, والمملكة المتحدة, للمملكة), matching whole
// tokens only, with spans in the caller's text. A name never goes on across
// a paragraph break (a blank line, U+2029, a form feed). With clitics on, a
// one-word name with the article and the nisba ending (السعودية), written with
// no clitic right after a word with the article, is read as that word's
// adjective (السوق السعودية) and not matched; nor is a one-word name ending
// in ي (but not اي: الأوروغواي) after an article the proclitics give it
// (التشيلي, للتشيلي: "the Chilean"). In text written with harakat, a
// proclitic's vowel is evidence: a damma, tanween or shadda on it (a shadda
// on the word's first letter aside, the Quran's mark of assimilation), a
// kasra on و ف ك or an article's lam, a fatha on ب or an article's lam deny
// the reading (وُجُوبًا is not و + جوبا); and a name written with a final ة is
// not read where the text's last letter is a heh with a vowel (جَدِّهِ, his
// grandfather), unless the entry is also written with a final ه. A gazetteer
// built with GazetteerBuilderOptions::tanween off reads no name over a token
// with tanween (صَبِيًّا is not صبيا).
#ifndef KALIMA_GAZETTEER_H_
#define KALIMA_GAZETTEER_H_

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
#include "kalima/code_points.h"
#include "kalima/export.h"
#include "kalima/normalize.h"

namespace kalima {

struct GazetteerEntry {
  std::string name;  // UTF-8, as added.
  std::string label;
  std::string id;
  std::vector<std::string> aliases;
  friend bool operator==(const GazetteerEntry&,
                         const GazetteerEntry&) = default;
};

// An entry's name, label and id, borrowed from the gazetteer.
struct GazetteerEntryView {
  std::string_view name;
  std::string_view label;
  std::string_view id;
};

struct GazetteerMatch {
  size_t start = 0;  // The name itself, without its proclitics.
  size_t end = 0;
  size_t prefix_start = 0;  // Where its proclitics start (== start if none).
  uint32_t entry = 0;       // Index of the entry.
  uint32_t surface = 0;     // 0: the name; k: aliases[k - 1].
  uint32_t edits = 0;       // Edits between the text and the name (0: exact).
  friend bool operator==(const GazetteerMatch&,
                         const GazetteerMatch&) = default;
};

enum class GazetteerMode : uint8_t {
  kLongest,  // Leftmost-longest, non-overlapping.
  kAll,      // Every match, overlapping ones included: by the token each
             // starts in, then by start, exact ones first.
};

// A text longer than this many units (code points, or bytes of UTF-8) is
// read in windows of about this many, so that the working storage of a
// search stays bounded whatever the text's length.
inline constexpr size_t kGazetteerWindowUnits = size_t{1} << 16;

struct GazetteerFindOptions {
  GazetteerMode mode = GazetteerMode::kLongest;
  // 0 or 1. With 1, a name of at least kMinFuzzyNameLetters letters (a
  // word's leading article not counted) also matches with one edit in one
  // of its words of at least kMinFuzzyWordLetters letters (a leading ال not
  // counted), compared after normalisation. The edit must be one a writer makes
  // spelling the name: a vowel letter (ا و ي, their hamza forms) added, dropped
  // or changed inside the word, an alef form for another, ى for ي, a consonant
  // for one of the same sound (ج غ, ق ك, ح خ ه ة, ت ط, س ص ث ز, ز ذ ظ, د ض),
  // a final ا for ة or ه, a hamza ء added or dropped past the first letter,
  // or two neighbours swapped. Other edits mostly make other words (الماضي
  // is not ألماتي, يومين not تيومين), and so does a nisba ending without its
  // ي (السعودة). A one-word name written a letter short must keep
  // kMinFuzzyNameLetters, and a text's article read as a name's hamza and
  // lam is not counted (الموتى is not ألماتي). Only words the gazetteer does
  // not know (as written, or without proclitics) are read with an edit: a
  // word that is part of some name (or a word or phrase of its own, see
  // GazetteerBuilder::AddWord) is taken as written, and so is a name's
  // nisba adjective (طرابلسي, أوروبي, إيطالية, أميركيا). Exact matches rank
  // first: in kLongest mode a fuzzy match only fills text no exact match
  // covers; in kAll mode, at the same start, exact matches come first.
  int max_edits = 0;
  // If set, called between the windows a long text is read in (one every
  // kGazetteerWindowUnits units or so; a shorter text makes no call), on
  // the thread searching it (any of a batch's): a status other than OK ends
  // that search, which returns it and no match. For cancelling a long call, or
  // keeping a deadline; Python's Ctrl-C goes through it. It may itself
  // search (the same gazetteer or another), on its own storage.
  std::function<absl::Status()> between_windows;
};

inline constexpr size_t kMinFuzzyNameLetters = 6;
inline constexpr size_t kMinFuzzyWordLetters = 4;
// Limits on a name or alias: longer ones are refused with InvalidArgument.
inline constexpr size_t kMaxNameBytes = 1024;
inline constexpr size_t kMaxNameTokens = 64;

class Gazetteer;

// How a gazetteer reads its names, beyond its normaliser. Kept in the
// compiled file.
struct GazetteerBuilderOptions {
  // Lets a name's first word carry the proclitics of include/kalima/clitics.h.
  bool clitics = true;
  // Lets a text token written with tanween (ً ٌ ٍ: the ending of an
  // indefinite noun or adjective in vocalised text) be part of a name. Turn
  // it off for places and organisations, whose names are definite or diptote
  // and almost never take it (صَبِيًّا, a boy, is then no mention of صبيا,
  // جَدَّةٍ, a grandmother, none of جدة; the rare place that does, بِبَدْرٍ,
  // is then missed where it is vocalised); leave it on for people (عَلِيٌّ).
  // Text without harakat is read alike either way. Off, Add refuses a name
  // or alias written with tanween that the normaliser drops, since it could
  // never be found as written.
  bool tanween = true;
};

class KALIMA_EXPORT GazetteerBuilder {
 public:
  // `normalizer` decides which spellings compare equal ("search" folds
  // hamza, alef, ى/ي, ة/ه, diacritics...); `clitics` as in
  // GazetteerBuilderOptions.
  explicit GazetteerBuilder(Normalizer normalizer = Normalizer(),
                            bool clitics = true);
  GazetteerBuilder(Normalizer normalizer, GazetteerBuilderOptions options);
  // Goes on from a compiled gazetteer (its entries, normaliser and options).
  explicit GazetteerBuilder(const Gazetteer& compiled);
  ~GazetteerBuilder();
  // A builder moved from may only be assigned to or destroyed.
  GazetteerBuilder(GazetteerBuilder&&) noexcept;
  GazetteerBuilder& operator=(GazetteerBuilder&&) noexcept;

  // InvalidArgument on invalid UTF-8, an empty label, a name (or alias) with
  // no word, a name over kMaxNameBytes or kMaxNameTokens, or a label or id
  // over kMaxNameBytes or holding a control character (a tab, a line break,
  // U+2028 or U+2029; in a name they separate words); nothing of a refused
  // entry is kept. Names are
  // not deduplicated: the same name added twice (with different labels, say)
  // is two entries, and both match.
  absl::Status Add(std::string_view name, std::string_view label,
                   std::string_view id,
                   std::span<const std::string_view> aliases = {});
  // A word of its own that only looks like proclitics and a name: كسبها
  // ("won it") is not ك + سبها, الكابل ("the cable") not ال + كابل. No name
  // is read inside a text token that is this word as written (harakat,
  // tatweel and invisible characters aside, presentation forms and letter
  // variants as their letters, Latin in lower case, but hamza, ة and ى as
  // they are: وجده, "he found it", hides no name in وجدة, "and Jeddah") or
  // proclitics and it (وكسبها, بالكابل); the token as a whole, and names it
  // is a later word of, still match. A phrase of
  // several words (صلاة المغرب, the sunset prayer; مجلس الأمن القومي, a
  // country's national security council) is found as a name is (proclitics
  // on its first word, compound heads joined or apart), though only as
  // written, never with an edit, and gives no match: leftmost-longest
  // matching takes its words as it takes a name's, so no name inside it is
  // found, unless a name spelt like it, or one starting before it, takes
  // them first, and a phrase that overlaps it and goes further covers its
  // words too: no name starting inside either is found (كأس كوبا أمريكا: no
  // أمريكا, nor أمريكا الجنوبية); in kAll mode the names inside a phrase are
  // left out. Words and
  // phrases are known words for max_edits (taken as written). InvalidArgument
  // on invalid UTF-8, a word with no letter, or one over kMaxNameBytes or
  // kMaxNameTokens.
  absl::Status AddWord(std::string_view word);
  // Adds the rows of a gazetteer TSV (what Python's Gazetteer.from_tsv
  // reads): the header `name<TAB>label<TAB>id<TAB>aliases`, whose last two
  // columns may be left out, then a row a line, fields separated by tabs with
  // no quoting (a " is part of its field), aliases by |. Lines end at \n (a
  // \r before it is dropped); white space around a field (str.isspace in
  // Python's sense) is dropped; blank rows, and empty columns after the
  // header's last, are skipped; a leading byte order mark is dropped.
  // InvalidArgument naming `source` and the line ("names.tsv:3: ..."), and
  // the column in characters for invalid UTF-8: the text's layout is checked
  // before any row is added, and a row that Add refuses ends the reading,
  // the rows before it added.
  absl::Status AddTsv(std::string_view tsv, std::string_view source);
  // Adds a list of words and phrases of their own (AddWord): one a line, #
  // starting a comment, white space around it dropped. Errors as AddTsv's.
  absl::Status AddWordList(std::string_view text, std::string_view source);
  size_t size() const;

  // The immutable matcher; the builder can go on being used. Fails only past
  // the format's limits (4 GiB of names, 2^32 entries, a trie of 16 GiB:
  // about a billion distinct name prefixes), with ResourceExhausted, or for
  // names made to collide in the token table (InvalidArgument).
  absl::StatusOr<Gazetteer> Build() const&;
  // The same, giving the builder's memory up as the file is made
  // (std::move(builder).Build()), for a lower peak: its names, keys and
  // paths are freed once written rather than held beside the file (the
  // 1M n-grams of bench/gazetteer_bench.py peak at 87 bytes each). The file
  // is the same. Afterwards the builder is empty, with the same normaliser and
  // options; on failure it is left as it was, unless memory runs out part
  // way (std::bad_alloc, which propagates): its names are then lost, and
  // it is left empty as after a build.
  absl::StatusOr<Gazetteer> Build() &&;

  struct KALIMA_NO_EXPORT State;  // Opaque: defined in gazetteer.cc.

 private:
  std::unique_ptr<State> state_;
};

// Immutable; safe to share across threads. Cheap to copy. Its whole state is
// one flat byte buffer (the format `Save` writes), so `Load` memory-maps a
// file and uses it in place.
class KALIMA_EXPORT Gazetteer {
 public:
  // Copies share the compiled buffer. A move copies too (no move operations
  // are declared), so a moved-from Gazetteer stays usable.
  Gazetteer(const Gazetteer&) = default;
  Gazetteer& operator=(const Gazetteer&) = default;

  // A file written by Save, memory-mapped. NotFound if it cannot be opened;
  // FailedPrecondition for a directory; InvalidArgument if it is no kalima
  // gazetteer, of another format version, truncated, or corrupt (checksum, or
  // structure). The file is checked once, here (a file of a megabyte or more on
  // up to four threads at once), and then read in place: it must not be changed
  // in place while a Gazetteer loaded from it lives (Save writes a new file and
  // renames it over the old one, which is safe; truncating or overwriting the
  // file is not, and may make a lookup read bytes never checked, or fault). To
  // be free of the file, load a copy: FromBytes with its contents.
  static absl::StatusOr<Gazetteer> Load(const std::string& path);
  // The same checks over bytes in memory (a copy of a file, or `bytes()`).
  static absl::StatusOr<Gazetteer> FromBytes(std::string bytes);

  // The serialised form: what Save writes and FromBytes reads.
  std::string_view bytes() const;
  // Writes `bytes()` to a new file beside `path` and renames it over `path`
  // (a symbolic link is followed: the file it leads to is replaced, the link
  // kept). NotFound, PermissionDenied or DataLoss with the system's reason;
  // FailedPrecondition for a directory; InvalidArgument for a FIFO, device or
  // socket, which is left alone.
  absl::Status Save(const std::string& path) const;

  // UTF-8 in, byte offsets out.
  absl::StatusOr<std::vector<GazetteerMatch>> Find(
      std::string_view utf8, const GazetteerFindOptions& options = {}) const;
  // Code point offsets over CPython's str layouts; `out` is replaced.
  absl::Status FindCodePoints(const CodePointsView& text,
                              const GazetteerFindOptions& options,
                              std::vector<GazetteerMatch>* out) const;

  // Many texts on up to `threads` threads (0: one per core; a negative count
  // is InvalidArgument); the first failure (lowest index) is returned,
  // prefixed with its index.
  absl::StatusOr<std::vector<std::vector<GazetteerMatch>>> FindCodePointsBatch(
      std::span<const CodePointsView> texts,
      const GazetteerFindOptions& options, int threads = 0) const;

  size_t size() const;
  // An entry's fields; `entry` < size() (as in every GazetteerMatch).
  std::string_view name(uint32_t entry) const;
  std::string_view label(uint32_t entry) const;
  std::string_view id(uint32_t entry) const;
  GazetteerEntry entry(uint32_t entry) const;
  // Name, label and id at once (one read of the entry's record).
  GazetteerEntryView entry_view(uint32_t entry) const;
  // The words and phrases of their own (GazetteerBuilder::AddWord), sorted:
  // words as AddWord compares them (written, harakat aside), phrases
  // normalised (their words joined by a space, in each of their spellings:
  // نادي ابو ظبي, نادي ابوظبي).
  std::vector<std::string> words() const;
  const Normalizer& normalizer() const;
  bool clitics() const;
  bool tanween() const;  // GazetteerBuilderOptions::tanween.

  struct KALIMA_NO_EXPORT Index;

 private:
  friend class GazetteerBuilder;
  explicit Gazetteer(std::shared_ptr<const Index> index)
      : index_(std::move(index)) {}
  std::shared_ptr<const Index> index_;
};

// The bundled gazetteer's files, in kalima's data directory: an installed
// kalima's is the CMake package's kalima_DATA_DIR (<prefix>/share/kalima),
// the Python package's is kalima/data. Their sources and licences are in the
// README.md beside them.
inline constexpr std::string_view kBundledGazetteerNames = "gazetteer.tsv";
inline constexpr std::string_view kBundledGazetteerWords =
    "gazetteer-words.txt";

// The bundled gazetteer of places and organisations, built as Python's
// kalima.default_gazetteer() is: its words of their own, then its names,
// under `normalizer`, with clitics and without tanween (see
// GazetteerBuilderOptions). NotFound or PermissionDenied naming a file that
// cannot be read, FailedPrecondition one that is a directory;
// InvalidArgument naming the file and line of a bad one.
// Building takes some tens of milliseconds: keep the result (it is cheap to
// copy and safe to share) or Save it.
KALIMA_EXPORT absl::StatusOr<Gazetteer> LoadBundledGazetteer(
    std::string_view data_dir, const Normalizer& normalizer = Normalizer());

}  // namespace kalima

#endif  // KALIMA_GAZETTEER_H_
