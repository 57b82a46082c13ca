// GazetteerBuilder and Gazetteer.
//
// Names are normalised, tokenised, and stored as paths of token ids in a
// trie. Text is tokenised as written; each token is normalised on its own
// and looked up by id. A match starts at a token, as written or without the
// proclitics the clitic grammar allows, and continues over whole tokens.
//
// The compiled gazetteer is one flat little-endian buffer, used in place
// whether built, copied or memory-mapped:
//
//   header: "KALIMAGZ", u32 version, u32 flags (bit 0: clitics, bit 1:
//           names take no tanween),
//           u64 payload size, u64 checksum of the payload (FastChecksum64,
//           seeded with the flags, so that it covers them too)
//   payload: u32 section count, u32 0, then per section (u64 offset from
//           the file's start, u64 size), then the sections, 8-byte aligned:
//     switches       the normaliser switches that are on, comma-separated
//     label offsets  u32[labels + 1] into label bytes
//     label bytes
//     entry offsets  u32[entries + 1] into entry records
//     entry records  per entry: varint label index, varint length + name,
//                    varint length + id, varint alias count, then per alias
//                    varint length + alias (UTF-8)
//     tokens         per token and one past the last, (u32 offset of its key
//                    in key chars, u32 its first-level node or 0xFFFFFFFF if
//                    no name starts with it): the pair a lookup reads to
//                    check its key also says where a walk from it starts
//     key chars      the normalised tokens of every name, UTF-32
//     key slots      (u64, u64)[power of 2], 64-byte aligned: an
//                    open-addressing table, each slot the key's check word,
//                    then the token id + 1 (0: empty) in bits 0-30, bit 31
//                    set if the token is a word of its own (see
//                    GazetteerBuilder::AddWord), and the token's
//                    first-level node in the high half. The check word of a
//                    key of up to 10 letters, all in U+0621..U+064A (most
//                    Arabic words, once normalised), is the key itself, six
//                    bits a letter (letter k - U+0620 at bit 6k): a slot
//                    with the same word holds the same key, with no key
//                    chars read. Any other key's is 2^63 | its hash >> 1,
//                    and the key's chars are compared
//     trie           u32 words, one record per node; a node is the offset
//                    of its record (below 2^31), or, for a leaf that ends
//                    one entry's canonical name and nothing else, 2^31 +
//                    that entry, with no record: most nodes of a large
//                    gazetteer, whose reference then says all a walk needs.
//                    A record: (u32 terminal count, u32 edge slots), then
//                    its terminals, (u32 entry, u32 surface) per name
//                    ending there ((0xFFFFFFFF, 0) for a phrase of its own,
//                    see GazetteerBuilder::AddWord), then its edges, (u32
//                    token, u32 child node); where one entry's canonical
//                    name ends, and other names go on, the terminal count
//                    is 2^31 + that entry and no terminal follows. The
//                    edges are sorted by token if there are fewer than
//                    kHashedEdges slots, else they are an open-addressing
//                    table of a power-of-2 size at least twice their number
//                    (empty slots: token 0xFFFFFFFF), so that a frequent
//                    first word with thousands of continuations costs one
//                    probe, not a binary search of cache misses
//     word forms     per word of its own (AddWord) as written, by token
//                    id, and one past the last: (u32 token id, u32 offset
//                    of the form in word form chars); the last id is
//                    0xFFFFFFFF
//     word form chars the words as written, harakat, tatweel and
//                    presentation forms aside (see WrittenForm), UTF-32
//
// Each first-level node is followed by its subtree in depth-first order, so
// an edge always leads forward. A step of a walk reads one record: its
// names and its edges sit side by side, in one cache line for most nodes,
// and the next record's offset is in the edge itself, not in an array of
// node offsets. A node that only ends one name, most of them, costs just
// its parent's edge. Memory per name is about 14 bytes of trie (a million
// one- to three-word names), 4 of entry offset, and the name's own UTF-8
// bytes.
#include "kalima/gazetteer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <limits>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "internal/batch.h"
#include "internal/binary_io.h"
#include "internal/char_class.h"
#include "internal/char_table.h"
#include "internal/code_point_reader.h"
#include "internal/gazetteer_format.h"
#include "internal/gazetteer_tuning.h"
#include "internal/normalize_simd.h"
#include "internal/utf8.h"
#include "kalima/clitics.h"
#include "kalima/offset_map.h"
#include "kalima/parallel.h"
#include "kalima/tokenize.h"

// Asks the compiler to inline every call a function makes (see add_key).
#if defined(__GNUC__) || defined(__clang__)
#define KALIMA_FLATTEN __attribute__((flatten))
#else
#define KALIMA_FLATTEN
#endif
// Keeps a rarely taken check out of the hot loop that calls it.
#if defined(__GNUC__) || defined(__clang__)
#define KALIMA_NOINLINE __attribute__((noinline))
#else
#define KALIMA_NOINLINE
#endif

namespace kalima {
namespace {

constexpr uint32_t kNoId = std::numeric_limits<uint32_t>::max();
// Node references (see the format above) with this bit set, kNoId and
// kStepUnknown excepted, are leaves written in place: the entry whose
// canonical name ends there, and nothing else.
constexpr uint32_t kLeafFlag = 0x80000000;
constexpr uint32_t kStepUnknown = kNoId - 1;
// In a key slot's token half: the token is a word of its own (AddWord); the
// bits below it are the token id + 1.
constexpr uint32_t kWordFlag = 0x80000000;
// A terminal's entry where a phrase of its own (AddWord) ends, with surface
// 0: it takes part in leftmost-longest matching like a name, and gives no
// match.
constexpr uint32_t kPhrase = kNoId;
// The longest written form of a word of its own, in code points: a word of
// kMaxNameBytes whose ligatures spell more letters than their bytes (ﷲ).
constexpr size_t kMaxWrittenForm = 4 * kMaxNameBytes;

// 5: the layout of 4, with names cut as texts are since (a hashtag's # and
// words apart, underscores no tokens, compound spellings added): a file of
// 4 would silently miss those names, so it is refused and built again.
// 6: the layout of 4, with every joint of a compound name's heads spelt
// both ways (أبو عبدالله, أبوعبد الرحمن) and a presentation form's kashida
// inside its word: a file of 5 would miss those spellings.
// 7: the layout of 6, with the key slots' bit 31 marking words of their own,
// their written forms, and terminals for phrases of their own (AddWord): a
// file of 6 would read the bit as part of a token id.
// 8: the layout of 7, the checksum seeded with the header's flags (a file
// of 7 would fail it).
constexpr uint32_t kFormatVersion = 8;
constexpr size_t kHeaderSize = internal::kFileHeaderSize;
constexpr uint32_t kFlagClitics = 1;
// Set when names take no tanween: a file without it reads as before.
constexpr uint32_t kFlagNoTanween = 2;
// An index whose matching sections (trie, key slots, tokens, key chars) are
// larger than this has ReadTokens step ahead of the matcher (see there).
// Half a server core complex's last-level cache: on a 2-core EPYC VM with
// 32 MB of L3, stepping ahead made a 19 MB index 12% faster and a 2.5 MB
// one 8% slower. Tests lower it (internal/gazetteer_tuning.h).
std::atomic<size_t> eager_step_bytes{size_t{16} << 20};
// A serialised gazetteer this large has its checks made on several threads
// at once when it is read: thread start-up, tens of microseconds, is then
// under a hundredth of the checks' time (about 1.5 ms a megabyte). Tests
// change it (internal/gazetteer_tuning.h).
std::atomic<size_t> parallel_check_bytes{size_t{1} << 20};
// kGazetteerWindowUnits (see FindInWindows): working storage takes some 35
// bytes a code point read at once. Tests lower it
// (internal/gazetteer_tuning.h).
std::atomic<size_t> window_units{kGazetteerWindowUnits};
// Bytes of a key slot (check word, ids), and the size up to which the key
// slots are kept at most a quarter full (see Serialize): a few hundred KB,
// which stays in a core's L2 cache beside the rest of a small index.
constexpr size_t kKeySlotBytes = 2 * sizeof(uint64_t);
constexpr size_t kSparseKeySlotBytes = size_t{256} << 10;
// Nodes with this many children keep them in a hash table (see above).
constexpr size_t kHashedEdges = 32;

size_t EdgeSlot(uint32_t token, size_t mask) {
  return static_cast<size_t>((token * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

enum Section : uint32_t {
  kSwitches,
  kLabelOffsets,
  kLabelBytes,
  kEntryOffsets,
  kEntryRecords,
  kTokens,
  kKeyChars,
  kKeySlots,
  kTrie,
  kWordForms,
  kWordFormChars,
  kSectionCount,
};

// A proclitic run as the normalised text spells it, and whether the name it
// attaches to starts with the article it contains (لل = ل + ال).
struct CliticVariant {
  std::u32string surface;
  // Ends in the article (ال, وال, بال, لل...): the word after it cannot
  // start with another (الالكويت is no spelling of ال + الكويت).
  bool has_article = false;
  bool restores_article = false;
  // Ends in the preposition ل, which cannot precede a written ال (ل + ال is
  // لل, so لالقاهرة is no spelling of ل + القاهرة).
  bool ends_in_lam = false;
  // Where the article's alef is in `surface` (ال, وال, بال...), or npos (لل
  // writes none).
  size_t article_alef = std::u32string::npos;
};

// FNV-1a over a key's chars from the last to the first, so that one pass
// gives the hash of every suffix (the word without each run of proclitics).
// Stable across processes and builds (the table is saved with it).
constexpr uint64_t kHashSeed = 0xcbf29ce484222325ULL;
uint64_t HashStep(uint64_t h, char32_t c) { return (h ^ c) * 0x100000001b3ULL; }
uint64_t HashFinish(uint64_t h) { return h ^ (h >> 29); }
uint64_t HashKey(std::u32string_view key, size_t skip = std::u32string::npos) {
  uint64_t h = kHashSeed;
  for (size_t i = key.size(); i-- > 0;) {
    if (i != skip) h = HashStep(h, key[i]);
  }
  return HashFinish(h);
}

// A code point that UTF-8 can encode: no surrogate, none above U+10FFFF.
bool IsScalarValue(char32_t c) {
  return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

// A key's check word in its slot (see the format above).
constexpr size_t kPackedLetters = 10;
constexpr uint64_t kHashedCheck = uint64_t{1} << 63;
uint64_t CheckWord(std::u32string_view key, uint64_t hash) {
  if (!key.empty() && key.size() <= kPackedLetters) {
    uint64_t word = 0;
    size_t i = 0;
    for (; i < key.size(); ++i) {
      const uint32_t code = static_cast<uint32_t>(key[i]) - 0x0620;
      if (code - 1 >= 0x064A - 0x0620) break;
      word |= uint64_t{code} << (6 * i);
    }
    if (i == key.size()) return word;
  }
  return kHashedCheck | (hash >> 1);
}

// std::u32string_view's == compares char by char; keys are whole words.
bool SameKey(std::u32string_view a, std::u32string_view b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), a.size() * sizeof(char32_t)) == 0;
}

// Whether `key` starts with `prefix`, a run of a few letters (a clitic):
// compared in a loop, where std::equal or starts_with would call memcmp.
bool StartsWith(std::u32string_view key, std::u32string_view prefix) {
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (key[i] != prefix[i]) return false;
  }
  return true;
}

std::u32string_view Chars(std::span<const char32_t> chars,
                          std::span<const uint32_t> offsets, uint32_t id) {
  return std::u32string_view(chars.data() + offsets[id],
                             offsets[id + 1] - offsets[id]);
}

// ا, ٱ, or an alef with hamza or madda.
bool IsAlefForm(char32_t c) {
  return c == U'ا' || c == U'ٱ' || internal::IsAlefWithHamzaOrMadda(c);
}

// A letter that spells a vowel or seats a hamza: news write foreign names
// with more or fewer of them (كليفرلي, كلافرلي; بالتيمور, بولتيمور).
bool IsVowelLetter(char32_t c) {
  return IsAlefForm(c) || c == U'و' || c == U'ؤ' || c == U'ي' || c == U'ى' ||
         c == U'ئ';
}

// The sounds a consonant spells in transliterations, one bit each (g: ج غ;
// k, q; h, kh; t; s, th; z, dh; d): ز is both s and z (جيمس, جيمز). 0 for
// any other letter.
uint32_t SoundsOf(char32_t c) {
  static constexpr std::u32string_view kSounds[] = {
      U"جغ", U"قك", U"خحهة", U"تط", U"سصثز", U"زذظ", U"دض"};
  uint32_t sounds = 0;
  for (size_t k = 0; k < std::size(kSounds); ++k) {
    if (kSounds[k].find(c) != std::u32string_view::npos) sounds |= 1u << k;
  }
  return sounds;
}

// Whether `text` (a word of a text, differing from `name`) is `name` with
// one edit that a writer makes when spelling it: a vowel letter more or
// less, or one for another, inside the word (a first or last vowel is no
// spelling: يوروبا, جورجيو); a hamza on the line more or less past the
// first letter; an alef form for another, ى for ي; a consonant for one of
// the same sound; a final alef for teh marbuta or heh (سويسرا, سويسرة); or
// two neighbours swapped. Other edits mostly make another word, which is
// why they are refused: الماضي is not ألماتي, يومين not تيومين. The ي of
// a nisba ending is no letter to drop either (السعودة, Saudisation, is not
// السعودية).
bool SpellingVariant(std::u32string_view name, std::u32string_view text) {
  auto at_end = [](std::u32string_view word, size_t i) {
    return i + 1 == word.size();
  };
  auto one_more = [&](std::u32string_view shorter, std::u32string_view longer) {
    size_t i = 0;
    while (i < shorter.size() && shorter[i] == longer[i]) ++i;
    if (shorter.substr(i) != longer.substr(i + 1)) return false;
    const char32_t extra = longer[i];
    if (i == 0) return false;
    // A hamza on the line is dropped last too (البيضا for البيضاء).
    if (extra == U'ء') return true;
    if (at_end(longer, i) || !IsVowelLetter(extra)) return false;
    const bool nisba_yeh = extra == U'ي' && i + 2 == longer.size() &&
                           (longer[i + 1] == U'ة' || longer[i + 1] == U'ه');
    return !nisba_yeh;
  };
  if (text.size() + 1 == name.size()) return one_more(text, name);
  if (name.size() + 1 == text.size()) return one_more(name, text);
  if (name.size() != text.size()) return false;
  size_t i = 0;
  while (i < name.size() && name[i] == text[i]) ++i;
  if (i == name.size()) return false;
  if (name.substr(i + 1) == text.substr(i + 1)) {
    const char32_t a = name[i], b = text[i];
    if (IsAlefForm(a) && IsAlefForm(b)) return true;
    if ((a == U'ي' || a == U'ى') && (b == U'ي' || b == U'ى')) return true;
    if ((SoundsOf(a) & SoundsOf(b)) != 0) return true;
    if (i > 0 && !at_end(name, i) && IsVowelLetter(a) && IsVowelLetter(b)) {
      return true;
    }
    const auto final_alef_or_teh = [](char32_t c) {
      return c == U'ا' || c == U'ة' || c == U'ه';
    };
    return at_end(name, i) && final_alef_or_teh(a) && final_alef_or_teh(b);
  }
  return i + 1 < name.size() && name[i] == text[i + 1] &&
         name[i + 1] == text[i] && name.substr(i + 2) == text.substr(i + 2);
}

std::vector<CliticVariant> MakeVariants(const Normalizer& normalizer) {
  std::vector<CliticVariant> out;
  for (const ProcliticSequence& seq : ProcliticSequences()) {
    // The future marker attaches to verbs, never to names (سجدة is no
    // س + جدة).
    if (std::any_of(
            seq.clitics.begin(), seq.clitics.begin() + seq.size,
            [](const Clitic& c) { return c.role == CliticRole::kFuture; })) {
      continue;
    }
    CliticVariant v;
    if (!normalizer
             .NormalizeCodePoints(std::span<const char32_t>(seq.surface),
                                  &v.surface)
             .ok()) {
      continue;
    }
    v.has_article = seq.has_article();
    v.restores_article =
        seq.has_article() && seq.clitics[seq.size - 1].surface == U"ل";
    v.ends_in_lam =
        !seq.has_article() &&
        seq.clitics[seq.size - 1].role == CliticRole::kPreposition &&
        seq.clitics[seq.size - 1].surface == U"ل";
    if (v.has_article && !v.restores_article && v.surface.size() >= 2 &&
        v.surface.ends_with(U"ال")) {
      v.article_alef = v.surface.size() - 2;
    }
    out.push_back(std::move(v));
  }
  // Shorter runs first, so that of two equally long matches the one with
  // less taken for clitics wins (و + السودان before وال + سودان).
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.surface.size() < b.surface.size();
  });
  return out;
}

absl::Status FormatError(std::string_view source, std::string_view problem) {
  return internal::FileError("gazetteer", source, problem);
}

// One entry record, parsed.
struct Record {
  uint32_t label = 0;
  std::string_view name;
  std::string_view id;
  uint32_t alias_count = 0;
  internal::Reader aliases{std::string_view()};
};

bool ParseRecord(std::string_view bytes, Record* r) {
  internal::Reader in(bytes);
  uint64_t label = 0, size = 0, count = 0;
  if (!in.Varint(&label) || label > kNoId || !in.Varint(&size) ||
      !in.Bytes(size, &r->name) || !in.Varint(&size) ||
      !in.Bytes(size, &r->id) || !in.Varint(&count) || count > kNoId) {
    return false;
  }
  r->label = static_cast<uint32_t>(label);
  r->alias_count = static_cast<uint32_t>(count);
  r->aliases = in;
  return true;
}

bool NextAlias(internal::Reader* in, std::string_view* alias) {
  uint64_t size = 0;
  return in->Varint(&size) && in->Bytes(size, alias);
}

}  // namespace

struct Gazetteer::Index {
  // Keeps `bytes` alive: a std::string or a memory mapping.
  std::shared_ptr<const void> owner;
  std::string_view bytes;
  Normalizer normalizer;
  // The normaliser's per-code-point table, which folds most tokens of a
  // text one code point at a time (see FoldToken).
  std::shared_ptr<const internal::CharTable> fold_table;
  bool clitics = true;
  bool tanween = true;  // GazetteerBuilderOptions::tanween.
  std::vector<CliticVariant> variants;
  // The variants by their first letter, in order: most words start with
  // none, and need no comparison at all. Arabic letters (U+0600 + k) have a
  // list each; any other first letter shares `other_variants` (empty with
  // the clitics of clitics.h, which are all Arabic).
  std::array<std::vector<uint8_t>, 128> variants_by_letter;
  std::vector<uint8_t> other_variants;

  // For telling a one-word name from the adjective it also spells (see
  // Matcher::AdjectiveOfWordBefore and IsNisbaOf): the nisba ending ية, teh
  // marbuta, and the words with the article that are no noun an adjective
  // could follow (relative pronouns; اليوم and the days, which news put
  // between a verb and its subject), as the normaliser writes them.
  std::u32string nisba_ending;
  std::u32string feminine_ending;
  std::vector<std::u32string> definite_non_nouns;

  // Whether `word` is a nisba adjective of `key`, one edit apart but no
  // misspelling of it: the name and ي (طرابلسي), or its stem, less a final
  // alef or teh marbuta, with ي (أوروبي, أميركي; أميركيا), or, where the stem
  // ends in ي, alone (السعودي, إيطالي) or with teh marbuta (إيطالية, ليبية).
  bool IsNisbaOf(std::u32string_view word, std::u32string_view key) const {
    auto is = [&](std::u32string_view stem, std::u32string_view ending) {
      return word.size() == stem.size() + ending.size() &&
             StartsWith(word, stem) && word.substr(stem.size()) == ending;
    };
    if (is(key, U"ي")) return true;
    std::u32string_view stem = key;
    if (key.ends_with(U'ا')) {
      stem.remove_suffix(1);
    } else if (!feminine_ending.empty() && key.ends_with(feminine_ending)) {
      stem.remove_suffix(feminine_ending.size());
    } else {
      return false;
    }
    // A stem ending in ي is the masculine adjective itself (إيطالي). The
    // adjective of a name ending in alef may carry its accusative alef
    // (مواطنا أميركيا).
    if (!stem.ends_with(U'ي')) {
      return is(stem, U"ي") || (key.ends_with(U'ا') && is(stem, U"يا"));
    }
    return is(stem, U"") ||
           (!feminine_ending.empty() && is(stem, feminine_ending));
  }

  static bool InBlock(char32_t c) { return c >= 0x0600 && c < 0x0680; }
  void IndexVariants() {
    for (size_t k = 0; k < variants.size(); ++k) {
      if (variants[k].surface.empty()) continue;  // Normalised to nothing.
      const char32_t first = variants[k].surface.front();
      (InBlock(first) ? variants_by_letter[first - 0x0600] : other_variants)
          .push_back(static_cast<uint8_t>(k));
    }
  }
  std::span<const uint8_t> VariantsBefore(std::u32string_view key) const {
    if (key.empty()) return {};
    return InBlock(key.front()) ? variants_by_letter[key.front() - 0x0600]
                                : other_variants;
  }

  std::span<const uint32_t> label_offsets;
  std::string_view label_bytes;
  std::span<const uint32_t> entry_offsets;
  std::string_view entry_records;
  // (key offset, first node) per token and one past the last.
  std::span<const uint32_t> tokens;
  std::span<const char32_t> key_chars;
  std::span<const uint64_t> key_slots;
  std::span<const uint32_t> trie;  // Node records (see the format above).
  // (token id, offset) per written form of a word of its own, and one past
  // the last (see the format above).
  std::span<const uint32_t> word_forms;
  std::span<const char32_t> word_form_chars;
  // Whether ReadTokens takes every walk's first step ahead of the matcher
  // (see there): for an index whose sections read while matching take more
  // than eager_step_bytes.
  bool eager_steps = false;

