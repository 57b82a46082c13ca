// Segmenter and SegmenterTrainer.
//
// A word is reduced to its letters (diacritics, tatweel, joiners and other
// invisible characters skipped, their positions kept), every analysis the
// clitic grammar allows is scored with a linear model over word statistics from
// a raw corpus, and the best one is mapped back onto the word's characters. The
// statistics are two counts per word type: how often it stands alone, and how
// often it hosts clitics (ال before it, a pronoun after it). A true stem is a
// word of its own that takes clitics (قال, كتاب); a false one is not (زارة of
// وزارة).
#include "kalima/segment.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <mutex>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "internal/batch.h"
#include "internal/binary_io.h"
#include "internal/char_table.h"
#include "internal/code_point_reader.h"
#include "internal/utf8.h"
#include "kalima/parallel.h"

namespace kalima {
namespace {

// Letters as the segmenter sees them.
constexpr char32_t kHamza = 0x0621, kAlefMadda = 0x0622, kAlefHamza = 0x0623,
                   kWawHamza = 0x0624, kAlefHamzaBelow = 0x0625,
                   kYehHamza = 0x0626, kAlef = 0x0627, kTehMarbuta = 0x0629,
                   kTeh = 0x062A, kLam = 0x0644, kNoon = 0x0646,
                   kAlefMaksura = 0x0649, kYeh = 0x064A, kFathatan = 0x064B,
                   kDammatan = 0x064C;

// Arabic letters map to themselves, the Persian look-alikes news text uses
// to their Arabic letters; marks inside a word map to 0 (skipped); anything
// else to kOpaque (the word is left whole).
constexpr char32_t kOpaque = 0xFFFFFFFF;
char32_t SegmenterLetter(char32_t c) {
  // Tatweel (U+0640) lies inside the letter block: test the marks first.
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
      (c >= 0x0610 && c <= 0x061A) || (c >= 0x06D6 && c <= 0x06ED)) {
    return 0;
  }
  if (c >= 0x0621 && c <= 0x064A) return c;
  // The invisible characters the tokenizer keeps inside a word (joiners,
  // bidi marks, soft hyphens, variation selectors), as the gazetteer reads
  // through them.
  if (c == 0x200C || internal::IsInvisibleFormat(c) ||
      internal::IsInvisibleMark(c)) {
    return 0;
  }
  switch (c) {
    case 0x0671:  // ٱ
      return kAlef;
    case 0x06CC:  // ی
      return kYeh;
    case 0x06A9:  // ک
      return 0x0643;
    default:
      // Presentation forms (text from PDFs) read as the letters they show;
      // a ligature of several letters (ﻻ) leaves the word whole.
      if (const char32_t letter = internal::PresentationFormLetter(c)) {
        return SegmenterLetter(letter);
      }
      return kOpaque;
  }
}

// Statistics are pooled over the hamza spellings of alef (أحمد, احمد).
char32_t FoldAlef(char32_t c) {
  return c == kAlefHamza || c == kAlefHamzaBelow || c == kAlefMadda ? kAlef : c;
}

// A word written with a bare first alef, the article's aside (اجتماع, احد),
// is also counted under its key after this byte, which no letter's key
// uses: how often the corpus writes it so, apart from أحد and the like.
constexpr char kBareAlefKey = '\x7f';
// And a word with an alef written with hamza or madda (أ إ آ), after this
// one: how often the corpus writes وأحد rather than واحد.
constexpr char kHamzaAlefKey = '\x7e';

bool HasHamzaAlef(std::u32string_view word) {
  return std::any_of(word.begin(), word.end(), [](char32_t c) {
    return c == kAlefHamza || c == kAlefHamzaBelow || c == kAlefMadda;
  });
}

// Whether `word`, as written, starts with a bare alef that is not the
// article's.
bool StartsWithBareAlef(std::u32string_view word) {
  return !word.empty() && word.front() == kAlef && !word.starts_with(U"ال");
}

// Keys of the statistics table: one byte per folded letter.
void AppendKey(std::u32string_view letters, std::string* key) {
  for (char32_t c : letters) key->push_back(char(FoldAlef(c) - 0x0620));
}

constexpr size_t kMaxLetters = 40;  // Longer words are left whole.
// Shorter words of protected names are too often common words too.
constexpr size_t kMinNameLetters = 4;

// Closed-class words that are never cut, though a clitic letter starts or a
// pronoun letter ends them (لكن is not ل + كن, هناك not هنا + ك). They may
// still be the stem of a longer word (ولكن = و + لكن). And وشك, the noun of
// على وشك, whose و is its own: it was read و + شك in 112 tokens of
// SaudiNewsNet (before a pronoun, وشكك is و + شكك, "and your doubt").
constexpr std::u32string_view kAtomicWords[] = {
    U"لكن",   U"لكي",  U"كي",    U"كما",  U"لما",   U"بين",   U"بعد",
    U"بل",    U"لذا",  U"كذلك",  U"لدى",  U"لدي",   U"فقط",   U"فيما",
    U"بينما", U"كلما", U"بعدما", U"ليس",  U"ليست",  U"لن",    U"لم",
    U"لا",    U"فوق",  U"بعض",   U"كل",   U"كيف",   U"كيفما", U"لعل",
    U"لو",    U"لقد",  U"سوى",   U"سوف",  U"لولا",  U"مثلما", U"حينما",
    U"عندما", U"كأن",  U"كان",   U"هناك", U"هنالك", U"ذلك",   U"تلك",
    U"أولئك", U"هكذا", U"كذا",   U"فحسب", U"إذ",    U"إذا",   U"إلا",
    U"إما",   U"أما",  U"كلا",   U"كلتا", U"ليت",   U"ريثما", U"وشك",
};
// Names of Latin letters that end in ه, as acronyms are read out (إيه بي
// سي، جيه بي مورغان): never cut either, since the ه is no pronoun.
constexpr std::u32string_view kLetterNames[] = {U"إيه", U"أيه", U"ايه", U"جيه",
                                                U"كيه"};

// Words whose ال is not the article, left whole by kCliticsAndArticle.
constexpr std::u32string_view kWordsWithAl[] = {
    U"الذي",   U"التي",   U"الذين",  U"اللذان",  U"اللتان", U"اللذين",
    U"اللتين", U"اللاتي", U"اللائي", U"اللواتي", U"الله",   U"اللهم",
};

// Words whose first letters spell clitics but are the word's own, alone or
// before a possessive pronoun, from which no proclitic is cut:
// - والد (father), والدة (mother) and the duals' construct forms, which look
//   like و + ال (والده، والدتها، والديه). The corpus cannot tell them from و +
//   a rare noun: الده is never seen alone, and neither is the noun of
//   والمجمدات, which news write only after و. Over SaudiNewsNet this keeps
//   1,430 tokens whole (or cuts only their pronoun) that were cut و + ال; a
//   few of them are و + ال after all (والدهن, "and the oil", in 2 of the 8
//   read).
// - وحد of وحده, وحدها, وحدك (alone), read و + حد + ه in about 600 tokens.
constexpr std::u32string_view kStemsWithCliticLetters[] = {
    U"والد", U"والدة", U"والدا", U"والدي", U"وحد"};

// A stem never seen standing alone, in a word the corpus holds at least this
// many times, is taken for no stem: the conjunction and the prepositions also
// go before words that stand without them. وائل, وطنيا, ويمبلي and ووتش are
// seen 55 to 121 times each and ائل, طنيا, يمبلي and وتش never. Below it, a
// word seen only after و (ومثقفات, in مثقفين ومثقفات, 14 times) would lose its
// و too. Over SaudiNewsNet this leaves 511 of 10.1 M tokens whole that were
// cut, all of them rightly; UD PUD is unchanged.
constexpr uint32_t kAttestedWholeCount = 20;

// The pronouns before which a stem's ى may be written ا (see ScoreStem).
constexpr std::u32string_view kPronounsAfterAlefForMaksura[] = {
    U"ه", U"ها", U"هما", U"هم", U"ك"};

// Words whose ى is written ي before a pronoun (عليه, إليها, لديهم): a stem
// spelt with ا is none of them.
constexpr std::u32string_view kMaksuraWrittenYeh[] = {U"على", U"إلى", U"الى",
                                                      U"لدى", U"حتى"};

// `stem` with its last letter as ى.
std::u32string WithMaksura(std::u32string_view stem) {
  std::u32string out(stem);
  out.back() = kAlefMaksura;
  return out;
}

template <typename Words>
bool IsAmong(std::u32string_view word, const Words& words) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

bool HasOwnAl(std::u32string_view stem) { return IsAmong(stem, kWordsWithAl); }

// After ل, the article loses its alef (للحكومة: ل + (ا)لحكومة), and الله
// its alef and a lam (لله: ل + (ال)له).
constexpr std::u32string_view kGodAfterLam = U"له";

// A stem written after ل (starting with the article's ل) with its article
// whole again.
std::u32string WithArticle(std::u32string_view stem) {
  if (stem == kGodAfterLam) return U"الله";
  std::u32string whole(1, kAlef);
  whole.append(stem);
  return whole;
}

// Contractions of من and عن with ما and من, and with نا, whose ن they share
// (منا = منّا, من + نا).
struct Contraction {
  std::u32string_view word;
  size_t split;  // Letters of the preposition as written.
  FormChange change;
  CliticRole rest = CliticRole::kStem;  // The part after the preposition.
};
constexpr Contraction kContractions[] = {
    {U"مما", 1, FormChange::kMin},
    {U"ممن", 1, FormChange::kMin},
    {U"عما", 1, FormChange::kAn},
    {U"عمن", 1, FormChange::kAn},
    {U"منا", 1, FormChange::kMin, CliticRole::kPronoun},
    {U"عنا", 1, FormChange::kAn, CliticRole::kPronoun},
};

// Letters an imperfect verb starts with, which the future marker needs. Not
// a bare ا, though writers drop the hamza of أ: in 20 MB of SaudiNewsNet
// the future marker before one was wrong about 285 times (ساهم, ساما, ساخر,
// سالما) and right twice (ساكون).
bool StartsImperfect(char32_t c) {
  return c == kYeh || c == kTeh || c == kNoon || c == kAlefHamza;
}

// Whether a stem after س is the rest of a form of the verb سأل, to ask
// (سألت, سأله, سألوا; سألته = سأل + ت + ه, سألوه = سأل + و + ه), not أ + a
// verb in the future: the future of a verb that starts with ل has more
// letters (سألتقي, سألقي).
bool IsRestOfAsk(std::u32string_view stem) {
  // The subject's ending, then maybe an object pronoun.
  static constexpr std::u32string_view kEndings[] = {
      U"", U"ت", U"تم", U"تما", U"تمو", U"تي", U"وا", U"و", U"نا"};
  if (!stem.starts_with(U"أل")) return false;
  const std::u32string_view rest = stem.substr(2);
  auto is_ending = [](std::u32string_view e) {
    return std::find(std::begin(kEndings), std::end(kEndings), e) !=
           std::end(kEndings);
  };
  if (is_ending(rest)) return true;
  for (std::u32string_view pronoun : PronounSuffixes()) {
    if (rest.ends_with(pronoun) &&
        is_ending(rest.substr(0, rest.size() - pronoun.size()))) {
      return true;
    }
  }
  return false;
}

// Feature layout; the names are what model files store.
constexpr int kWhole = 0, kWholeLogCount = 1, kWholeLogHost = 2,
              kWholeUnseen = 3, kProcliticBase = 4;  // + 6 letters
constexpr std::u32string_view kProcliticLetters = U"وفبلكس";
constexpr int kSuffixBase = kProcliticBase + 6;  // + 12 suffixes
// A preposition with a pronoun and no stem (به، لها), and the rarer بي/لي.
constexpr int kBare = kSuffixBase + 12, kBareYeh = kBare + 1;
// The proclitic letters again, counted only when the stem was never seen:
// و before an unknown word is usually the conjunction, ب or س before one
// usually a letter of a foreign name (بكين, سنومان).
constexpr int kUnseenAfterBase = kBareYeh + 1;  // + 6 letters
constexpr int kStemLogCount = kUnseenAfterBase + 6;
constexpr int kStemLogHost = kStemLogCount + 1;
constexpr int kRestored = kStemLogCount + 2;
constexpr int kStemUnseen = kStemLogCount + 3;
constexpr int kCountGain = kStemLogCount + 4;
constexpr int kHostGain = kStemLogCount + 5;
constexpr int kShortStem = kStemLogCount + 6;
constexpr int kStemArticle = kStemLogCount + 7;
constexpr int kStemLogDiversity = kStemLogCount + 8;
constexpr int kDiversityGain = kStemLogCount + 9;
constexpr int kWholeLogDiversity = kStemLogCount + 10;
// An unseen stem with the article after a proclitic (بالمؤخرات) is still a
// word: ال shows where it starts.
constexpr int kUnseenArticleStem = kStemLogCount + 11;
// After a preposition comes a noun, and nouns take ال (بشكل; not بحثت =
// ب + حثت, a verb).
constexpr int kNounAfterPreposition = kStemLogCount + 12;
constexpr int kFeatureCount = kNounAfterPreposition + 1;

std::string Utf8(std::u32string_view s) {
  std::string out;
  char buf[4];
  for (char32_t c : s) out.append(buf, internal::EncodeUtf8(c, buf));
  return out;
}

const std::vector<std::string>& FeatureNameStorage() {
  static const auto* names = [] {
    auto* n = new std::vector<std::string>{"whole", "whole_log_count",
                                           "whole_log_host", "whole_unseen"};
    for (char32_t c : kProcliticLetters) {
      n->push_back("proclitic:" + Utf8(std::u32string(1, c)));
    }
    const auto suffixes = PronounSuffixes();
    for (auto s : suffixes) n->push_back("suffix:" + Utf8(s));
    n->push_back("bare");
    n->push_back("bare_yeh");
    for (char32_t c : kProcliticLetters) {
      n->push_back("unseen_stem_after:" + Utf8(std::u32string(1, c)));
    }
    for (const char* name :
         {"stem_log_count", "stem_log_host", "restored", "stem_unseen",
          "count_gain", "host_gain", "short_stem", "stem_article",
          "stem_log_diversity", "diversity_gain", "whole_log_diversity",
          "unseen_article_stem", "noun_after_preposition"}) {
      n->push_back(name);
    }
    return n;
  }();
  return *names;
}

// The proclitic runs the segmenter splits off (the article stays on the
// stem and is split afterwards when the scheme asks), from the grammar.
const std::vector<const ProcliticSequence*>& SegmenterProclitics() {
  static const auto* runs = [] {
    auto* r = new std::vector<const ProcliticSequence*>;
    for (const ProcliticSequence& seq : ProcliticSequences()) {
      if (!seq.has_article()) r->push_back(&seq);
    }
    return r;
  }();
  return *runs;
}

struct Entry {
  uint32_t count = 0;     // Times the word stands alone.
  uint32_t host = 0;      // Times it carries ال or a pronoun suffix.
  uint8_t diversity = 0;  // Distinct clitic contexts it was seen in.
  uint32_t article = 0;   // Times it follows ال: evidence of a noun.
};

// An analysis of a word's letters.
struct Analysis {
  int16_t proclitics = -1;  // Index into SegmenterProclitics(), -1: none.
  int8_t suffix = -1;       // Index into PronounSuffixes(), -1: none.
  int8_t contraction = -1;  // Index into kContractions.
  FormChange stem_change = FormChange::kNone;
  uint8_t proclitic_letters = 0;
  uint8_t suffix_letters = 0;
};

}  // namespace

