// Builds CharTables from ICU's character data: digit values, white space,
// case folding and the compatibility decompositions of presentation forms
// come from ICU; the Arabic-specific sets are listed here and checked against
// ICU's general categories in tests/cpp/normalize_test.cc.
#include "internal/char_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <optional>

#include "absl/synchronization/mutex.h"
#include "internal/normalize_switches.h"

namespace kalima::internal {
namespace {

bool InRange(char32_t c, char32_t lo, char32_t hi) {
  return c >= lo && c <= hi;
}

bool IsPresentationForm(char32_t c) {
  return InRange(c, 0xFB50, 0xFDFF) || InRange(c, 0xFE70, 0xFEFE);
}

// Arabic Extended-A/B combining marks, taken from ICU so new Unicode
// versions bring their marks along.
bool IsExtendedArabicMark(char32_t c) {
  if (!InRange(c, 0x0870, 0x08FF)) return false;
  return u_charType(c) == U_NON_SPACING_MARK;
}

std::optional<char32_t> LetterVariant(char32_t c) {
  switch (c) {
    case 0x06A9:  // ک keheh
    case 0x06AA:  // ڪ swash kaf
      return U'\u0643';
    case 0x06CC:  // ی farsi yeh
    case 0x06D2:  // ے yeh barree
      return U'\u064A';
    case 0x06D3:  // ۓ yeh barree with hamza above
      return U'\u0626';
    case 0x06C0:  // ۀ heh with yeh above
    case 0x06C1:  // ہ heh goal
    case 0x06C2:  // ۂ heh goal with hamza above
    case 0x06D5:  // ە ae
    case 0x06BE:  // ھ heh doachashmee
      return U'\u0647';
    case 0x06C3:  // ۃ teh marbuta goal
      return U'\u0629';
    case 0x0672:  // ٲ alef with wavy hamza above
    case 0x0673:  // ٳ alef with wavy hamza below
    case 0x0675:  // ٵ high hamza alef
      return U'\u0627';
    default:
      return std::nullopt;
  }
}

std::u32string ToCodePoints(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    out.push_back(static_cast<char32_t>(s.char32At(i)));
  }
  return out;
}

// Presentation form -> base letters by NFKC (which keeps hamza and madda
// composed, unlike NFKD). Isolated harakat decompose to a space plus the mark;
// the space is an artefact of the isolated form and is dropped.
std::optional<std::u32string> PresentationFormBase(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString in(static_cast<UChar32>(c));
  icu::UnicodeString out = nfkc->normalize(in, status);
  if (U_FAILURE(status) || out == in) return std::nullopt;
  std::u32string cps = ToCodePoints(out);
  if (cps.size() > 1 && cps[0] == U' ') cps.erase(0, 1);
  return cps;
}

char32_t PresentationFormLetterUncached(char32_t c) {
  if (!IsPresentationForm(c)) return 0;
  const std::optional<std::u32string> base = PresentationFormBase(c);
  return base && base->size() == 1 ? (*base)[0] : 0;
}

// One step of the options on one code point: nullopt keeps it, an empty
// string deletes it, anything else replaces it (and is resolved again).
std::optional<std::u32string> Step(char32_t c, const NormalizeOptions& o) {
  const std::u32string kDeleted;
  // A zero width space separates words: deleting it would join them.
  if (o.invisibles && c == 0x200B) return U" ";
  if (o.invisibles && (IsInvisibleFormat(c) || IsInvisibleMark(c))) {
    return kDeleted;
  }
  if (o.zwnj && c == 0x200C) return kDeleted;
  if (o.diacritics && IsHarakah(c)) return kDeleted;
  if (o.shadda && c == 0x0651) return kDeleted;
  if (o.hamza_marks && InRange(c, 0x0653, 0x0655)) return kDeleted;
  if (o.quranic_marks && IsQuranicMark(c)) return kDeleted;
  if (o.tatweel && c == 0x0640) return kDeleted;
  if (o.presentation_forms && IsPresentationForm(c)) {
    if (auto base = PresentationFormBase(c)) return base;
  }
  if (o.alef && (IsAlefWithHamzaOrMadda(c) || c == 0x0671)) {
    return U"\u0627";
  }
  if (o.letter_variants) {
    if (auto v = LetterVariant(c)) return std::u32string(1, *v);
  }
  if (o.alef_maksura && c == 0x0649) return U"\u064A";
  if (o.teh_marbuta && c == 0x0629) return U"\u0647";
  if (o.hamza_carriers && c == 0x0624) return U"\u0648";
  if (o.hamza_carriers && c == 0x0626) return U"\u064A";
  if (o.digits) {
    if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER && c >= 0x80) {
      return std::u32string(1, U'0' + u_charDigitValue(c));
    }
    if (c == 0x066B) return U".";
    if (c == 0x066C) return U",";
    if (c == 0x066A) return U"%";
  }
  if (o.punctuation) {
    if (c == 0x060C) return U",";
    if (c == 0x061B) return U";";
    if (c == 0x061F) return U"?";
    if (c == 0x06D4) return U".";
  }
  if (o.whitespace && c != U' ' && u_isUWhiteSpace(c) &&
      (o.fold_newlines || !IsLineBreak(c))) {
    return U" ";
  }
  if (o.case_fold) {
    const auto folded =
        static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT));
    if (folded != c) return std::u32string(1, folded);
  }
  return std::nullopt;
}