  // Made when the index is read, for an index without eager_steps (see
  // ReadTokens): per token id, whether a name (or phrase) ends at its first
  // node; and a blocked Bloom filter (two bits in one word) of the (first
  // token, second token) pairs that begin a name of two tokens or more,
  // about a byte an edge slot. A start whose first node ends no name, and
  // whose first step the filter refuses, gives no candidate: the matcher
  // then reads neither its node nor its edges.
  std::vector<uint64_t> names_at_first;
  std::vector<uint64_t> step_filter;
  int step_filter_shift = 64;
  static uint64_t StepHash(uint32_t id, uint32_t next) {
    uint64_t h = (uint64_t{id} << 32 | next) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 31);
  }
  // Two bits of one word, from bits the word's index does not use.
  static uint64_t StepBits(uint64_t h) {
    return (uint64_t{1} << (h & 63)) | (uint64_t{1} << ((h >> 6) & 63));
  }
  bool MayStep(uint32_t id, uint32_t next) const {
    const uint64_t h = StepHash(id, next);
    const uint64_t bits = StepBits(h);
    return (step_filter[h >> step_filter_shift] & bits) == bits;
  }
  bool NamesAtFirst(uint32_t id) const {
    return (names_at_first[id / 64] >> (id % 64)) & 1;
  }
  void BuildStepFilter();

  // For max_edits: every key of kMinFuzzyWordLetters letters or more (a
  // leading ال not counted), under its hash and the hashes of it with one
  // letter deleted. Built on first use (most callers never ask for it).
  size_t longest_key = 0;
  mutable std::once_flag fuzzy_once;
  mutable absl::flat_hash_map<uint64_t, std::pair<uint32_t, uint32_t>>
      fuzzy_ranges;  // hash -> [begin, end) in fuzzy_ids.
  mutable std::vector<uint32_t> fuzzy_ids;

  size_t token_count() const { return tokens.size() / 2 - 1; }
  size_t entry_count() const { return entry_offsets.size() - 1; }

  std::u32string_view Key(uint32_t id) const {
    const uint32_t begin = tokens[2 * size_t{id}];
    return std::u32string_view(key_chars.data() + begin,
                               tokens[2 * size_t{id} + 2] - begin);
  }
  // Where a walk from a name's first token `id` starts, or kNoId.
  uint32_t FirstNode(uint32_t id) const { return tokens[2 * size_t{id} + 1]; }
  // The key slots: (check word, id + 1 | first node << 32) per slot.
  size_t slot_count() const { return key_slots.size() / 2; }
  // The id of `key` (kNoId if none), where a walk from it starts, and
  // whether it is a word of its own (see GazetteerBuilder::AddWord): its
  // slot's token half as is, one word, which comes back in a register (a
  // struct of three fields came back through memory, and the stall reading
  // it back cost the stress case 5%).
  struct KeyHit {
    uint64_t ids = uint64_t{kNoId} << 32;  // Not found: no id, no node.
    uint32_t id() const {
      return (static_cast<uint32_t>(ids) & ~kWordFlag) - 1;
    }
    uint32_t first_node() const { return static_cast<uint32_t>(ids >> 32); }
    bool word() const { return (static_cast<uint32_t>(ids) & kWordFlag) != 0; }
  };
  KeyHit Find(std::u32string_view key, uint64_t hash) const {
    const size_t mask = slot_count() - 1;
    size_t slot = hash & mask;
    // Most readings of most texts are no key: their slot is empty, and
    // their check word is never made.
    if (key_slots[2 * slot + 1] == 0) return {};
    const uint64_t check = CheckWord(key, hash);
    for (;; slot = (slot + 1) & mask) {
      const uint64_t ids = key_slots[2 * slot + 1];
      if (ids == 0) return {};
      const auto id = (static_cast<uint32_t>(ids) & ~kWordFlag) - 1;
      // A packed check word is the key: only a hashed one needs its chars.
      if (key_slots[2 * slot] == check &&
          (check < kHashedCheck || SameKey(Key(id), key))) {
        return {ids};
      }
    }
  }
  uint32_t Id(std::u32string_view key) const { return Id(key, HashKey(key)); }
  uint32_t Id(std::u32string_view key, uint64_t hash) const {
    return Find(key, hash).id();
  }
  // Calls form(id, written) for each written form of a word of its own, in
  // token id order.
  template <typename Form>
  void ForEachWordForm(Form&& form) const {
    for (size_t k = 0; k + 3 < word_forms.size(); k += 2) {
      form(word_forms[k],
           std::u32string_view(word_form_chars.data() + word_forms[k + 1],
                               word_forms[k + 3] - word_forms[k + 1]));
    }
  }
  // Whether the word of its own `id` was added written as `written`.
  bool WordWrittenAs(uint32_t id, std::u32string_view written) const {
    const size_t forms = word_forms.size() / 2 - 1;
    size_t f = 0, end = forms;
    while (f < end) {  // The first form of `id`.
      const size_t mid = (f + end) / 2;
      if (word_forms[2 * mid] < id) {
        f = mid + 1;
      } else {
        end = mid;
      }
    }
    for (; f < forms && word_forms[2 * f] == id; ++f) {
      const std::u32string_view form(
          word_form_chars.data() + word_forms[2 * f + 1],
          word_forms[2 * f + 3] - word_forms[2 * f + 1]);
      if (SameKey(form, written)) return true;
    }
    return false;
  }
  // Per token id, whether it is a word of its own (AddWord).
  std::vector<bool> WordTokens() const {
    std::vector<bool> out(token_count(), false);
    for (size_t slot = 0; slot < slot_count(); ++slot) {
      const auto ids = static_cast<uint32_t>(key_slots[2 * slot + 1]);
      if ((ids & kWordFlag) != 0) out[(ids & ~kWordFlag) - 1] = true;
    }
    return out;
  }
  // Whether no key of this hash is in the table (one load, no check word).
  bool SlotEmpty(uint64_t hash) const {
    return key_slots[2 * (hash & (slot_count() - 1)) + 1] == 0;
  }
  // Starts loading the slot where a key of this hash is, for a Find to come.
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(&key_slots[2 * (hash & (slot_count() - 1))]);
  }

  // Whether a node reference is a leaf written in place (no record), and
  // its entry.
  static bool IsLeaf(uint32_t node) {
    return node >= kLeafFlag && node < kStepUnknown;
  }
  static uint32_t LeafEntry(uint32_t node) { return node & ~kLeafFlag; }
  // Calls name(entry, surface) for each name ending at `node`.
  template <typename Name>
  void ForEachName(uint32_t node, Name&& name) const {
    if (IsLeaf(node)) {
      name(LeafEntry(node), uint32_t{0});
      return;
    }
    const uint32_t head = trie[node];
    if (head >= kLeafFlag) {
      name(LeafEntry(head), uint32_t{0});
      return;
    }
    const uint32_t* names = trie.data() + node + 2;
    for (uint32_t t = 0; t < head; ++t) {
      name(names[2 * t], names[2 * t + 1]);
    }
  }
  // Calls name(entry, surface, path) for every name and phrase, `path` its
  // token ids, depth first from each first-level node (validated as a forest
  // at most kMaxNameTokens deep).
  template <typename Name>
  void ForEachNamePath(Name&& name) const {
    struct Visit {
      uint32_t node, depth, token;
    };
    std::vector<Visit> stack;
    std::vector<uint32_t> path;
    for (uint32_t id = 0; id < token_count(); ++id) {
      const uint32_t first = FirstNode(id);
      if (first == kNoId) continue;
      stack.push_back({first, 1, id});
      while (!stack.empty()) {
        const Visit v = stack.back();
        stack.pop_back();
        path.resize(v.depth);
        path.back() = v.token;
        ForEachName(v.node, [&](uint32_t entry, uint32_t surface) {
          name(entry, surface, std::span<const uint32_t>(path));
        });
        if (IsLeaf(v.node)) continue;
        const uint32_t* edge = edges(v.node);
        for (uint32_t e = 0; e < edge_slots(v.node); ++e) {
          if (edge[2 * e] == kNoId) continue;  // An empty table slot.
          stack.push_back({edge[2 * e + 1], v.depth + 1, edge[2 * e]});
        }
      }
    }
  }
  // The words of (entry, surface) pairs after a record's header, given the
  // header's first word.
  static size_t NameWords(uint32_t head) {
    return head >= kLeafFlag ? 0 : 2 * size_t{head};
  }
  // A node's record (not a leaf's): its edges, as (token, child) pairs.
  uint32_t edge_slots(uint32_t node) const { return trie[node + 1]; }
  const uint32_t* edges(uint32_t node) const {
    return trie.data() + node + 2 + NameWords(trie[node]);
  }
  uint32_t Child(uint32_t node, uint32_t token) const {
    if (IsLeaf(node)) return kNoId;
    const uint32_t* first = edges(node);
    const size_t count = edge_slots(node);
    if (count >= kHashedEdges) {
      for (size_t slot = EdgeSlot(token, count - 1);;
           slot = (slot + 1) & (count - 1)) {
        if (first[2 * slot] == token) return first[2 * slot + 1];
        if (first[2 * slot] == kNoId) return kNoId;
      }
    }
    // The last edge not past `token`, found without branching on the data
    // (a branch on which half to keep is mispredicted half the time), and
    // within the edges whatever their order.
    if (count == 0) return kNoId;
    const uint32_t* base = first;
    for (size_t n = count; n > 1;) {
      const size_t half = n / 2;
      base = base[2 * half] <= token ? base + 2 * half : base;
      n -= half;
    }
    return base[0] == token ? base[1] : kNoId;
  }
  // Starts loading a node's record: its header and first names and edges.
  void PrefetchNode(uint32_t node) const {
    if (!IsLeaf(node)) __builtin_prefetch(&trie[node]);
  }
  Record RecordOf(uint32_t entry) const {
    Record r;
    ParseRecord(
        entry_records.substr(entry_offsets[entry],
                             entry_offsets[entry + 1] - entry_offsets[entry]),
        &r);  // Validated when the buffer was read.
    return r;
  }
  std::string_view Label(uint32_t label) const {
    return label_bytes.substr(label_offsets[label],
                              label_offsets[label + 1] - label_offsets[label]);
  }

  void BuildFuzzy() const;
  // Key ids one edit from `key` (never `key` itself), appended to `out`.
  void FuzzyNeighbours(std::u32string_view key,
                       std::vector<uint32_t>* out) const;
};

void Gazetteer::Index::BuildStepFilter() {
  const size_t ids = token_count();
  names_at_first.assign(ids / 64 + 1, 0);
  size_t pairs = 0;
  for (uint32_t id = 0; id < ids; ++id) {
    const uint32_t node = FirstNode(id);
    if (node == kNoId) continue;
    if (IsLeaf(node) || trie[node] != 0) {
      names_at_first[id / 64] |= uint64_t{1} << (id % 64);
    }
    if (!IsLeaf(node)) pairs += edge_slots(node);
  }
  // About 8 bits an edge slot (a hashed node's empty slots counted too,
  // so a pair has more): 2 to 5% of steps that are no pair pass.
  size_t words = 2;
  while (words * 64 < 8 * pairs) words *= 2;
  step_filter.assign(words, 0);
  step_filter_shift = 64 - std::countr_zero(words);
  for (uint32_t id = 0; id < ids; ++id) {
    const uint32_t node = FirstNode(id);
    if (node == kNoId || IsLeaf(node)) continue;
    const uint32_t* edge = edges(node);
    for (uint32_t e = 0; e < edge_slots(node); ++e) {
      if (edge[2 * e] == kNoId) continue;  // An empty table slot.
      const uint64_t h = StepHash(id, edge[2 * e]);
      step_filter[h >> step_filter_shift] |= StepBits(h);
    }
  }
}

void Gazetteer::Index::BuildFuzzy() const {
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  for (uint32_t id = 0; id < token_count(); ++id) {
    const std::u32string_view key = Key(id);
    // A leading ال, an article or a hamza and lam folded alike, is not
    // counted: التي is no spelling of آلتاي.
    const size_t article = key.starts_with(U"ال") ? 2 : 0;
    if (key.size() < kMinFuzzyWordLetters + article) continue;
    pairs.emplace_back(HashKey(key), id);
    for (size_t skip = 0; skip < key.size(); ++skip) {
      pairs.emplace_back(HashKey(key, skip), id);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  fuzzy_ids.reserve(pairs.size());
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j].first == pairs[i].first) {
      fuzzy_ids.push_back(pairs[j++].second);
    }
    fuzzy_ranges.emplace(pairs[i].first, std::pair<uint32_t, uint32_t>(i, j));
    i = j;
  }
}

void Gazetteer::Index::FuzzyNeighbours(std::u32string_view key,
                                       std::vector<uint32_t>* out) const {
  // The text's word, too, must have kMinFuzzyWordLetters; no key is within
  // one edit of a word two letters longer than the longest.
  if (key.size() < kMinFuzzyWordLetters || key.size() > longest_key + 1) {
    return;
  }
  std::call_once(fuzzy_once, [this] { BuildFuzzy(); });
  const size_t first = out->size();
  auto probe = [&](uint64_t hash) {
    auto it = fuzzy_ranges.find(hash);
    if (it == fuzzy_ranges.end()) return;
    for (uint32_t i = it->second.first; i < it->second.second; ++i) {
      const uint32_t id = fuzzy_ids[i];
      const std::u32string_view candidate = Key(id);
      if (candidate != key && SpellingVariant(candidate, key) &&
          !IsNisbaOf(key, candidate) &&
          std::find(out->begin() + first, out->end(), id) == out->end()) {
        out->push_back(id);
      }
    }
  };
  probe(HashKey(key));
  for (size_t skip = 0; skip < key.size(); ++skip) probe(HashKey(key, skip));
}