struct Segmenter::Model {
  std::string bytes;
  std::string_view description;
  std::vector<double> weights;
  absl::flat_hash_map<std::string_view, Entry> entries;
  // Keys of kAtomicWords and of the model's protected names.
  absl::flat_hash_set<std::string> atomic;
  uint64_t id = 0;  // Unique per loaded model, for the analysis cache.

  Entry Lookup(std::string_view key) const {
    auto it = entries.find(key);
    return it == entries.end() ? Entry{} : it->second;
  }
};

namespace {

constexpr char kMagic[8] = {'K', 'A', 'L', 'I', 'M', 'A', 'S', 'G'};
// 3: the counts of words written with a bare first alef (kBareAlefKey) or
// a hamza on alef (kHamzaAlefKey), which a file of 2 lacks.
constexpr uint32_t kFormatVersion = 3;

using internal::Fnv1a64;
using internal::PutU32;
using internal::PutU64;
using internal::Reader;

absl::Status ModelError(std::string_view source, std::string_view problem) {
  return internal::FileError("segmenter model", source, problem);
}

std::string Serialize(std::string_view description,
                      std::span<const double> weights,
                      const std::vector<std::pair<std::string, Entry>>& rows,
                      const std::vector<std::string>& protected_names) {
  std::string payload;
  PutU32(&payload, uint32_t(description.size()));
  payload.append(description);
  const auto& names = FeatureNameStorage();
  PutU32(&payload, uint32_t(names.size()));
  for (size_t i = 0; i < names.size(); ++i) {
    payload.push_back(char(names[i].size()));
    payload.append(names[i]);
    PutU64(&payload, std::bit_cast<uint64_t>(weights[i]));
  }
  PutU32(&payload, uint32_t(rows.size()));
  for (const auto& [key, entry] : rows) {
    payload.push_back(char(key.size()));
    payload.append(key);
    PutU32(&payload, entry.count);
    PutU32(&payload, entry.host);
    payload.push_back(char(entry.diversity));
    PutU32(&payload, entry.article);
  }
  PutU32(&payload, uint32_t(protected_names.size()));
  for (const std::string& name : protected_names) {
    payload.push_back(char(name.size()));
    payload.append(name);
  }
  std::string out = internal::FileHeaderBytes(
      std::string_view(kMagic, sizeof(kMagic)), kFormatVersion, 0,
      payload.size(), Fnv1a64(payload));
  out += payload;
  return out;
}

absl::Status Parse(std::string_view source, Segmenter::Model* model) {
  absl::StatusOr<internal::FileHeader> header = internal::ReadFileHeader(
      model->bytes, std::string_view(kMagic, sizeof(kMagic)), kFormatVersion,
      "segmenter model", source);
  if (!header.ok()) return header.status();
  const std::string_view payload = header->payload;
  if (Fnv1a64(payload) != header->checksum) {
    return ModelError(source, "checksum mismatch (the file is corrupt)");
  }
  Reader in(payload);
  uint32_t n = 0;
  if (!in.U32(&n) || !in.Bytes(n, &model->description)) {
    return ModelError(source, "truncated description");
  }
  const auto& names = FeatureNameStorage();
  if (!in.U32(&n) || n != names.size()) {
    return ModelError(source, "built for another feature set");
  }
  model->weights.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint8_t len = 0;
    std::string_view name;
    if (!in.U8(&len) || !in.Bytes(len, &name) || !in.F64(&model->weights[i])) {
      return ModelError(source, "truncated weights");
    }
    if (name != names[i] || !std::isfinite(model->weights[i])) {
      return ModelError(source,
                        absl::StrCat("unexpected feature ", std::string(name)));
    }
  }
  // A row takes at least 14 bytes: a count the rest of the file cannot hold
  // is corrupt (and must not size an allocation).
  if (!in.U32(&n) || n > in.remaining() / 14) {
    return ModelError(source, "truncated vocabulary");
  }
  model->entries.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint8_t len = 0;
    std::string_view key;
    Entry entry;
    if (!in.U8(&len) || !in.Bytes(len, &key) || !in.U32(&entry.count) ||
        !in.U32(&entry.host) || !in.U8(&entry.diversity) ||
        !in.U32(&entry.article)) {
      return ModelError(source, "truncated vocabulary");
    }
    model->entries.emplace(key, entry);
  }
  if (!in.U32(&n) || n > in.remaining()) {
    return ModelError(source, "truncated names");
  }
  for (uint32_t i = 0; i < n; ++i) {
    uint8_t len = 0;
    std::string_view key;
    if (!in.U8(&len) || !in.Bytes(len, &key)) {
      return ModelError(source, "truncated names");
    }
    model->atomic.emplace(key);
  }
  if (!in.done()) return ModelError(source, "trailing bytes");
  auto add_atomic = [&](std::span<const std::u32string_view> words) {
    for (std::u32string_view word : words) {
      std::string key;
      AppendKey(word, &key);
      model->atomic.insert(std::move(key));
    }
  };
  add_atomic(kAtomicWords);
  add_atomic(kLetterNames);
  static std::atomic<uint64_t> next_id{1};
  model->id = next_id++;
  return absl::OkStatus();
}

