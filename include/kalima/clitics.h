// The clitic grammar of Arabic that the segmenter and the gazetteer share:
// which proclitics may attach before a word, in which order and with which
// spelling change, and which pronoun suffixes may follow it. There is one
// definition of it in kalima, this one.
#ifndef KALIMA_CLITICS_H_
#define KALIMA_CLITICS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "kalima/export.h"

namespace kalima {

enum class CliticRole : uint8_t {
  kConjunction,  // و ف
  kPreposition,  // ب ل ك
  kFuture,       // س
  kArticle,      // ال
  kStem,
  kPronoun,  // ه ها هما هم هن ك كما كم كن ي ني نا
};
inline constexpr int kCliticRoleCount = 6;

// "conj", "prep", "future", "article", "stem", "pronoun"; "unknown" for a
// value that is no CliticRole.
KALIMA_EXPORT std::string_view CliticRoleName(CliticRole role);

struct Clitic {
  std::u32string_view surface;  // As written: ل for the article of لل.
  std::u32string_view form;     // As restored: ال for that same article.
  CliticRole role;
};

// A run of proclitics in the order Arabic allows: an optional conjunction,
// then a preposition or the future marker, then the article. ل followed by
// the article is written لل (للحكومة = ل + ال + حكومة).
struct ProcliticSequence {
  std::u32string_view surface;  // The letters as written, e.g. وبال, ولل.
  int size = 0;
  std::array<Clitic, 3> clitics{};

  bool has_article() const {
    return size > 0 &&
           clitics[static_cast<size_t>(size) - 1].role == CliticRole::kArticle;
  }
};

// Every non-empty valid sequence (26 of them), shorter before longer.
KALIMA_EXPORT std::span<const ProcliticSequence> ProcliticSequences();

// The pronoun suffixes that may follow a noun, verb or preposition, longer
// before shorter among those sharing an ending.
KALIMA_EXPORT std::span<const std::u32string_view> PronounSuffixes();

}  // namespace kalima

#endif  // KALIMA_CLITICS_H_