namespace {

// Built from hashes at most half full, an open-addressing table has runs
// of a few dozen occupied slots; a longer run is made on purpose, and every
// lookup crossing it would walk it.
constexpr size_t kMaxProbeRun = 4096;
constexpr size_t kNoSlot = std::numeric_limits<size_t>::max();

// Whether an open-addressing table of `size` slots (a power of 2, one empty
// at least) has no run of occupied slots longer than kMaxProbeRun and
// every entry where a probe from its home slot reaches it. occupied(slot);
// home(slot): where the probe for the entry in `slot` starts (kNoSlot: no
// probe finds it). Linear, whatever the bytes: crafted clusters cost no
// more to check than a good table.
template <typename Occupied, typename Home>
bool EveryEntryReachable(size_t size, Occupied&& occupied, Home&& home) {
  size_t empty = 0;
  while (empty < size && occupied(empty)) ++empty;
  if (empty == size) return false;
  // Walk once around from the empty slot, `run` counting the occupied
  // slots since the last empty one: a probe from home h reaches slot p iff
  // no empty slot lies between them, i.e. h is among the run's slots up to
  // p.
  size_t run = 0;
  for (size_t step = 1; step <= size; ++step) {
    const size_t slot = (empty + step) & (size - 1);
    if (!occupied(slot)) {
      run = 0;
      continue;
    }
    if (++run > kMaxProbeRun) return false;
    const size_t from = home(slot);
    if (from == kNoSlot || ((slot - from) & (size - 1)) >= run) return false;
  }
  return true;
}

absl::Status ChecksumMismatch(std::string_view source) {
  return FormatError(source, "checksum mismatch (the file is corrupt)");
}

// The token table (each token where a probe from its hash finds it, under
// its own check word, no key twice) and the words' written forms. Sets the
// index's longest_key.
absl::Status CheckTokens(std::string_view source, Gazetteer::Index* index) {
  const size_t tokens = index->token_count();
  const size_t slots = index->slot_count();
  auto slot_ids = [&](size_t slot) { return index->key_slots[2 * slot + 1]; };
  // At most half full, as built (a fuller table would make every unknown
  // word probe long); every slot empty (all zero) or naming a token.
  size_t occupied = 0;
  bool slots_ok = slots >= 2 * tokens + 1 && (slots & (slots - 1)) == 0 &&
                  tokens < kWordFlag - 1;
  for (size_t slot = 0; slots_ok && slot < slots; ++slot) {
    const uint64_t ids = slot_ids(slot);
    if (ids == 0) {
      slots_ok = index->key_slots[2 * slot] == 0;
      continue;
    }
    ++occupied;
    const auto id_plus_one = static_cast<uint32_t>(ids) & ~kWordFlag;
    slots_ok =
        id_plus_one != 0 && id_plus_one <= tokens &&
        static_cast<uint32_t>(ids >> 32) == index->FirstNode(id_plus_one - 1);
  }
  if (!slots_ok || occupied != tokens) {
    return FormatError(source, "token table does not fit the tokens");
  }
  // The words' written forms: by token id, each a word of its own, every
  // such word with one at least, each form non-empty and in bounds.
  {
    const std::span<const uint32_t> forms = index->word_forms;
    const std::vector<bool> is_word = index->WordTokens();
    std::vector<bool> has_form(tokens, false);
    bool forms_ok = forms.size() >= 2 && forms[forms.size() - 2] == kNoId &&
                    forms[1] == 0 &&
                    forms.back() == index->word_form_chars.size();
    for (size_t k = 0; forms_ok && k + 2 < forms.size(); k += 2) {
      const uint32_t id = forms[k];
      forms_ok = id < tokens && is_word[id] && (k == 0 || forms[k - 2] <= id) &&
                 forms[k + 1] < forms[k + 3] &&
                 forms[k + 3] - forms[k + 1] <= kMaxWrittenForm;
      if (forms_ok) has_form[id] = true;
    }
    for (char32_t c : index->word_form_chars) {
      forms_ok = forms_ok && IsScalarValue(c);
    }
    if (!forms_ok || has_form != is_word) {
      return FormatError(source, "words' written forms do not fit the tokens");
    }
  }
  // Keys are handed out as text (a phrase's in words()).
  if (!std::all_of(index->key_chars.begin(), index->key_chars.end(),
                   IsScalarValue)) {
    return FormatError(source, "a token's key is not text");
  }
  // Each token is found where it is, under its own id and check word: a
  // probe from its hash reaches it, and no two tokens are the same key.
  // None is longer than a name can be.
  std::vector<std::pair<uint64_t, uint32_t>> hashes(tokens);
  for (uint32_t id = 0; id < tokens; ++id) {
    const std::u32string_view key = index->Key(id);
    if (key.size() > kMaxNameBytes) {
      return FormatError(source, "token table does not fit the tokens");
    }
    hashes[id] = {HashKey(key), id};
    index->longest_key = std::max(index->longest_key, key.size());
  }
  std::vector<uint8_t> slotted(tokens, 0);  // Each id in one slot only.
  const bool reachable = EveryEntryReachable(
      slots, [&](size_t slot) { return slot_ids(slot) != 0; },
      [&](size_t slot) {
        const uint32_t id =
            (static_cast<uint32_t>(slot_ids(slot)) & ~kWordFlag) - 1;
        const uint64_t hash = hashes[id].first;
        if (slotted[id] ||
            index->key_slots[2 * slot] != CheckWord(index->Key(id), hash)) {
          return kNoSlot;
        }
        slotted[id] = 1;
        return static_cast<size_t>(hash & (slots - 1));
      });
  std::sort(hashes.begin(), hashes.end());
  for (size_t k = 1; reachable && k < hashes.size(); ++k) {
    if (hashes[k].first == hashes[k - 1].first &&
        SameKey(index->Key(hashes[k].second),
                index->Key(hashes[k - 1].second))) {
      return FormatError(source, "token table names a key twice");
    }
  }
  if (!reachable) {
    return FormatError(source, "token table does not fit the tokens");
  }
  return absl::OkStatus();
}

// The trie: records end to end, a forest of trees whose names are entries.
absl::Status CheckTrie(std::string_view source, const Gazetteer::Index* index) {
  const size_t tokens = index->token_count();
  // The records, one after another to the trie's end: each within it.
  const std::span<const uint32_t> trie = index->trie;
  if (trie.size() > kLeafFlag) {
    return FormatError(source, "trie arrays do not fit together");
  }
  const size_t entries = index->entry_count();
  // Per word: 0 inside a record, else 1 + the depth of the node starting
  // there (kUnreached until an edge leads to it).
  constexpr uint8_t kInside = 0, kUnreached = 1;
  std::vector<uint8_t> depth(trie.size(), kInside);
  for (size_t node = 0; node < trie.size();) {
    const size_t words = trie.size() - node;
    const size_t names =
        words < 2 ? 0 : Gazetteer::Index::NameWords(trie[node]);
    if (words < 2 || words - 2 < names ||
        (words - 2 - names) / 2 < size_t{trie[node + 1]}) {
      return FormatError(source, "trie arrays do not fit together");
    }
    depth[node] = kUnreached;
    node += 2 + names + 2 * size_t{trie[node + 1]};
  }
  // A forest of trees: each first-level node belongs to one token, every
  // deeper node has one parent, before it, and lies at most kMaxNameTokens
  // deep (so walks end and a builder can rebuild the names' paths).
  for (uint32_t id = 0; id < tokens; ++id) {
    const uint32_t node = index->FirstNode(id);
    if (node == kNoId) continue;
    if (Gazetteer::Index::IsLeaf(node)) {
      if (Gazetteer::Index::LeafEntry(node) >= entries) {
        return FormatError(source, "a name ends in a missing entry");
      }
      continue;
    }
    if (node >= trie.size() || depth[node] != kUnreached) {
      return FormatError(source, "a token leads out of the tree");
    }
    depth[node] = kUnreached + 1;
  }
  if (index->FirstNode(static_cast<uint32_t>(tokens)) != kNoId) {
    return FormatError(source, "a token leads out of the tree");
  }
  for (size_t n = 0; n < trie.size();) {
    const auto node = static_cast<uint32_t>(n);
    n += 2 + Gazetteer::Index::NameWords(trie[node]) +
         2 * size_t{index->edge_slots(node)};
    if (depth[node] == kUnreached) {
      return FormatError(source, "a node no edge leads to");
    }
    bool named = true;
    index->ForEachName(node, [&](uint32_t entry, uint32_t surface) {
      named = named && (entry < entries || (entry == kPhrase && surface == 0));
    });
    if (!named) {
      return FormatError(source, "a name ends in a missing entry");
    }
    const uint32_t* edges = index->edges(node);
    const size_t count = index->edge_slots(node);
    const bool hashed = count >= kHashedEdges;
    size_t empty = 0;
    for (size_t e = 0; e < count; ++e) {
      const uint32_t token = edges[2 * e];
      const uint32_t child = edges[2 * e + 1];
      if (hashed && token == kNoId) {
        ++empty;
        continue;
      }
      const bool leaf = Gazetteer::Index::IsLeaf(child);
      if (token >= tokens || depth[node] >= kUnreached + kMaxNameTokens ||
          (!leaf && (child <= node || child >= trie.size() ||
                     depth[child] != kUnreached))) {
        return FormatError(source, "an edge leads out of the tree");
      }
      if (leaf && Gazetteer::Index::LeafEntry(child) >= entries) {
        return FormatError(source, "a name ends in a missing entry");
      }
      // A sorted range strictly increases, for the binary search.
      if (!hashed && e > 0 && edges[2 * (e - 1)] >= token) {
        return FormatError(source, "a node's edges are out of order");
      }
      if (!leaf) depth[child] = static_cast<uint8_t>(depth[node] + 1);
    }
    if (!hashed) continue;
    // A table: a power-of-2 size, at least half empty (so probes end, and
    // soon), and each edge where a probe for its token finds it. (A token
    // twice in one table would leave the second child's names unmatched,
    // which is harmless: the child is still checked as part of the tree.)
    if ((count & (count - 1)) != 0 || 2 * empty < count ||
        !EveryEntryReachable(
            count, [&](size_t e) { return edges[2 * e] != kNoId; },
            [&](size_t e) { return EdgeSlot(edges[2 * e], count - 1); })) {
      return FormatError(source, "a node's edge table is malformed");
    }
  }
  return absl::OkStatus();
}

// The entries' records and the labels: well formed, and text.
absl::Status CheckEntries(std::string_view source,
                          const Gazetteer::Index* index) {
  const size_t entries = index->entry_count();
  const size_t labels = index->label_offsets.size() - 1;
  bool one_byte_varints = true;
  for (uint32_t e = 0; e < entries; ++e) {
    Record r;
    bool fine =
        ParseRecord(index->entry_records.substr(
                        index->entry_offsets[e],
                        index->entry_offsets[e + 1] - index->entry_offsets[e]),
                    &r) &&
        r.label < labels;
    std::string_view alias;
    size_t string_bytes = r.name.size() + r.id.size();
    for (uint32_t k = 0; fine && k < r.alias_count; ++k) {
      fine = NextAlias(&r.aliases, &alias);
      string_bytes += alias.size();
    }
    if (!fine || !r.aliases.done()) {
      return FormatError(source, absl::StrCat("entry ", e, " is corrupt"));
    }
    // Label, name length, id length, alias count, and a length per alias.
    const size_t varints = 4 + size_t{r.alias_count};
    one_byte_varints =
        one_byte_varints &&
        index->entry_offsets[e + 1] - index->entry_offsets[e] - string_bytes ==
            varints;
  }
  // The entries' strings are handed out as they are, so they must be text.
  // Records lie end to end, and in most files every varint of them is one
  // byte, an ASCII character: then the section is UTF-8 exactly when each
  // string is, and is checked at once. Else, or if it is not, string by
  // string, to name the entry.
  if (!one_byte_varints || !internal::IsValidUtf8(index->entry_records)) {
    for (uint32_t e = 0; e < entries; ++e) {
      Record r = index->RecordOf(e);
      bool text = internal::IsValidUtf8(r.name) && internal::IsValidUtf8(r.id);
      std::string_view alias;
      while (text && NextAlias(&r.aliases, &alias)) {
        text = internal::IsValidUtf8(alias);
      }
      if (!text) {
        return FormatError(source, absl::StrCat("entry ", e, " is corrupt"));
      }
    }
  }
  for (size_t label = 0; label < labels; ++label) {
    if (!internal::IsValidUtf8(index->Label(static_cast<uint32_t>(label)))) {
      return FormatError(source, absl::StrCat("label ", label, " is corrupt"));
    }
  }
  return absl::OkStatus();
}

// Reads and checks a serialised gazetteer: after this, lookups stay in
// bounds whatever the bytes were.
absl::Status ReadIndex(std::string_view source, Gazetteer::Index* index) {
  const std::string_view bytes = index->bytes;
  absl::StatusOr<internal::FileHeader> header = internal::ReadFileHeader(
      bytes, internal::kGazetteerMagic, kFormatVersion, "gazetteer", source);
  if (!header.ok()) return header.status();
  const uint32_t flags = header->flags;
  auto checksum_matches = [&] {
    return internal::FastChecksum64(header->payload, flags) == header->checksum;
  };
  // A corrupt file is reported as such, whatever else is wrong with it.
  auto failed = [&](absl::Status status) {
    return checksum_matches() ? status : ChecksumMismatch(source);
  };
  if ((flags & ~(kFlagClitics | kFlagNoTanween)) != 0) {
    return failed(FormatError(source, "unknown flags in the header"));
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % alignof(uint32_t) != 0) {
    return absl::InternalError("gazetteer buffer is not aligned");
  }
  index->clitics = (flags & kFlagClitics) != 0;
  index->tanween = (flags & kFlagNoTanween) == 0;

  internal::Reader table(bytes.substr(kHeaderSize));
  uint32_t count = 0, zero = 0;
  if (!table.U32(&count) || !table.U32(&zero) || count != kSectionCount) {
    return failed(FormatError(source, "unexpected section table"));
  }
  std::string_view sections[kSectionCount];
  for (uint32_t i = 0; i < kSectionCount; ++i) {
    uint64_t offset = 0, length = 0;
    if (!table.U64(&offset) || !table.U64(&length) || offset % 8 != 0 ||
        offset > bytes.size() || length > bytes.size() - offset) {
      return failed(
          FormatError(source, absl::StrCat("section ", i, " out of bounds")));
    }
    sections[i] = bytes.substr(offset, length);
  }
  bool ok = true;
  auto u32s = [&](Section s) {
    if (sections[s].size() % 4 != 0) ok = false;
    return std::span<const uint32_t>(
        reinterpret_cast<const uint32_t*>(sections[s].data()),
        sections[s].size() / 4);
  };
  auto pairs = [&](Section s) {
    if (sections[s].size() % 8 != 0) ok = false;
    return u32s(s).first(sections[s].size() / 8 * 2);
  };
  // Offsets into a pool of `pool_size` units, every `stride`-th word of
  // `words`: from 0, never decreasing, to the pool's end.
  auto offsets_ok = [](std::span<const uint32_t> words, size_t pool_size,
                       size_t stride = 1) {
    if (words.size() < stride || words.front() != 0 ||
        words[words.size() - stride] != pool_size) {
      return false;
    }
    for (size_t i = stride; i < words.size(); i += stride) {
      if (words[i] < words[i - stride]) return false;
    }
    return true;
  };
  index->label_offsets = u32s(kLabelOffsets);
  index->label_bytes = sections[kLabelBytes];
  index->entry_offsets = u32s(kEntryOffsets);
  index->entry_records = sections[kEntryRecords];
  index->tokens = pairs(kTokens);
  const std::span<const uint32_t> chars = u32s(kKeyChars);
  index->key_chars = std::span<const char32_t>(
      reinterpret_cast<const char32_t*>(chars.data()), chars.size());
  if (sections[kKeySlots].size() % 16 != 0) ok = false;
  index->key_slots = std::span<const uint64_t>(
      reinterpret_cast<const uint64_t*>(sections[kKeySlots].data()),
      sections[kKeySlots].size() / 16 * 2);
  index->trie = u32s(kTrie);
  index->word_forms = pairs(kWordForms);
  const std::span<const uint32_t> form_chars = u32s(kWordFormChars);
  index->word_form_chars = std::span<const char32_t>(
      reinterpret_cast<const char32_t*>(form_chars.data()), form_chars.size());
  if (!ok) return failed(FormatError(source, "section of a partial array"));

  if (!offsets_ok(index->label_offsets, index->label_bytes.size()) ||
      !offsets_ok(index->entry_offsets, index->entry_records.size()) ||
      !offsets_ok(index->tokens, index->key_chars.size(), 2)) {
    return failed(FormatError(source, "string offsets out of order or bounds"));
  }
  // The checks of the structure and the checksum read the buffer apart
  // from each other and write nothing they share, so a large file's are
  // made at once. Each is safe on any bytes; their verdict is given in the
  // order they were made one after another before: the checksum's first.
  absl::Status tokens_checked, trie_checked, entries_checked;
  bool checksum_ok = true;
  auto check = [&](size_t task, int) {
    switch (task) {  // The longest first, for the threads to finish alike.
      case 0:
        tokens_checked = CheckTokens(source, index);
        break;
      case 1:
        entries_checked = CheckEntries(source, index);
        break;
      case 2:
        trie_checked = CheckTrie(source, index);
        break;
      default:
        checksum_ok = checksum_matches();
    }
  };
  const bool at_once =
      bytes.size() >= parallel_check_bytes.load(std::memory_order_relaxed);
  ParallelFor(4, at_once ? 0 : 1, check);
  if (!checksum_ok) return ChecksumMismatch(source);
  for (const absl::Status* checked :
       {&tokens_checked, &trie_checked, &entries_checked}) {
    if (!checked->ok()) return *checked;
  }

  NormalizeOptions options = NormalizeOptions::None();
  for (std::string_view rest = sections[kSwitches]; !rest.empty();) {
    const size_t comma = std::min(rest.find(','), rest.size());
    const std::string_view name = rest.substr(0, comma);
    rest.remove_prefix(std::min(comma + 1, rest.size()));
    if (!SetNormalizeSwitch(&options, name, true).ok()) {
      return FormatError(
          source,
          absl::StrCat("built with the normaliser switch '", std::string(name),
                       "', which this kalima lacks"));
    }
  }
  index->normalizer = Normalizer(options);
  index->fold_table = internal::GetCharTable(options);
  index->eager_steps = sections[kTrie].size() + sections[kKeySlots].size() +
                           sections[kTokens].size() +
                           sections[kKeyChars].size() >
                       eager_step_bytes.load(std::memory_order_relaxed);
  if (!index->eager_steps) index->BuildStepFilter();
  index->variants = MakeVariants(index->normalizer);
  index->IndexVariants();
  auto normalized = [&](std::u32string_view word) {
    std::u32string out;
    // The normaliser accepts any of these words; an error leaves it empty.
    (void)index->normalizer.NormalizeCodePoints(std::span<const char32_t>(word),
                                                &out);
    return out;
  };
  index->nisba_ending = normalized(U"ية");
  index->feminine_ending = normalized(U"ة");
  for (std::u32string_view word :
       {U"الذي",   U"التي",   U"التى",    U"الذين",   U"اللذان",   U"اللذين",
        U"اللتان", U"اللتين", U"اللاتي",  U"اللواتي", U"اللائي",   U"اليوم",
        U"الليلة", U"الأحد",  U"الاثنين", U"الإثنين", U"الثلاثاء", U"الأربعاء",
        U"الخميس", U"الجمعة", U"السبت"}) {
    index->definite_non_nouns.push_back(normalized(word));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const Gazetteer::Index>> IndexOf(
    std::shared_ptr<const void> owner, std::string_view bytes,
    std::string_view source) {
  auto index = std::make_shared<Gazetteer::Index>();
  index->owner = std::move(owner);
  index->bytes = bytes;
  if (absl::Status s = ReadIndex(source, index.get()); !s.ok()) return s;
  return index;
}

// The keys a token is looked up by, given its text as written and
// normalised: the normalised text, split where normalising made several
// words of one token (ﷺ), or the token as written where normalising left
// nothing (a tatweel used as a dash). Names and texts are both tokenised
// before they are normalised and cut into keys here, so that they are cut
// alike. Calls key(piece, offset), offset: where the piece starts in
// `normalized` (0 for the token as written).
template <typename Key>
void ForEachKey(std::u32string_view normalized, std::u32string_view written,
                Key&& key) {
  if (normalized.empty()) {
    key(written, 0);
    return;
  }
  for (size_t begin = 0; begin < normalized.size();) {
    const size_t end =
        std::min(normalized.find(U' ', begin), normalized.size());
    if (end > begin) key(normalized.substr(begin, end - begin), begin);
    begin = end + 1;
  }
}

bool IsCombiningHamzaOrMadda(char32_t c) { return c >= 0x0653 && c <= 0x0655; }

// A word as written, for telling a word of its own (AddWord) from the
// other words the profile folds it with (وجده, "he found it", is not
// وجدة, "and Jeddah"; كاسيا not كآسيا): harakat, Quranic marks, tatweel and
// invisible characters dropped, presentation forms and other letter
// variants as their letters, alef wasla as alef, a letter and a combining
// hamza or madda as the one letter (ا + U+0654 is أ), Latin in lower case,
// and no other folding.
std::u32string WrittenForm(std::u32string_view code_points) {
  static const Normalizer* const written = [] {
    NormalizeOptions options = NormalizeOptions::None();
    for (std::string_view name :
         {"diacritics", "shadda", "quranic_marks", "tatweel",
          "presentation_forms", "letter_variants", "invisibles", "zwnj",
          "case_fold"}) {
      (void)SetNormalizeSwitch(&options, name, true);  // All exist.
    }
    return new Normalizer(options);
  }();
  std::u32string folded;
  // Code points already read as valid: no error to expect.
  (void)written->NormalizeCodePoints(std::span<const char32_t>(code_points),
                                     &folded);
  // The normaliser made one letter of a letter and a combining hamza or
  // madda where Unicode composes them; ى + hamza above, which Unicode leaves
  // apart, is written ئ too.
  std::u32string out;
  for (char32_t c : folded) {
    if (c == U'ٱ') c = U'ا';
    if (c == 0x0654 && !out.empty() && out.back() == U'ى') {
      out.back() = U'ئ';
      continue;
    }
    out += c;
  }
  return out;
}

// A word of its own as added (UTF-8, checked), written as above.
std::u32string WrittenForm(std::string_view utf8) {
  std::u32string wide;
  (void)internal::AppendUtf8CodePoints(utf8, &wide);  // Checked by the caller.
  std::u32string out = WrittenForm(std::u32string_view(wide));
  // The word's token alone: no spaces or underscores (no tokens) around it.
  auto outside = [](char32_t c) { return c == U'_' || u_isUWhiteSpace(c); };
  size_t begin = 0, end = out.size();
  while (begin < end && outside(out[begin])) ++begin;
  while (end > begin && outside(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

// How the gazetteer cuts names and texts into tokens, alike: a hashtag is
// not one token but its # and its words (#ليبيا mentions ليبيا), and
// underscores, which join the words of hashtags and handles
// (#الأمم_المتحدة), are no tokens at all (see IsUnderscores).
const Tokenizer& GazetteerTokenizer() {
  static const Tokenizer tokenizer(TokenizerOptions{.hashtags = false});
  return tokenizer;
}

// Whether `token`, read through `at(i)` -> (code point, length), is
// underscores alone: skipped, so that the words on either side are next to
// each other.
template <typename At>
bool IsUnderscores(const Token& token, At&& at) {
  if (token.kind != TokenKind::kPunctuation) return false;
  for (size_t i = token.start; i < token.end;) {
    const auto [c, length] = at(i);
    if (c != U'_') return false;
    i += length;
  }
  return true;
}

// Whether units [begin, end) of a text read through `at`, between two
// tokens, hold a paragraph break: two line breaks (a blank line between
// them; \r\n is one), or one that breaks a paragraph on its own (a paragraph
// separator or a form feed), as the sentence splitter reads them. No name
// spans one.
template <typename At>
bool ParagraphBreak(size_t begin, size_t end, At& at) {
  if (end - begin == 1 && at(begin).first == U' ') return false;  // Most.
  int line_breaks = 0;
  char32_t last = 0;
  for (size_t i = begin; i < end;) {
    const auto [c, length] = at(i);
    i += length;
    if (internal::BreaksParagraph(c)) return true;
    if (internal::ClassOf(c) == internal::CharClass::kLineBreak &&
        !(c == U'\n' && last == U'\r')) {
      if (++line_breaks == 2) return true;
    }
    last = c;
  }
  return false;
}

// ً ٌ ٍ, the Quran's open forms of them, and their presentation forms.
bool IsTanween(char32_t c) {
  return (c >= 0x064B && c <= 0x064D) || (c >= 0x08F0 && c <= 0x08F2) ||
         (c >= 0xFE70 && c <= 0xFE72) || c == 0xFE74;
}

struct NameScratch {
  std::u32string wide;
  std::u32string normalized;
  std::vector<Token> tokens;
};

// The keys of a UTF-8 name, appended to `chars`, each as (offset, size) in
// it; `scratch` is reused from call to call. `what` names it in errors ("a
// name", "a word").
absl::Status NameTokens(const Normalizer& normalizer, std::string_view utf8,
                        NameScratch* scratch, std::u32string* chars,
                        std::vector<std::pair<size_t, size_t>>* out,
                        std::string_view what = "a name") {
  if (utf8.size() > kMaxNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(what), " of ", utf8.size(), " bytes; at most ",
                     kMaxNameBytes));
  }
  std::u32string& wide = scratch->wide;
  wide.clear();
  if (absl::Status s = internal::AppendUtf8CodePoints(utf8, &wide); !s.ok()) {
    return s;
  }
  std::vector<Token>& tokens = scratch->tokens;
  if (absl::Status s = GazetteerTokenizer().TokenizeCodePoints(
          std::span<const char32_t>(wide), &tokens);
      !s.ok()) {
    return s;
  }
  const size_t first_out = out->size();
  auto read = internal::FixedWidthReader(wide.data());
  // No match goes on over a paragraph break: a name across one would never
  // be found.
  for (size_t k = 1; k < tokens.size(); ++k) {
    if (ParagraphBreak(tokens[k - 1].end, tokens[k].start, read)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'", std::string(utf8),
          "' spans a paragraph break (a blank line, a form feed or U+2029), "
          "which no match crosses"));
    }
  }
  // A name is words: one of punctuation or digits alone would match every
  // hyphen or number.
  bool has_word = false;
  for (const Token& t : tokens) {
    if (IsUnderscores(t, read)) continue;
    const std::u32string_view written =
        std::u32string_view(wide).substr(t.start, t.end - t.start);
    if (absl::Status s = normalizer.NormalizeCodePoints(
            std::span<const char32_t>(written), &scratch->normalized);
        !s.ok()) {
      return s;
    }
    ForEachKey(
        scratch->normalized, written, [&](std::u32string_view key, size_t) {
          has_word = has_word || t.kind == TokenKind::kArabic ||
                     t.kind == TokenKind::kLatin || t.kind == TokenKind::kWord;
          out->emplace_back(chars->size(), key.size());
          chars->append(key);
        });
  }
  if (!has_word) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", std::string(utf8),
        "' has no word to match (numbers, punctuation, symbols, URLs, e-mail "
        "addresses and @mentions are not words)"));
  }
  if (out->size() - first_out > kMaxNameTokens) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(what), " of ", out->size() - first_out,
                     " tokens; at most ", kMaxNameTokens));
  }
  return absl::OkStatus();
}

// One token of the text: where it is, and its normalised key (in a shared
// buffer) with that key's id.
struct TextToken {
  size_t start = 0;
  size_t end = 0;
  size_t key_start = 0;
  size_t key_size = 0;
  // Where the key starts in the token normalised (not 0 for the second word
  // and after of a token that normalises to several, ﷺ).
  size_t key_offset = 0;
  // Each code point of the token gave one letter of the key, in order (no
  // mark was dropped, nothing expanded): letter k comes from code point k.
  bool one_to_one = false;
  // A paragraph break (a blank line) comes before it: no name goes on into
  // it from the token before.
  bool after_break = false;
  uint32_t id = kNoId;  // Of the token as written.
  // [starts_begin, starts_end) in TextTokens::starts: the names' first
  // tokens this one can be, as written or without proclitics.
  uint32_t starts_begin = 0;
  uint32_t starts_end = 0;
};

// Whether keys k and k + 1 are pieces of one token that normalised to
// several words (ﷺ, or ﷺﷺ written together), which share its span.
bool SameToken(const std::vector<TextToken>& text, size_t k) {
  return k + 1 < text.size() && text[k + 1].start == text[k].start;
}

// A reading of a text token as a name's first token, found in the index.
struct Start {
  uint32_t id;
  uint32_t node;  // Where its walk starts: the first node of `id`.
  uint32_t cut;   // Normalised letters taken for proclitics.
  uint32_t edits;
  // The node its first step (to the next token as written) leads to, kNoId
  // if none; kStepUnknown where ReadTokens's lookahead left it to Walk.
  uint32_t step = kStepUnknown;
};

// One text's tokens as the matcher reads them, and the storage that makes
// them, reused from text to text by a caller that keeps it.
// A token not folded one to one, normalised again with offsets (see
// UnitsOf), kept for the next question about the same token: the pieces of
// a ligature of words (ﷺ) are tokens of one span, and normalising that span
// anew for each made a run of them quadratic.
struct RenormalisedToken {
  size_t start = std::numeric_limits<size_t>::max();  // None yet.
  size_t end = 0;
  bool normalised = false;  // The normaliser took it (it did before).
  std::u32string code_points, key;
  // Per code point of the token, its first unit; then the token's end.
  std::vector<size_t> units;
  OffsetMap offsets;
};

// A name found starting at token `first`, before choosing among overlaps.
struct Candidate {
  uint32_t entry;
  uint32_t surface;
  uint32_t first;  // Token indices [first, end).
  uint32_t end;
  uint32_t cut;  // Normalised letters of `first` taken for proclitics.
  uint32_t edits;
};

struct TextTokens {
  std::vector<TextToken> tokens;
  // The normalised tokens, one after another, from the start (past them,
  // letters left from earlier texts).
  std::u32string keys;
  std::vector<Start> starts;

  // A lookup to make: a reading of token `token` with `cut` letters taken
  // for proclitics, its text at [key_start, +key_size) of `keys`, or of
  // `probed` for a reading that is not part of the word.
  struct Probe {
    uint32_t token;
    uint32_t cut;
    bool in_probed;
    size_t key_start;
    size_t key_size;
    uint64_t hash;
  };
  std::vector<Probe> probes;
  // Per token with a reading that is a word of its own (AddWord), in token
  // order: the outermost such reading (fewest letters taken for proclitics,
  // then the most letters). A name read inside it is refused (see Inside).
  struct WordHit {
    uint32_t token;
    uint32_t cut;
    uint32_t letters;
    // Whether a reading of `cut` letters taken and `letters` long starts
    // inside this word: after its first letter, or where it does without
    // its article (لل + بنان inside ل + البنان, where ل + لبنان is not).
    bool Inside(uint32_t reading_cut, size_t reading_letters) const {
      return reading_cut > cut ||
             (reading_cut == cut && reading_letters < letters);
    }
  };
  std::vector<WordHit> words;
  // Whether a token was not folded one code point to one letter (harakat,
  // tatweel, ligatures...), which only a few texts have.
  bool folded_apart = false;
  // The word read in token i, if any.
  const WordHit* WordIn(size_t i) const {
    if (words.empty()) return nullptr;
    auto it = std::lower_bound(
        words.begin(), words.end(), i,
        [](const WordHit& w, size_t token) { return w.token < token; });
    return it != words.end() && it->token == i ? &*it : nullptr;
  }
  std::u32string probed, wide, key, buffer;
  // The text's tokens from the current window on (see TokenStream), and
  // those of the chunk last tokenised.
  std::vector<Token> text_tokens, chunk_tokens;
  // For a text the vector kernel folded whole (see MapCodePoints): which of
  // its code points it did not fold, a bit each, then two words of zeros.
  std::vector<uint32_t> unfolded;
  // The last token asked about by UnitsOf, in the text being read (mutable:
  // the matcher reads a const text and asks).
  mutable RenormalisedToken renormalised;
  // Match's candidates, kept from window to window (mutable as above): made
  // anew for each text, they were allocated again as they grew, line after
  // line.
  mutable std::vector<Candidate> found, best, inside;
};

// Whether bits [begin, end) of `bits` are all clear; `bits` has two words of
// zeros past the last bit, so that a token's bits (most tokens are short)
// are read with one unaligned load.
bool NoneSet(const std::vector<uint32_t>& bits, size_t begin, size_t end) {
  constexpr size_t kOneLoad = 56;
  for (; end - begin > kOneLoad; begin += kOneLoad) {
    if (!NoneSet(bits, begin, begin + kOneLoad)) return false;
  }
  uint64_t word = 0;
  std::memcpy(&word, reinterpret_cast<const char*>(bits.data()) + begin / 8,
              sizeof(word));
  return ((word >> (begin % 8)) & ((uint64_t{1} << (end - begin)) - 1)) == 0;
}