double Log1p(uint32_t x) { return std::log1p(double(x)); }

// The letters of one word with the position of each in the caller's units.
struct Letters {
  std::array<char32_t, kMaxLetters> letter;
  std::array<size_t, kMaxLetters + 1> position;  // position[size] = end.
  size_t size = 0;
  // The tanween mark on the last letter, or 0. An indefinite word carries
  // no pronoun suffix (أحياناً is not أحيا + نا), and after a preposition a
  // noun is genitive, so ً and ٌ rule one out (بعيداً is not ب + عيداً).
  char32_t tanween = 0;
  // Whether a short vowel, sukun or shadda is written on some letter (فَقَدَ,
  // the verb, against ف + قد; وكّل, he entrusted, against و + كل).
  bool vowelled = false;
  std::u32string_view view() const { return {letter.data(), size}; }
};

// Whether `letters` are one of kStemsWithCliticLetters, alone or
// with a possessive pronoun after it (a final ة written ت before one: والدته).
bool IsStemWithCliticLetters(std::u32string_view letters) {
  for (std::u32string_view stem : kStemsWithCliticLetters) {
    if (letters.size() < stem.size() ||
        letters.substr(0, stem.size() - 1) != stem.substr(0, stem.size() - 1)) {
      continue;
    }
    const char32_t last = letters[stem.size() - 1];
    const std::u32string_view rest = letters.substr(stem.size());
    if (rest.empty() && last == stem.back()) return true;
    if (rest.empty()) continue;
    const bool written_before_suffix =
        last == stem.back() || (stem.back() == kTehMarbuta && last == kTeh);
    if (!written_before_suffix) continue;
    // A possessive pronoun: not ني, a verb's object (والديني is و +
    // الديني), nor كن (والداكن is و + الداكن; والدكن and والدتكن, left cut
    // with it, SaudiNewsNet never writes). A final ى is the pronoun ي as
    // Egyptian spelling writes it (والدى, والدتى: my father, my mother).
    if (rest == U"ى") return true;
    if (rest != U"ني" && rest != U"كن" &&
        std::find(PronounSuffixes().begin(), PronounSuffixes().end(), rest) !=
            PronounSuffixes().end()) {
      return true;
    }
  }
  return false;
}

// Scores the analyses of one word.
class WordScorer {
 public:
  WordScorer(const Segmenter::Model& model, std::u32string_view letters,
             char32_t tanween)
      : model_(model), letters_(letters) {
    AppendKey(letters, &whole_key_);
    whole_ = model_.Lookup(whole_key_);
    // A definite word (ال, وال, لل...) or an indefinite one (tanween)
    // carries no pronoun suffix.
    suffix_allowed_ = tanween == 0 && !letters.starts_with(U"ال");
    preposition_allowed_ = tanween != kFathatan && tanween != kDammatan;
    own_clitic_letters_ = IsStemWithCliticLetters(letters);
    for (const ProcliticSequence& seq : ProcliticSequences()) {
      if (own_clitic_letters_) break;  // والده is no و + ال + ده.
      if (seq.has_article() && letters.starts_with(seq.surface)) {
        suffix_allowed_ = false;
      }
    }
  }

  bool IsAtomic(std::u32string_view piece) {
    if (piece.size() < 2) return false;
    key_.clear();
    AppendKey(piece, &key_);
    return model_.atomic.contains(key_);
  }

