// The clitic tables of include/kalima/clitics.h, built once from the rules.
#include "kalima/clitics.h"

#include <algorithm>
#include <string>
#include <vector>

namespace kalima {
namespace {

constexpr Clitic kConjunctions[] = {{U"و", U"و", CliticRole::kConjunction},
                                    {U"ف", U"ف", CliticRole::kConjunction}};
constexpr Clitic kBeforeArticle[] = {{U"ب", U"ب", CliticRole::kPreposition},
                                     {U"ل", U"ل", CliticRole::kPreposition},
                                     {U"ك", U"ك", CliticRole::kPreposition},
                                     {U"س", U"س", CliticRole::kFuture}};
constexpr Clitic kArticle = {U"ال", U"ال", CliticRole::kArticle};
// ل + ال loses the article's alef.
constexpr Clitic kArticleAfterLam = {U"ل", U"ال", CliticRole::kArticle};

struct Tables {
  std::vector<std::u32string> surfaces;  // Owns what sequences point into.
  std::vector<ProcliticSequence> sequences;
};

const Tables& BuildTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    std::vector<ProcliticSequence> all;
    for (int conj = -1; conj < 2; ++conj) {
      for (int middle = -1; middle < 4; ++middle) {
        for (int article = 0; article < 2; ++article) {
          ProcliticSequence seq;
          if (conj >= 0) seq.clitics[seq.size++] = kConjunctions[conj];
          const Clitic* before =
              middle >= 0 ? &kBeforeArticle[middle] : nullptr;
          if (before) seq.clitics[seq.size++] = *before;
          if (article) {
            if (before && before->role == CliticRole::kFuture) continue;
            seq.clitics[seq.size++] =
                before && before->surface == U"ل" ? kArticleAfterLam : kArticle;
          }
          if (seq.size > 0) all.push_back(seq);
        }
      }
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.size < b.size;
    });
    t->surfaces.reserve(all.size());
    for (ProcliticSequence& seq : all) {
      std::u32string surface;
      for (int i = 0; i < seq.size; ++i) surface += seq.clitics[i].surface;
      t->surfaces.push_back(std::move(surface));
      seq.surface = t->surfaces.back();
    }
    t->sequences = std::move(all);
    return t;
  }();
  return *tables;
}

constexpr std::u32string_view kPronounSuffixes[] = {
    U"هما", U"ها", U"هم", U"هن", U"ه", U"كما",
    U"كم",  U"كن", U"ك",  U"ني", U"ي", U"نا"};

}  // namespace

std::string_view CliticRoleName(CliticRole role) {
  switch (role) {
    case CliticRole::kConjunction:
      return "conj";
    case CliticRole::kPreposition:
      return "prep";
    case CliticRole::kFuture:
      return "future";
    case CliticRole::kArticle:
      return "article";
    case CliticRole::kStem:
      return "stem";
    case CliticRole::kPronoun:
      return "pronoun";
  }
  return "unknown";  // Not a CliticRole (as TokenKindName says).
}

std::span<const ProcliticSequence> ProcliticSequences() {
  return BuildTables().sequences;
}

std::span<const std::u32string_view> PronounSuffixes() {
  return kPronounSuffixes;
}

}  // namespace kalima