// Calls `reading(text, cut, hash)` for `key` as written (cut 0), then for
// each reading of it without proclitics (cut: the letters they take),
// shortest run first; `hash` is HashKey(text), the readings' hashes taken
// from one pass over the key. `hamza_alef_at(k)`: whether letter k of the
// key was written as an alef with hamza or madda, which the profile may
// have folded into ا (see HamzaAlefWritten).
template <typename HamzaAlefAt, typename Reading>
void ForEachReading(const Gazetteer::Index& index, std::u32string_view key,
                    std::u32string* buffer, HamzaAlefAt&& hamza_alef_at,
                    Reading&& reading) {
  const std::span<const uint8_t> variants =
      index.clitics ? index.VariantsBefore(key) : std::span<const uint8_t>();
  // suffix[i]: the hash state of key[i:] (for keys short enough to keep).
  constexpr size_t kKept = 64;
  std::array<uint64_t, kKept + 1> suffix;
  const bool kept = !variants.empty() && key.size() <= kKept;
  if (kept) {
    suffix[key.size()] = kHashSeed;
    for (size_t i = key.size(); i-- > 0;) {
      suffix[i] = HashStep(suffix[i + 1], key[i]);
    }
  }
  reading(key, 0, kept ? HashFinish(suffix[0]) : HashKey(key));
  for (uint8_t k : variants) {
    const CliticVariant& v = index.variants[k];
    if (key.size() <= v.surface.size() || !StartsWith(key, v.surface)) {
      continue;
    }
    // An alef written with hamza starts no article: إلغاء, which the profile
    // folds to الغاء, is no ال + غاء.
    if (v.article_alef != std::u32string::npos &&
        hamza_alef_at(v.article_alef)) {
      continue;
    }
    const std::u32string_view after = key.substr(v.surface.size());
    // A written article cannot follow ل or another article (but ل + ألمانيا,
    // folded to لالمانيا, is no article).
    if ((v.ends_in_lam || v.has_article) && after.size() >= 2 &&
        StartsWith(after, U"ال") && !hamza_alef_at(v.surface.size())) {
      continue;
    }
    // لل + rest is ل + ال + rest, or ل + اللـ + rest for a word that starts
    // with ال + ل (للجنة = ل + اللجنة): there the second lam is the word's
    // own, so only the first is the clitic. Or ل + ال before a name that
    // lacks the article (للسودان = لل + سودان), as ال, بال... are.
    struct Article {
      std::u32string_view letters;
      uint32_t word_letters;  // Of the surface that belong to the word.
    };
    static constexpr Article kRestored[] = {{U"ال", 0}, {U"الل", 1}, {U"", 0}};
    static constexpr Article kAsWritten[] = {{U"", 0}};
    const std::span<const Article> articles =
        v.restores_article ? std::span<const Article>(kRestored)
                           : std::span<const Article>(kAsWritten);
    for (const Article& article : articles) {
      // The word after the clitic has two letters at least (لله = ل + الله
      // keeps the lam and the heh).
      if (after.size() + article.word_letters < 2) continue;
      const auto cut =
          static_cast<uint32_t>(v.surface.size()) - article.word_letters;
      if (article.letters.empty()) {
        reading(after, cut,
                kept ? HashFinish(suffix[v.surface.size()]) : HashKey(after));
        continue;
      }
      buffer->assign(article.letters);
      buffer->append(after);
      uint64_t hash = 0;
      if (kept) {
        hash = suffix[v.surface.size()];
        for (size_t i = article.letters.size(); i-- > 0;) {
          hash = HashStep(hash, article.letters[i]);
        }
        hash = HashFinish(hash);
      } else {
        hash = HashKey(*buffer);
      }
      reading(std::u32string_view(*buffer), cut, hash);
    }
  }
}

// Writes token [start, end) of a text read through `at`, normalised, to
// `out` (room for one letter per unit), one code point at a time through
// the normaliser's table, and returns its length; or kNoFold if a code point
// expands (ﷺ), folds into a space or is not a character, which leaves the
// token to the normaliser itself. *one_to_one: every code point gave one
// letter.
constexpr size_t kNoFold = std::numeric_limits<size_t>::max();
template <typename At>
size_t FoldToken(const internal::CharTable& table, size_t start, size_t end,
                 At& at, char32_t* out, bool* one_to_one) {
  size_t j = 0;
  bool dropped = false;
  for (size_t i = start; i < end;) {
    const auto [c, length] = at(i);
    i += length;
    const uint32_t entry = table.Lookup(c);
    if (entry & (internal::kSlow | internal::kSpace)) [[unlikely]] {
      return kNoFold;
    }
    if (entry & internal::kDelete) {
      dropped = true;
      continue;
    }
    out[j++] = static_cast<char32_t>(entry & internal::kValueMask);
  }
  *one_to_one = !dropped;
  return j;
}

// The unit where code point `k` of a token folded one to one starts (its
// letter k), or token.end if it has fewer.
template <typename At>
size_t UnitOfLetter(const TextToken& token, size_t k, At& at) {
  size_t unit = token.start;
  for (size_t j = 0; j < k && unit < token.end; ++j) unit += at(unit).second;
  return unit;
}

// Whether letter `k` of a token's key was written as an alef with hamza or
// madda (أ إ آ, or their presentation forms), which the "search" profile
// folds into ا: then it begins no article (لألمانيا is ل + ألمانيا, إلغاء
// no definite noun). Known for a token folded one to one; false otherwise.
// A written code point as the letter it spells: a presentation form as its
// letter (ﺃ as أ), anything else as itself.
char32_t AsLetter(char32_t c) {
  const char32_t letter = internal::PresentationFormLetter(c);
  return letter != 0 ? letter : c;
}

// Marks and tatweel that come between written letters and spell none: the
// harakat and other Arabic marks, the superscript alef, tatweel. The
// combining hamza and madda (U+0653-U+0655) are not among them: after an
// alef they make it أ, إ or آ.
bool BetweenLetters(char32_t c) {
  return (c >= 0x064B && c <= 0x0652) || (c >= 0x0656 && c <= 0x065F) ||
         c == 0x0670 || c == 0x0640;
}

// آ أ إ or one of their presentation forms.
bool IsHamzaAlefAsWritten(char32_t c) {
  return internal::IsAlefWithHamzaOrMadda(AsLetter(c));
}

// Whether letter `k` of a token's key (past its key offset) was written as an
// alef with hamza or madda (or an alef and a combining hamza or madda), the
// token read through `at` (defined below UnitOf).
template <typename At>
bool HamzaAlefWritten(const Gazetteer::Index& index, const TextToken& token,
                      size_t k, At& at, RenormalisedToken& cache);

// The first two letters of a name as written (UTF-8), presentation forms
// read as their letters, and leading spaces and #, the harakat, tatweel,
// combining hamza and madda around them skipped; `hamza`: a combining hamza or
// madda follows the first (ا + U+0654 is أ).
struct FirstTwoLetters {
  char32_t first = 0;
  char32_t second = 0;
  bool hamza = false;
};

FirstTwoLetters FirstLettersOf(std::string_view utf8) {
  FirstTwoLetters out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = 0;
    const size_t length = internal::DecodeUtf8(bytes, utf8.size(), i, &c);
    if (length == 0) break;  // Names are checked UTF-8; for safety only.
    i += length;
    c = AsLetter(c);
    if (out.first == 0 && (c == U' ' || c == U'#')) continue;  // No word.
    if (IsCombiningHamzaOrMadda(c)) {
      out.hamza = out.hamza || (out.first != 0 && out.second == 0);
      continue;
    }
    if (BetweenLetters(c)) continue;
    if (out.first == 0) {
      out.first = c;
    } else {
      out.second = c;
      break;
    }
  }
  return out;
}

// Whether a name as written starts with the article ال (or ٱل).
bool StartsWithArticle(std::string_view written) {
  const FirstTwoLetters f = FirstLettersOf(written);
  return (f.first == U'ا' || f.first == U'ٱ') && !f.hamza && f.second == U'ل';
}

// Whether a name as written starts with an alef with hamza or madda and lam
// (ألماتي, إلدوريت), which no article is.
bool StartsWithHamzaAlefAndLam(std::string_view written) {
  const FirstTwoLetters f = FirstLettersOf(written);
  const bool hamza_alef =
      internal::IsAlefWithHamzaOrMadda(f.first) || (f.first == U'ا' && f.hamza);
  return hamza_alef && f.second == U'ل';
}

// Whether reading `p` of `token`, a word of its own (key `id`) under the
// profile, is also written as one of that word's written forms: وجدة (and
// Jeddah) is not the word وجده (he found it). Defined below UnitOf.
template <typename At>
bool WrittenAsWord(const Gazetteer::Index& index,
                   const std::vector<TextToken>& tokens,
                   const TextTokens::Probe& p, uint32_t id, At& at,
                   RenormalisedToken& cache);

// Keeps the outermost word of its own read in a token (see WordHit).
KALIMA_NOINLINE void NoteWord(const TextTokens::Probe& p,
                              std::vector<TextTokens::WordHit>* words) {
  const auto letters = static_cast<uint32_t>(p.key_size);
  if (words->empty() || words->back().token != p.token) {
    words->push_back({p.token, p.cut, letters});
  } else if (p.cut < words->back().cut ||
             (p.cut == words->back().cut && letters > words->back().letters)) {
    words->back() = {p.token, p.cut, letters};
  }
}

// Keeps the starts `keep(i, start)` accepts, token i's in order, and makes
// the tokens' ranges of starts again.
template <typename Keep>
void KeepStarts(TextTokens* out, Keep&& keep) {
  std::vector<Start>& starts = out->starts;
  uint32_t kept = 0;
  for (uint32_t i = 0; i < out->tokens.size(); ++i) {
    TextToken& token = out->tokens[i];
    const uint32_t begin = kept;
    for (uint32_t k = token.starts_begin; k < token.starts_end; ++k) {
      if (keep(i, starts[k])) starts[kept++] = starts[k];
    }
    token.starts_begin = begin;
    token.starts_end = kept;
  }
  starts.resize(kept);
}

// Drops the starts that read a name inside a word of its own (AddWord, see
// TextTokens::WordHit).
KALIMA_NOINLINE void DropStartsInsideWords(const Gazetteer::Index& index,
                                           TextTokens* out) {
  auto word = out->words.begin();
  KeepStarts(out, [&](uint32_t i, const Start& s) {
    while (word != out->words.end() && word->token < i) ++word;
    return word == out->words.end() || word->token != i ||
           !word->Inside(s.cut, index.Key(s.id).size());
  });
}

// Fills `cache` for `token` (not folded one to one) unless it holds it;
// false if the normaliser refuses it (it took it before, when it was read).
template <typename At>
bool Renormalise(const Gazetteer::Index& index, const TextToken& token, At& at,
                 RenormalisedToken& cache) {
  if (cache.start == token.start && cache.end == token.end) {
    return cache.normalised;
  }
  cache.start = token.start;
  cache.end = token.end;
  cache.code_points.clear();
  cache.units.clear();
  internal::AppendCodePoints(token.start, token.end, at, &cache.code_points,
                             &cache.units);
  cache.units.push_back(token.end);
  cache.normalised =
      index.normalizer
          .NormalizeCodePoints(std::span<const char32_t>(cache.code_points),
                               &cache.key, &cache.offsets)
          .ok();
  return cache.normalised;
}

template <typename At>
void UnitsOf(const Gazetteer::Index& index, const TextToken& token,
             size_t first_cut, std::span<size_t> out, At&& at,
             RenormalisedToken& cache);

// Whether the harakat written on the first `cut` letters of `token` (key
// `key`, read through `at`) deny that they are proclitics: a damma, a
// tanween or a shadda on any (وُجُوبًا is not و + جوبا), a kasra on و, ف
// or ك, a fatha on ب, a fatha or kasra on an article's lam (its lam takes a
// sukun or nothing). Not a shadda on the token's first letter: the Quran's
// text writes the assimilation of a nun or tanween before it there
// (حِلًّا لِّبَنِي إِسْرَائِيلَ, هُدًى لِّلْمُتَّقِينَ), and a word of its own
// never starts doubled. Asked only for a token whose harakat the profile
// dropped (not one to one).
template <typename At>
KALIMA_NOINLINE bool VowelsDenyProclitics(const Gazetteer::Index& index,
                                          const TextToken& token,
                                          std::u32string_view key, uint32_t cut,
                                          At& at, RenormalisedToken& cache) {
  constexpr uint32_t kMaxCut = 7;
  if (cut == 0 || cut > kMaxCut || cut > key.size()) return false;
  std::array<size_t, kMaxCut + 1> units;
  UnitsOf(index, token, token.key_offset, std::span(units).first(cut + 1), at,
          cache);
  for (uint32_t k = 0; k < cut; ++k) {
    const char32_t letter = key[k];
    const bool article_lam =
        letter == U'ل' && k > 0 && (key[k - 1] == U'ا' || key[k - 1] == U'ل');
    const bool opens = letter == U'و' || letter == U'ف' || letter == U'ك';
    if (units[k] >= token.end) return false;
    for (size_t u = units[k] + at(units[k]).second;
         u < units[k + 1] && u < token.end; u += at(u).second) {
      const char32_t mark = at(u).first;
      if (mark == 0x064F || mark == 0x064C || mark == 0x064B ||
          mark == 0x064D || (mark == 0x0651 && k > 0)) {
        return true;  // Damma, a tanween, shadda.
      }
      if (mark == 0x0650 && (opens || article_lam)) return true;  // Kasra.
      if (mark == 0x064E && (letter == U'ب' || article_lam)) return true;
    }
  }
  return false;
}

// Whether a token carries tanween (IsTanween): the ending of an indefinite
// noun or adjective in vocalised text. Asked only for a token whose harakat
// the profile dropped (not one to one).
template <typename At>
bool CarriesTanween(const TextToken& token, At& at) {
  for (size_t u = token.start; u < token.end; u += at(u).second) {
    if (IsTanween(at(u).first)) return true;
  }
  return false;
}

// Whether a token ends in a heh with a vowel or tanween on it (جَدِّهِ, his
// grandfather; وَجْهٌ): a heh as such, a pronoun or a root letter, never a ta
// marbuta written as heh, which a writer who gives the heh its vowel writes
// as ة (جِدَّةَ). Asked only for a token whose harakat the profile dropped
// (not one to one).
template <typename At>
bool EndsInVowelledHeh(const TextToken& token, At& at) {
  char32_t last_letter = 0;
  bool vowel = false;
  for (size_t u = token.start; u < token.end; u += at(u).second) {
    const char32_t c = at(u).first;
    if (BetweenLetters(c)) {
      vowel = vowel || (c >= 0x064B && c <= 0x0650);
      continue;
    }
    last_letter = AsLetter(c);
    vowel = false;
  }
  return last_letter == U'ه' && vowel;
}

// The last letter of a name as written (UTF-8), the marks and any quotation
// marks after it aside; 0 if it has none.
char32_t LastLetterOf(std::string_view utf8) {
  const std::u32string written = WrittenForm(utf8);
  auto last = std::find_if(written.rbegin(), written.rend(),
                           [](char32_t c) { return u_isalpha(c); });
  return last != written.rend() ? *last : 0;
}

// Reads the tokens of a text through `at(i)` -> (code point, length),
// normalising each, and looks up every reading of each in the index: all
// lookups are hashed and their slots prefetched first, then resolved, so
// that their cache misses overlap. With `mapped` set, the vector kernel has
// already folded the text's code points into the start of out->keys (one
// per unit), and a token with no bit set in out->unfolded is its own key
// there. The tokens are those of a window of the text from unit `base` on:
// key k of out->keys, and bit k of out->unfolded, are unit base + k.
template <typename At>
absl::Status ReadTokens(const Gazetteer::Index& index,
                        std::span<const Token> tokens, At&& at, bool mapped,
                        size_t base, bool exact, TextTokens* out) {
  out->tokens.clear();
  out->tokens.reserve(tokens.size());
  out->starts.clear();
  out->renormalised.start = std::numeric_limits<size_t>::max();
  // `keys` only grows, and is written from `used` on (past the text mapped
  // whole, if it was, which made room for one letter per unit: most of its
  // tokens are then keys where they are); else it grows as tokens are
  // folded into it, by doubling, and is kept from text to text.
  std::u32string& keys = out->keys;
  const size_t units = tokens.empty() ? 0 : tokens.back().end - base;
  size_t used = mapped ? units : 0;
  if (mapped && keys.size() < units) keys.resize(units);
  auto make_room = [&](size_t letters) {
    if (keys.size() < used + letters) {
      keys.resize(std::max(used + letters, 2 * keys.size()));
    }
  };
  std::vector<TextTokens::Probe>& probes = out->probes;
  std::u32string& probed = out->probed;
  std::u32string& wide = out->wide;
  std::u32string& key = out->key;
  std::u32string& buffer = out->buffer;
  probes.clear();
  probed.clear();
  bool break_before = false;  // Before the token being read.
  // Adds a key of `token` (`piece`, already at key_start in keys) and its
  // lookups. Flattened: left to itself the compiler calls out for each
  // record pushed and each reading, and inlining them all took the reading
  // floor from 174 to 195 MB/s and the stress case from 50 to 55.
  // `mapped_here`: the key is the token as the vector kernel mapped it, its
  // letter k from the token's unit k, which says at once whether that letter
  // was written as an alef with hamza (asked before every article-like ال).
  auto add_key = [&](const Token& token, std::u32string_view piece,
                     size_t key_start, size_t offset, bool one_to_one,
                     bool mapped_here) KALIMA_FLATTEN {
    const auto number = static_cast<uint32_t>(out->tokens.size());
    // Built in place, here and below: a temporary copied in is read back
    // with wide loads its narrow stores cannot forward to, a stall per push.
    out->tokens.emplace_back(token.start, token.end, key_start, piece.size(),
                             offset, one_to_one, break_before, kNoId, 0u, 0u);
    break_before = false;  // The token's other keys follow it directly.
    ForEachReading(
        index, piece, &buffer,
        [&](size_t k) {
          return mapped_here ? IsHamzaAlefAsWritten(at(token.start + k).first)
                             : HamzaAlefWritten(index, out->tokens.back(), k,
                                                at, out->renormalised);
        },
        [&](std::u32string_view reading, uint32_t cut, uint64_t hash) {
          index.Prefetch(hash);
          // A reading inside the word (as written, or without proclitics)
          // is read from `keys`; one with a restored article is kept apart.
          if (reading.data() >= piece.data() &&
              reading.data() + reading.size() <= piece.data() + piece.size()) {
            probes.emplace_back(number, cut, false,
                                key_start + (reading.data() - piece.data()),
                                reading.size(), hash);
          } else {
            probes.emplace_back(number, cut, true, probed.size(),
                                reading.size(), hash);
            probed.append(reading);
          }
        });
  };
  size_t gap_start = base;    // Where the last token ended.
  bool folded_apart = false;  // Kept in out->folded_apart once all are read.
  for (const Token& token : tokens) {
    // Kept over a token of underscores, which adds no key.
    break_before = break_before || ParagraphBreak(gap_start, token.start, at);
    gap_start = token.end;
    if (IsUnderscores(token, at)) continue;
    if (mapped && NoneSet(out->unfolded, token.start - base, token.end - base))
        [[likely]] {
      add_key(token,
              std::u32string_view(keys.data() + (token.start - base),
                                  token.end - token.start),
              token.start - base, 0, true, true);
      continue;
    }
    bool one_to_one = false;
    make_room(token.end - token.start);
    const size_t folded = FoldToken(*index.fold_table, token.start, token.end,
                                    at, keys.data() + used, &one_to_one);
    if (folded != kNoFold && folded > 0) {
      const size_t key_start = used;
      used += folded;
      add_key(token, std::u32string_view(keys.data() + key_start, folded),
              key_start, 0, one_to_one, false);
      folded_apart = folded_apart || !one_to_one;
      continue;
    }
    folded_apart = true;
    // The rest (a ligature of words, a token that normalises to nothing):
    // the normaliser itself, then the keys cut from its output.
    wide.clear();
    internal::AppendCodePoints(token.start, token.end, at, &wide);
    if (absl::Status s = index.normalizer.NormalizeCodePoints(
            std::span<const char32_t>(wide), &key);
        !s.ok()) {
      return s;
    }
    ForEachKey(key, wide, [&](std::u32string_view piece, size_t offset) {
      make_room(piece.size());
      const size_t piece_start = used;
      std::copy(piece.begin(), piece.end(), keys.data() + used);
      used += piece.size();
      add_key(token,
              std::u32string_view(keys.data() + piece_start, piece.size()),
              piece_start, offset, false, false);
    });
  }
  out->folded_apart = folded_apart;
  // Every slot was prefetched as its reading was made; most readings are
  // settled by their slot's check word alone.
  out->words.clear();
  for (const TextTokens::Probe& p : probes) {
    // Most readings are no key (the token's id stays kNoId).
    if (index.SlotEmpty(p.hash)) continue;
    TextToken& token = out->tokens[p.token];
    const char32_t* chars = p.in_probed ? probed.data() : keys.data();
    const Gazetteer::Index::KeyHit hit = index.Find(
        std::u32string_view(chars + p.key_start, p.key_size), p.hash);
    const uint32_t id = hit.id(), node = hit.first_node();
    if (p.cut == 0) token.id = id;
    if (hit.word() && WrittenAsWord(index, out->tokens, p, id, at,
                                    out->renormalised)) [[unlikely]] {
      NoteWord(p, &out->words);
    }
    if (id == kNoId || node == kNoId) continue;  // No name starts with it.
    index.PrefetchNode(node);
    // Probes come token by token, so a token's starts are contiguous; its
    // range is set at its first start (left empty, 0 to 0, if none).
    const auto at = static_cast<uint32_t>(out->starts.size());
    out->starts.emplace_back(id, node, p.cut, 0u, kStepUnknown);
    if (token.starts_end == 0) token.starts_begin = at;
    token.starts_end = at + 1;
  }
  if (!out->words.empty()) [[unlikely]] {
    DropStartsInsideWords(index, out);
  }
  // Proclitics the harakat deny, in a text that has harakat: marked in
  // place (a start's cut set to kNoId), the starts compacted only if any was.
  if (folded_apart) [[unlikely]] {
    bool denied = false;
    for (const TextToken& token : out->tokens) {
      if (token.one_to_one) continue;
      const std::u32string_view key(keys.data() + token.key_start,
                                    token.key_size);
      for (uint32_t k = token.starts_begin; k < token.starts_end; ++k) {
        Start& s = out->starts[k];
        if (s.cut > 0 && VowelsDenyProclitics(index, token, key, s.cut, at,
                                              out->renormalised)) {
          s.cut = kNoId;
          denied = true;
        }
      }
    }
    if (denied) {
      KeepStarts(out, [](uint32_t, const Start& s) { return s.cut != kNoId; });
    }
  }
  // And the first step of each walk.
  if (out->starts.empty()) return absl::OkStatus();  // No name starts here.
  // For an index that stays in cache, the step filter first: a step it
  // refuses is no edge (kNoId, which Walk takes as found), and a walk with
  // no step to take from a node where no name ends gives nothing, so that
  // for exact matching (fuzzy walks step to other words too) a token none of
  // whose starts can give a candidate is left with none, and never walked
  // from; most of a large gazetteer's starts are such. A step the filter
  // lets through is taken here, its node prefetched, unless the token
  // before stepped on too: a longer match before it most likely covers it
  // (in "longest" mode), and Walk takes the step if it must. (The edge
  // prefetched instead, read through the node's header, took the realistic
  // set of bench/gazetteer_bench.py 7% slower; taking every step, 2%.)
  if (!index.eager_steps) {
    const size_t count = out->tokens.size();
    bool stepped_before = false, kept = false;
    for (size_t i = 0; i < count; ++i) {
      TextToken& token = out->tokens[i];
      if (token.starts_begin == token.starts_end) {
        stepped_before = false;
        continue;
      }
      // Walk steps on into the next key only if it is there, known, and no
      // paragraph break comes before it.
      const uint32_t next = i + 1 < count && !out->tokens[i + 1].after_break
                                ? out->tokens[i + 1].id
                                : kNoId;
      bool any = false, stepped = false;
      for (uint32_t k = token.starts_begin; k < token.starts_end; ++k) {
        Start& s = out->starts[k];
        uint32_t child = kNoId;
        if (next != kNoId && index.MayStep(s.id, next)) {
          if (stepped_before) {
            child = kStepUnknown;
          } else {
            child = index.Child(s.node, next);
            if (child != kNoId) index.PrefetchNode(child);
          }
        }
        s.step = child;
        stepped = stepped || child != kNoId;
        any = any || child != kNoId || index.NamesAtFirst(s.id);
      }
      stepped_before = stepped;
      if (!any && exact) {
        token.starts_end = token.starts_begin;
      } else {
        kept = true;
      }
    }
    // No start left: the caller then matches nothing (every token's range
    // is empty).
    if (!kept) out->starts.clear();
    return absl::OkStatus();
  }
  // For a larger index, every step, and the node it reaches prefetched: the
  // cache misses of all walks then overlap, at the cost of stepping from
  // starts that a longer match before them will cover.
  for (size_t i = 0; i + 1 < out->tokens.size(); ++i) {
    const uint32_t next = out->tokens[i + 1].id;
    if (next == kNoId) continue;
    for (uint32_t k = out->tokens[i].starts_begin;
         k < out->tokens[i].starts_end; ++k) {
      const uint32_t child = index.Child(out->starts[k].node, next);
      out->starts[k].step = child;  // Walk takes this step without a lookup.
      if (child != kNoId) index.PrefetchNode(child);
    }
  }
  return absl::OkStatus();
}