  // Calls emit(analysis, features) for every analysis the grammar allows.
  template <typename Emit>
  void ForEach(Emit&& emit) {
    const auto suffixes = PronounSuffixes();
    const auto& runs = SegmenterProclitics();
    const size_t n = letters_.size();
    features_.assign(kFeatureCount, 0.0);
    features_[kWhole] = 1;
    features_[kWholeLogCount] = Log1p(whole_.count);
    features_[kWholeLogHost] = Log1p(whole_.host);
    features_[kWholeUnseen] = whole_.count == 0;
    features_[kWholeLogDiversity] = Log1p(whole_.diversity);
    emit(Analysis{}, features_);
    for (int p = -1; p < int(runs.size()); ++p) {
      if (p >= 0 && own_clitic_letters_) break;
      const std::u32string_view pro = p < 0 ? U"" : runs[p]->surface;
      if (!letters_.starts_with(pro)) continue;
      for (int s = -1; s < int(suffixes.size()); ++s) {
        const std::u32string_view suf = s < 0 ? U"" : suffixes[s];
        if (p < 0 && s < 0) continue;
        if (s >= 0 && !suffix_allowed_) break;
        if (pro.size() + suf.size() > n || !letters_.ends_with(suf)) continue;
        const std::u32string_view stem =
            letters_.substr(pro.size(), n - pro.size() - suf.size());
        if (CutsAtomic(p < 0 ? nullptr : runs[p], stem.size(), suf.size())) {
          continue;
        }
        Analysis a;
        a.proclitics = int16_t(p);
        a.suffix = int8_t(s);
        a.proclitic_letters = uint8_t(pro.size());
        a.suffix_letters = uint8_t(suf.size());
        const CliticRole last = p < 0
                                    ? CliticRole::kStem
                                    : runs[p]->clitics[runs[p]->size - 1].role;
        if (last == CliticRole::kPreposition && !preposition_allowed_) continue;
        const char32_t last_letter = pro.empty() ? 0 : pro.back();
        features_.assign(kFeatureCount, 0.0);
        for (char32_t c : pro) {
          features_[kProcliticBase + kProcliticLetters.find(c)] += 1;
        }
        if (s >= 0) features_[kSuffixBase + s] = 1;
        if (stem.empty()) {
          // A preposition with a pronoun: به، لها (ني is a verb's object,
          // never a preposition's).
          if (s < 0 || last != CliticRole::kPreposition ||
              (last_letter != U'ب' && last_letter != kLam) || suf == U"ني") {
            continue;
          }
          // ولي, which news write 4,210 times against 1,406 for لي: the
          // word (ولي العهد), not و + لي.
          if (suf == U"ي" && CommonerThanWithoutConjunction(*runs[p])) {
            continue;
          }
          features_[kBare] = 1;
          features_[kBareYeh] = suf == U"ي";
          emit(a, features_);
          continue;
        }
        if (stem.size() < 2) continue;
        // As before لي, a conjunction before a preposition and a stem of two
        // letters, whose readings are many: وليد, 406 times in SaudiNewsNet
        // against 8 for ليد, is the name, not و + ل + يد.
        if (stem.size() == 2 && p >= 0 &&
            CommonerThanWithoutConjunction(*runs[p])) {
          continue;
        }
        // The future marker comes before an imperfect verb, of three
        // letters at least (يرى، أعي): سان is no س + أن.
        if (last == CliticRole::kFuture &&
            (stem.size() < 3 || !StartsImperfect(stem[0]) ||
             IsRestOfAsk(stem))) {
          continue;
        }
        if (s >= 0 && stem.starts_with(U"ال")) continue;
        // The vocative يا takes a conjunction (ويا) but neither a preposition
        // nor a pronoun: بيانا (a statement) is no ب + يا + نا, which
        // SaudiNewsNet's 156 of them were read as.
        if (stem == U"يا" && (s >= 0 || last == CliticRole::kPreposition)) {
          continue;
        }
        ScoreStem(stem, suf,
                  last == CliticRole::kPreposition && last_letter == kLam, &a);
        // The article shows where an unseen stem starts (و + المجمدات), and
        // a pronoun may change the stem's spelling: only a stem that ends
        // the word and has no article is refused (see kAttestedWholeCount).
        if (s < 0 && features_[kStemUnseen] != 0 &&
            features_[kStemArticle] == 0 &&
            whole_.count >= kAttestedWholeCount) {
          continue;
        }
        if (features_[kStemUnseen] != 0) {
          for (char32_t c : pro) {
            features_[kUnseenAfterBase + kProcliticLetters.find(c)] += 1;
          }
          features_[kUnseenArticleStem] = features_[kStemArticle];
        }
        if (last == CliticRole::kPreposition) {
          features_[kNounAfterPreposition] =
              features_[kStemArticle] != 0 ? 1.0 : Log1p(stem_entry_.article);
        }
        emit(a, features_);
      }
    }
  }

 private:
  // Whether `run` is a conjunction before another clitic (ول, وب) and the
  // corpus has the word more often than the word without that conjunction:
  // the conjunction is then not read before لي or بي alone, or before a stem
  // of two letters.
  bool CommonerThanWithoutConjunction(const ProcliticSequence& run) {
    if (run.size < 2 || run.clitics[0].role != CliticRole::kConjunction) {
      return false;
    }
    key_.clear();
    AppendKey(letters_.substr(run.clitics[0].surface.size()), &key_);
    return whole_.count > model_.Lookup(key_).count;
  }

  // Whether the cuts of an analysis fall inside a closed-class word.
  bool CutsAtomic(const ProcliticSequence* run, size_t stem, size_t suffix) {
    std::array<size_t, 6> cuts;
    int k = 0;
    cuts[k++] = 0;
    size_t at = 0;
    if (run) {
      for (int i = 0; i < run->size; ++i) {
        at += run->clitics[i].surface.size();
        cuts[k++] = at;
      }
    }
    at += stem;
    if (suffix) cuts[k++] = at;
    if (cuts[k - 1] != letters_.size()) cuts[k++] = letters_.size();
    for (int i = 0; i < k; ++i) {
      for (int j = i + 2; j < k; ++j) {
        if (IsAtomic(letters_.substr(cuts[i], cuts[j] - cuts[i]))) return true;
      }
    }
    return false;
  }

  // Fills the stem features, choosing between the letters as written and a
  // restored form (مدرست → مدرسة) by which the corpus supports better.
  // `suffix`: the pronoun after the stem, if any.
  void ScoreStem(std::u32string_view stem, std::u32string_view suffix,
                 bool after_lam, Analysis* a) {
    // As written, and either a letter before a suffix restored or, in a
    // stem with no suffix (the article takes none), the article after ل.
    std::array<std::pair<FormChange, char32_t>, 2> options;
    int count = 0;
    options[count++] = {FormChange::kNone, 0};
    if (!suffix.empty()) {
      switch (stem.back()) {
        case kTeh:
          options[count++] = {FormChange::kTehMarbuta, kTehMarbuta};
          break;
        // ى is written ي before a pronoun (عليه).
        case kYeh:
          options[count++] = {FormChange::kAlefMaksura, kAlefMaksura};
          break;
        // Or ا (يراه, مستواه, أراك), in a stem of three letters or more
        // before a pronoun of the third person or ك: many words end in ا
        // and another pronoun's letters (تراكم, يراهن, إعلانا), and the
        // short stems restore onto misspellings (فاهم is no فى + هم). The
        // restored stem must also be seen more often than as written
        // (below), and be none of those that write their ى as ي before a
        // pronoun (علاه is عُلا + ه, not على + ه).
        case kAlef:
          if (stem.size() >= 3 &&
              IsAmong(suffix, kPronounsAfterAlefForMaksura) &&
              !IsAmong(WithMaksura(stem), kMaksuraWrittenYeh)) {
            options[count++] = {FormChange::kAlefMaksura, kAlefMaksura};
          }
          break;
        case kWawHamza:
        case kYehHamza:
          options[count++] = {FormChange::kHamza, kHamza};
          break;
        default:
          break;
      }
    } else if (after_lam && stem == kGodAfterLam) {
      // لله is ل + الله, never ل + له (له is ل + ه itself).
      options[0] = {FormChange::kArticle, kAlef};
    } else if (after_lam && stem.front() == kLam) {
      options[count++] = {FormChange::kArticle, kAlef};
    }
    double best = -1;
    Entry chosen;
    uint32_t chosen_seen = 0;  // Its count, whatever the spelling.
    for (int i = 0; i < count; ++i) {
      key_.clear();
      const auto [change, letter] = options[i];
      if (change == FormChange::kArticle) {
        AppendKey(WithArticle(stem), &key_);
      } else if (change != FormChange::kNone) {
        AppendKey(stem.substr(0, stem.size() - 1), &key_);
        key_.push_back(char(letter - 0x0620));
      } else {
        AppendKey(stem, &key_);
      }
      Entry e = model_.Lookup(key_);
      const uint32_t seen = e.count;
      // A stem written with a bare first alef, in a word the corpus writes
      // so more often than with a hamza, counts as often as the corpus
      // writes the stem so: news spell أحد with its hamza, and واحد rather
      // than وأحد, so واحد is a word of its own, not و + احد. Elsewhere
      // (واضافت, which news write وأضافت; و + اجتماع) its counts stay pooled
      // over the spellings, and so do its other statistics everywhere.
      if (change == FormChange::kNone && StartsWithBareAlef(stem) &&
          WholeWrittenBare()) {
        e.count = model_.Lookup(kBareAlefKey + key_).count;
      }
      const double support = Log1p(e.count) + 0.5 * Log1p(e.host);
      // A tie goes to the later option, a restored form, except for an ى
      // written ا, which needs the corpus on its side: when neither form
      // is seen, ألفناه is a verb with نا, not ألفنى + ه.
      const bool maksura_from_alef =
          change == FormChange::kAlefMaksura && stem.back() == kAlef;
      if (maksura_from_alef ? seen > 0 && support > best : support >= best) {
        best = support;
        chosen = e;
        chosen_seen = seen;
        a->stem_change = change;
      }
    }
    stem_entry_ = chosen;
    features_[kStemLogCount] = Log1p(chosen.count);
    features_[kStemLogHost] = Log1p(chosen.host);
    features_[kRestored] = a->stem_change != FormChange::kNone;
    features_[kStemUnseen] = chosen_seen == 0;
    features_[kCountGain] = Log1p(chosen.count) - Log1p(whole_.count);
    features_[kHostGain] = Log1p(chosen.host) - Log1p(whole_.host);
    features_[kShortStem] = stem.size() <= 2;
    features_[kStemArticle] =
        a->stem_change == FormChange::kArticle || stem.starts_with(U"ال");
    features_[kStemLogDiversity] = Log1p(chosen.diversity);
    features_[kDiversityGain] =
        Log1p(chosen.diversity) - Log1p(whole_.diversity);
  }