void Resolve(char32_t c, const NormalizeOptions& o, int depth,
             std::u32string* out) {
  std::optional<std::u32string> step = Step(c, o);
  // Each step moves towards a fixed point; the depth bound only guards
  // against a future rule that would map two characters onto each other.
  if (!step || depth > 8) {
    out->push_back(c);
    return;
  }
  for (char32_t x : *step) {
    if (x == c) {
      out->push_back(c);
    } else {
      Resolve(x, o, depth + 1, out);
    }
  }
}

uint32_t EntryFor(char32_t c, const NormalizeOptions& o,
                  std::vector<std::u32string>* expansions) {
  if (InRange(c, 0xD800, 0xDFFF)) return kSlow | kInvalid;
  std::u32string r = ResolveCodePoint(c, o);
  if (r.empty()) return kDelete;
  // Presentation forms read as the letters they show, hamza and madda
  // composed; so are a letter and a combining hamza or madda after it.
  if (o.presentation_forms && InRange(c, 0x0653, 0x0655) && r.size() == 1 &&
      r[0] == c) {
    return kSlow | kCompose | c;
  }
  // A BMP character must stay in the BMP so the UCS-2 path can write it.
  if (c < 0x10000) {
    for (char32_t x : r) {
      if (x >= 0x10000) return c;
    }
  }
  if (r.size() == 1) {
    if (r[0] == U' ' && o.whitespace) return kSpace | U' ';
    return r[0];
  }
  expansions->push_back(std::move(r));
  return kSlow | static_cast<uint32_t>(expansions->size() - 1);
}

std::shared_ptr<const CharTable> BuildCharTable(const NormalizeOptions& o) {
  auto table = std::make_shared<CharTable>();
  table->bmp.resize(0x10000);
  for (char32_t c = 0; c < 0x10000; ++c) {
    table->bmp[c] = EntryFor(c, o, &table->expansions);
  }
  auto squeeze = [&](uint32_t entry) -> uint16_t {
    if (entry & kSlow) return kSimdSlow;
    if (entry & kDelete) return kSimdDelete;
    const auto value = static_cast<uint16_t>(entry & kValueMask);
    // The kernel takes every space it writes for a collapsible one.
    if (value == 0x20 && o.whitespace && !(entry & kSpace)) return kSimdSlow;
    return value;
  };
  for (char32_t c = 0; c < 256; ++c) {
    table->simd_latin1[c] = squeeze(table->bmp[c]);
    table->simd_arabic[c] = squeeze(table->bmp[0x0600 + c]);
  }
  for (char32_t c = 0; c < 128; ++c) {
    table->simd_punctuation[c] = squeeze(table->bmp[0x2000 + c]);
  }
  table->collapse_spaces = o.whitespace;
  // Outside the BMP only digits, case folding and the variation selectors
  // apply.
  if (o.digits || o.case_fold || o.invisibles) {
    for (char32_t c = 0x10000; c <= 0x10FFFF; ++c) {
      bool candidate = (o.digits && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) ||
                       (o.invisibles && IsInvisibleMark(c)) ||
                       (o.case_fold && static_cast<char32_t>(u_foldCase(
                                           c, U_FOLD_CASE_DEFAULT)) != c);
      if (!candidate) continue;
      uint32_t entry = EntryFor(c, o, &table->expansions);
      if (entry != c) table->supplementary[c] = entry;
    }
  }
  return table;
}