// The caller's unit where normalised position `cut` of `token` comes from
// (only asked for a match that does not start where its token does): the
// cut-th code point of a token folded one to one, else found by normalising
// the token again, with offsets.
template <typename At>
size_t UnitOf(const Gazetteer::Index& index, const TextToken& token, size_t cut,
              At&& at, RenormalisedToken& cache) {
  size_t unit = 0;
  UnitsOf(index, token, cut, std::span<size_t>(&unit, 1), at, cache);
  return unit;
}

// UnitOf for normalised positions first_cut, first_cut + 1... (one per
// element of `out`), the token normalised once.
template <typename At>
void UnitsOf(const Gazetteer::Index& index, const TextToken& token,
             size_t first_cut, std::span<size_t> out, At&& at,
             RenormalisedToken& cache) {
  if (token.one_to_one) {
    for (size_t k = 0; k < out.size(); ++k) {
      out[k] = UnitOfLetter(token, first_cut + k, at);
    }
    return;
  }
  if (!Renormalise(index, token, at, cache)) {
    std::fill(out.begin(), out.end(), token.start);
    return;
  }
  for (size_t k = 0; k < out.size(); ++k) {
    out[k] = cache.units[cache.offsets.source_offset(first_cut + k)];
  }
}

// Where a match ending at normalised position `end` of `token` (a piece of
// a token that normalised to several words, ﷺ, with another piece after it)
// ends in the caller's units: past the code point its last letter came from.
template <typename At>
size_t UnitAfter(const Gazetteer::Index& index, const TextToken& token,
                 size_t end, At&& at, RenormalisedToken& cache) {
  if (end == 0 || !Renormalise(index, token, at, cache)) return token.end;
  const absl::StatusOr<Span> source = cache.offsets.SourceSpan(end - 1, end);
  return source.ok() ? cache.units[source->end] : token.end;
}

// Out of line: asked only where a reading is a word of its own.
template <typename At>
KALIMA_NOINLINE bool WrittenAsWord(const Gazetteer::Index& index,
                                   const std::vector<TextToken>& tokens,
                                   const TextTokens::Probe& p, uint32_t id,
                                   At& at, RenormalisedToken& cache) {
  const TextToken& token = tokens[p.token];
  // A ligature of words (ﷺ) written as one code point spells each: its
  // keys are taken as written.
  const bool several_keys = (p.token > 0 && SameToken(tokens, p.token - 1)) ||
                            SameToken(tokens, p.token);
  if (several_keys) return true;
  const size_t cut = token.key_offset + p.cut;
  const size_t start =
      cut > 0 ? UnitOf(index, token, cut, at, cache) : token.start;
  std::u32string wide;
  internal::AppendCodePoints(start, token.end, at, &wide);
  // A reading with the article that لل stands for: ال + what follows.
  std::u32string written = p.in_probed ? U"ال" : U"";
  written += WrittenForm(std::u32string_view(wide));
  return index.WordWrittenAs(id, written);
}

// Out of line: asked only where an article-like ال follows proclitics or
// a definite word, and a copy inlined into the hot loops would cost them.
template <typename At>
KALIMA_NOINLINE bool HamzaAlefWritten(const Gazetteer::Index& index,
                                      const TextToken& token, size_t k, At& at,
                                      RenormalisedToken& cache) {
  size_t unit = UnitOf(index, token, token.key_offset + k, at, cache);
  if (unit >= token.end) return false;
  const char32_t c = at(unit).first;
  if (IsHamzaAlefAsWritten(c)) return true;
  if (AsLetter(c) != U'ا') return false;
  // A plain alef with a combining hamza or madda after it, past the marks
  // and tatweel the profile drops.
  for (unit += at(unit).second; unit < token.end; unit += at(unit).second) {
    const char32_t mark = at(unit).first;
    if (IsCombiningHamzaOrMadda(mark)) return true;
    if (!BetweenLetters(mark)) return false;
  }
  return false;
}

// Reads the text's code points through `At` (a FixedWidthReader).
template <typename At>
class Matcher {
 public:
  Matcher(const Gazetteer::Index& index, const TextTokens& text, int max_edits,
          At& at)
      : index_(index),
        text_(text.tokens),
        text_tokens_(text),
        keys_(text.keys),
        exact_starts_(text.starts),
        folded_apart_(text.folded_apart),
        renormalised_(text.renormalised),
        max_edits_(max_edits),
        at_(at) {}

  // Every candidate starting at token i, appended to `out`: exact ones
  // first, as written before through proclitics; one per entry and end.
  void CandidatesAt(size_t i, std::vector<Candidate>* out) {
    const size_t first_out = out->size();
    std::span<const Start> starts(exact_starts_.data() + text_[i].starts_begin,
                                  text_[i].starts_end - text_[i].starts_begin);
    if (max_edits_ > 0) {
      fuzzy_starts_.assign(starts.begin(), starts.end());
      const TextTokens::WordHit* word = text_tokens_.WordIn(i);
      short_reading_.assign(starts.size(), false);
      ForEachReading(
          index_, KeyOf(i), &buffer_,
          [&](size_t k) {
            return HamzaAlefWritten(index_, text_[i], k, at_, renormalised_);
          },
          [&](std::u32string_view reading, uint32_t cut, uint64_t hash) {
            // A word the gazetteer knows is taken as written, and no name
            // is read inside a word of its own.
            if ((word != nullptr && word->Inside(cut, reading.size())) ||
                index_.Id(reading, hash) != kNoId ||
                (cut > 0 && !text_[i].one_to_one &&
                 VowelsDenyProclitics(index_, text_[i], KeyOf(i), cut, at_,
                                      renormalised_))) {
              return;
            }
            neighbours_.clear();
            index_.FuzzyNeighbours(reading, &neighbours_);
            for (uint32_t id : neighbours_) {
              fuzzy_starts_.push_back(
                  {id, index_.FirstNode(id), cut, 1, kStepUnknown});
              // A word one letter short of the name's and under
              // kMinFuzzyNameLetters is, as a one-word name, mostly another
              // word (باراك is not باراكو, ميلان the club as often as
              // ميلانو); the reading counts an article restored from لل.
              short_reading_.push_back(reading.size() < index_.Key(id).size() &&
                                       reading.size() < kMinFuzzyNameLetters);
            }
          });
      starts = fuzzy_starts_;
    }
    for (size_t k = 0; k < starts.size(); ++k) {
      const Start& s = starts[k];
      if (s.node == kNoId) continue;  // A fuzzy word no name starts with.
      NamesHere names = s.cut < 2 ? NamesHere::kAll  // Most starts.
                                  : OneWordNamesAfterArticle(i, s);
      if (max_edits_ == 0) {
        WalkExact(s.node, i, s.cut, out, s.step, names);
        continue;
      }
      if (s.edits > 0 && short_reading_[k]) names = NamesHere::kNone;
      Walk(s.node, i, i, s.cut, s.edits, LettersOf(s.id), first_out, out,
           s.step, names);
    }
    // In a text with harakat, a name in ة whose last token ends in a heh,
    // and, for names that take no tanween, one over a token that has it.
    if (folded_apart_) [[unlikely]] {
      auto denied = [&](const Candidate& c) {
        if (c.entry == kPhrase) return false;
        return (!text_[c.end - 1].one_to_one &&
                HarakatDenyTaMarbuta(c.entry, c.surface, c.end - 1)) ||
               (!index_.tanween && TanweenDenies(c));
      };
      out->erase(std::remove_if(out->begin() + first_out, out->end(), denied),
                 out->end());
    }
    // Only several readings, or fuzzy steps, can reach an entry twice.
    if (starts.size() > 1 || max_edits_ > 0)
      KeepOnePerEntryAndEnd(first_out, out);
  }

  // Drops from out[first, end) the candidates that read token i as written
  // as a one-word name where it is the adjective of the word before it (see
  // AdjectiveOfWordBefore); false if there were none.
  bool DropAdjective(size_t i, std::vector<Candidate>* out,
                     size_t first) const {
    auto adjective = [&](const Candidate& c) {
      return c.end == i + 1 && c.cut == 0;
    };
    if (std::none_of(out->begin() + first, out->end(), adjective) ||
        !AdjectiveOfWordBefore(i)) {
      return false;
    }
    out->erase(std::remove_if(out->begin() + first, out->end(), adjective),
               out->end());
    return true;
  }

 private:
  // The letters of key `id`, which only fuzzy matches count (a name found
  // with an edit must be long enough): 0 when there are none, sparing a
  // load per step. Digits and punctuation are no letters (كوريا 1 has five).
  size_t LettersOf(uint32_t id) const {
    if (max_edits_ == 0) return 0;
    const std::u32string_view key = index_.Key(id);
    return std::count_if(key.begin(), key.end(), [](char32_t c) {
      return (c >= U'ء' && c <= U'ي') || u_isalpha(c) != 0;  // Most, at once.
    });
  }

  // Whether `pred` holds for the name of `entry` or one of its aliases, as
  // written.
  template <typename Pred>
  bool AnySpelling(uint32_t entry, Pred&& pred) const {
    Record r = index_.RecordOf(entry);
    std::string_view written = r.name;
    do {
      if (pred(written)) return true;
    } while (NextAlias(&r.aliases, &written));
    return false;
  }

  // Name `entry` as written (`surface` 0) or its alias `surface` - 1.
  std::string_view WrittenName(uint32_t entry, uint32_t surface) const {
    Record r = index_.RecordOf(entry);
    std::string_view written = r.name;
    for (uint32_t k = 0; k < surface; ++k) {
      if (!NextAlias(&r.aliases, &written)) return {};  // Checked at load.
    }
    return written;
  }

  // Whether a token of candidate `c` carries tanween, which a name of a
  // gazetteer built without it never takes (صَبِيًّا, a boy, is no mention of
  // صبيا; جَدَّةٍ, a grandmother, none of جدة).
  KALIMA_NOINLINE bool TanweenDenies(const Candidate& c) const {
    for (uint32_t j = c.first; j < c.end; ++j) {
      if (!text_[j].one_to_one && CarriesTanween(text_[j], at_)) return true;
    }
    return false;
  }

  // Whether name `entry` as written (`surface`) ends in a ta marbuta where
  // token j, the last it is read in, ends in a heh with a vowel (see
  // EndsInVowelledHeh): عن جَدِّهِ (from his grandfather) is no mention of
  // جدة. Not if the entry is also written with a final heh (an alias جده,
  // which the profile may have merged with جدة into one spelling; an entry
  // whose ة stands for a heh, ابن ماجة, needs that alias).
  KALIMA_NOINLINE bool HarakatDenyTaMarbuta(uint32_t entry, uint32_t surface,
                                            size_t j) const {
    // A piece of a token that normalised to several words ends inside it.
    if (SameToken(text_, j) || !EndsInVowelledHeh(text_[j], at_) ||
        LastLetterOf(WrittenName(entry, surface)) != U'ة') {
      return false;
    }
    return !AnySpelling(entry, [](std::string_view written) {
      return LastLetterOf(written) == U'ه';
    });
  }

  // Whether a name found with an edit, `letters` long, is too short once
  // the article it is written with is left out (القاهرة has five letters,
  // too few to be read in الظاهرة). The name as written says: a profile that
  // folds hamza makes ألمانيا's key start with ال too.
  KALIMA_NOINLINE bool TooShortWithoutArticle(uint32_t entry, uint32_t surface,
                                              size_t letters) const {
    constexpr size_t kArticle = 2;
    if (letters >= kMinFuzzyNameLetters + kArticle) return false;
    return StartsWithArticle(WrittenName(entry, surface));
  }

  // Whether a name found with an edit in its first word, token `first` read
  // without `cut` letters of proclitics, `letters` long, is too short once
  // the text's article is left out: the text writes ال with a plain alef
  // (الموتى, الدورات), or its proclitics end in لل (للدوريات: ل +
  // الدوريات), where the name is written with an alef with hamza or madda
  // and lam (ألماتي, إلدوريت), which the profile folded alike. As in
  // TooShortWithoutArticle, the two letters are then not counted: البوكركي
  // is still ألبوكركي.
  KALIMA_NOINLINE bool ArticleTakenForHamzaLam(uint32_t entry, uint32_t surface,
                                               size_t first, uint32_t cut,
                                               size_t letters) const {
    constexpr size_t kArticle = 2;
    if (letters >= kMinFuzzyNameLetters + kArticle ||
        !index_.normalizer.options().alef) {
      return false;
    }
    const std::u32string_view key = KeyOf(first);
    const std::u32string_view rest = key.substr(cut);
    const bool restored = cut >= 2 && key.substr(cut - 2, 2) == U"لل";
    if (!restored &&
        (!rest.starts_with(U"ال") ||
         HamzaAlefWritten(index_, text_[first], cut, at_, renormalised_))) {
      return false;
    }
    // A first word the gazetteer knows was read as written; the edit is in
    // a word after it.
    const std::u32string reading =
        restored ? U"ال" + std::u32string(rest) : std::u32string(rest);
    if (index_.Id(reading) != kNoId) return false;
    if (!StartsWithHamzaAlefAndLam(WrittenName(entry, surface))) return false;
    // An entry also written with a plain ال (an alias) has it as a name.
    return !AnySpelling(entry, StartsWithArticle);
  }

  // Which names ending at a start's first node are taken (see Walk).
  enum class NamesHere { kAll, kNone, kWrittenWithArticle };

  // For start `s` of token i, a name ending in ي after an article its
  // proclitics give it is the nisba adjective, which such a name also
  // spells (التشيلي, "the Chilean", البوروندي, للتشيلي), not the name,
  // which takes no article: none after ال (وال, بال ...), and after لل (ل +
  // ال) only names written with an article of their own (للمالكي). Names
  // ending in اي take the article (الأوروغواي), and their adjective is
  // another word (الأوروغوايي).
  KALIMA_NOINLINE NamesHere OneWordNamesAfterArticle(size_t i,
                                                     const Start& s) const {
    const std::u32string_view key = KeyOf(i);
    if (s.cut < 2) return NamesHere::kAll;  // No article in the proclitics.
    const std::u32string_view clitics = key.substr(s.cut - 2, 2);
    const bool after_article = clitics == U"ال" || clitics == U"لل";
    const bool ends_in_yeh = key.ends_with(U'ي') || key.ends_with(U'ى');
    if (!after_article || !ends_in_yeh || key.ends_with(U"اي") ||
        key.ends_with(U"اى")) {
      return NamesHere::kAll;
    }
    return clitics == U"لل" ? NamesHere::kWrittenWithArticle : NamesHere::kNone;
  }

  std::u32string_view KeyOf(size_t i) const {
    return std::u32string_view(keys_.data() + text_[i].key_start,
                               text_[i].key_size);
  }

  // Whether token i, written with the article and the nisba ending and no
  // clitic (السعودية), follows a word with the article: it is then that
  // word's adjective (السوق السعودية, والشركات السعودية), and a one-word
  // name it spells is not matched there. After a word without the article
  // (إلى السعودية, زيارة السعودية) or with a clitic of its own (والسعودية,
  // a name in a list) it is the name.
  bool AdjectiveOfWordBefore(size_t i) const {
    if (i == 0 || !index_.clitics || index_.nisba_ending.empty() ||
        text_[i].after_break) {
      return false;
    }
    const std::u32string_view word = KeyOf(i);
    if (word.size() < 5 || !StartsWith(word, U"ال") ||
        word.substr(word.size() - index_.nisba_ending.size()) !=
            index_.nisba_ending) {
      return false;
    }
    // The word before: its own word, not a piece of a ligature's.
    if (text_[i - 1].start == text_[i].start) return false;
    const std::u32string_view before = KeyOf(i - 1);
    if (std::find(index_.definite_non_nouns.begin(),
                  index_.definite_non_nouns.end(),
                  before) != index_.definite_non_nouns.end()) {
      return false;
    }
    // With the article: a clitic run ending in it (ال, وال, بال, لل...), and
    // a word of three letters or more after it (not إلى, normalised الي). An
    // alef written with hamza starts no article (إلغاء, folded to الغاء).
    constexpr size_t kMinNounLetters = 3;
    for (uint8_t k : index_.VariantsBefore(before)) {
      const CliticVariant& v = index_.variants[k];
      if (v.has_article &&
          before.size() >= v.surface.size() + kMinNounLetters &&
          StartsWith(before, v.surface) &&
          !(v.surface.ends_with(U"ال") &&
            HamzaAlefWritten(index_, text_[i - 1], v.surface.size() - 2, at_,
                             renormalised_))) {
        return true;
      }
    }
    return false;
  }

  // One candidate per entry and token range: an entry found through two
  // readings of the first token (السودان, ال + سودان) counts once, with its
  // fewest edits, then as first found. Sorting keeps this linear-logarithmic
  // when thousands of entries share a name.
  void KeepOnePerEntryAndEnd(size_t first, std::vector<Candidate>* out) {
    const size_t n = out->size() - first;
    if (n < 2) return;
    if (n <= 8) {
      // The usual few, and most often no two alike: nothing to sort then.
      bool alike = false;
      for (size_t a = first; a < out->size() && !alike; ++a) {
        for (size_t b = a + 1; b < out->size() && !alike; ++b) {
          alike = (*out)[a].entry == (*out)[b].entry &&
                  (*out)[a].end == (*out)[b].end;
        }
      }
      if (!alike) return;
    }
    order_.resize(n);
    for (size_t k = 0; k < n; ++k) order_[k] = static_cast<uint32_t>(k);
    auto at = [&](uint32_t k) -> const Candidate& { return (*out)[first + k]; };
    auto before = [&](uint32_t a, uint32_t b) {
      return std::tie(at(a).entry, at(a).end, at(a).edits) <
             std::tie(at(b).entry, at(b).end, at(b).edits);
    };
    if (n <= 16) {
      // The usual few: insertion sort (stable), with no buffer to allocate
      // as std::stable_sort does on every call.
      for (size_t k = 1; k < n; ++k) {
        const uint32_t item = order_[k];
        size_t at_k = k;
        for (; at_k > 0 && before(item, order_[at_k - 1]); --at_k) {
          order_[at_k] = order_[at_k - 1];
        }
        order_[at_k] = item;
      }
    } else {
      std::stable_sort(order_.begin(), order_.end(), before);
    }
    keep_.assign(n, false);
    for (size_t k = 0; k < n; ++k) {
      keep_[order_[k]] = k == 0 ||
                         at(order_[k]).entry != at(order_[k - 1]).entry ||
                         at(order_[k]).end != at(order_[k - 1]).end;
    }
    size_t kept = first;
    for (size_t k = 0; k < n; ++k) {
      if (keep_[k]) (*out)[kept++] = (*out)[first + k];
    }
    out->resize(kept);
  }

  // At `node`, having read tokens [first, j], `letters` long (see
  // LettersOf). `step`: where node leads with the next token as written, if
  // known. `names_here`: which names ending at `node` are taken (a start's
  // one-word names may be refused, see CandidatesAt).
  void Walk(uint32_t node, size_t first, size_t j, uint32_t cut, uint32_t edits,
            size_t letters, size_t first_out, std::vector<Candidate>* out,
            uint32_t step = kStepUnknown,
            NamesHere names_here = NamesHere::kAll) {
    const bool long_enough = edits == 0 || letters >= kMinFuzzyNameLetters;
    if (long_enough && names_here != NamesHere::kNone) {
      index_.ForEachName(node, [&](uint32_t entry, uint32_t surface) {
        if (entry == kPhrase) {
          if (edits > 0) return;  // Phrases as written only.
        } else if (!WrittenAsNeeded(entry, surface, names_here) ||
                   (edits > 0 &&
                    (TooShortWithoutArticle(entry, surface, letters) ||
                     ArticleTakenForHamzaLam(entry, surface, first, cut,
                                             letters)))) {
          return;
        }
        out->emplace_back(entry, surface, static_cast<uint32_t>(first),
                          static_cast<uint32_t>(j + 1), cut, edits);
      });
    }
    if (j + 1 == text_.size() || Gazetteer::Index::IsLeaf(node) ||
        text_[j + 1].after_break) {
      return;
    }
    const TextToken& next = text_[j + 1];
    if (next.id != kNoId) {
      const uint32_t child =
          step != kStepUnknown ? step : index_.Child(node, next.id);
      if (child != kNoId) {
        Walk(child, first, j + 1, cut, edits, letters + LettersOf(next.id),
             first_out, out);
      }
    }
    if (edits < static_cast<uint32_t>(max_edits_)) {
      // By index: the walks below may add to the pool and move it.
      const auto [begin, end] = NeighboursOf(j + 1);
      for (uint32_t k = begin; k < end; ++k) {
        const uint32_t id = neighbour_pool_[k];
        const uint32_t child = index_.Child(node, id);
        if (child != kNoId) {
          Walk(child, first, j + 1, cut, edits + 1, letters + LettersOf(id),
               first_out, out);
        }
      }
    }
  }

  // Whether a name ending at a node is taken where `names_here` says which:
  // a phrase of its own always, a name at a start that asks for the article
  // only if written with it.
  bool WrittenAsNeeded(uint32_t entry, uint32_t surface,
                       NamesHere names_here) const {
    return entry == kPhrase || names_here != NamesHere::kWrittenWithArticle ||
           StartsWithArticle(WrittenName(entry, surface));
  }

  // Walk without edits, where none are allowed: a loop down the trie, with
  // the candidates Walk would give, in its order.
  void WalkExact(uint32_t node, size_t first, uint32_t cut,
                 std::vector<Candidate>* out, uint32_t step,
                 NamesHere names_here) {
    for (size_t j = first;; ++j) {
      if (names_here != NamesHere::kNone) {
        index_.ForEachName(node, [&](uint32_t entry, uint32_t surface) {
          if (!WrittenAsNeeded(entry, surface, names_here)) return;
          out->emplace_back(entry, surface, static_cast<uint32_t>(first),
                            static_cast<uint32_t>(j + 1), cut, uint32_t{0});
        });
      }
      if (j + 1 == text_.size() || Gazetteer::Index::IsLeaf(node) ||
          text_[j + 1].after_break) {
        return;
      }
      const uint32_t next = text_[j + 1].id;
      if (next == kNoId) return;
      node = step != kStepUnknown ? step : index_.Child(node, next);
      if (node == kNoId) return;
      step = kStepUnknown;
      names_here = NamesHere::kAll;
    }
  }