  const Segmenter::Model& model_;
  std::u32string_view letters_;
  std::string whole_key_;
  std::string key_;
  Entry whole_;
  // Whether the word has no alef with hamza, and the corpus writes it so
  // more often than with one (see ScoreStem). Asked only for a stem with a
  // bare first alef, and then once a word.
  bool WholeWrittenBare() {
    if (whole_written_bare_ < 0) {
      whole_written_bare_ =
          !HasHamzaAlef(letters_) &&
          2 * uint64_t{model_.Lookup(kHamzaAlefKey + whole_key_).count} <
              whole_.count;
    }
    return whole_written_bare_ > 0;
  }
  int8_t whole_written_bare_ = -1;  // -1: not yet asked.
  bool suffix_allowed_ = true;
  bool preposition_allowed_ = true;
  // The word is one of kStemsWithCliticLetters, or one and a pronoun:
  // no proclitic is cut from it.
  bool own_clitic_letters_ = false;
  Entry stem_entry_;  // The statistics ScoreStem chose for the last stem.
  std::vector<double> features_;
};

// Whether every clitic of `run` is a conjunction (و, ف, وف...).
bool OnlyConjunctions(const ProcliticSequence& run) {
  return std::all_of(
      run.clitics.begin(), run.clitics.begin() + run.size,
      [](const Clitic& c) { return c.role == CliticRole::kConjunction; });
}

// Analyses that are always right when the grammar allows them, whatever the
// counts say: a preposition with a pronoun and nothing else (به، لها، ولهم;
// only بي and لي are also names and letters), a particle of the أن family
// with a pronoun (أنني، لكنني), مع or عن with the first person (معنا، عني),
// a clitic before the particle أن or إن (فإن، بأنه، لأن), which no word
// begins with otherwise, ب before the noun of a compound preposition
// (بموجب), and a conjunction before a function word
// (below; some only in a word without harakat, shadda or tanween, `marked`:
// فَقَدَ and وهمٌ are words of their own).
bool IsCertain(const Analysis& a, std::u32string_view letters, bool marked) {
  const ProcliticSequence* run =
      a.proclitics < 0 ? nullptr : SegmenterProclitics()[a.proclitics];
  if (run != nullptr &&
      run->clitics[run->size - 1].role == CliticRole::kFuture) {
    return false;
  }
  const std::u32string_view stem =
      letters.substr(a.proclitic_letters,
                     letters.size() - a.proclitic_letters - a.suffix_letters);
  // A particle of the أن family with a pronoun, alone or after a
  // conjunction: the counts took أنني, إنني and لكنني (about 350 tokens in
  // 20 MB of SaudiNewsNet) for words, though they split أنه and أننا. Not
  // after ك (كليته, his kidney) or ب, and لعل only after a conjunction
  // (لعلي عبدالله صالح is ل + علي).
  static constexpr std::u32string_view kParticles[] = {U"أن",  U"إن",  U"لكن",
                                                       U"كأن", U"لعل", U"ليت"};
  const bool conjunctions_only = run == nullptr || OnlyConjunctions(*run);
  if (a.suffix >= 0 && conjunctions_only && IsAmong(stem, kParticles)) {
    return stem != U"لعل" || run != nullptr;
  }
  // The prepositions مع and عن with ي or نا, in a word without harakat
  // (عُني, he was concerned, is a verb): the counts took معنا, معي and عني
  // for words, though they split مني, معه and عنها (منا and عنا are
  // contractions, above).
  static constexpr std::u32string_view kPrepositions[] = {U"مع", U"عن"};
  if (a.suffix >= 0 && conjunctions_only && !marked &&
      IsAmong(stem, kPrepositions) &&
      (PronounSuffixes()[a.suffix] == U"ي" ||
       PronounSuffixes()[a.suffix] == U"نا")) {
    return true;
  }
  if (run == nullptr) return false;
  const ProcliticSequence& seq = *run;
  if (stem.empty()) {
    return a.suffix >= 0 && PronounSuffixes()[a.suffix] != U"ي";
  }
  if (stem == U"أن" || stem == U"إن") return true;
  // Nouns that make compound prepositions with ب, and that the corpus has
  // rarely without it, so the counts kept the ب (بموجب, بمثابة, بإمكان:
  // about 710 tokens in 20 MB of SaudiNewsNet; UD splits them).
  static constexpr std::u32string_view kAfterBa[] = {
      U"موجب", U"واسطة", U"خصوص",  U"مثابة", U"رفقة",
      U"صفة",  U"إمكان", U"مقدور", U"حوزة"};
  const Clitic& last = seq.clitics[seq.size - 1];
  if (last.role == CliticRole::kPreposition && last.surface == U"ب") {
    for (std::u32string_view noun : kAfterBa) {
      // ة is written ت before a pronoun (برفقته, بحوزتهم).
      const bool before_suffix_as_written =
          a.suffix >= 0 && noun.back() == kTehMarbuta &&
          stem.size() == noun.size() && stem.back() == kTeh &&
          stem.substr(0, stem.size() - 1) == noun.substr(0, noun.size() - 1);
      if (stem == noun || before_suffix_as_written) return true;
    }
  }
  // A conjunction alone before a function word of two letters: the short
  // stem's penalty left فهو, فلا, ففي and وتم whole (about 1,800 tokens in
  // 20 MB of SaudiNewsNet; UD splits them). Some are also words of their
  // own, which harakat or tanween can show, and are split only in a word
  // without them: فقد is ف + قد in 11 of 12 contexts read (else فَقَدَ, he
  // lost), فلم ف + لم in 12 of 12 (else "film"), وكل (وكّل, he entrusted),
  // وفي (وفيّ, loyal), وهم (وهمٌ, an illusion); هم only after و, since فهم
  // is as often the noun "understanding".
  static constexpr std::u32string_view kFunctionWords[] = {
      U"هو", U"هي", U"هن", U"لا", U"لن", U"هل", U"من", U"تم"};
  static constexpr std::u32string_view kFunctionWordsOrOthers[] = {
      U"قد", U"لم", U"كل", U"في"};
  if (seq.size != 1 || seq.clitics[0].role != CliticRole::kConjunction ||
      a.suffix >= 0) {
    return false;
  }
  if (IsAmong(stem, kFunctionWords)) return true;
  return !marked && (IsAmong(stem, kFunctionWordsOrOthers) ||
                     (stem == U"هم" && seq.surface == U"و"));
}