uint32_t OptionsKey(const NormalizeOptions& o) {
  uint32_t key = 0;
  for (const NormalizeSwitch& s : kNormalizeSwitches) {
    key = (key << 1) | (o.*s.field ? 1 : 0);
  }
  return key;
}

}  // namespace

char32_t ComposedLetter(char32_t letter, char32_t mark) {
  // The Arabic letters a combining hamza or madda composes with, and what
  // they make, read once from ICU.
  struct Pair {
    char32_t letter, mark, composed;
  };
  static const std::vector<Pair>* const pairs = [] {
    auto* found = new std::vector<Pair>();
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return found;
    for (char32_t m = 0x0653; m <= 0x0655; ++m) {
      for (char32_t l = 0x0600; l <= 0x06FF; ++l) {
        const UChar32 c =
            nfc->composePair(static_cast<UChar32>(l), static_cast<UChar32>(m));
        if (c >= 0) found->push_back({l, m, static_cast<char32_t>(c)});
      }
    }
    return found;
  }();
  for (const Pair& p : *pairs) {
    if (p.letter == letter && p.mark == mark) return p.composed;
  }
  return 0;
}

bool IsHarakah(char32_t c) {
  return InRange(c, 0x064B, 0x0650) || c == 0x0652 || c == 0x0670;
}

bool IsQuranicMark(char32_t c) {
  return InRange(c, 0x0610, 0x061A) || InRange(c, 0x0656, 0x065F) ||
         InRange(c, 0x06D6, 0x06ED) || IsExtendedArabicMark(c);
}

bool IsInvisibleFormat(char32_t c) {
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x061C:  // arabic letter mark
    case 0x180E:  // mongolian vowel separator
    case 0x200B:  // zero width space
    case 0x200D:  // zero width joiner
    case 0x200E:  // left-to-right mark
    case 0x200F:  // right-to-left mark
    case 0xFEFF:  // byte order mark
      return true;
    default:
      return InRange(c, 0x202A, 0x202E) ||  // embeddings and overrides
             InRange(c, 0x2060, 0x2064) ||  // word joiner, invisible operators
             InRange(c, 0x2066, 0x2069);    // isolates
  }
}

bool IsInvisibleMark(char32_t c) {
  return c == 0x034F ||                 // combining grapheme joiner
         InRange(c, 0xFE00, 0xFE0F) ||  // variation selectors
         InRange(c, 0xE0100, 0xE01EF);  // variation selectors supplement
}

bool IsLineBreak(char32_t c) {
  return InRange(c, 0x0A, 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

std::u32string ResolveCodePoint(char32_t c, const NormalizeOptions& options) {
  std::u32string out;
  Resolve(c, options, 0, &out);
  return out;
}

std::shared_ptr<const CharTable> GetCharTable(const NormalizeOptions& options) {
  // Leaked on purpose: tables may be in use by other threads at exit.
  static auto* mu = new absl::Mutex;
  static auto* cache =
      new absl::flat_hash_map<uint32_t, std::shared_ptr<const CharTable>>;
  const uint32_t key = OptionsKey(options);
  absl::MutexLock lock(mu);
  auto& slot = (*cache)[key];
  if (slot == nullptr) slot = BuildCharTable(options);
  return slot;
}

char32_t PresentationFormLetter(char32_t c) {
  // Both blocks, U+FB50-U+FDFF and U+FE70-U+FEFF, read once from ICU.
  static constexpr char32_t kFirstA = 0xFB50, kFirstB = 0xFE70;
  static constexpr size_t kSizeA = 0xFE00 - kFirstA, kSizeB = 0xFF00 - kFirstB;
  static const auto* const letters = [] {
    auto* table = new std::array<char32_t, kSizeA + kSizeB>();
    for (size_t k = 0; k < kSizeA; ++k) {
      (*table)[k] = PresentationFormLetterUncached(kFirstA + k);
    }
    for (size_t k = 0; k < kSizeB; ++k) {
      (*table)[kSizeA + k] = PresentationFormLetterUncached(kFirstB + k);
    }
    return table;
  }();
  if (c >= kFirstA && c < kFirstA + kSizeA) return (*letters)[c - kFirstA];
  if (c >= kFirstB && c < kFirstB + kSizeB)
    return (*letters)[kSizeA + c - kFirstB];
  return 0;
}

}  // namespace kalima::internal