  // The keys one edit from token k as written, found once per text (walks
  // from many starts reach the same token): a range of neighbour_pool_.
  std::pair<uint32_t, uint32_t> NeighboursOf(size_t k) {
    if (neighbour_ranges_.empty()) {
      neighbour_ranges_.assign(text_.size(), {kNoId, kNoId});
    }
    auto& [begin, end] = neighbour_ranges_[k];
    if (begin == kNoId) {
      begin = static_cast<uint32_t>(neighbour_pool_.size());
      // A word the gazetteer knows is taken as written.
      if (text_[k].id == kNoId) {
        index_.FuzzyNeighbours(KeyOf(k), &neighbour_pool_);
      }
      end = static_cast<uint32_t>(neighbour_pool_.size());
    }
    return {begin, end};
  }

  const Gazetteer::Index& index_;
  const std::vector<TextToken>& text_;
  const TextTokens& text_tokens_;
  const std::u32string& keys_;
  std::vector<std::pair<uint32_t, uint32_t>> neighbour_ranges_;
  std::vector<uint32_t> neighbour_pool_;
  const std::vector<Start>& exact_starts_;
  const bool folded_apart_;
  RenormalisedToken& renormalised_;
  const int max_edits_;
  At& at_;
  std::vector<Start> fuzzy_starts_;
  // Per fuzzy start, whether its reading is a short word missing a letter.
  std::vector<bool> short_reading_;
  std::vector<uint32_t> order_;
  std::vector<bool> keep_;
  std::vector<uint32_t> neighbours_;
  std::u32string buffer_;
};

// Of the candidates at one start, the longest that `allowed` accepts, with
// those that end there too and start at the same unit; of readings that end
// alike, the one taking fewest letters for clitics (للجنة: ل + اللجنة
// before لل + الجنة).
template <typename Allowed>
size_t Longest(const std::vector<Candidate>& found, Allowed&& allowed,
               std::vector<Candidate>* best) {
  best->clear();
  uint32_t end = 0;
  for (const Candidate& c : found) {
    if (!allowed(c)) continue;
    if (c.end > end || (c.end == end && c.cut < best->front().cut)) {
      end = c.end;
      best->assign(1, c);
    } else if (c.end == end && c.cut == best->front().cut) {
      best->push_back(c);
    }
  }
  return end;
}

// For "all" mode: drops the candidates that lie inside a phrase of its own
// found in the text (its tokens or fewer, not all of them: a name spelt
// like the phrase stays); `begins` (each start's first candidate) follows.
// One pass: a candidate at token i is inside a phrase that starts before i
// and reaches its end, or one that starts at i and goes further.
void DropNamesInsidePhrases(std::vector<Candidate>* found,
                            std::vector<uint32_t>* begins) {
  if (std::none_of(found->begin(), found->end(),
                   [](const Candidate& c) { return c.entry == kPhrase; })) {
    return;
  }
  uint32_t kept = 0;
  uint32_t phrases_end = 0;  // The furthest end of phrases started before i.
  for (size_t i = 0; i + 1 < begins->size(); ++i) {
    const uint32_t begin = (*begins)[i], end = (*begins)[i + 1];
    uint32_t here_end = 0;  // Of phrases starting at i.
    for (uint32_t k = begin; k < end; ++k) {
      const Candidate& c = (*found)[k];
      if (c.entry == kPhrase) here_end = std::max(here_end, c.end);
    }
    (*begins)[i] = kept;
    for (uint32_t k = begin; k < end; ++k) {
      const Candidate& c = (*found)[k];
      if (c.end > phrases_end && c.end >= here_end) {
        (*found)[kept++] = c;
      }
    }
    phrases_end = std::max(phrases_end, here_end);
  }
  begins->back() = kept;
  found->resize(kept);
}

// Appends to `out` the matches in `tokens` that start in tokens [first,
// end): the others are there for the rules that read a token's neighbours.
template <typename At>
void Match(const Gazetteer::Index& index, const TextTokens& tokens,
           const GazetteerFindOptions& options, At&& at, size_t first,
           size_t end, std::vector<GazetteerMatch>* out) {
  const std::vector<TextToken>& text = tokens.tokens;
  Matcher<std::remove_reference_t<At>> matcher(index, tokens, options.max_edits,
                                               at);
  // Where in the caller's units a match starts, `cut` letters into key k,
  // and ends, with key k. In a token of several keys (ﷺﷺ), a key spans the
  // code points its letters came from (a ligature), not the whole token.
  auto start_of = [&](size_t k, uint32_t cut) {
    const size_t letter = text[k].key_offset + cut;
    return letter > 0 ? UnitOf(index, text[k], letter, at, tokens.renormalised)
                      : text[k].start;
  };
  auto end_of = [&](size_t k) {
    return SameToken(text, k) ? UnitAfter(index, text[k],
                                          text[k].key_offset + text[k].key_size,
                                          at, tokens.renormalised)
                              : text[k].end;
  };
  // A match's proclitics start where its first key does: the token's start,
  // or for a later key of a token of several (الله in كتابﷺ), its ligature.
  auto prefix_start = [&](size_t k) {
    return k > 0 && SameToken(text, k - 1) ? start_of(k, 0) : text[k].start;
  };
  auto emit = [&](const Candidate& c) {
    if (c.entry == kPhrase) return;  // No name, and none inside it.
    out->emplace_back(start_of(c.first, c.cut), end_of(c.end - 1),
                      prefix_start(c.first), c.entry, c.surface, c.edits);
  };
  // Matches in "longest" mode do not overlap in the caller's text. The keys
  // a match ending with key end - 1 leaves no room for: up to the next
  // token, or within a token of several keys, those of the ligatures it
  // covers; and, before key i where it starts, those of its ligature.
  auto past_match = [&](size_t end) {
    if (!SameToken(text, end - 1)) return end;  // Most matches.
    const size_t covered = end_of(end - 1);
    while (SameToken(text, end - 1) && start_of(end, 0) < covered) ++end;
    return end;
  };
  auto first_covered = [&](size_t i, uint32_t cut) {
    if (i == 0 || !SameToken(text, i - 1)) return i;  // Most matches.
    const size_t start = start_of(i, cut);
    while (i > 0 && SameToken(text, i - 1) && end_of(i - 1) > start) --i;
    return i;
  };
  // Where a phrase of its own is chosen in "longest" mode, the names inside
  // the phrases that overlap it and go further are hidden too, as in "all"
  // mode (كأس كوبا, then كوبا أمريكا: no أمريكا): `reach`, the end of the
  // match chosen at i, grows over the phrases starting inside it, which
  // `phrases_at(j, f)` calls f with.
  auto phrases_reach = [&](const std::vector<Candidate>& chosen, size_t i,
                           size_t reach, auto&& phrases_at) {
    if (std::none_of(chosen.begin(), chosen.end(),
                     [](const Candidate& c) { return c.entry == kPhrase; })) {
      return reach;
    }
    for (size_t j = i + 1; j < reach && j < end; ++j) {
      phrases_at(j, [&](const Candidate& c) {
        if (c.entry == kPhrase) reach = std::max<size_t>(reach, c.end);
      });
    }
    return reach;
  };
  std::vector<Candidate>& found = tokens.found;
  std::vector<Candidate>& best = tokens.best;
  std::vector<Candidate>& inside = tokens.inside;
  found.clear();
  const bool longest = options.mode == GazetteerMode::kLongest;
  if (longest && options.max_edits == 0) {
    for (size_t i = first; i < end;) {
      if (text[i].starts_begin == text[i].starts_end) {
        ++i;  // No name starts here: most tokens.
        continue;
      }
      found.clear();
      matcher.CandidatesAt(i, &found);
      auto any = [](const Candidate&) { return true; };
      size_t end = Longest(found, any, &best);
      // Checked only where it would choose a one-word name (most longest
      // matches of a large gazetteer are longer).
      if (end == i + 1 && best.front().cut == 0 &&
          matcher.DropAdjective(i, &found, 0)) {
        end = Longest(found, any, &best);
      }
      for (const Candidate& c : best) emit(c);
      if (best.empty()) {
        ++i;
        continue;
      }
      end = phrases_reach(best, i, end, [&](size_t j, auto&& f) {
        if (text[j].starts_begin == text[j].starts_end) return;
        inside.clear();
        matcher.CandidatesAt(j, &inside);
        for (const Candidate& c : inside) f(c);
      });
      i = past_match(end);
    }
    return;
  }
  // Every candidate at every start; then, for "longest", exact matches
  // chosen first and fuzzy ones only where no exact match lies.
  std::vector<uint32_t> begins;
  for (size_t i = 0; i < text.size(); ++i) {
    begins.push_back(static_cast<uint32_t>(found.size()));
    if (i < first || i >= end) continue;
    matcher.CandidatesAt(i, &found);
    matcher.DropAdjective(i, &found, begins.back());
  }
  begins.push_back(static_cast<uint32_t>(found.size()));
  if (!longest) {
    DropNamesInsidePhrases(&found, &begins);
    // Token by token; within one, by start (fewer letters taken for clitics
    // start earlier: ل + لجنة before لل + جنة), exact matches first.
    for (size_t i = 0; i < text.size(); ++i) {
      std::stable_sort(found.begin() + begins[i], found.begin() + begins[i + 1],
                       [](const Candidate& a, const Candidate& b) {
                         return std::tie(a.cut, a.edits) <
                                std::tie(b.cut, b.edits);
                       });
      for (uint32_t k = begins[i]; k < begins[i + 1]; ++k) emit(found[k]);
    }
    return;
  }
  std::vector<Candidate> chosen, at_start;
  std::vector<bool> covered(text.size(), false);
  for (uint32_t edits = 0; edits <= static_cast<uint32_t>(options.max_edits);
       ++edits) {
    for (size_t i = 0; i < text.size();) {
      at_start.assign(found.begin() + begins[i], found.begin() + begins[i + 1]);
      const size_t end = Longest(
          at_start,
          [&](const Candidate& c) {
            if (c.edits != edits) return false;
            for (size_t k = c.first; k < c.end; ++k) {
              if (covered[k]) return false;
            }
            return true;
          },
          &best);
      if (best.empty()) {
        ++i;
        continue;
      }
      chosen.insert(chosen.end(), best.begin(), best.end());
      const size_t past =
          past_match(phrases_reach(best, i, end, [&](size_t j, auto&& f) {
            for (uint32_t k = begins[j]; k < begins[j + 1]; ++k) f(found[k]);
          }));
      for (size_t k = first_covered(i, best.front().cut); k < past; ++k) {
        covered[k] = true;
      }
      i = past;
    }
  }
  std::stable_sort(
      chosen.begin(), chosen.end(),
      [](const Candidate& a, const Candidate& b) { return a.first < b.first; });
  for (const Candidate& c : chosen) emit(c);
}

// Whether no name, phrase or edit can go on from the token before `token`
// into it: its key as written is no key of the index (and, with edits, too
// short to be one with an edit). A long text can then be cut before it
// (see FindInWindows). `key`: room for the key.
template <typename At>
bool NoNameGoesInto(const Gazetteer::Index& index, const Token& token, At& at,
                    int max_edits, std::u32string* key) {
  if (IsUnderscores(token, at)) return false;
  key->resize(token.end - token.start);
  bool one_to_one = false;
  const size_t letters = FoldToken(*index.fold_table, token.start, token.end,
                                   at, key->data(), &one_to_one);
  // A token the normaliser itself reads (ﷺ) may be several keys.
  if (letters == kNoFold || letters == 0) return false;
  if (max_edits > 0 && letters >= kMinFuzzyWordLetters) return false;
  return index.Id(std::u32string_view(key->data(), letters)) == kNoId;
}

// The tokens of a text, tokenised a chunk of about window_units units at a
// time as FindInWindows reaches them, so that a long text's tokens (24 bytes
// each) are not all held at once. A chunk ends before a space or a line
// feed: no token holds one, and the tokenizer starts afresh after one and
// reads nothing past it to end the token before, so the tokens are those of
// the text tokenised whole. Tokens are numbered from the text's first; those
// before the one last passed to Forget may be dropped. `tokenize(begin, end,
// out)` replaces *out with the tokens of units [begin, end), their offsets
// from `begin`, or fails naming a position in the whole text.
template <typename Unit, typename Tokenize>
class TokenStream {
 public:
  TokenStream(const Unit* units, size_t size, Tokenize tokenize,
              TextTokens* work)
      : units_(units),
        size_(size),
        chunk_(
            std::max<size_t>(window_units.load(std::memory_order_relaxed), 1)),
        tokenize_(std::move(tokenize)),
        held_(&work->text_tokens),
        chunk_tokens_(&work->chunk_tokens) {
    held_->clear();
  }

  // Whether the text has a token k (false too once tokenising failed).
  bool Has(size_t k) {
    while (k >= first_ + held_->size()) {
      if (tokenised_ == size_ || !ReadChunk()) return false;
    }
    return true;
  }
  // Token k, which Has(k) said is there.
  const Token& operator[](size_t k) const { return (*held_)[k - first_]; }
  // Tokens [from, to], all there.
  std::span<const Token> Span(size_t from, size_t to) const {
    return std::span<const Token>(*held_).subspan(from - first_, to + 1 - from);
  }
  // Whether every token from k on is held and they end within `units` of
  // token k's start.
  bool RestWithin(size_t k, size_t units) const {
    return tokenised_ == size_ && held_->back().end - (*this)[k].start <= units;
  }
  // Tokens before k are no longer read. They go once they are over half of
  // those held, so that each is moved at most once on average.
  void Forget(size_t k) {
    const size_t unread = k - first_;
    if (unread < 1024 || 2 * unread < held_->size()) return;
    held_->erase(held_->begin(), held_->begin() + unread);
    first_ = k;
  }
  // The number of the token after the last held.
  size_t end() const { return first_ + held_->size(); }
  const absl::Status& status() const { return status_; }

 private:
  bool ReadChunk() {
    size_t end = size_;
    if (size_ - tokenised_ > chunk_) {
      end = tokenised_ + chunk_;
      while (end < size_ && units_[end] != ' ' && units_[end] != '\n') ++end;
    }
    if (tokenised_ == 0 && end == size_) {
      // The whole text in one chunk (a line, a paragraph): no copy.
      status_ = tokenize_(0, size_, held_);
    } else {
      status_ = tokenize_(tokenised_, end, chunk_tokens_);
      if (status_.ok()) {
        for (Token t : *chunk_tokens_) {
          t.start += tokenised_;
          t.end += tokenised_;
          held_->push_back(t);
        }
      }
    }
    tokenised_ = status_.ok() ? end : size_;
    return status_.ok();
  }

  const Unit* units_;
  size_t size_;
  size_t chunk_;
  Tokenize tokenize_;
  std::vector<Token>* held_;
  std::vector<Token>* chunk_tokens_;
  size_t first_ = 0;      // The number of held_'s first token.
  size_t tokenised_ = 0;  // Units tokenised so far.
  absl::Status status_;
};

// Finds the names in a text's tokens, read through `at`, a window of about
// window_units units at a time. A window's names start in tokens [own,
// cut), where no name goes into token `cut` (NoNameGoesInto), so that none
// goes on past it; the window holds token `cut` too, and the tokens before
// `own` back to the last that is no underscores, for the rules that read a
// name's neighbours (the token after it, for a walk's next step; the one
// before it, for AdjectiveOfWordBefore). The next window's names start at
// `cut`. The matches are those of the whole text read at once, in order,
// with the working storage of one window and its tokens. Where no name can
// be cut before for long (every word a key), a window reads on until one
// can. `map(base, units)`: folds units [base, base + units) of the text into
// work->keys and work->unfolded with the vector kernel, if it can (see
// ReadTokens). `tokens`: a TokenStream over the text.
template <typename Tokens, typename At, typename Map>
absl::Status FindInWindows(const Gazetteer::Index& index, Tokens& tokens,
                           At&& at, Map&& map,
                           const GazetteerFindOptions& options,
                           TextTokens* work, std::vector<GazetteerMatch>* out) {
  out->clear();
  if (options.max_edits < 0 || options.max_edits > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_edits must be 0 or 1, not ", options.max_edits));
  }
  if (options.mode != GazetteerMode::kLongest &&
      options.mode != GazetteerMode::kAll) {
    return absl::InvalidArgumentError(absl::StrCat(
        "mode ", static_cast<int>(options.mode), " is no GazetteerMode"));
  }
  const size_t window = window_units.load(std::memory_order_relaxed);
  for (size_t own = 0; tokens.Has(own);) {
    if (own > 0 && options.between_windows) {
      if (absl::Status s = options.between_windows(); !s.ok()) {
        out->clear();
        return s;
      }
    }
    size_t cut = own + 1;
    if (tokens.RestWithin(own, window)) {
      cut = tokens.end();
    } else {
      while (tokens.Has(cut) &&
             tokens[cut].start - tokens[own].start < window) {
        ++cut;
      }
      while (tokens.Has(cut) &&
             !NoNameGoesInto(index, tokens[cut], at, options.max_edits,
                             &work->key)) {
        ++cut;
      }
    }
    // Past the last token: this is the last window.
    const bool to_end = !tokens.Has(cut);
    size_t open = own;
    if (own > 0) {
      do --open;
      while (open > 0 && IsUnderscores(tokens[open], at));
    }
    const std::span<const Token> piece =
        tokens.Span(open, to_end ? cut - 1 : cut);
    const size_t base = open == 0 ? 0 : tokens[open].start;
    // A window stretched far past `window` by a gap (megabytes of spaces
    // between two words) is not mapped, which would take 4 bytes a unit of
    // the gap: its tokens are folded one by one instead.
    const size_t span = piece.back().end - base;
    const bool mapped = span <= std::max<size_t>(2 * window, size_t{1} << 17) &&
                        map(base, span);
    if (absl::Status s = ReadTokens(index, piece, at, mapped, base,
                                    options.max_edits == 0, work);
        !s.ok()) {
      return s;
    }
    // The window's keys from token `own` and from token `cut` on.
    const std::vector<TextToken>& window_keys = work->tokens;
    auto first_key_from = [&](size_t token) {
      if (token == cut && to_end) return window_keys.size();
      return static_cast<size_t>(
          std::partition_point(window_keys.begin(), window_keys.end(),
                               [&](const TextToken& t) {
                                 return t.start < tokens[token].start;
                               }) -
          window_keys.begin());
    };
    // Without edits, a name starts only where a start was found (most short
    // texts have none, for a small gazetteer).
    if (options.max_edits > 0 || !work->starts.empty()) {
      Match(index, *work, options, at, first_key_from(own), first_key_from(cut),
            out);
    }
    // The next window reads back from `cut` no further than `open`.
    tokens.Forget(open);
    own = cut;
  }
  if (!tokens.status().ok()) out->clear();
  return tokens.status();
}

// A thread's working storage is kept from text to text, each buffer unless
// a text read with no window (or a long one's tokens, or one very long
// token) made it this large.
constexpr size_t kKeptWorkBytes = size_t{4} << 20;
template <typename Container>
size_t BytesOf(const Container& c) {
  return c.capacity() * sizeof(typename Container::value_type);
}
// Swapped with an empty one: assigning one keeps a string's buffer.
template <typename Container>
void ReleaseIfLarge(Container* c) {
  if (BytesOf(*c) > kKeptWorkBytes) Container().swap(*c);
}
void ReleaseLargeWork(TextTokens* work) {
  ReleaseIfLarge(&work->tokens);
  ReleaseIfLarge(&work->keys);
  ReleaseIfLarge(&work->starts);
  ReleaseIfLarge(&work->probes);
  ReleaseIfLarge(&work->probed);
  ReleaseIfLarge(&work->words);
  ReleaseIfLarge(&work->text_tokens);
  ReleaseIfLarge(&work->chunk_tokens);
  ReleaseIfLarge(&work->unfolded);
  ReleaseIfLarge(&work->key);
  ReleaseIfLarge(&work->wide);
  ReleaseIfLarge(&work->buffer);
  ReleaseIfLarge(&work->found);
  ReleaseIfLarge(&work->best);
  ReleaseIfLarge(&work->inside);
  // The last token normalised again: its offsets grow with it too.
  RenormalisedToken& last = work->renormalised;
  if (BytesOf(last.code_points) + BytesOf(last.key) + BytesOf(last.units) >
      kKeptWorkBytes) {
    RenormalisedToken released;
    std::swap(last, released);
  }
}

// FindCodePoints with the caller's working storage.
absl::Status FindCodePointsWith(const Gazetteer::Index& index,
                                const CodePointsView& text,
                                const GazetteerFindOptions& options,
                                TextTokens* work,
                                std::vector<GazetteerMatch>* out) {
  if (absl::Status s = internal::CheckCodePointWidth(text); !s.ok()) {
    out->clear();
    return s;
  }
  // Text held as 8- or 16-bit units is folded by the vector kernel, if
  // this CPU has it, a window at a time; its tokens are then mostly their
  // own keys.
  auto map_with = [&](const auto* units) {
    return [work, &index, units](size_t base, size_t n) {
      if (n == 0) return false;
      if (work->keys.size() < n) work->keys.resize(n);
      // A word per 32 code points for the kernel, then the zeros NoneSet
      // reads.
      work->unfolded.assign((n + 31) / 32 + 2, 0);
      return internal::MapCodePoints(*index.fold_table, units + base, n,
                                     work->keys.data(), work->unfolded.data());
    };
  };
  auto find = [&](const auto* units, auto&& map) {
    auto tokenize = [units](size_t begin, size_t end, std::vector<Token>* out) {
      absl::Status status = GazetteerTokenizer().TokenizeCodePoints(
          std::span(units + begin, end - begin), out);
      if (status.ok() || begin == 0) return status;
      // A later chunk's bad code point, named at its index in the text.
      for (size_t i = begin; i < end; ++i) {
        if (!IsScalarValue(units[i])) {
          return internal::InvalidCodePointError(units[i], i);
        }
      }
      return status;
    };
    TokenStream tokens(units, text.size, tokenize, work);
    return FindInWindows(index, tokens, internal::FixedWidthReader(units), map,
                         options, work, out);
  };
  absl::Status status;
  switch (text.width) {
    case 1: {
      const auto* units = static_cast<const uint8_t*>(text.data);
      status = find(units, map_with(units));
      break;
    }
    case 2: {
      const auto* units = static_cast<const char16_t*>(text.data);
      status = find(units, map_with(units));
      break;
    }
    default:
      status = find(static_cast<const char32_t*>(text.data),
                    [](size_t, size_t) { return false; });
  }
  ReleaseLargeWork(work);
  return status;
}