// A contraction (مما, منا), alone or after conjunctions (ومما, فمنا).
std::optional<Analysis> ContractionOf(std::u32string_view letters) {
  const auto& runs = SegmenterProclitics();
  for (int p = -1; p < int(runs.size()); ++p) {
    std::u32string_view rest = letters;
    if (p >= 0) {
      const ProcliticSequence& run = *runs[p];
      if (!OnlyConjunctions(run) || !letters.starts_with(run.surface)) {
        continue;
      }
      rest.remove_prefix(run.surface.size());
    }
    for (size_t i = 0; i < std::size(kContractions); ++i) {
      if (rest == kContractions[i].word) {
        Analysis a;
        a.proclitics = int16_t(p);
        a.proclitic_letters = uint8_t(letters.size() - rest.size());
        a.contraction = int8_t(i);
        return a;
      }
    }
  }
  return std::nullopt;
}

// The best analysis of a word's letters.
Analysis Analyze(const Segmenter::Model& model, std::u32string_view letters,
                 char32_t tanween, bool vowelled) {
  if (std::optional<Analysis> contraction = ContractionOf(letters)) {
    return *contraction;
  }
  WordScorer scorer(model, letters, tanween);
  if (scorer.IsAtomic(letters)) return Analysis{};
  Analysis best;
  double best_score = -INFINITY;
  bool forced = false;
  const std::vector<double>& w = model.weights;
  scorer.ForEach([&](const Analysis& a, const std::vector<double>& f) {
    if (forced) return;
    if (IsCertain(a, letters, tanween != 0 || vowelled)) {
      forced = true;
      best = a;
      return;
    }
    double score = 0;
    for (int i = 0; i < kFeatureCount; ++i) score += w[i] * f[i];
    if (score > best_score) {
      best_score = score;
      best = a;
    }
  });
  return best;
}

// Analyses are a pure function of (model, letters) and words repeat, so
// each thread remembers recent ones.
class AnalysisCache {
 public:
  const Analysis& Get(const Segmenter::Model& model, const Letters& w) {
    const std::u32string_view letters = w.view();
    if (slots_.empty()) slots_.assign(kSlots, Slot{});
    const size_t h = std::hash<std::u32string_view>{}(letters);
    Slot& slot = slots_[h & (kSlots - 1)];
    // Each slot says whose analysis it holds, so that a thread using two
    // models in turn keeps both (clearing the cache at each switch made
    // every call pay for 16,384 slots).
    if (slot.model_id != model.id || slot.size != letters.size() ||
        slot.tanween != w.tanween || slot.vowelled != w.vowelled ||
        !std::equal(letters.begin(), letters.end(), slot.letters.begin())) {
      slot.analysis = Analyze(model, letters, w.tanween, w.vowelled);
      slot.model_id = model.id;
      slot.tanween = w.tanween;
      slot.vowelled = w.vowelled;
      if (letters.size() > slot.letters.size()) {
        slot.size = 0xFF;  // Too long to keep.
      } else {
        std::copy(letters.begin(), letters.end(), slot.letters.begin());
        slot.size = uint8_t(letters.size());
      }
    }
    return slot.analysis;
  }

 private:
  static constexpr size_t kSlots = 1 << 14;
  struct Slot {
    uint64_t model_id = 0;
    std::array<char32_t, 14> letters;
    uint8_t size = 0xFF;
    bool vowelled = false;
    char32_t tanween = 0;
    Analysis analysis;
  };
  std::vector<Slot> slots_;
};

// Appends the parts of one Arabic word whose letters are `w`.
void EmitParts(const Analysis& a, const Letters& w, SegmentScheme scheme,
               std::vector<SegmentPart>* parts) {
  auto add = [&](size_t from, size_t to, CliticRole role, FormChange change) {
    parts->push_back({w.position[from], w.position[to], role, change});
  };
  const size_t n = w.size;
  size_t at = 0;
  if (a.proclitics >= 0) {
    const ProcliticSequence& run = *SegmenterProclitics()[a.proclitics];
    for (int i = 0; i < run.size; ++i) {
      const size_t len = run.clitics[i].surface.size();
      add(at, at + len, run.clitics[i].role, FormChange::kNone);
      at += len;
    }
  }
  if (a.contraction >= 0) {
    const Contraction& c = kContractions[a.contraction];
    add(at, at + c.split, CliticRole::kPreposition, c.change);
    add(at + c.split, n, c.rest, FormChange::kNone);
    return;
  }
  const size_t stem_end = n - a.suffix_letters;
  if (stem_end > at) {
    FormChange change = a.stem_change;
    if (scheme == SegmentScheme::kCliticsAndArticle) {
      const std::u32string_view stem = w.view().substr(at, stem_end - at);
      if (change == FormChange::kArticle && !HasOwnAl(WithArticle(stem))) {
        add(at, at + 1, CliticRole::kArticle, FormChange::kArticle);
        ++at;
        change = FormChange::kNone;
      } else if (stem.size() >= 4 && stem[0] == kAlef && stem[1] == kLam &&
                 change == FormChange::kNone && !HasOwnAl(stem)) {
        add(at, at + 2, CliticRole::kArticle, FormChange::kNone);
        at += 2;
      }
    }
    add(at, stem_end, CliticRole::kStem, change);
  }
  if (a.suffix_letters) {
    add(stem_end, n, CliticRole::kPronoun, FormChange::kNone);
  }
}

// Reads the letters of the token [start, end) through `at(i)` -> (code
// point, length); false if the word is not one the segmenter splits.
template <typename At>
bool ReadLetters(size_t start, size_t end, At&& at, Letters* w) {
  w->size = 0;
  w->tanween = 0;
  w->vowelled = false;
  // Fathatan is also written on the letter before a final ا or ى (بعيدًا).
  bool carried = false;
  for (size_t i = start; i < end;) {
    const auto [c, len] = at(i);
    const char32_t letter = SegmenterLetter(c);
    if (letter == kOpaque) return false;
    if (letter == 0) {
      if (c >= 0x064B && c <= 0x064D) {
        w->tanween = c;
        carried = false;
      }
      w->vowelled = w->vowelled || (c >= 0x064E && c <= 0x0652);
    } else {
      if (w->tanween == kFathatan && !carried &&
          (letter == kAlef || letter == kAlefMaksura)) {
        carried = true;
      } else {
        w->tanween = 0;
      }
      if (w->size == kMaxLetters) return false;
      w->letter[w->size] = letter;
      w->position[w->size] = w->size == 0 ? start : i;
      ++w->size;
    }
    i += len;
  }
  w->position[w->size] = end;
  return w->size > 0;
}

template <typename At>
absl::Status SegmentTokens(const Segmenter::Model& model,
                           std::span<const Token> tokens, At&& at,
                           SegmentScheme scheme,
                           const SegmentInterrupt& between_windows,
                           Segmentation* out) {
  thread_local AnalysisCache thread_cache;
  // Bound once: each use of a thread_local in a shared library is a call to
  // __tls_get_addr.
  AnalysisCache& cache = thread_cache;
  out->tokens.clear();
  out->parts.clear();
  out->tokens.reserve(tokens.size());
  out->parts.reserve(tokens.size() + tokens.size() / 4);
  Letters w;
  size_t window_end = between_windows ? kSegmentWindowUnits : SIZE_MAX;
  for (const Token& token : tokens) {
    if (token.start >= window_end) [[unlikely]] {
      if (absl::Status status = between_windows(); !status.ok()) {
        out->tokens.clear();
        out->parts.clear();
        return status;
      }
      window_end = token.start + kSegmentWindowUnits;
    }
    const uint32_t first = uint32_t(out->parts.size());
    if (token.kind == TokenKind::kArabic &&
        ReadLetters(token.start, token.end, at, &w)) {
      EmitParts(cache.Get(model, w), w, scheme, &out->parts);
    } else {
      out->parts.push_back(
          {token.start, token.end, CliticRole::kStem, FormChange::kNone});
    }
    out->tokens.push_back({token, first, uint32_t(out->parts.size()) - first});
  }
  return absl::OkStatus();
}