// Writes sections at 8-byte aligned offsets behind a header and a section
// table filled in as they come.
class SectionWriter {
 public:
  SectionWriter() {
    out_.assign(kHeaderSize, '\0');
    internal::PutU32(&out_, kSectionCount);
    internal::PutU32(&out_, 0);
    table_ = out_.size();
    out_.append(16 * size_t{kSectionCount}, '\0');
  }
  // Room for `bytes` more (the sections to come and their padding): a
  // buffer that grows copies what it holds, and holds it twice meanwhile.
  // Built gazetteers are matched in this buffer, so it is asked for huge
  // pages before the sections are written (FromBytes copies into such
  // memory too; a mapped file keeps the page cache's pages).
  void Reserve(size_t bytes) {
    out_.reserve(out_.size() + bytes);
    internal::AdviseHugePages(out_.data(), out_.capacity());
  }
  // What a section of `size` bytes takes at most, its padding included.
  static size_t Planned(size_t size) { return size + kMaxAlignment; }
  void Add(Section section, std::string_view bytes, size_t alignment = 8) {
    Begin(section, bytes.size(), alignment);
    out_.append(bytes);
  }
  // As Add, for bytes not read again (a consuming build's): their pages
  // are handed back as they are copied, so that both copies are never
  // whole, and no more than a piece of them is held twice.
  void AddHandingBack(Section section, std::string_view bytes) {
    Begin(section, bytes.size(), 8);
    constexpr size_t kPiece = size_t{256} << 10;
    for (size_t at = 0; at < bytes.size(); at += kPiece) {
      const std::string_view piece = bytes.substr(at, kPiece);
      out_.append(piece);
      internal::DropPages(piece.data(), piece.size());
    }
  }
  // Adds a section of `count` values of T, zero, and returns them to be
  // filled in place, before the next Add (which may move them).
  template <typename T>
  std::span<T> AddZeroed(Section section, size_t count, size_t alignment = 8) {
    Begin(section, count * sizeof(T), alignment);
    const size_t at = out_.size();
    out_.resize(at + count * sizeof(T), '\0');
    return std::span<T>(reinterpret_cast<T*>(out_.data() + at), count);
  }
  // A section added before, as values of T, where the section table puts it
  // (the buffer was reserved: it does not move).
  template <typename T>
  std::span<const T> Added(Section section) const {
    internal::Reader entry(
        std::string_view(out_).substr(table_ + 16 * size_t{section}, 16));
    uint64_t offset = 0, size = 0;
    entry.U64(&offset);
    entry.U64(&size);
    return std::span<const T>(reinterpret_cast<const T*>(out_.data() + offset),
                              size / sizeof(T));
  }
  template <typename T, typename Allocator>
  void Add(Section section, const std::vector<T, Allocator>& values,
           size_t alignment = 8) {
    Add(section,
        std::string_view(reinterpret_cast<const char*>(values.data()),
                         values.size() * sizeof(T)),
        alignment);
  }
  std::string Finish(uint32_t flags) && {
    const std::string_view payload = std::string_view(out_).substr(kHeaderSize);
    out_.replace(0, kHeaderSize,
                 internal::FileHeaderBytes(
                     internal::kGazetteerMagic, kFormatVersion, flags,
                     payload.size(), internal::FastChecksum64(payload, flags)));
    return std::move(out_);
  }

 private:
  static constexpr size_t kMaxAlignment = 64;
  // Pads to `alignment` and enters a section of `size` bytes starting there
  // in the table.
  void Begin(Section section, size_t size, size_t alignment) {
    out_.append((alignment - out_.size() % alignment) % alignment, '\0');
    std::string entry;
    internal::PutU64(&entry, out_.size());
    internal::PutU64(&entry, size);
    out_.replace(table_ + 16 * size_t{section}, 16, entry);
  }

  std::string out_;
  size_t table_ = 0;
};

}  // namespace

struct GazetteerBuilder::State {
  Normalizer normalizer;
  GazetteerBuilderOptions options;
  std::vector<std::string> labels;
  absl::flat_hash_map<std::string, uint32_t> label_ids;
  // The pools hold about 60 bytes a name, in arrays that double as they
  // grow: their pages keep what a doubling leaves unfilled or frees from
  // staying resident (a million names took 99 bytes each on the heap).
  internal::PagedString<char> records;
  internal::PagedVector<uint32_t> record_offsets{0};
  // The normalised tokens, pooled: token id -> its chars; an open-addressing
  // table (id + 1 per slot, at most half full, with the high half of the
  // key's hash beside it so that a probe compares chars only when the hashes
  // agree) finds a key's id. Its slots come from the key's hash mixed with a
  // seed of this process, so that no list of names can be chosen to pile up
  // in it (the saved table's hash is fixed by the format; Serialize refuses
  // names that pile up there).
  internal::PagedString<char32_t> key_chars;
  internal::PagedVector<uint32_t> key_offsets{0};
  internal::PagedVector<uint64_t> key_slots =
      internal::PagedVector<uint64_t>(1024, 0);
  const uint64_t slot_seed = absl::HashOf(this);
  size_t SlotHash(std::u32string_view key) const {
    uint64_t h = HashKey(key) ^ slot_seed;
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;  // MurmurHash3's finaliser.
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return static_cast<size_t>(h ^ (h >> 33));
  }
  // One per name and alias: its entry, which surface it is, and its token
  // ids at [begin, begin + size) of surface_tokens.
  struct Surface {
    uint32_t entry;
    uint32_t index;
    uint32_t begin;
    uint32_t size;
  };
  internal::PagedVector<Surface> surfaces;
  internal::PagedVector<uint32_t> surface_tokens;
  // The words of their own (AddWord): (token id, as written) each.
  std::vector<std::pair<uint32_t, std::u32string>> word_forms;
  // The first words of compound names, normalised: عبد and أبو, which
  // are written apart or joined to the word after them (عبد الله and
  // عبدالله, أبو ظبي and أبوظبي). Made on first use.
  std::vector<std::u32string> compound_heads;
  // Add's working storage: the tokens of a name and its aliases, as
  // (offset, size) in scratch_chars, and where each surface's end.
  NameScratch scratch;
  std::u32string scratch_chars;
  std::vector<std::pair<size_t, size_t>> scratch_tokens;
  std::vector<size_t> scratch_ends;

  size_t token_count() const { return key_offsets.size() - 1; }
  std::u32string_view Key(uint32_t id) const {
    return Chars(key_chars, key_offsets, id);
  }
  // What Add and AddWord undo if memory runs out part way (std::bad_alloc
  // propagates): the names are read back by index, and half an entry would
  // point past them. Words interned meanwhile stay, unused (Intern leaves
  // the table whole).
  struct Mark {
    size_t surfaces, surface_tokens, records, labels, word_forms;
    bool compound_heads;
  };
  Mark MarkNow() const {
    return {surfaces.size(), surface_tokens.size(), records.size(),
            labels.size(),   word_forms.size(),     !compound_heads.empty()};
  }
  void UndoTo(const Mark& mark) noexcept {
    surfaces.resize(mark.surfaces);
    surface_tokens.resize(mark.surface_tokens);
    records.resize(mark.records);
    absl::erase_if(label_ids, [&](const auto& label) {
      return label.second >= mark.labels;
    });
    labels.resize(mark.labels);
    word_forms.resize(mark.word_forms);
    if (!mark.compound_heads) compound_heads.clear();
  }
  void AddCompoundSpellings(uint32_t entry, uint32_t surface, uint32_t first);
  static uint64_t SlotEntry(size_t hash, uint32_t id) {
    return (uint64_t{hash} & 0xffffffff00000000ULL) | (id + 1);
  }
  uint32_t Intern(std::u32string_view key) {
    const size_t hash = SlotHash(key);
    size_t mask = key_slots.size() - 1;
    size_t slot = hash & mask;
    for (; key_slots[slot] != 0; slot = (slot + 1) & mask) {
      const uint64_t entry = key_slots[slot];
      const auto id = static_cast<uint32_t>(entry) - 1;
      if (entry == SlotEntry(hash, id) && Key(id) == key) return id;
    }
    const auto id = static_cast<uint32_t>(token_count());
    key_chars.append(key);
    try {
      key_offsets.push_back(static_cast<uint32_t>(key_chars.size()));
    } catch (...) {  // Out of memory: no letters without their offset.
      key_chars.resize(key_chars.size() - key.size());
      throw;
    }
    key_slots[slot] = SlotEntry(hash, id);
    if (2 * token_count() > key_slots.size()) {
      key_slots.assign(2 * key_slots.size(), 0);
      mask = key_slots.size() - 1;
      for (uint32_t k = 0; k < token_count(); ++k) {
        const size_t rehash = SlotHash(Key(k));
        size_t at = rehash & mask;
        while (key_slots[at] != 0) at = (at + 1) & mask;
        key_slots[at] = SlotEntry(rehash, k);
      }
    }
    return id;
  }
};

// Adds the other spellings of a name's compounds as more paths to the same
// surface. Its words are cut into pieces first, each head (عبد, أبو) joined
// to three letters or more cut from them (عبدالله: عبد + الله; أبوعبدالله:
// أبو + عبد + الله). Each joint after a head piece, written joined or apart,
// is then also spelt the other way: a name's mixed spellings too (عبدالله بن
// عبد العزيز, أبو عبدالله). The first four joints are varied, every
// combination of them (at most 15 more paths). The surface's tokens are
// surface_tokens[first, end), read by index: the paths added after them may
// move the vector.
void GazetteerBuilder::State::AddCompoundSpellings(uint32_t entry,
                                                   uint32_t surface,
                                                   uint32_t first) {
  const size_t count = surface_tokens.size() - first;
  if (compound_heads.empty()) {
    for (std::u32string_view head : {U"عبد", U"أبو", U"ابو"}) {
      std::u32string key;
      if (normalizer.NormalizeCodePoints(std::span<const char32_t>(head), &key)
              .ok() &&
          std::find(compound_heads.begin(), compound_heads.end(), key) ==
              compound_heads.end()) {
        compound_heads.push_back(std::move(key));
      }
    }
  }
  constexpr size_t kMinRest = 3;
  // The head `key` starts with, joined to kMinRest letters or more: its
  // length, or 0.
  auto head_of = [&](std::u32string_view key) -> size_t {
    for (const std::u32string& head : compound_heads) {
      if (key.size() >= head.size() + kMinRest &&
          key.substr(0, head.size()) == head) {
        return head.size();
      }
    }
    return 0;
  };
  auto is_head = [&](std::u32string_view key) {
    return std::find(compound_heads.begin(), compound_heads.end(), key) !=
           compound_heads.end();
  };
  // Most names hold no head: nothing to vary, and no piece to copy.
  bool any_head = false;
  for (size_t t = 0; t < count && !any_head; ++t) {
    const std::u32string_view key = Key(surface_tokens[first + t]);
    any_head = is_head(key) || head_of(key) > 0;
  }
  if (!any_head) return;
  // Copied: interning the spellings below moves key_chars.
  struct Piece {
    std::u32string key;
    bool joined_to_next;  // As the name writes it.
  };
  std::vector<Piece> pieces;
  for (size_t t = 0; t < count; ++t) {
    std::u32string_view key = Key(surface_tokens[first + t]);
    for (size_t head = head_of(key); head > 0; head = head_of(key)) {
      pieces.push_back({std::u32string(key.substr(0, head)), true});
      key.remove_prefix(head);
    }
    pieces.push_back({std::u32string(key), false});
  }
  constexpr size_t kMaxJoints = 4;
  std::vector<size_t> joints;  // Pieces whose joint to the next is varied.
  for (size_t p = 0; p + 1 < pieces.size() && joints.size() < kMaxJoints; ++p) {
    if (is_head(pieces[p].key)) joints.push_back(p);
  }
  std::vector<uint32_t> spelled;
  std::u32string word;
  for (uint32_t mask = 1; mask < (1u << joints.size()); ++mask) {
    spelled.clear();
    word.clear();
    for (size_t p = 0, j = 0; p < pieces.size(); ++p) {
      bool joined = pieces[p].joined_to_next;
      if (j < joints.size() && joints[j] == p) {
        if (mask >> j & 1) joined = !joined;
        ++j;
      }
      word += pieces[p].key;
      if (!joined) {
        spelled.push_back(Intern(word));
        word.clear();
      }
    }
    if (spelled.size() > kMaxNameTokens) continue;
    surfaces.push_back({entry, surface,
                        static_cast<uint32_t>(surface_tokens.size()),
                        static_cast<uint32_t>(spelled.size())});
    surface_tokens.insert(surface_tokens.end(), spelled.begin(), spelled.end());
  }
}

GazetteerBuilder::GazetteerBuilder(Normalizer normalizer, bool clitics)
    : GazetteerBuilder(std::move(normalizer),
                       GazetteerBuilderOptions{.clitics = clitics}) {}

GazetteerBuilder::GazetteerBuilder(Normalizer normalizer,
                                   GazetteerBuilderOptions options)
    : state_(std::make_unique<State>()) {
  state_->normalizer = std::move(normalizer);
  state_->options = options;
}

GazetteerBuilder::GazetteerBuilder(const Gazetteer& compiled)
    : GazetteerBuilder(compiled.normalizer(),
                       GazetteerBuilderOptions{.clitics = compiled.clitics(),
                                               .tanween = compiled.tanween()}) {
  const Gazetteer::Index& index = *compiled.index_;
  State& state = *state_;
  for (uint32_t l = 0; l + 1 < index.label_offsets.size(); ++l) {
    state.label_ids.emplace(std::string(index.Label(l)), l);
    state.labels.emplace_back(index.Label(l));
  }
  state.records.assign(index.entry_records);
  state.record_offsets.assign(index.entry_offsets.begin(),
                              index.entry_offsets.end());
  for (uint32_t id = 0; id < index.token_count(); ++id) {
    state.Intern(index.Key(id));
  }
  index.ForEachWordForm([&](uint32_t id, std::u32string_view written) {
    state.word_forms.emplace_back(id, written);
  });
  index.ForEachNamePath(
      [&](uint32_t entry, uint32_t surface, std::span<const uint32_t> path) {
        state.surfaces.push_back(
            {entry, surface, static_cast<uint32_t>(state.surface_tokens.size()),
             static_cast<uint32_t>(path.size())});
        state.surface_tokens.insert(state.surface_tokens.end(), path.begin(),
                                    path.end());
      });
}

GazetteerBuilder::~GazetteerBuilder() {
  const bool large = state_ != nullptr && state_->records.size() > (1 << 20);
  state_.reset();
  if (large) internal::ReleaseFreeMemory();
}
GazetteerBuilder::GazetteerBuilder(GazetteerBuilder&&) noexcept = default;
GazetteerBuilder& GazetteerBuilder::operator=(GazetteerBuilder&&) noexcept =
    default;

size_t GazetteerBuilder::size() const {
  return state_->record_offsets.size() - 1;
}

absl::Status GazetteerBuilder::Add(std::string_view name,
                                   std::string_view label, std::string_view id,
                                   std::span<const std::string_view> aliases) {
  State& state = *state_;
  if (label.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("the label of '", std::string(name), "' is empty"));
  }
  for (const auto& [field, text] :
       {std::pair<const char*, std::string_view>{"label", label},
        std::pair<const char*, std::string_view>{"id", id}}) {
    if (text.size() > kMaxNameBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          "a label or id of ", text.size(), " bytes; at most ", kMaxNameBytes));
    }
    state.scratch.wide.clear();
    if (absl::Status s =
            internal::AppendUtf8CodePoints(text, &state.scratch.wide);
        !s.ok()) {
      return s;
    }
    // A control character or line break (the line and paragraph separators
    // too) would split the field wherever labels and ids are written out one
    // a line (a TSV, a table): most often two rows of a file whose lines end
    // in a lone \r, read as one. Names may hold them: they separate words.
    for (char32_t c : state.scratch.wide) {
      if (u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR ||
          internal::IsLineBreak(c)) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "the %s of '%s' holds a control character (U+%04X)", field,
            std::string(name), static_cast<uint32_t>(c)));
      }
    }
  }
  // The record's size, varints counted at their widest.
  uint64_t record = uint64_t{name.size()} + label.size() + id.size() + 40;
  for (std::string_view alias : aliases) record += alias.size() + 10;
  if (record > std::numeric_limits<uint32_t>::max() - state.records.size() ||
      state.key_chars.size() + 4 * record >
          std::numeric_limits<uint32_t>::max() ||
      size() + 1 >= kNoId) {
    return absl::ResourceExhaustedError(
        "the gazetteer is full (4 GiB of names or 2^32 entries)");
  }
  // Every surface is read before any is added: a bad alias adds nothing.
  NameScratch& scratch = state.scratch;
  std::u32string& chars = state.scratch_chars;
  std::vector<std::pair<size_t, size_t>>& tokens = state.scratch_tokens;
  std::vector<size_t>& ends = state.scratch_ends;
  chars.clear();
  tokens.clear();
  ends.clear();
  for (size_t k = 0; k <= aliases.size(); ++k) {
    const std::string_view surface = k == 0 ? name : aliases[k - 1];
    const size_t keys_from = chars.size();
    if (absl::Status s =
            NameTokens(state.normalizer, surface, &scratch, &chars, &tokens);
        !s.ok()) {
      return s;
    }
    // Where names take no tanween, a word written with it is no name: a
    // name written with it would never be found as written, unless the
    // profile keeps it (and so compares it).
    if (!state.options.tanween) {
      const auto tanween =
          std::find_if(scratch.wide.begin(), scratch.wide.end(), IsTanween);
      if (tanween != scratch.wide.end() &&
          std::none_of(chars.begin() + keys_from, chars.end(), IsTanween)) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "'%s' is written with tanween (U+%04X), and a gazetteer whose "
            "names take no tanween (tanween=False) finds no name in a word "
            "written with it: add the name without it",
            std::string(surface), static_cast<uint32_t>(*tanween)));
      }
    }
    ends.push_back(tokens.size());
  }
  const auto entry = static_cast<uint32_t>(size());
  const State::Mark mark = state.MarkNow();
  try {
    for (size_t k = 0, begin = 0; k < ends.size(); begin = ends[k++]) {
      const auto first = static_cast<uint32_t>(state.surface_tokens.size());
      state.surfaces.push_back({entry, static_cast<uint32_t>(k), first,
                                static_cast<uint32_t>(ends[k] - begin)});
      for (size_t t = begin; t < ends[k]; ++t) {
        state.surface_tokens.push_back(
            state.Intern(std::u32string_view(chars).substr(tokens[t].first,
                                                           tokens[t].second)));
      }
      state.AddCompoundSpellings(entry, static_cast<uint32_t>(k), first);
    }
    auto [it, added] = state.label_ids.try_emplace(
        std::string(label), static_cast<uint32_t>(state.labels.size()));
    if (added) state.labels.emplace_back(label);
    internal::PutVarint(&state.records, it->second);
    for (std::string_view text : {name, id}) {
      internal::PutVarint(&state.records, text.size());
      state.records.append(text);
    }
    internal::PutVarint(&state.records, aliases.size());
    for (std::string_view alias : aliases) {
      internal::PutVarint(&state.records, alias.size());
      state.records.append(alias);
    }
    state.record_offsets.push_back(static_cast<uint32_t>(state.records.size()));
  } catch (...) {
    state.UndoTo(mark);
    throw;
  }
  return absl::OkStatus();
}

absl::Status GazetteerBuilder::AddWord(std::string_view word) {
  State& state = *state_;
  std::u32string& chars = state.scratch_chars;
  std::vector<std::pair<size_t, size_t>>& tokens = state.scratch_tokens;
  chars.clear();
  tokens.clear();
  if (absl::Status s = NameTokens(state.normalizer, word, &state.scratch,
                                  &chars, &tokens, "a word or phrase");
      !s.ok()) {
    return s;
  }
  if (state.key_chars.size() + chars.size() >=
      std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError(
        "the gazetteer is full (4 GiB of names or 2^32 entries)");
  }
  auto key = [&](size_t k) {
    return std::u32string_view(chars).substr(tokens[k].first, tokens[k].second);
  };
  if (tokens.size() == 1) {
    std::u32string written = WrittenForm(word);
    if (written.empty() || written.size() > kMaxWrittenForm) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", std::string(word), "' has ", written.size(),
                       " letters as written (harakat aside); a word has 1 to ",
                       kMaxWrittenForm));
    }
    state.word_forms.emplace_back(state.Intern(key(0)), std::move(written));
    return absl::OkStatus();
  }
  const State::Mark mark = state.MarkNow();
  try {
    const auto first = static_cast<uint32_t>(state.surface_tokens.size());
    for (size_t k = 0; k < tokens.size(); ++k) {
      state.surface_tokens.push_back(state.Intern(key(k)));
    }
    state.surfaces.push_back(
        {kPhrase, 0, first, static_cast<uint32_t>(tokens.size())});
    state.AddCompoundSpellings(kPhrase, 0, first);
  } catch (...) {
    state.UndoTo(mark);
    throw;
  }
  return absl::OkStatus();
}