template <typename Unit>
absl::Status SegmentFixedWidth(const Segmenter::Model& model, const Unit* data,
                               std::span<const Token> tokens,
                               SegmentScheme scheme,
                               const SegmentInterrupt& between_windows,
                               Segmentation* out) {
  return SegmentTokens(model, tokens, internal::FixedWidthReader(data), scheme,
                       between_windows, out);
}

absl::Status CheckScheme(SegmentScheme scheme) {
  if (scheme == SegmentScheme::kClitics ||
      scheme == SegmentScheme::kCliticsAndArticle) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "scheme ", static_cast<int>(scheme), " is no SegmentScheme"));
}

}  // namespace

std::span<const std::string_view> SegmenterFeatureNames() {
  static const auto* views = [] {
    auto* v = new std::vector<std::string_view>;
    for (const std::string& name : FeatureNameStorage()) v->push_back(name);
    return v;
  }();
  return *views;
}

bool IsRestoredForm(std::u32string_view surface) {
  for (char32_t c : surface) {
    const char32_t letter = SegmenterLetter(c);
    if (letter != c && letter != kOpaque) return false;
  }
  return true;
}

std::u32string RestoredForm(std::u32string_view surface, FormChange change) {
  std::u32string form;
  for (char32_t c : surface) {
    const char32_t letter = SegmenterLetter(c);
    if (letter != 0) form.push_back(letter == kOpaque ? c : letter);
  }
  // A part of marks alone (a token that starts with one) stands for itself.
  if (form.empty()) return std::u32string(surface);
  switch (change) {
    case FormChange::kNone:
      break;
    case FormChange::kTehMarbuta:
      if (form.back() == kTeh) form.back() = kTehMarbuta;
      break;
    case FormChange::kAlefMaksura:
      if (form.back() == kYeh || form.back() == kAlef) {
        form.back() = kAlefMaksura;
      }
      break;
    case FormChange::kHamza:
      if (form.back() == kWawHamza || form.back() == kYehHamza) {
        form.back() = kHamza;
      }
      break;
    case FormChange::kArticle:
      if (form.front() == kLam) form = WithArticle(form);
      break;
    case FormChange::kMin:
      if (form == U"م") form = U"من";
      break;
    case FormChange::kAn:
      if (form == U"ع") form = U"عن";
      break;
  }
  return form;
}

absl::StatusOr<Segmenter> Segmenter::FromBytes(std::string bytes,
                                               std::string_view source) {
  auto model = std::make_shared<Model>();
  model->bytes = std::move(bytes);
  if (absl::Status status = Parse(source, model.get()); !status.ok()) {
    return status;
  }
  return Segmenter(std::move(model));
}

absl::StatusOr<Segmenter> Segmenter::Load(const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError("segmenter model: the path is empty");
  }
  // Mapped, not streamed: the system's reason for a file that cannot be
  // opened, and a directory or FIFO refused (a FIFO not waited on for a
  // writer).
  absl::StatusOr<internal::MappedFile> file =
      internal::MapFile(path, "segmenter model");
  if (!file.ok()) return file.status();
  return FromBytes(std::string(file->bytes), path);
}

absl::Status Segmenter::Save(const std::string& path) const {
  return internal::WriteFileAtomically(path, model_->bytes, "segmenter model");
}

const std::string& Segmenter::model_bytes() const { return model_->bytes; }
std::string_view Segmenter::description() const { return model_->description; }
std::span<const double> Segmenter::weights() const { return model_->weights; }
size_t Segmenter::vocabulary_size() const { return model_->entries.size(); }

absl::StatusOr<Segmentation> Segmenter::Segment(
    std::string_view utf8, SegmentScheme scheme,
    const TokenizerOptions& tokenizer,
    const SegmentInterrupt& between_windows) const {
  if (absl::Status bad = CheckScheme(scheme); !bad.ok()) return bad;
  absl::StatusOr<std::vector<Token>> tokens =
      Tokenizer(tokenizer).Tokenize(utf8);
  if (!tokens.ok()) return tokens.status();
  Segmentation out;
  if (absl::Status status =
          SegmentTokens(*model_, *tokens, internal::Utf8Reader(utf8), scheme,
                        between_windows, &out);
      !status.ok()) {
    return status;
  }
  return out;
}

absl::Status Segmenter::SegmentCodePoints(
    const CodePointsView& text, SegmentScheme scheme,
    const TokenizerOptions& tokenizer, Segmentation* out,
    const SegmentInterrupt& between_windows) const {
  if (absl::Status bad = CheckScheme(scheme); !bad.ok()) return bad;
  std::vector<Token> tokens;
  if (absl::Status status =
          Tokenizer(tokenizer).TokenizeCodePoints(text, &tokens);
      !status.ok()) {
    return status;
  }
  switch (text.width) {
    case 1:
      return SegmentFixedWidth(*model_, static_cast<const uint8_t*>(text.data),
                               tokens, scheme, between_windows, out);
    case 2:
      return SegmentFixedWidth(*model_, static_cast<const char16_t*>(text.data),
                               tokens, scheme, between_windows, out);
    default:
      return SegmentFixedWidth(*model_, static_cast<const char32_t*>(text.data),
                               tokens, scheme, between_windows, out);
  }
}

absl::StatusOr<std::vector<Segmentation>> Segmenter::SegmentCodePointsBatch(
    std::span<const CodePointsView> texts, SegmentScheme scheme,
    const TokenizerOptions& tokenizer, int threads) const {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  std::vector<Segmentation> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i, int) {
    errors[i] = SegmentCodePoints(texts[i], scheme, tokenizer, &results[i]);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  return results;
}

std::vector<SegmentPart> Segmenter::SegmentWord(std::u32string_view word,
                                                SegmentScheme scheme) const {
  std::vector<SegmentPart> parts;
  Letters w;
  if (ReadLetters(0, word.size(), internal::FixedWidthReader(word.data()),
                  &w)) {
    EmitParts(Analyze(*model_, w.view(), w.tanween, w.vowelled), w, scheme,
              &parts);
  } else if (!word.empty()) {
    parts.push_back({0, word.size(), CliticRole::kStem, FormChange::kNone});
  }
  return parts;
}

std::vector<SegmentCandidate> Segmenter::Candidates(
    std::u32string_view word) const {
  std::vector<SegmentCandidate> out;
  Letters w;
  if (!ReadLetters(0, word.size(), internal::FixedWidthReader(word.data()),
                   &w)) {
    return out;
  }
  if (ContractionOf(w.view())) return out;
  WordScorer scorer(*model_, w.view(), w.tanween);
  if (scorer.IsAtomic(w.view())) return out;
  bool forced = false;
  scorer.ForEach([&](const Analysis& a, const std::vector<double>& f) {
    forced = forced || IsCertain(a, w.view(), w.tanween != 0 || w.vowelled);
    SegmentCandidate candidate;
    EmitParts(a, w, SegmentScheme::kClitics, &candidate.parts);
    candidate.features = f;
    out.push_back(std::move(candidate));
  });
  // A decided word is no example for the scorer.
  if (forced) out.clear();
  return out;
}

struct SegmenterTrainer::Counts {
  absl::flat_hash_map<std::string, uint64_t> words;
  absl::flat_hash_set<std::string> names;
  // First words of names that start with و: protected at Build only where
  // the corpus has the word without its و no more often than the whole word
  // (وهران, whose هران is no word, but not وجدة, mostly "and Jeddah").
  absl::flat_hash_set<std::string> waw_names;
  uint64_t total = 0;
  // Guards the members above: a trainer may be fed from several threads
  // (Python releases the GIL in add_texts).
  std::mutex mu;

  // The keys of the words never cut, sorted, as the counts so far decide
  // (the caller holds `mu`).
  std::vector<std::string> ProtectedNames() const {
    std::vector<std::string> out(names.begin(), names.end());
    auto count_of = [&](const std::string& key) {
      const auto it = words.find(key);
      return it == words.end() ? uint64_t{0} : it->second;
    };
    for (const std::string& name : waw_names) {
      if (count_of(name) >= count_of(name.substr(1))) {
        out.push_back(name);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  template <typename At>
  void Add(std::span<const Token> tokens, At&& at,
           absl::flat_hash_map<std::string, uint64_t>* into, uint64_t* n) {
    Letters w;
    std::string key;
    for (const Token& token : tokens) {
      if (token.kind != TokenKind::kArabic ||
          !ReadLetters(token.start, token.end, at, &w)) {
        continue;
      }
      key.clear();
      AppendKey(w.view(), &key);
      ++(*into)[key];
      ++*n;
      if (StartsWithBareAlef(w.view())) {
        ++(*into)[kBareAlefKey + key];
      } else if (HasHamzaAlef(w.view())) {
        ++(*into)[kHamzaAlefKey + key];
      }
    }
  }

  absl::Status AddView(const CodePointsView& text,
                       absl::flat_hash_map<std::string, uint64_t>* into,
                       uint64_t* n) {
    std::vector<Token> tokens;
    if (absl::Status s = Tokenizer().TokenizeCodePoints(text, &tokens);
        !s.ok()) {
      return s;
    }
    auto run = [&](const auto* data) {
      Add(tokens, internal::FixedWidthReader(data), into, n);
    };
    if (text.width == 1) {
      run(static_cast<const uint8_t*>(text.data));
    } else if (text.width == 2) {
      run(static_cast<const char16_t*>(text.data));
    } else {
      run(static_cast<const char32_t*>(text.data));
    }
    return absl::OkStatus();
  }
};

SegmenterTrainer::SegmenterTrainer() : counts_(std::make_unique<Counts>()) {}
SegmenterTrainer::~SegmenterTrainer() = default;
SegmenterTrainer::SegmenterTrainer(SegmenterTrainer&&) noexcept = default;
SegmenterTrainer& SegmenterTrainer::operator=(SegmenterTrainer&&) noexcept =
    default;

uint64_t SegmenterTrainer::words() const {
  std::lock_guard<std::mutex> lock(counts_->mu);
  return counts_->total;
}

absl::Status SegmenterTrainer::AddText(std::string_view utf8) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenizer().Tokenize(utf8);
  if (!tokens.ok()) return tokens.status();
  std::lock_guard<std::mutex> lock(counts_->mu);
  counts_->Add(*tokens, internal::Utf8Reader(utf8), &counts_->words,
               &counts_->total);
  return absl::OkStatus();
}

absl::Status SegmenterTrainer::AddName(std::string_view utf8) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenizer().Tokenize(utf8);
  if (!tokens.ok()) return tokens.status();
  const auto at = internal::Utf8Reader(utf8);
  Letters w;
  bool first_word = true;
  for (const Token& token : *tokens) {
    if (token.kind != TokenKind::kArabic) continue;
    const bool first = std::exchange(first_word, false);
    if (!ReadLetters(token.start, token.end, at, &w) ||
        w.size < kMinNameLetters) {
      continue;
    }
    // A later word's و is mostly the conjunction (ترينيداد وتوباغو).
    const bool waw = w.view().front() == U'و';
    if (waw && !first) continue;
    std::string key;
    AppendKey(w.view(), &key);
    std::lock_guard<std::mutex> lock(counts_->mu);
    (waw ? counts_->waw_names : counts_->names).insert(std::move(key));
  }
  return absl::OkStatus();
}

size_t SegmenterTrainer::names() const {
  std::lock_guard<std::mutex> lock(counts_->mu);
  return counts_->ProtectedNames().size();
}

absl::Status SegmenterTrainer::AddCodePoints(const CodePointsView& text) {
  absl::flat_hash_map<std::string, uint64_t> local;
  uint64_t total = 0;
  if (absl::Status s = counts_->AddView(text, &local, &total); !s.ok()) {
    return s;
  }
  std::lock_guard<std::mutex> lock(counts_->mu);
  for (const auto& [word, count] : local) counts_->words[word] += count;
  counts_->total += total;
  return absl::OkStatus();
}

absl::Status SegmenterTrainer::AddCodePointsBatch(
    std::span<const CodePointsView> texts, int threads) {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  const int workers = EffectiveThreads(threads, texts.size());
  std::vector<absl::flat_hash_map<std::string, uint64_t>> local(workers);
  std::vector<uint64_t> totals(workers, 0);
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), workers, [&](size_t i, int worker) {
    errors[i] = counts_->AddView(texts[i], &local[worker], &totals[worker]);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  std::lock_guard<std::mutex> lock(counts_->mu);
  for (int k = 0; k < workers; ++k) {
    for (const auto& [word, count] : local[k]) counts_->words[word] += count;
    counts_->total += totals[k];
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SegmenterTrainer::Build(
    std::span<const double> weights, std::string_view description,
    uint32_t min_count) const {
  if (weights.size() != size_t(kFeatureCount)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected ", kFeatureCount, " weights, got ", weights.size()));
  }
  for (double w : weights) {
    if (!std::isfinite(w)) {
      return absl::InvalidArgumentError("weights must be finite");
    }
  }
  // Per candidate stem: how often it hosts ال or a pronoun, and which
  // clitic contexts it was seen in at all (one bit per proclitic run, the
  // article and each suffix).
  std::lock_guard<std::mutex> lock(counts_->mu);
  struct Hosting {
    uint64_t host = 0;
    uint64_t article = 0;
    uint32_t contexts = 0;
  };
  absl::flat_hash_map<std::string, Hosting> hosting;
  auto key_of = [](std::u32string_view letters) {
    std::string key;
    AppendKey(letters, &key);
    return key;
  };
  std::vector<std::string> suffix_keys;
  for (std::u32string_view s : PronounSuffixes())
    suffix_keys.push_back(key_of(s));
  std::vector<std::string> run_keys;
  for (const ProcliticSequence* run : SegmenterProclitics()) {
    run_keys.push_back(key_of(run->surface));
  }
  const int article_bit = int(run_keys.size());
  const int suffix_bit = article_bit + 1;
  const std::string article_key = key_of(U"ال");
  const char lam = char(kLam - 0x0620), alef = char(kAlef - 0x0620);
  for (const auto& [word, count] : counts_->words) {
    const std::string_view w = word;
    // Counted under its key too.
    if (w.front() == kBareAlefKey || w.front() == kHamzaAlefKey) continue;
    if (w.size() > 2 && w.starts_with(article_key)) {
      Hosting& h = hosting[std::string(w.substr(2))];
      h.host += count;
      h.article += count;
      h.contexts |= 1u << article_bit;
    }
    for (size_t r = 0; r < run_keys.size(); ++r) {
      const std::string& run = run_keys[r];
      if (w.size() < run.size() + 2 || !w.starts_with(run)) continue;
      const std::string_view rest = w.substr(run.size());
      hosting[std::string(rest)].contexts |= 1u << r;
      if (run.back() == lam && rest.front() == lam) {  // لل = ل + ال
        hosting[std::string(1, alef) + std::string(rest)].contexts |= 1u << r;
      }
    }
    for (size_t k = 0; k < suffix_keys.size(); ++k) {
      const std::string& s = suffix_keys[k];
      if (w.size() <= s.size() || !w.ends_with(s)) continue;
      std::string base(w.substr(0, w.size() - s.size()));
      auto add = [&](const std::string& stem) {
        Hosting& h = hosting[stem];
        h.host += count;
        h.contexts |= 1u << (suffix_bit + k);
      };
      add(base);
      const char last = base.back();
      if (last == char(kTeh - 0x0620)) {
        base.back() = char(kTehMarbuta - 0x0620);
        add(base);
      } else if (last == char(kYeh - 0x0620)) {
        base.back() = char(kAlefMaksura - 0x0620);
        add(base);
      }
    }
  }
  auto clamp = [](uint64_t v) { return uint32_t(std::min<uint64_t>(v, ~0u)); };
  std::vector<std::pair<std::string, Entry>> rows;
  auto keep = [&](const std::string& key, uint64_t count, const Hosting& h) {
    const int diversity = std::popcount(h.contexts);
    if (key.size() > 255 ||
        (count < min_count && h.host < min_count && diversity < 2)) {
      return;
    }
    rows.push_back(
        {key,
         {clamp(count), clamp(h.host), uint8_t(diversity), clamp(h.article)}});
  };
  for (const auto& [word, count] : counts_->words) {
    auto it = hosting.find(word);
    keep(word, count, it == hosting.end() ? Hosting{} : it->second);
  }
  for (const auto& [word, h] : hosting) {
    if (!counts_->words.contains(word)) keep(word, 0, h);
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return Serialize(description, weights, rows, counts_->ProtectedNames());
}

}  // namespace kalima