namespace {

// UTF-32 text as the bytes of its section.
std::string_view Utf32Bytes(std::u32string_view chars) {
  return std::string_view(reinterpret_cast<const char*>(chars.data()),
                          chars.size() * sizeof(char32_t));
}

// Frees a container's memory (clear() keeps it).
template <typename Container>
void Release(Container& c) {
  Container().swap(c);
}

// The serialised gazetteer of `state`. A large gazetteer's file is held
// once while it is made: the whole of it is reserved once the trie is laid
// out, the trie and the key slots are made where they stay (a growing
// buffer copies what it holds, and a section made apart is held twice),
// and the trie's working arrays are freed before the key slots are made.
// `consumed` (Build() &&) is `state` itself, given up as it is read: once
// the last check that can fail has passed, each part is freed when it has
// been written or is no longer needed (of record_offsets only its pages,
// since size() reads its size); null for Build() const&.
absl::StatusOr<std::string> Serialize(const GazetteerBuilder::State& state,
                                      GazetteerBuilder::State* consumed) {
  using State = GazetteerBuilder::State;
  std::string switches;
  for (std::string_view name : NormalizeSwitchNames()) {
    if (*GetNormalizeSwitch(state.normalizer.options(), name)) {
      if (!switches.empty()) switches += ',';
      switches += name;
    }
  }
  std::vector<uint32_t> label_offsets{0};
  std::string label_bytes;
  for (const std::string& label : state.labels) {
    label_bytes += label;
    label_offsets.push_back(static_cast<uint32_t>(label_bytes.size()));
  }

  const size_t token_count = state.token_count();
  // The words of their own, each form once, by token id.
  std::vector<std::pair<uint32_t, std::u32string>> word_forms =
      state.word_forms;
  std::sort(word_forms.begin(), word_forms.end());
  word_forms.erase(std::unique(word_forms.begin(), word_forms.end()),
                   word_forms.end());
  std::vector<bool> is_word(token_count, false);
  std::vector<uint32_t> forms;
  std::u32string form_chars;
  for (const auto& [id, written] : word_forms) {
    is_word[id] = true;
    forms.push_back(id);
    forms.push_back(static_cast<uint32_t>(form_chars.size()));
    form_chars += written;
  }
  forms.push_back(kNoId);
  forms.push_back(static_cast<uint32_t>(form_chars.size()));
  // Token ids + 1 share their slot half with the word flag.
  if (token_count >= kWordFlag - 1) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "gazetteer: ", token_count, " distinct words, more than 2^31 - 2"));
  }
  // The key slots: an open-addressing table of the tokens, at most half
  // full; at most a quarter full where that keeps it within
  // kSparseKeySlotBytes. Most words of a text are no key, and a lookup
  // that meets an empty slot is settled without the word's check word:
  // the bundled gazetteer (2,660 words) scanned 4 to 16% faster in ten
  // alternating runs with twice the slots, and larger sets, whose table
  // leaves the cache either way, no faster, so they keep their memory.
  size_t slots_size = 2;
  while (slots_size < 2 * token_count + 1) slots_size *= 2;
  if (2 * slots_size * kKeySlotBytes <= kSparseKeySlotBytes) slots_size *= 2;
  // Only names chosen to collide make a run of occupied slots this long
  // (and loading would refuse it). Checked before anything is made, so that
  // a consuming build fails with the builder as it was.
  {
    std::vector<bool> taken(slots_size, false);
    for (uint32_t id = 0; id < token_count; ++id) {
      size_t slot = HashKey(state.Key(id)) & (slots_size - 1);
      for (size_t probe = 0; taken[slot]; ++probe) {
        if (probe == kMaxProbeRun) {
          return absl::InvalidArgumentError(absl::StrCat(
              "gazetteer: more than ", kMaxProbeRun,
              " of the names' words share one stretch of the token table; "
              "names made to collide under its hash cannot be indexed"));
        }
        slot = (slot + 1) & (slots_size - 1);
      }
      taken[slot] = true;
    }
  }

  SectionWriter writer;
  // Per token, (key offset, first node), and one past the last.
  std::vector<uint32_t> tokens(2 * (token_count + 1));
  for (size_t id = 0; id <= token_count; ++id) {
    tokens[2 * id] = state.key_offsets[id];
  }
  {
    // The trie, from the surfaces sorted by their token paths: first-level
    // nodes are the tokens (1 + id); deeper ones come in depth-first order.
    auto path = [&](uint32_t i) {
      const State::Surface& s = state.surfaces[i];
      return std::span<const uint32_t>(state.surface_tokens.data() + s.begin,
                                       s.size);
    };
    // Bucketed by first token (a counting sort), then each bucket sorted:
    // the same order as sorting them all, without a million-element sort's
    // comparisons reaching across the whole token pool.
    std::vector<uint32_t> bucket_end(token_count + 1, 0);
    for (const State::Surface& s : state.surfaces) {
      ++bucket_end[state.surface_tokens[s.begin] + 1];
    }
    for (size_t id = 1; id <= token_count; ++id) {
      bucket_end[id] += bucket_end[id - 1];
    }
    internal::PagedVector<uint32_t> order(state.surfaces.size());
    {
      std::vector<uint32_t> next(bucket_end.begin(), bucket_end.end() - 1);
      for (uint32_t i = 0; i < order.size(); ++i) {
        order[next[state.surface_tokens[state.surfaces[i].begin]]++] = i;
      }
    }
    auto by_path = [&](uint32_t a, uint32_t b) {
      const auto pa = path(a), pb = path(b);
      if (std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(),
                                       pb.end())) {
        return true;
      }
      if (!std::equal(pa.begin(), pa.end(), pb.begin(), pb.end())) return false;
      const State::Surface& sa = state.surfaces[a];
      const State::Surface& sb = state.surfaces[b];
      return std::pair(sa.entry, sa.index) < std::pair(sb.entry, sb.index);
    };
    // Buckets apart from each other, on all cores for a large gazetteer.
    constexpr size_t kSurfacesSortedAtOnce = size_t{1} << 16;
    ParallelFor(token_count,
                state.surfaces.size() >= kSurfacesSortedAtOnce ? 0 : 1,
                [&](size_t id, int) {
                  if (bucket_end[id + 1] - bucket_end[id] > 1) {
                    std::sort(order.begin() + bucket_end[id],
                              order.begin() + bucket_end[id + 1], by_path);
                  }
                });
    // Per node below the first level: its parent and token. Here nodes are
    // numbered as made: 0 the root, 1 + id a name's first token `id`.
    // Reserved at their most (a node per token of a path past its first),
    // so that they never grow: a growing array holds itself twice.
    const size_t most_nodes =
        token_count + 1 + state.surface_tokens.size() - state.surfaces.size();
    // Whether the trie is sure to fit the format, its size counted at its
    // largest (every node a record, its edges in a table of four slots per
    // child, every name a pair): then a consuming build gives up each part
    // of the names as soon as it is read no more; else (some 200 million
    // nodes) once the trie's size is known. The key slots, which Add
    // alone reads, and the words' forms, copied above, go first.
    const bool trie_fits =
        10 * uint64_t{most_nodes} + 2 * uint64_t{state.surfaces.size()} <=
        kLeafFlag;
    if (consumed != nullptr && trie_fits) {
      Release(consumed->key_slots);
      Release(consumed->word_forms);
    }
    internal::PagedVector<uint32_t> parent_of, token_of;
    parent_of.reserve(most_nodes);
    token_of.reserve(most_nodes);
    parent_of.resize(token_count + 1, 0);
    token_of.resize(token_count + 1, kNoId);
    // (node, entry, surface) per name, in node order within a first-level
    // subtree.
    struct Terminal {
      uint32_t node, entry, surface;
    };
    internal::PagedVector<Terminal> ends;
    ends.reserve(state.surfaces.size());
    std::vector<uint32_t> stack;  // Nodes of the previous path.
    std::span<const uint32_t> previous;
    // The surfaces are read in path order, scattered over the pools: each
    // one's record and tokens are fetched a few steps ahead.
    constexpr size_t kRecordsAhead = 16, kTokensAhead = 8;
    for (size_t k = 0; k < order.size(); ++k) {
      if (k + kRecordsAhead < order.size()) {
        __builtin_prefetch(&state.surfaces[order[k + kRecordsAhead]]);
      }
      if (k + kTokensAhead < order.size()) {
        __builtin_prefetch(state.surface_tokens.data() +
                           state.surfaces[order[k + kTokensAhead]].begin);
      }
      const uint32_t i = order[k];
      const std::span<const uint32_t> tokens = path(i);
      size_t common = 0;
      while (common < tokens.size() && common < previous.size() &&
             tokens[common] == previous[common]) {
        ++common;
      }
      stack.resize(common);
      for (size_t d = common; d < tokens.size(); ++d) {
        if (d == 0) {
          stack.push_back(tokens[0] + 1);
          continue;
        }
        const auto node = static_cast<uint32_t>(parent_of.size());
        parent_of.push_back(stack[d - 1]);
        token_of.push_back(tokens[d]);
        stack.push_back(node);
      }
      previous = tokens;
      // An alias that normalises like the name (إفريقيا, أفريقيا) is the
      // same match: one per entry and node (surfaces of a path are adjacent).
      // Sorted by path then entry, an entry's surfaces at a node are adjacent.
      const State::Surface& s = state.surfaces[i];
      const uint32_t node = stack.back();
      if (ends.empty() || ends.back().node != node ||
          ends.back().entry != s.entry) {
        ends.push_back({node, s.entry, s.index});
      }
    }
    Release(order);  // Freed for the arrays below.
    // The names' paths are read no more: given up now, before the arrays
    // below are made, if the trie fits (giving them up twice does nothing).
    auto give_up_paths = [&] {
      if (consumed == nullptr) return;
      Release(consumed->key_slots);
      Release(consumed->surfaces);
      Release(consumed->surface_tokens);
      Release(consumed->word_forms);
    };
    if (trie_fits) give_up_paths();
    // Per node: its children and its names.
    const size_t node_count = parent_of.size();
    internal::PagedVector<uint32_t> children(node_count, 0);
    for (size_t n = token_count + 1; n < node_count; ++n) {
      ++children[parent_of[n]];
    }
    // Per node, its record's first word: the count of names that end there,
    // or, where just one does, an entry's canonical one, kLeafFlag + the
    // entry, written as the node's reference where no name goes on (a leaf)
    // and then as its record's first word (no name pairs).
    internal::PagedVector<uint32_t> head(node_count, 0);
    for (const Terminal& t : ends) ++head[t.node];
    for (const Terminal& t : ends) {
      if (head[t.node] == 1 && t.surface == 0 &&
          t.entry < kStepUnknown - kLeafFlag) {
        head[t.node] = kLeafFlag | t.entry;
      }
    }
    auto is_leaf = [&](size_t n) {
      return head[n] >= kLeafFlag && children[n] == 0;
    };
    auto edge_slots = [&](size_t n) -> size_t {
      if (children[n] < kHashedEdges) return children[n];
      size_t slots = 2 * kHashedEdges;
      while (slots < 2 * size_t{children[n]}) slots *= 2;
      return slots;
    };
    // Records in order: each first-level node a name starts at, then the
    // deeper nodes below it, made in depth-first order and grouped by first
    // token (the paths were sorted).
    internal::PagedVector<uint32_t> record(node_count, kNoId);
    size_t words = 0;
    {
      internal::PagedVector<uint32_t> root_of(node_count, kNoId);
      size_t deeper = token_count + 1;
      for (uint32_t id = 0; id < token_count; ++id) {
        const uint32_t first = id + 1;
        if (children[first] == 0 && head[first] == 0) {
          continue;  // Only ever a later word of a name.
        }
        for (size_t n = first;;) {
          if (is_leaf(n)) {
            record[n] = head[n];
          } else {
            record[n] = static_cast<uint32_t>(words);
            words +=
                2 + Gazetteer::Index::NameWords(head[n]) + 2 * edge_slots(n);
          }
          if (deeper == node_count) break;
          const uint32_t parent = parent_of[deeper];
          root_of[deeper] = parent <= token_count ? parent : root_of[parent];
          if (root_of[deeper] != first) break;
          n = deeper++;
        }
      }
    }
    // Record offsets are below kLeafFlag.
    if (words > kLeafFlag) {
      return absl::ResourceExhaustedError(
          absl::StrCat("gazetteer: the names make a trie of ", words,
                       " words, more than the format's 2^31"));
    }
    give_up_paths();  // No check is left that can fail.
    using Writer = SectionWriter;
    writer.Reserve(
        Writer::Planned(switches.size()) +
        Writer::Planned(label_offsets.size() * sizeof(uint32_t)) +
        Writer::Planned(label_bytes.size()) +
        Writer::Planned(state.record_offsets.size() * sizeof(uint32_t)) +
        Writer::Planned(state.records.size()) +
        Writer::Planned(forms.size() * sizeof(uint32_t)) +
        Writer::Planned(form_chars.size() * sizeof(char32_t)) +
        Writer::Planned(state.key_chars.size() * sizeof(char32_t)) +
        Writer::Planned(words * sizeof(uint32_t)) +
        Writer::Planned(tokens.size() * sizeof(uint32_t)) +
        Writer::Planned(2 * slots_size * sizeof(uint64_t)));
    // A consuming build's pools, copied: their pages are handed back as
    // they go (the entry offsets' too, whose size size() still reads).
    auto add_pool = [&](Section section, std::string_view bytes) {
      if (consumed != nullptr) {
        writer.AddHandingBack(section, bytes);
      } else {
        writer.Add(section, bytes);
      }
    };
    writer.Add(kSwitches, switches);
    writer.Add(kLabelOffsets, label_offsets);
    writer.Add(kLabelBytes, label_bytes);
    add_pool(kEntryOffsets,
             std::string_view(
                 reinterpret_cast<const char*>(state.record_offsets.data()),
                 state.record_offsets.size() * sizeof(uint32_t)));
    add_pool(kEntryRecords, state.records);
    writer.Add(kWordForms, forms);
    writer.Add(kWordFormChars, Utf32Bytes(form_chars));
    add_pool(kKeyChars, Utf32Bytes(state.key_chars));
    if (consumed != nullptr) {  // Read from the file from here on.
      Release(consumed->records);
      Release(consumed->key_chars);
      Release(consumed->key_offsets);
      // The pools' pages went back as they were freed; the small blocks
      // freed so far lie inside the heap, which keeps them resident: handed
      // back now, before the trie and the key slots are written into the
      // file's buffer (a byte a name off the 1M n-grams' peak).
      internal::ReleaseFreeMemory();
    }
    const std::span<uint32_t> trie = writer.AddZeroed<uint32_t>(kTrie, words);
    for (size_t n = 1; n < node_count; ++n) {
      if (record[n] == kNoId || is_leaf(n)) continue;
      uint32_t* at = trie.data() + record[n];
      at[0] = head[n];
      at[1] = static_cast<uint32_t>(edge_slots(n));
      // Empty table slots: token and child kNoId.
      std::fill_n(at + 2 + Gazetteer::Index::NameWords(at[0]),
                  2 * size_t{at[1]}, kNoId);
    }
    Release(head);
    // Names in the order made: a node's are adjacent in `ends` (so were its
    // paths), and go into its record one after another. One written in the
    // node's reference (a leaf) or its record's head has no pair.
    for (size_t k = 0, placed = 0; k < ends.size(); ++k) {
      const Terminal& t = ends[k];
      placed = k > 0 && ends[k - 1].node == t.node ? placed + 1 : 0;
      const uint32_t at = record[t.node];
      if (Gazetteer::Index::IsLeaf(at) || trie[at] >= kLeafFlag) continue;
      uint32_t* name = trie.data() + at + 2 + 2 * placed;
      name[0] = t.entry;
      name[1] = t.surface;
    }
    Release(ends);  // Only the edges are left to place.
    for (size_t n = token_count + 1; n < node_count; ++n) {
      const uint32_t parent = parent_of[n];
      uint32_t* edges = trie.data() + record[parent] + 2 +
                        Gazetteer::Index::NameWords(trie[record[parent]]);
      const size_t table = trie[record[parent] + 1];
      // Within a parent, children were made in token order; counted down
      // as they are placed.
      size_t e = table - children[parent]--;
      if (table >= kHashedEdges) {
        e = EdgeSlot(token_of[n], table - 1);
        while (edges[2 * e] != kNoId) e = (e + 1) & (table - 1);
      }
      edges[2 * e] = token_of[n];
      edges[2 * e + 1] = record[n];
    }
    for (size_t id = 0; id <= token_count; ++id) {
      tokens[2 * id + 1] = id < token_count ? record[id + 1] : kNoId;
    }
  }  // The trie's working arrays are freed here.
  writer.Add(kTokens, tokens);

  {
    // Aligned to the cache line, so that no slot spans two.
    const std::span<uint64_t> slots =
        writer.AddZeroed<uint64_t>(kKeySlots, 2 * slots_size, 64);
    // The keys as written to the file (a consuming build has freed its own).
    const std::span<const char32_t> key_chars =
        writer.Added<char32_t>(kKeyChars);
    for (uint32_t id = 0; id < token_count; ++id) {
      const std::u32string_view key(key_chars.data() + tokens[2 * id],
                                    tokens[2 * id + 2] - tokens[2 * id]);
      const uint64_t hash = HashKey(key);
      size_t slot = hash & (slots_size - 1);
      while (slots[2 * slot + 1] != 0) {  // Runs checked above.
        slot = (slot + 1) & (slots_size - 1);
      }
      const bool word = is_word[id];
      slots[2 * slot] = CheckWord(key, hash);
      slots[2 * slot + 1] = uint64_t{tokens[2 * id + 1]} << 32 | (id + 1) |
                            (word ? kWordFlag : 0);
    }
  }

  return std::move(writer).Finish((state.options.clitics ? kFlagClitics : 0) |
                                  (state.options.tanween ? 0 : kFlagNoTanween));
}

// The index of a file Serialize made, checked as a loaded one is.
absl::StatusOr<std::shared_ptr<const Gazetteer::Index>> IndexOfSerialized(
    std::string serialized) {
  auto bytes = std::make_shared<std::string>(std::move(serialized));
  // Serialising freed hundreds of megabytes for a large gazetteer.
  internal::ReleaseFreeMemory();
  const std::string_view view = *bytes;
  return IndexOf(std::move(bytes), view, "under construction");
}

}  // namespace

absl::StatusOr<Gazetteer> GazetteerBuilder::Build() const& {
  absl::StatusOr<std::string> serialized = Serialize(*state_, nullptr);
  if (!serialized.ok()) return serialized.status();
  absl::StatusOr<std::shared_ptr<const Gazetteer::Index>> index =
      IndexOfSerialized(*std::move(serialized));
  if (!index.ok()) return index.status();
  return Gazetteer(*std::move(index));
}

absl::StatusOr<Gazetteer> GazetteerBuilder::Build() && {
  // Made first, so that a build that runs out of memory part way, after
  // giving some of the names up, leaves the builder empty rather than half
  // given up (which the next Add would read).
  GazetteerBuilder emptied(state_->normalizer, state_->options);
  absl::StatusOr<std::string> serialized;
  try {
    serialized = Serialize(*state_, state_.get());
  } catch (...) {
    *this = std::move(emptied);
    throw;
  }
  if (!serialized.ok()) return serialized.status();  // Nothing was given up.
  // The rest of the names goes before the file is checked and indexed.
  *this = std::move(emptied);
  absl::StatusOr<std::shared_ptr<const Gazetteer::Index>> index =
      IndexOfSerialized(*std::move(serialized));
  if (!index.ok()) return index.status();
  return Gazetteer(*std::move(index));
}

absl::StatusOr<Gazetteer> Gazetteer::FromBytes(std::string bytes) {
  internal::OwnedBytes owned = internal::CopyToOwnedMemory(bytes);
  bytes = std::string();
  absl::StatusOr<std::shared_ptr<const Index>> index =
      IndexOf(std::move(owned.owner), owned.bytes, "bytes");
  if (!index.ok()) return index.status();
  return Gazetteer(*std::move(index));
}

absl::StatusOr<Gazetteer> Gazetteer::Load(const std::string& path) {
  absl::StatusOr<internal::MappedFile> file =
      internal::MapFile(path, "gazetteer");
  if (!file.ok()) return file.status();
  absl::StatusOr<std::shared_ptr<const Index>> index =
      IndexOf(std::move(file->owner), file->bytes, path);
  if (!index.ok()) return index.status();
  return Gazetteer(*std::move(index));
}

std::string_view Gazetteer::bytes() const { return index_->bytes; }

absl::Status Gazetteer::Save(const std::string& path) const {
  return internal::WriteFileAtomically(path, index_->bytes, "gazetteer");
}

size_t Gazetteer::size() const { return index_->entry_count(); }

std::string_view Gazetteer::name(uint32_t entry) const {
  return index_->RecordOf(entry).name;
}

std::string_view Gazetteer::label(uint32_t entry) const {
  return index_->Label(index_->RecordOf(entry).label);
}

std::string_view Gazetteer::id(uint32_t entry) const {
  return index_->RecordOf(entry).id;
}

GazetteerEntryView Gazetteer::entry_view(uint32_t entry) const {
  const Record r = index_->RecordOf(entry);
  return {r.name, index_->Label(r.label), r.id};
}

GazetteerEntry Gazetteer::entry(uint32_t entry) const {
  Record r = index_->RecordOf(entry);
  GazetteerEntry out{std::string(r.name),
                     std::string(index_->Label(r.label)),
                     std::string(r.id),
                     {}};
  std::string_view alias;
  for (uint32_t k = 0; k < r.alias_count && NextAlias(&r.aliases, &alias);
       ++k) {
    out.aliases.emplace_back(alias);
  }
  return out;
}

std::vector<std::string> Gazetteer::words() const {
  const Index& index = *index_;
  auto append = [](std::u32string_view text, std::string* out) {
    char bytes[4];
    for (char32_t c : text) out->append(bytes, internal::EncodeUtf8(c, bytes));
  };
  std::vector<std::string> out;
  index.ForEachWordForm([&](uint32_t, std::u32string_view written) {
    append(written, &out.emplace_back());
  });
  index.ForEachNamePath(
      [&](uint32_t entry, uint32_t, std::span<const uint32_t> path) {
        if (entry != kPhrase) return;
        std::string& phrase = out.emplace_back();
        for (uint32_t id : path) {
          if (!phrase.empty()) phrase += ' ';
          append(index.Key(id), &phrase);
        }
      });
  // A file may end one phrase twice at a node (harmless, listed once).
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const Normalizer& Gazetteer::normalizer() const { return index_->normalizer; }

bool Gazetteer::clitics() const { return index_->clitics; }

bool Gazetteer::tanween() const { return index_->tanween; }

absl::StatusOr<std::vector<GazetteerMatch>> Gazetteer::Find(
    std::string_view utf8, const GazetteerFindOptions& options) const {
  auto tokenize = [utf8](size_t begin, size_t end, std::vector<Token>* out) {
    absl::StatusOr<std::vector<Token>> tokens =
        GazetteerTokenizer().Tokenize(utf8.substr(begin, end - begin));
    if (tokens.ok()) {
      *out = *std::move(tokens);
      return absl::OkStatus();
    }
    if (begin == 0) return tokens.status();
    // A later chunk's ill-formed sequence, named at its offset in the text
    // (a chunk ends before a space, so none runs across its end).
    if (absl::Status bad = internal::CheckUtf8(utf8, begin, end); !bad.ok()) {
      return bad;
    }
    return tokens.status();
  };
  TextTokens work;
  TokenStream tokens(utf8.data(), utf8.size(), tokenize, &work);
  std::vector<GazetteerMatch> out;
  if (absl::Status s = FindInWindows(
          *index_, tokens, internal::Utf8Reader(utf8),
          [](size_t, size_t) { return false; }, options, &work, &out);
      !s.ok()) {
    return s;
  }
  return out;
}

absl::Status Gazetteer::FindCodePoints(const CodePointsView& text,
                                       const GazetteerFindOptions& options,
                                       std::vector<GazetteerMatch>* out) const {
  // Kept per thread, so that per-line calls reuse their storage; passed down
  // by pointer (each use of a thread_local in a shared library calls
  // __tls_get_addr).
  thread_local TextTokens work;
  thread_local bool work_in_use = false;
  if (work_in_use) {
    // A search made from inside options.between_windows (a Python signal
    // handler that calls find) would overwrite the storage of the search
    // it interrupts: it gets its own.
    TextTokens own;
    return FindCodePointsWith(*index_, text, options, &own, out);
  }
  work_in_use = true;
  absl::Cleanup done = [] { work_in_use = false; };
  return FindCodePointsWith(*index_, text, options, &work, out);
}

absl::StatusOr<std::vector<std::vector<GazetteerMatch>>>
Gazetteer::FindCodePointsBatch(std::span<const CodePointsView> texts,
                               const GazetteerFindOptions& options,
                               int threads) const {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  std::vector<std::vector<GazetteerMatch>> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  std::vector<TextTokens> work(EffectiveThreads(threads, texts.size()));
  ParallelFor(texts.size(), threads, [&](size_t i, int worker) {
    errors[i] = FindCodePointsWith(*index_, texts[i], options, &work[worker],
                                   &results[i]);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  return results;
}

namespace internal {

size_t SetGazetteerEagerStepBytes(size_t bytes) {
  return eager_step_bytes.exchange(bytes, std::memory_order_relaxed);
}

size_t SetGazetteerParallelCheckBytes(size_t bytes) {
  return parallel_check_bytes.exchange(bytes, std::memory_order_relaxed);
}

size_t SetGazetteerWindowUnits(size_t units) {
  return window_units.exchange(units, std::memory_order_relaxed);
}

}  // namespace internal
}  // namespace kalima
