// The gazetteer on the issue's own case: the sample article and a gazetteer
// of standard spellings.
#include "kalima/gazetteer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <new>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <system_error>
#include <tuple>
#include <vector>

#include "absl/strings/str_split.h"
#include "internal/binary_io.h"
#include "internal/gazetteer_tuning.h"
#include "internal/normalize_simd.h"
#include "internal/utf8.h"

namespace kalima {
namespace {

using ::testing::ElementsAre;
using ::testing::Not;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

GazetteerBuilder SampleBuilder() {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  EXPECT_TRUE(builder.Add("الاتحاد الأوروبي", "org", "Q458").ok());
  EXPECT_TRUE(builder.Add("المملكة المتحدة", "place", "Q145").ok());
  EXPECT_TRUE(builder.Add("أفريقيا", "place", "Q15").ok());
  EXPECT_TRUE(builder.Add("حكومة الوحدة الوطنية", "org", "").ok());
  const std::vector<std::string_view> aliases = {"مازن"};
  EXPECT_TRUE(builder.Add("خالد مازن", "person", "", aliases).ok());
  EXPECT_TRUE(builder.Add("ليبيا", "place", "Q1016").ok());
  return builder;
}

Gazetteer SampleGazetteer() { return *SampleBuilder().Build(); }

// "prefix|mention" for each match, with "~" after a fuzzy one.
std::vector<std::string> Found(const Gazetteer& g, std::string_view text,
                               GazetteerMode mode = GazetteerMode::kLongest,
                               int max_edits = 0) {
  auto matches = g.Find(text, {mode, max_edits});
  EXPECT_TRUE(matches.ok()) << matches.status();
  std::vector<std::string> out;
  for (const GazetteerMatch& m : *matches) {
    out.push_back(
        std::string(text.substr(m.prefix_start, m.start - m.prefix_start)) +
        "|" + std::string(text.substr(m.start, m.end - m.start)) +
        (m.edits > 0 ? "~" : ""));
  }
  return out;
}

// Each text is one name, found whole with no clitic.
void ExpectEachFoundWhole(const Gazetteer& g,
                          std::initializer_list<const char*> texts) {
  for (const char* text : texts) {
    EXPECT_THAT(Found(g, text), ElementsAre(std::string("|") + text)) << text;
  }
}

// (prefix_start, start, end) of each match in UCS-2 `text`, in code points
// as a CPython str counts them.
std::vector<std::tuple<size_t, size_t, size_t>> Ucs2Spans(
    const Gazetteer& g, std::u16string_view text) {
  std::vector<GazetteerMatch> matches;
  EXPECT_TRUE(
      g.FindCodePoints({text.data(), text.size(), 2}, {}, &matches).ok());
  std::vector<std::tuple<size_t, size_t, size_t>> out;
  for (const GazetteerMatch& m : matches) {
    out.emplace_back(m.prefix_start, m.start, m.end);
  }
  return out;
}

TEST(Gazetteer, SpellingVariantsAndClitics) {
  const Gazetteer g = SampleGazetteer();
  EXPECT_THAT(
      Found(g, "دعم الإتحاد الأوروبي والمملكة المتحدة وأفريقيا"),
      ElementsAre("|الإتحاد الأوروبي", "و|المملكة المتحدة", "و|أفريقيا"));
  EXPECT_THAT(
      Found(g, "وحكومة الوحدة الوطنية وليبيا للمملكة المتحدة"),
      ElementsAre("و|حكومة الوحدة الوطنية", "و|ليبيا", "لل|مملكة المتحدة"));
}

// A move copies: the moved-from gazetteer still finds what it found (it
// held no index, and crashed).
TEST(Gazetteer, AMovedFromGazetteerStaysUsable) {
  Gazetteer g = SampleGazetteer();
  const Gazetteer moved = std::move(g);
  Gazetteer assigned = SampleGazetteer();
  assigned = std::move(moved);
  for (const Gazetteer* each :
       std::initializer_list<const Gazetteer*>{&g, &moved, &assigned}) {
    EXPECT_THAT(Found(*each, "وليبيا"), ElementsAre("و|ليبيا"));
  }
}

TEST(Gazetteer, WholeTokensOnly) {
  const Gazetteer g = SampleGazetteer();
  // الليبية is not ليبيا; مازن inside another word is not مازن.
  EXPECT_THAT(Found(g, "الحكومة الليبية ومازني مازن"), ElementsAre("|مازن"));
}

TEST(Gazetteer, AnArticleBeforeANameEndingInYehMakesTheAdjective) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("تشيلي", "place", "").ok());
  ASSERT_TRUE(builder.Add("بوروندي", "place", "").ok());
  ASSERT_TRUE(builder.Add("سودان", "place", "").ok());
  ASSERT_TRUE(builder.Add("أوروغواي", "place", "").ok());
  ASSERT_TRUE(builder.Add("المالكي", "person", "").ok());
  ASSERT_TRUE(builder.Add("الأقصى", "place", "").ok());
  const Gazetteer g = *builder.Build();
  // التشيلي is "the Chilean"; the country takes no article.
  EXPECT_THAT(Found(g,
                    "النجم التشيلي والرئيس البوروندي وللتشيلي؛ زار تشيلي "
                    "وبتشيلي والسودان"),
              ElementsAre("|تشيلي", "وب|تشيلي", "وال|سودان"));
  // A name ending in اي takes it (its adjective is الأوروغوايي), and a
  // name with its own article is found after ل + ال.
  EXPECT_THAT(Found(g, "في الأوروغواي رسالة للمالكي نصرة للأقصى"),
              ElementsAre("ال|أوروغواي", "لل|مالكي", "لل|أقصى"));
  // A hamza and lam is no article of the name's own (للفي is no ل +
  // ألفي), and a profile that keeps ى reads it as ي here.
  GazetteerBuilder more;
  ASSERT_TRUE(more.Add("ألفي", "person", "").ok());
  EXPECT_THAT(Found(*more.Build(), "للفي وللألفي والألفي"), ElementsAre());
  GazetteerBuilder standard(*Normalizer::ForProfile("standard"));
  ASSERT_TRUE(standard.Add("تشيلى", "place", "").ok());
  EXPECT_THAT(Found(*standard.Build(), "التشيلى للتشيلى تشيلى"),
              ElementsAre("|تشيلى"));
}

TEST(Gazetteer, InvisibleMarksInsideANameAreSkipped) {
  // A grapheme joiner or a variation selector, which copy-and-paste and
  // some keyboards leave inside words.
  ExpectEachFoundWhole(SampleGazetteer(),
                       {"لي\u034fبيا", "ليب\ufe0fيا", "ليبيا\U000E0100",
                        "المملكة المتح\u034fدة"});
  EXPECT_THAT(Found(SampleGazetteer(), "و\u034fليبيا"),
              ElementsAre("و\u034f|ليبيا"));
}

TEST(Gazetteer, NamesGoOnAcrossALineEndButNotAParagraphBreak) {
  const Gazetteer g = SampleGazetteer();
  ExpectEachFoundWhole(
      g, {"المملكة\nالمتحدة", "المملكة\r\nالمتحدة", "المملكة  \n  المتحدة"});
  for (const char* text :
       {"المملكة\n\nالمتحدة", "المملكة\r\n\r\nالمتحدة", "المملكة \n \n المتحدة",
        "المملكة\u2029المتحدة", "المملكة\r\rالمتحدة", "المملكة\fالمتحدة",
        "المملكة\v\nالمتحدة", "المملكة\n\n_____\nالمتحدة"}) {
    EXPECT_THAT(Found(g, text), ElementsAre()) << text;
  }
  // The second word still starts a name of its own.
  EXPECT_THAT(Found(g, "قال خالد\n\nمازن", GazetteerMode::kAll),
              ElementsAre("|مازن"));
}

// عبد and أبو begin compound names written apart or joined to the next
// word (عبد الله and عبدالله: both common in news), whichever way the name
// was added, each joint after such a head on its own.
TEST(Gazetteer, CompoundNamesWrittenApartOrJoined) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("عبد الحميد الدبيبة", "PER", "").ok());
  ASSERT_TRUE(builder.Add("أبوظبي", "LOC", "Q1519").ok());
  ASSERT_TRUE(builder.Add("عبدالله بن عبد العزيز", "PER", "").ok());
  ASSERT_TRUE(builder.Add("عبده", "PER", "").ok());
  ASSERT_TRUE(builder.Add("أبو عبد الله الشريف", "PER", "").ok());
  ASSERT_TRUE(builder.Add("أبوعبدالرحمن", "PER", "").ok());
  const Gazetteer g = *builder.Build();
  EXPECT_THAT(Found(g, "رئيس الحكومة عبدالحميد الدبيبة"),
              ElementsAre("|عبدالحميد الدبيبة"));
  EXPECT_THAT(Found(g, "وعبد الحميد الدبيبة"),
              ElementsAre("و|عبد الحميد الدبيبة"));
  EXPECT_THAT(Found(g, "زار أبو ظبي وابوظبي ولأبو ظبي"),
              ElementsAre("|أبو ظبي", "و|ابوظبي", "ول|أبو ظبي"));
  ExpectEachFoundWhole(g, {"عبدالله بن عبد العزيز", "عبد الله بن عبد العزيز",
                           "عبدالله بن عبدالعزيز", "عبد الله بن عبدالعزيز"});
  // A head before another: each joint either way.
  ExpectEachFoundWhole(g, {"أبو عبد الله الشريف", "أبو عبدالله الشريف",
                           "أبوعبد الله الشريف", "أبوعبدالله الشريف"});
  ExpectEachFoundWhole(
      g, {"أبوعبدالرحمن", "أبو عبدالرحمن", "أبو عبد الرحمن", "أبوعبد الرحمن"});
  // A head joined to fewer than three letters is a word of its own (عبده),
  // and the words of a compound are still whole words.
  EXPECT_THAT(Found(g, "محمد عبده"), ElementsAre("|عبده"));
  EXPECT_THAT(Found(g, "محمد عبد ه"), ElementsAre());
  EXPECT_THAT(Found(g, "عبد الحميدي الدبيبة أبو ظبيان"), ElementsAre());
  // Each spelling is one match in either mode, and survives a rebuild from
  // the compiled gazetteer.
  EXPECT_THAT(Found(g, "أبوظبي", GazetteerMode::kAll), ElementsAre("|أبوظبي"));
  GazetteerBuilder more(g);
  ASSERT_TRUE(more.Add("دبي", "LOC", "").ok());
  const Gazetteer rebuilt = *more.Build();
  EXPECT_THAT(Found(rebuilt, "من أبو ظبي إلى دبي"),
              ElementsAre("|أبو ظبي", "|دبي"));
  EXPECT_EQ(rebuilt.size(), 7u);
}

// Social media write names as hashtags, their words joined by underscores:
// a hashtag's words are words, and an underscore joins words as a space
// does, in texts and in names alike.
TEST(Gazetteer, HashtagsAndUnderscores) {
  GazetteerBuilder builder = SampleBuilder();
  ASSERT_TRUE(builder.Add("الأمم المتحدة", "ORG", "Q1065").ok());
  ASSERT_TRUE(builder.Add("#MeToo", "MISC", "").ok());
  ASSERT_TRUE(builder.Add("ليبيا_تونس", "MISC", "").ok());
  const Gazetteer g = *builder.Build();
  EXPECT_THAT(Found(g, "#ليبيا تنتخب"), ElementsAre("|ليبيا"));
  EXPECT_THAT(Found(g, "بيان #الأمم_المتحدة اليوم"),
              ElementsAre("|الأمم_المتحدة"));
  EXPECT_THAT(Found(g, "#وليبيا #للمملكة_المتحدة"),
              ElementsAre("و|ليبيا", "لل|مملكة_المتحدة"));
  EXPECT_THAT(Found(g, "#الاتحاد_الأوروبي_2021 و__مازن__"),
              ElementsAre("|الاتحاد_الأوروبي", "|مازن"));
  // Both spellings of a name with an underscore, and a name written as a
  // hashtag, which is its # and its word.
  EXPECT_THAT(Found(g, "ليبيا_تونس"), ElementsAre("|ليبيا_تونس"));
  EXPECT_THAT(Found(g, "مباراة ليبيا تونس"), ElementsAre("|ليبيا تونس"));
  EXPECT_THAT(Found(g, "حملة #MeToo و MeToo"), ElementsAre("|#MeToo"));
  // Still whole words: a hashtag's word is not a longer word's part, and
  // other punctuation still separates a name's words.
  EXPECT_THAT(Found(g, "#الليبية #ليبياتنا"), ElementsAre());
  EXPECT_THAT(Found(g, "الأمم-المتحدة الأمم#المتحدة"), ElementsAre());
  // Offsets in code points, past the # and across the underscore.
  EXPECT_THAT(Ucs2Spans(g, u"#الأمم_المتحدة"),
              ElementsAre(std::tuple<size_t, size_t, size_t>{1, 1, 14}));
}

TEST(Gazetteer, OnlyValidCliticRuns) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("جدة", "city", "").ok());
  ASSERT_TRUE(builder.Add("القاهرة", "city", "").ok());
  ASSERT_TRUE(builder.Add("اللجنة الأولمبية", "org", "").ok());
  const std::vector<std::string_view> aliases = {"سودان"};
  ASSERT_TRUE(builder.Add("السودان", "country", "", aliases).ok());
  const Gazetteer g = *builder.Build();
  // The future marker is no clitic of a name; ل + ال is written لل.
  EXPECT_THAT(Found(g, "سجدة لالقاهرة"), ElementsAre());
  EXPECT_THAT(Found(g, "وبجدة للقاهرة"), ElementsAre("وب|جدة", "لل|قاهرة"));
  // لل before a word starting with ل: ل + اللجنة, the second lam the word's.
  EXPECT_THAT(Found(g, "للجنة الأولمبية"), ElementsAre("ل|لجنة الأولمبية"));
  EXPECT_THAT(Found(g, "وللجنة الأولمبية"), ElementsAre("ول|لجنة الأولمبية"));
  // Two readings of one token (و + السودان, وال + سودان) give one match,
  // the one taking less for clitics.
  EXPECT_THAT(Found(g, "والسودان"), ElementsAre("و|السودان"));
  EXPECT_THAT(Found(g, "والسودان", GazetteerMode::kAll),
              ElementsAre("و|السودان"));
}

TEST(Gazetteer, ArticleOnlyWhereTheNameLacksIt) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("الكويت", "country", "").ok());
  ASSERT_TRUE(builder.Add("المملكة المتحدة", "country", "").ok());
  ASSERT_TRUE(builder.Add("سودان", "country", "").ok());
  const Gazetteer g = *builder.Build();
  // Every run ending in the article, لل (ل + ال) and ولل too, before a name
  // written without it.
  EXPECT_THAT(Found(g, "السودان بالسودان للسودان وللسودان فللسودان"),
              ElementsAre("ال|سودان", "بال|سودان", "لل|سودان", "ولل|سودان",
                          "فلل|سودان"));
  // An alef written with hamza starts no article: إلغاء, which the profile
  // folds to الغاء, is no ال + غاء; إلجاو (Elgg) no ال + جاو (Gao).
  GazetteerBuilder gao;
  ASSERT_TRUE(gao.Add("جاو", "LOC", "").ok());
  ASSERT_TRUE(gao.Add("غاء", "LOC", "").ok());
  for (int max_edits : {0, 1}) {
    EXPECT_THAT(Found(*gao.Build(), "قرية إلجاو وإلغاء وبإلجاو وأَلجاو",
                      GazetteerMode::kAll, max_edits),
                ElementsAre())
        << max_edits;
  }
  EXPECT_THAT(Found(*gao.Build(), "مدينة الجاو وبالجاو"),
              ElementsAre("ال|جاو", "وبال|جاو"));
  // The same through code points (as Python's str is read), where the
  // written letter is checked where the vector kernel mapped it.
  using Spans = std::tuple<size_t, size_t, size_t>;
  EXPECT_THAT(Ucs2Spans(*gao.Build(), u"قرية إلجاو وبإلجاو وإلغاء"),
              ElementsAre());
  EXPECT_THAT(Ucs2Spans(*gao.Build(), u"مدينة الجاو وبالجاو"),
              ElementsAre(Spans{6, 8, 11}, Spans{12, 16, 19}));
  // ل before a name written with hamza, which folds to ال: لألمانيا.
  GazetteerBuilder hamza;
  ASSERT_TRUE(hamza.Add("ألمانيا", "country", "").ok());
  EXPECT_THAT(Found(*hamza.Build(), "دعوة لألمانيا ولألمانيا"),
              ElementsAre("ل|ألمانيا", "ول|ألمانيا"));
  // The hamza read through a harakah or a tatweel.
  EXPECT_THAT(Found(*hamza.Build(), "دعوة لِألمانيا ولـألمانيا"),
              ElementsAre("لِ|ألمانيا", "ولـ|ألمانيا"));
  // Never before a name that has it.
  EXPECT_THAT(Found(g, "الالكويت بالالكويت للالكويت والالمملكة المتحدة"),
              ElementsAre());
  EXPECT_THAT(Found(g, "بالكويت للكويت والمملكة المتحدة"),
              ElementsAre("ب|الكويت", "لل|كويت", "و|المملكة المتحدة"));
}

TEST(Gazetteer, AdjectiveAfterAWordWithTheArticleIsNoName) {
  GazetteerBuilder builder;
  const std::vector<std::string_view> aliases = {"المملكة العربية السعودية"};
  ASSERT_TRUE(builder.Add("السعودية", "LOC", "Q851", aliases).ok());
  ASSERT_TRUE(builder.Add("الإسكندرية", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("الرياض", "LOC", "").ok());
  const Gazetteer g = *builder.Build();
  // The Saudi market, companies, stocks: the adjective, whatever clitic the
  // noun before it takes.
  for (const char* text :
       {"السوق السعودية", "الشركات السعودية", "والأسهم السعودية",
        "بالمدن السعودية", "للشركات السعودية", "وللجامعات السعودية"}) {
    EXPECT_THAT(Found(g, text), ElementsAre()) << text;
    EXPECT_THAT(Found(g, text, GazetteerMode::kAll), ElementsAre()) << text;
  }
  // The country: after a verb, a preposition (إلى folds to الي), a noun
  // without the article, punctuation, a relative pronoun, or with a clitic
  // of its own.
  EXPECT_THAT(Found(g, "قالت السعودية إن وفدا وصل إلى السعودية"),
              ElementsAre("|السعودية", "|السعودية"));
  EXPECT_THAT(Found(g, "زيارة السعودية والإمارات والسعودية"),
              ElementsAre("|السعودية", "و|السعودية"));
  EXPECT_THAT(Found(g, "الرياض، السعودية"),
              ElementsAre("|الرياض", "|السعودية"));
  EXPECT_THAT(Found(g, "الدول التي السعودية عضو فيها"),
              ElementsAre("|السعودية"));
  // After a word of the article's letters written with hamza (إلغاء folds
  // to الغاء), a time adverb, or a paragraph break: the name.
  EXPECT_THAT(Found(g, "بعد إلغاء السعودية الرسوم"), ElementsAre("|السعودية"));
  EXPECT_THAT(Found(g, "بعد إِلغاء السعودية وإلغـاء السعودية"),
              ElementsAre("|السعودية", "|السعودية"));
  EXPECT_THAT(Found(g, "أعلنت اليوم السعودية وأعلنت الخميس السعودية"),
              ElementsAre("|السعودية", "|السعودية"));
  EXPECT_THAT(Found(g, "أخبار السوق\n\nالسعودية تعلن"),
              ElementsAre("|السعودية"));
  EXPECT_THAT(Found(g, "رحبت المملكة العربية السعودية"),
              ElementsAre("|المملكة العربية السعودية"));
  // Only words with the nisba ending: a name after a definite noun in
  // apposition stays a name (العاصمة الرياض), and so does one after a
  // construct (جامعة الإسكندرية).
  EXPECT_THAT(Found(g, "العاصمة الرياض وجامعة الإسكندرية"),
              ElementsAre("|الرياض", "|الإسكندرية"));
  EXPECT_THAT(Found(g, "المحافظة الإسكندرية"), ElementsAre());
  // Matching names as written, the rule is off too.
  GazetteerBuilder literal(*Normalizer::ForProfile("search"), false);
  ASSERT_TRUE(literal.Add("السعودية", "LOC", "").ok());
  EXPECT_THAT(Found(*literal.Build(), "السوق السعودية"),
              ElementsAre("|السعودية"));
}

TEST(Gazetteer, LamBeforeAlLam) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("اللجنة", "org", "").ok());
  ASSERT_TRUE(builder.Add("الجنة", "loc", "").ok());
  ASSERT_TRUE(builder.Add("الله", "x", "").ok());
  const Gazetteer g = *builder.Build();
  // Two readings of للجنة: ل + اللجنة takes fewer letters for the clitic and
  // is the longest match; "all" gives both.
  EXPECT_THAT(Found(g, "للجنة"), ElementsAre("ل|لجنة"));
  EXPECT_THAT(Found(g, "فللجنة", GazetteerMode::kAll),
              ElementsAre("فل|لجنة", "فلل|جنة"));
  // ل + الله is لله: the word left after the clitic is two letters.
  EXPECT_THAT(Found(g, "لله ولله"), ElementsAre("ل|له", "ول|له"));
}

// Readings are hashed from one pass over a word up to 64 letters; longer
// words take another path, which must find the same names.
TEST(Gazetteer, CliticsBeforeVeryLongWords) {
  std::string long_word;
  for (int i = 0; i < 20; ++i) long_word += "كتب";         // 60 letters.
  const std::string longer_word = long_word + "كتب";       // 63: و + it is 64.
  const std::string longest_word = long_word + long_word;  // 120.
  GazetteerBuilder builder;
  for (const std::string& word : {long_word, longer_word, longest_word}) {
    ASSERT_TRUE(builder.Add(word, "x", "").ok());
    ASSERT_TRUE(builder.Add("ال" + word + "ة", "x", "").ok());
  }
  const Gazetteer g = *builder.Build();
  for (const std::string& word : {long_word, longer_word, longest_word}) {
    const std::string text = "و" + word + " بال" + word + "ة وب" + word;
    EXPECT_THAT(Found(g, text),
                ElementsAre("و|" + word, "ب|ال" + word + "ة", "وب|" + word))
        << word.size() / 2 << " letters";
    // و + ال restored: لل + word + ة is ل + ال + word + ة.
    EXPECT_THAT(Found(g, "لل" + word + "ه"), ElementsAre("لل|" + word + "ه"));
  }
}

// A key slot holds an Arabic key of up to ten letters itself, packed six
// bits a letter, and any other key's hash (its letters then compared):
// keys on both sides of each limit, and words one letter past them, are
// found as themselves only.
TEST(Gazetteer, KeysPackedOrHashedAreFoundAlike) {
  const std::vector<std::string> names = {
      "ءيءيءيءيءي",   // Ten letters, the first and last of U+0621..U+064A.
      "ءيءيءيءيءيء",  // Eleven: hashed, and the ten above are a prefix.
      "استقلالهما",   // Ten.
      "استقلالهمات",  // Eleven.
      "ب",            // One letter.
      "NATO",         // Outside the Arabic letters.
      "ليبياG",       // Arabic, then one letter outside them.
  };
  GazetteerBuilder builder;
  for (const std::string& name : names) {
    ASSERT_TRUE(builder.Add(name, "x", "").ok()) << name;
  }
  const Gazetteer g = *builder.Build();
  std::string text;
  std::vector<std::string> expected;
  for (const std::string& name : names) {
    text += name + " ";
    expected.push_back("|" + name);
  }
  EXPECT_THAT(Found(g, text), ::testing::ElementsAreArray(expected));
  // Near misses: one letter more or less, or another last letter.
  EXPECT_THAT(Found(g,
                    "ءيءيءيءيء ءيءيءيءيءيءي استقلالهم استقلالهمان NAT "
                    "NATOS ليبيا ليبياGG بب"),
              ElementsAre());
  // A packed key after clitics (و + ب + the key, ال restored after ل).
  EXPECT_THAT(Found(g, "وباستقلالهما"), ElementsAre("وب|استقلالهما"));
}

TEST(Gazetteer, LongestAndAll) {
  const Gazetteer g = SampleGazetteer();
  EXPECT_THAT(Found(g, "التقى خالد مازن"), ElementsAre("|خالد مازن"));
  EXPECT_THAT(Found(g, "التقى خالد مازن", GazetteerMode::kAll),
              ElementsAre("|خالد مازن", "|مازن"));
}

TEST(Gazetteer, SampleArticle) {
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  const Gazetteer g = SampleGazetteer();
  auto matches = g.Find(article);
  ASSERT_TRUE(matches.ok());
  std::vector<std::string> names;
  for (const GazetteerMatch& m : *matches) {
    names.push_back(g.entry(m.entry).name);
  }
  EXPECT_THAT(names, ::testing::Contains("الاتحاد الأوروبي"));
  EXPECT_THAT(names, ::testing::Contains("المملكة المتحدة"));
  EXPECT_THAT(names, ::testing::Contains("أفريقيا"));
  EXPECT_THAT(names, ::testing::Contains("حكومة الوحدة الوطنية"));
  EXPECT_THAT(names, ::testing::Contains("خالد مازن"));
}

// Names and texts are both tokenised as written, then normalised: a token
// that normalises to several words (ﷺ) or to nothing (a tatweel used as a
// dash), or whose punctuation normalises into a number (2،3 -> 2,3), is cut
// the same way on both sides.
TEST(Gazetteer, NamesAndTextsAreCutAlike) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("النبي محمد ﷺ", "per", "").ok());
  ASSERT_TRUE(builder.Add("مدرسة ـ النور", "org", "").ok());
  ASSERT_TRUE(builder.Add("اتفاق 2،3", "misc", "").ok());
  ASSERT_TRUE(builder.Add("صلى الله", "misc", "").ok());
  const Gazetteer g = *builder.Build();
  EXPECT_THAT(Found(g, "قال النبي محمد ﷺ اليوم"), ElementsAre("|النبي محمد ﷺ"));
  EXPECT_THAT(Found(g, "قال النبي محمد صلى الله عليه وسلم"),
              ElementsAre("|النبي محمد صلى الله عليه وسلم"));
  EXPECT_THAT(Found(g, "في مدرسة ـ النور"), ElementsAre("|مدرسة ـ النور"));
  EXPECT_THAT(Found(g, "في مدرسة النور"), ElementsAre());
  EXPECT_THAT(Found(g, "بحسب اتفاق 2،3"), ElementsAre("|اتفاق 2،3"));
  // A name matching the first words of ﷺ covers the whole character.
  EXPECT_THAT(Found(g, "محمد ﷺ"), ElementsAre("|ﷺ"));
  // Longest matches do not overlap in the text: a name ending inside ﷺ and
  // one starting inside it are both found only in "all" mode.
  GazetteerBuilder inside;
  ASSERT_TRUE(inside.Add("محمد صلى", "x", "").ok());
  ASSERT_TRUE(inside.Add("عليه وسلم", "x", "").ok());
  const Gazetteer k = *inside.Build();
  EXPECT_THAT(Found(k, "قال محمد ﷺ"), ElementsAre("|محمد ﷺ"));
  EXPECT_THAT(Found(k, "قال محمد ﷺ", GazetteerMode::kLongest, 1),
              ElementsAre("|محمد ﷺ"));
  EXPECT_THAT(Found(k, "قال محمد ﷺ", GazetteerMode::kAll),
              ElementsAre("|محمد ﷺ", "|ﷺ"));
  // The second word of ﷺ after a proclitic reading starts where ﷺ does.
  std::vector<GazetteerMatch> out;
  const std::u16string text = u"ﷺ";
  GazetteerBuilder second;
  ASSERT_TRUE(second.Add("عليه", "x", "").ok());
  const Gazetteer h = *second.Build();
  ASSERT_TRUE(h.FindCodePoints({text.data(), text.size(), 2}, {}, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].start, 0u);
  EXPECT_EQ(out[0].end, 1u);
  // Ligatures written together are one token of many words: a name read in
  // one of them spans that one, not the token.
  // Longest matches do not overlap, and those in two of them do not.
  const std::u16string two = u"ﷺﷺ";
  for (GazetteerFindOptions options :
       {GazetteerFindOptions{GazetteerMode::kAll, 0},
        GazetteerFindOptions{GazetteerMode::kLongest, 0},
        GazetteerFindOptions{GazetteerMode::kLongest, 1}}) {
    ASSERT_TRUE(
        h.FindCodePoints({two.data(), two.size(), 2}, options, &out).ok());
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(std::make_pair(out[0].start, out[0].end),
              std::make_pair(0ul, 1ul));
    EXPECT_EQ(std::make_pair(out[1].start, out[1].end),
              std::make_pair(1ul, 2ul));
    // Nor do their proclitics, which start at their own ligature.
    EXPECT_EQ(out[0].prefix_start, 0u);
    EXPECT_EQ(out[1].prefix_start, 1u);
  }
  // A later word of a ligature has no proclitic: not the word before it in
  // its token, nor that word's conjunction.
  EXPECT_THAT(Found(h, "كتابﷺ"), ElementsAre("|ﷺ"));
  EXPECT_THAT(Found(h, "وﷺ"), ElementsAre("|ﷺ"));
  const std::u16string said = u"قال محمد ﷺﷺ";
  for (int max_edits : {0, 1}) {
    ASSERT_TRUE(k.FindCodePoints({said.data(), said.size(), 2},
                                 {GazetteerMode::kLongest, max_edits}, &out)
                    .ok());
    ASSERT_EQ(out.size(), 2u) << max_edits;
    // محمد صلى, into the first; عليه وسلم, within the second.
    EXPECT_EQ(std::make_pair(out[0].start, out[0].end),
              std::make_pair(4ul, 10ul));
    EXPECT_EQ(std::make_pair(out[1].start, out[1].end),
              std::make_pair(10ul, 11ul));
  }
  // A name of one tatweel has no word.
  EXPECT_FALSE(GazetteerBuilder().Add("ـ", "x", "").ok());
}

TEST(Gazetteer, CodePointOffsets) {
  const Gazetteer g = SampleGazetteer();
  EXPECT_THAT(Ucs2Spans(g, u"زار وليبيا"),
              ElementsAre(std::tuple<size_t, size_t, size_t>{4, 5, 10}));
}

// Where the name starts behind its proclitics, whether the token's letters
// fold one for one (presentation forms), lose a mark, or go through the
// normaliser whole (a ligature).
TEST(Gazetteer, NameStartsAfterMarkedOrPresentationFormClitics) {
  const Gazetteer g = SampleGazetteer();
  EXPECT_THAT(Found(g, "زار وَلِيبيا"), ElementsAre("وَ|لِيبيا"));
  EXPECT_THAT(Found(g, "زار وبـليبيا"), ElementsAre("وبـ|ليبيا"));
  EXPECT_THAT(Found(g, "زار ﻭﻟﻴﺒﻴﺎ"), ElementsAre("ﻭ|ﻟﻴﺒﻴﺎ"));
  EXPECT_THAT(Found(g, "وَالمملكة المتحدة"), ElementsAre("وَ|المملكة المتحدة"));
  EXPECT_THAT(Found(g, "ﻟﻠﻤﻤﻠﻜﺔ المتحدة"), ElementsAre("ﻟﻠ|ﻤﻤﻠﻜﺔ المتحدة"));
  // A tatweel after an initial or medial form is a kashida, not a dash.
  EXPECT_THAT(Found(g, "زار ﻟﻴـﺒﻴﺎ ﺑـﻠﻴﺒﻴﺎ ﻭﻟـﻴﺒﻴﺎ"),
              ElementsAre("|ﻟﻴـﺒﻴﺎ", "ﺑـ|ﻠﻴﺒﻴﺎ", "ﻭ|ﻟـﻴﺒﻴﺎ"));

  // Ligatures that normalise to far more letters than they take units,
  // before and after a name.
  EXPECT_THAT(Found(g, "ﷺﷺﷺﷺﷺﷺﷺﷺ وليبيا ﷺﷺﷺﷺ وليبيا"),
              ElementsAre("و|ليبيا", "و|ليبيا"));

  EXPECT_THAT(Ucs2Spans(g, u"زار وَلِيبيا وﷺ"),
              ElementsAre(std::tuple<size_t, size_t, size_t>{4, 6, 12}));
}

TEST(Gazetteer, BadInput) {
  GazetteerBuilder builder;
  EXPECT_FALSE(builder.Add("\xff", "x", "").ok());
  EXPECT_FALSE(builder.Add("   ", "x", "").ok());
  EXPECT_FALSE(builder.Add("-", "x", "").ok());
  // Only diacritics and tatweel: nothing is left after normalisation.
  EXPECT_THAT(builder.Add("\u064E\u0651\u0640", "x", "").message(),
              ::testing::HasSubstr("has no word"));
  EXPECT_FALSE(builder.Add("ليبيا", "", "").ok());
  EXPECT_FALSE(builder.Add("ليبيا", "x", "\xff").ok());
  std::string long_name;
  for (int i = 0; i < 65; ++i) long_name += "مدينة ";
  const absl::Status too_long = builder.Add(long_name, "x", "");
  EXPECT_EQ(too_long.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(too_long.message(), ::testing::HasSubstr("at most 64"));
  EXPECT_EQ(builder.Add(std::string(2000, 'a'), "x", "").code(),
            absl::StatusCode::kInvalidArgument);
  // A name across a paragraph break could never be found.
  const absl::Status across = builder.Add("ليبيا\n\nمصر", "x", "");
  EXPECT_EQ(across.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(across.message(), ::testing::HasSubstr("paragraph break"));
  EXPECT_EQ(builder.Add("٢٠٢١", "x", "").message(),
            "'٢٠٢١' has no word to match (numbers, punctuation, symbols, "
            "URLs, e-mail addresses and @mentions are not words)");
  EXPECT_EQ(builder.size(), 0u);
  // One line break inside a name is a space.
  ASSERT_TRUE(builder.Add("المملكة\nالمتحدة", "LOC", "").ok());
  EXPECT_EQ(builder.size(), 1u);
  EXPECT_FALSE(SampleGazetteer().Find("\xd9").ok());
  EXPECT_FALSE(
      SampleGazetteer().Find("ليبيا", {GazetteerMode::kLongest, 2}).ok());
}

TEST(Gazetteer, BatchOnThreadsEqualsOneByOne) {
  const Gazetteer g = SampleGazetteer();
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  std::vector<std::u16string> lines;
  std::u16string line;
  for (size_t i = 0; i < article.size();) {
    const auto b = static_cast<uint8_t>(article[i]);
    const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
    char32_t c = len == 1 ? b : b & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (article[i + k] & 0x3F);
    i += len;
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line.push_back(static_cast<char16_t>(c));
    }
  }
  lines.push_back(line);
  std::vector<CodePointsView> views;
  for (const std::u16string& l : lines)
    views.push_back({l.data(), l.size(), 2});
  for (int max_edits : {0, 1}) {
    auto batch =
        g.FindCodePointsBatch(views, {GazetteerMode::kAll, max_edits}, 2);
    ASSERT_TRUE(batch.ok());
    size_t total = 0;
    for (size_t i = 0; i < views.size(); ++i) {
      std::vector<GazetteerMatch> one;
      ASSERT_TRUE(
          g.FindCodePoints(views[i], {GazetteerMode::kAll, max_edits}, &one)
              .ok());
      EXPECT_EQ((*batch)[i], one) << i;
      total += one.size();
    }
    EXPECT_GE(total, 10u);
  }
}

TEST(Gazetteer, BatchRefusesANegativeThreadCount) {
  const std::u16string text = u"في وليبيا";
  const std::vector<CodePointsView> views = {{text.data(), text.size(), 2}};
  auto batch = SampleGazetteer().FindCodePointsBatch(views, {}, -1);
  EXPECT_EQ(batch.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(batch.status().message(), ::testing::HasSubstr("threads is -1"));
}

TEST(Gazetteer, SameNameWithTwoLabelsMatchesTwice) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("الأردن", "LOC", "Q810").ok());
  ASSERT_TRUE(builder.Add("الأردن", "river", "Q40059").ok());
  const Gazetteer g = *builder.Build();
  auto matches = g.Find("نهر الأردن");
  ASSERT_TRUE(matches.ok());
  ASSERT_EQ(matches->size(), 2u);
  EXPECT_EQ(g.label((*matches)[0].entry), "LOC");
  EXPECT_EQ(g.label((*matches)[1].entry), "river");
}

TEST(Gazetteer, OneEditForLongNames) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("جيمس كليفرلي", "person", "").ok());
  ASSERT_TRUE(builder.Add("كليفرلي", "person", "").ok());
  ASSERT_TRUE(builder.Add("ليبيا", "place", "").ok());
  ASSERT_TRUE(builder.Add("طرابلس", "place", "").ok());
  const Gazetteer g = *builder.Build();
  // Off by default.
  EXPECT_THAT(Found(g, "قال كلافرلي"), ElementsAre());
  // Substitution, with a clitic; deletion; swap of neighbours.
  EXPECT_THAT(Found(g, "قال وكلافرلي", GazetteerMode::kLongest, 1),
              ElementsAre("و|كلافرلي~"));
  EXPECT_THAT(Found(g, "جيمس كلفرلي", GazetteerMode::kLongest, 1),
              ElementsAre("|جيمس كلفرلي~"));
  EXPECT_THAT(Found(g, "في طاربلس", GazetteerMode::kLongest, 1),
              ElementsAre("|طاربلس~"));
  // Only edits that spell the same sounds: a consonant dropped, added or
  // changed for another sound makes another word.
  EXPECT_THAT(Found(g, "جيمس كليفلي وكليفرلين في طرانلس وطرابلسن",
                    GazetteerMode::kAll, 1),
              ElementsAre());
  // Names under six letters get no edit (ليبيا/لبيبا), and exact matches
  // come first: كليفرلي exact is never read as a fuzzy longer name.
  EXPECT_THAT(Found(g, "لبيبا", GazetteerMode::kLongest, 1), ElementsAre());
  EXPECT_THAT(Found(g, "جيمز كليفرلي", GazetteerMode::kLongest, 1),
              ElementsAre("|كليفرلي"));
  EXPECT_THAT(Found(g, "جيمز كليفرلي", GazetteerMode::kAll, 1),
              ElementsAre("|جيمز كليفرلي~", "|كليفرلي"));
  // A name's digits and punctuation are no letters: كوريا 1 has five, and
  // gets no edit; كوريا الجنوبية has more.
  GazetteerBuilder numbered;
  ASSERT_TRUE(numbered.Add("كوريا 1", "place", "").ok());
  ASSERT_TRUE(numbered.Add("كوريا.", "place", "").ok());
  ASSERT_TRUE(numbered.Add("كوريا الجنوبية", "place", "").ok());
  const Gazetteer n = *numbered.Build();
  EXPECT_THAT(Found(n, "كورييا 1 وكورييا.", GazetteerMode::kAll, 1),
              ElementsAre());
  EXPECT_THAT(Found(n, "كورييا الجنوبية", GazetteerMode::kLongest, 1),
              ElementsAre("|كورييا الجنوبية~"));
}

TEST(Gazetteer, OneEditReadsNeitherArticlesNorAdjectives) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("القاهرة", "place", "").ok());
  ASSERT_TRUE(builder.Add("الدوحة", "place", "").ok());
  ASSERT_TRUE(builder.Add("طرابلس", "place", "").ok());
  ASSERT_TRUE(builder.Add("السعودية", "place", "").ok());
  ASSERT_TRUE(builder.Add("الإسكندرية", "place", "").ok());
  ASSERT_TRUE(builder.Add("إيطاليا", "place", "").ok());
  ASSERT_TRUE(builder.Add("أوروبا", "place", "").ok());
  ASSERT_TRUE(builder.Add("سويسرا", "place", "").ok());
  const Gazetteer g = *builder.Build();
  // The article is not counted: القاهرة and الدوحة have five and four
  // letters, too few for an edit (الظاهرة, الدولة are other words).
  EXPECT_THAT(Found(g, "الظاهرة في الدولة", GazetteerMode::kAll, 1),
              ElementsAre());
  // A nisba adjective is no misspelling of its name.
  EXPECT_THAT(Found(g,
                    "مطبخ طرابلسي وفريق السعودي ولاعب إيطالي وشركة إيطالية "
                    "والاتحاد الأوروبي وبنك سويسري",
                    GazetteerMode::kAll, 1),
              ElementsAre());
  EXPECT_THAT(Found(g, "ايطاليا سويسرة", GazetteerMode::kAll, 1),
              ElementsAre("|ايطاليا", "|سويسرة~"));
  // Misspellings still are, with the article or without.
  EXPECT_THAT(
      Found(g, "طاربلس والاسكندريه والإسكندريا", GazetteerMode::kAll, 1),
      ElementsAre("|طاربلس~", "و|الاسكندريه", "و|الإسكندريا~"));
  // Without the ي of its nisba ending, a name is another noun (السعودة:
  // Saudisation).
  EXPECT_THAT(Found(g, "دعم السعودة", GazetteerMode::kAll, 1), ElementsAre());
  EXPECT_THAT(Found(g, "السعوديا", GazetteerMode::kLongest, 1),
              ElementsAre("|السعوديا~"));
  // A name whose first letters are an alef with hamza and lam has no
  // article, though the "search" profile folds it to ال.
  GazetteerBuilder hamza;
  ASSERT_TRUE(hamza.Add("ألمانيا", "place", "").ok());
  ASSERT_TRUE(hamza.Add("ألماتي", "place", "").ok());
  ASSERT_TRUE(hamza.Add("إلدوريت", "place", "").ok());
  ASSERT_TRUE(hamza.Add("أميركا", "place", "").ok());
  const Gazetteer with_hamza = *hamza.Build();
  EXPECT_THAT(Found(with_hamza, "زار ألمونيا", GazetteerMode::kLongest, 1),
              ElementsAre("|ألمونيا~"));
  // But a text's article, written with a plain alef, is no misspelling of
  // the name's hamza and lam: الموتى is not ألماتي, nor الدورات إلدوريت.
  EXPECT_THAT(Found(with_hamza, "دفن الموتى والدورات والمنيا للدوريات",
                    GazetteerMode::kAll, 1),
              ElementsAre());
  EXPECT_THAT(Found(with_hamza, "في ألموتي", GazetteerMode::kAll, 1),
              ElementsAre("|ألموتي~"));
  // An adjective with its accusative alef.
  EXPECT_THAT(Found(with_hamza, "تزوجت مواطنا أميركيا", GazetteerMode::kAll, 1),
              ElementsAre());
}

TEST(Gazetteer, OneEditSpellingsOfNamesWithHamzaAndLam) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("ألبوكيركي", "place", "").ok());
  ASSERT_TRUE(builder.Add("أَلماتي", "place", "").ok());         // A harakah.
  ASSERT_TRUE(builder.Add("ا\u0654لدوريت", "place", "").ok());  // Combining.
  ASSERT_TRUE(builder.Add("ﺃلمانيا", "place", "").ok());  // Presentation form.
  const Gazetteer g = *builder.Build();
  // Eight letters or more: the name's own first letters, however the text
  // writes them.
  EXPECT_THAT(
      Found(g, "مدينة البوكركي وأَلبوكركي وألبوكـركي", GazetteerMode::kAll, 1),
      ElementsAre("|البوكركي~", "و|أَلبوكركي~", "و|ألبوكـركي~"));
  // Fewer: the text's article, whatever the name is written with.
  EXPECT_THAT(Found(g, "دفن الموتى والدورات والمنيا", GazetteerMode::kAll, 1),
              ElementsAre());
  // A text's own hamza, read through its marks and tatweel.
  EXPECT_THAT(
      Found(g, "زار أَلماطي وألمـاطي وا\u0654لماطي وإِلدورت", GazetteerMode::kAll,
            1),
      ElementsAre("|أَلماطي~", "و|ألمـاطي~", "و|ا\u0654لماطي~", "و|إِلدورت~"));
  // A profile that keeps hamza reads ا for أ as the one edit.
  GazetteerBuilder standard(*Normalizer::ForProfile("standard"));
  ASSERT_TRUE(standard.Add("ألماتي", "place", "").ok());
  ASSERT_TRUE(standard.Add("بنغازي", "place", "").ok());
  EXPECT_THAT(
      Found(*standard.Build(), "من الماتي إلى بنغازى", GazetteerMode::kAll, 1),
      ElementsAre("|الماتي~", "|بنغازى~"));
}

TEST(Gazetteer, OneEditInShortWordsOfLongerNames) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("ريو دي جانيرو", "place", "").ok());
  ASSERT_TRUE(builder.Add("كوتونو", "place", "").ok());
  ASSERT_TRUE(builder.Add("تورونتو", "place", "").ok());
  ASSERT_TRUE(builder.Add("الدار البيضاء", "place", "").ok());
  ASSERT_TRUE(builder.Add("مدينة آلتاي", "place", "").ok());
  ASSERT_TRUE(builder.Add("البرازيل", "place", "").ok());
  const Gazetteer g = *builder.Build();
  // A vowel letter or a final hamza dropped from a word of a longer name.
  EXPECT_THAT(Found(g, "في ريو دي جنيرو والدار البيضا", GazetteerMode::kAll, 1),
              ElementsAre("|ريو دي جنيرو~", "و|الدار البيضا~"));
  // A word's leading ال is not counted: التي is no spelling of آلتاي.
  EXPECT_THAT(Found(g, "المدينة التي", GazetteerMode::kAll, 1), ElementsAre());
  // A one-word name short of a letter keeps six letters (تورنتو), or is
  // another word more often than the name.
  EXPECT_THAT(Found(g, "في كوتنو وتورنتو", GazetteerMode::kAll, 1),
              ElementsAre("و|تورنتو~"));
  // An article restored from لل counts: ل + البرزيل has seven letters.
  EXPECT_THAT(Found(g, "ذهب للبرزيل", GazetteerMode::kAll, 1),
              ElementsAre("لل|برزيل~"));
}

TEST(Gazetteer, AWordWithManyContinuations) {
  // Enough names after one first word for its node to keep a hash table.
  const std::vector<std::string> letters = {"ب", "ت", "ث", "ج", "ح", "خ",
                                            "د", "ر", "س", "ش", "ص", "ط"};
  std::vector<std::string> seconds;
  for (const std::string& a : letters) {
    for (const std::string& b : letters) seconds.push_back(a + "ا" + b);
  }
  GazetteerBuilder builder;
  for (size_t i = 0; i + 1 < seconds.size(); ++i) {
    ASSERT_TRUE(builder.Add("جامعة " + seconds[i], "ORG", "").ok());
  }
  const Gazetteer g = *builder.Build();
  for (size_t i = 0; i + 1 < seconds.size(); ++i) {
    EXPECT_THAT(Found(g, "في جامعة " + seconds[i] + " اليوم"),
                ElementsAre("|جامعة " + seconds[i]));
  }
  EXPECT_THAT(Found(g, "جامعة " + seconds.back()), ElementsAre());
  EXPECT_EQ(GazetteerBuilder(g).Build()->bytes(), g.bytes());
}

// طرابلس ends a name and goes on to two more, الغرب ends one and goes on to
// one more, القديمة only ends one: the three shapes a node takes.
void AddTripoliNames(GazetteerBuilder* builder) {
  EXPECT_TRUE(builder->Add("طرابلس", "LOC", "Q3579").ok());
  EXPECT_TRUE(builder->Add("طرابلس الغرب", "LOC", "").ok());
  EXPECT_TRUE(builder->Add("طرابلس الغرب القديمة", "LOC", "").ok());
  EXPECT_TRUE(builder->Add("طرابلس الشام", "LOC", "").ok());
}

TEST(Gazetteer, NamesThatEndWhereOthersGoOn) {
  GazetteerBuilder builder;
  AddTripoliNames(&builder);
  const Gazetteer g = *builder.Build();
  EXPECT_THAT(Found(g,
                    "من طرابلس الغرب إلى طرابلس وبطرابلس الغرب القديمة "
                    "ولطرابلس الشام"),
              ElementsAre("|طرابلس الغرب", "|طرابلس", "وب|طرابلس الغرب القديمة",
                          "ول|طرابلس الشام"));
  EXPECT_THAT(Found(g, "طرابلس الغرب القديمة", GazetteerMode::kAll),
              ElementsAre("|طرابلس", "|طرابلس الغرب", "|طرابلس الغرب القديمة"));
  const auto found = g.Find("في طرابلس");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(g.id((*found)[0].entry), "Q3579");
  EXPECT_EQ(GazetteerBuilder(g).Build()->bytes(), g.bytes());
}

// Large gazetteers step every walk ahead of the matcher; small ones let the
// matcher step. Both find the same matches.
TEST(Gazetteer, SteppingAheadFindsTheSame) {
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  const std::string texts[] = {
      article,
      "من طرابلس الغرب إلى طرابلس وبطرابلس الغرب القديمة ولطرابلس الشام",
      "التقى خالد مازن ومازن وللمملكة المتحدة وبالاتحاد الأوروبي"};
  auto build = [] {
    GazetteerBuilder builder = SampleBuilder();
    AddTripoliNames(&builder);
    return *builder.Build();
  };
  const Gazetteer in_cache = build();
  const size_t threshold = internal::SetGazetteerEagerStepBytes(0);
  const Gazetteer ahead = build();
  internal::SetGazetteerEagerStepBytes(threshold);
  for (const std::string& text : texts) {
    for (GazetteerMode mode : {GazetteerMode::kLongest, GazetteerMode::kAll}) {
      for (int max_edits : {0, 1}) {
        const auto found = Found(ahead, text, mode, max_edits);
        EXPECT_FALSE(found.empty());
        EXPECT_EQ(found, Found(in_cache, text, mode, max_edits));
      }
    }
  }
}

// (prefix_start, start, end, entry, edits) of each match, for comparing
// paths that must agree on everything.
std::vector<std::tuple<size_t, size_t, size_t, uint32_t, uint32_t>> Spans(
    const Gazetteer& g, const CodePointsView& text, GazetteerMode mode,
    int max_edits) {
  std::vector<GazetteerMatch> matches;
  EXPECT_TRUE(g.FindCodePoints(text, {mode, max_edits}, &matches).ok());
  std::vector<std::tuple<size_t, size_t, size_t, uint32_t, uint32_t>> out;
  for (const GazetteerMatch& m : matches) {
    out.emplace_back(m.prefix_start, m.start, m.end, m.entry, m.edits);
  }
  return out;
}

// A text held as 8- or 16-bit code points is folded whole by the vector
// kernel (where the CPU has it), one held as 32-bit ones token by token:
// both find the same, whatever the text holds where, including at the
// edges of the kernel's 32-unit blocks.
TEST(Gazetteer, TextsFoldedWholeOrTokenByTokenMatchAlike) {
  GazetteerBuilder builder = SampleBuilder();
  AddTripoliNames(&builder);
  ASSERT_TRUE(builder.Add("Libya", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("Côte d'Ivoire", "LOC", "").ok());
  // A word of 70 letters, longer than NoneSet reads at once.
  std::string long_word;
  for (int k = 0; k < 14; ++k) long_word += "ليبيا";
  ASSERT_TRUE(builder.Add(long_word, "LOC", "").ok());
  const Gazetteer g = *builder.Build();
  std::vector<std::string> texts = {
      ReadFile(KALIMA_SAMPLE_ARTICLE),
      "زار وَلِيبيا ثم وبـليبيا وﻟﻴﺒﻴﺎ",             // Marks, tatweel, forms.
      "زار ليبياً وطرابلسُ الغربِ",                   // Marks last.
      "ﻟﻠﻤﻤﻠﻜﺔ المتحدة وللمملكة المتحدة",          // Presentation forms.
      "ﷺﷺ وليبيا ﷺ وطرابلس الغرب",                 // Ligatures that expand.
      "و\u200cليبيا لـيـبـيـا ليبيا\u00a0ليبيا",   // ZWNJ, tatweel, NBSP.
      "و\u034fليبيا لي\ufe0fبيا ليبيا\U000E0100",  // Invisible marks.
      "في 𝐋ibya و𝟐 وليبيا",                        // Outside the BMP.
      "Libya, LIBYA and Côte d'Ivoire; côte d'ivoire",  // Latin-1 only.
  };
  // The long word with a mark among its first letters, past them, or last.
  for (size_t letters : {3, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 70}) {
    texts.push_back("و" + long_word.substr(0, 2 * letters) + "َ" +
                    long_word.substr(2 * letters));
  }
  // A name at every offset of a block and across the next block's start.
  for (size_t pad = 0; pad <= 40; ++pad) {
    texts.push_back(std::string(pad, ' ') + "وليبيا وطرابلس الغرب");
    texts.push_back(std::string(pad, '.') + "Libya");
  }
  for (const std::string& utf8 : texts) {
    std::u32string wide;
    ASSERT_TRUE(internal::AppendUtf8CodePoints(utf8, &wide).ok());
    const CodePointsView utf32{wide.data(), wide.size(), 4};
    std::u16string ucs2;
    std::string latin1;
    bool bmp = true, narrow = true;
    for (char32_t c : wide) {
      bmp = bmp && c < 0x10000;
      narrow = narrow && c < 0x100;
      ucs2.push_back(static_cast<char16_t>(c));
      latin1.push_back(static_cast<char>(c));
    }
    for (GazetteerMode mode : {GazetteerMode::kLongest, GazetteerMode::kAll}) {
      for (int max_edits : {0, 1}) {
        const auto expected = Spans(g, utf32, mode, max_edits);
        for (bool simd : {true, false}) {
          internal::SetSimdKernelEnabledForTesting(simd);
          if (bmp) {
            EXPECT_EQ(Spans(g, {ucs2.data(), ucs2.size(), 2}, mode, max_edits),
                      expected)
                << utf8 << (simd ? " (vector kernel)" : "");
          }
          if (narrow) {
            EXPECT_EQ(
                Spans(g, {latin1.data(), latin1.size(), 1}, mode, max_edits),
                expected)
                << utf8 << (simd ? " (vector kernel)" : "");
          }
        }
        internal::SetSimdKernelEnabledForTesting(true);
      }
    }
  }
  // And what they find is what the names say.
  EXPECT_THAT(Found(g, "وليبيا Libya côte d'ivoire"),
              ElementsAre("و|ليبيا", "|Libya", "|côte d'ivoire"));
}

// A long text is read in windows, each cut before a token no name goes
// into (punctuation, a word that is no word of a name): what is found is
// what reading it whole finds, whatever the window, in every mode and
// layout, with names next to the cuts, a punctuation mark that is part of a
// name, words of their own, ligatures, harakat and paragraph breaks.
TEST(Gazetteer, LongTextsReadInWindowsFindTheSame) {
  GazetteerBuilder builder = SampleBuilder();
  AddTripoliNames(&builder);
  const std::vector<std::string_view> aliases = {"المملكة العربية السعودية"};
  ASSERT_TRUE(builder.Add("السعودية", "LOC", "Q851", aliases).ok());
  ASSERT_TRUE(builder.Add("جيمس كليفرلي", "person", "").ok());
  ASSERT_TRUE(builder.Add("كليفرلي", "person", "").ok());
  ASSERT_TRUE(builder.Add("الله", "name", "").ok());
  ASSERT_TRUE(builder.Add("كوريا - الجنوبية", "LOC", "").ok());  // "-" a key.
  ASSERT_TRUE(builder.AddWord("كسبها").ok());
  ASSERT_TRUE(builder.AddWord("صلاة المغرب").ok());
  const Gazetteer g = *builder.Build();
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  const std::string pieces[] = {
      "السوق السعودية، السعودية. والسعودية؛ الشركات . السعودية",
      "زار جيمس كليفرلي (وكلافرلي) كوريا - الجنوبية، ثم كوريا - ليبيا",
      "صلاة المغرب . طرابلس الغرب! وطرابلس ،الغرب القديمة ، وﷺ .ﷺﷺ",
      "وكسبها . ولِيبيا\n\n. وبـطرابلس _ الشام _ المملكة _المتحدة",
      "«المملكة المتحدة» ، [الاتحاد الأوروبي] ... خالد . مازن ومازن",
  };
  std::string text = article;
  for (int k = 0; k < 3; ++k) {
    for (const std::string& piece : pieces) text += piece + (k ? "\n" : " ");
  }
  std::u32string wide;
  ASSERT_TRUE(internal::AppendUtf8CodePoints(text, &wide).ok());
  const std::u16string ucs2(wide.begin(), wide.end());  // All in the BMP.
  const size_t whole = internal::SetGazetteerWindowUnits(SIZE_MAX);
  for (GazetteerMode mode : {GazetteerMode::kLongest, GazetteerMode::kAll}) {
    for (int max_edits : {0, 1}) {
      internal::SetGazetteerWindowUnits(SIZE_MAX);
      const auto expected =
          Spans(g, {ucs2.data(), ucs2.size(), 2}, mode, max_edits);
      const auto expected_utf8 = Found(g, text, mode, max_edits);
      EXPECT_GT(expected.size(), 60u);
      for (size_t window : {1, 2, 5, 40, 1000}) {
        internal::SetGazetteerWindowUnits(window);
        for (bool simd : {true, false}) {
          internal::SetSimdKernelEnabledForTesting(simd);
          EXPECT_EQ(Spans(g, {ucs2.data(), ucs2.size(), 2}, mode, max_edits),
                    expected)
              << "window " << window << (simd ? " (vector kernel)" : "");
        }
        internal::SetSimdKernelEnabledForTesting(true);
        EXPECT_EQ(Spans(g, {wide.data(), wide.size(), 4}, mode, max_edits),
                  expected)
            << "window " << window;
        EXPECT_EQ(Found(g, text, mode, max_edits), expected_utf8)
            << "window " << window;
      }
    }
  }
  internal::SetGazetteerWindowUnits(whole);
  // The names by the cuts, as the rules read them whole.
  EXPECT_THAT(Found(g, pieces[0]),
              ElementsAre("|السعودية", "و|السعودية", "|السعودية"));
  EXPECT_THAT(Found(g, pieces[1], GazetteerMode::kLongest, 1),
              ElementsAre("|جيمس كليفرلي", "و|كلافرلي~", "|كوريا - الجنوبية",
                          "|ليبيا"));
}

// A window that a long gap stretches (hundreds of thousands of spaces
// between two words) is read token by token rather than mapped whole; the
// matches are the same.
TEST(Gazetteer, LongGapsBetweenWordsFindTheSame) {
  const Gazetteer g = SampleGazetteer();
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  const std::string text = article + std::string(300000, ' ') + "وليبيا" +
                           std::string(300000, '\n') + article;
  std::u32string wide;
  ASSERT_TRUE(internal::AppendUtf8CodePoints(text, &wide).ok());
  const std::u16string ucs2(wide.begin(), wide.end());
  const size_t whole = internal::SetGazetteerWindowUnits(SIZE_MAX);
  const auto expected =
      Spans(g, {ucs2.data(), ucs2.size(), 2}, GazetteerMode::kLongest, 0);
  internal::SetGazetteerWindowUnits(whole);
  EXPECT_GT(expected.size(), 20u);
  EXPECT_EQ(Spans(g, {ucs2.data(), ucs2.size(), 2}, GazetteerMode::kLongest, 0),
            expected);
  EXPECT_EQ(Spans(g, {wide.data(), wide.size(), 4}, GazetteerMode::kLongest, 0),
            expected);
}

// GazetteerFindOptions::between_windows: called between a long text's
// windows, and never for a short one; a status it returns ends the search
// with no match, in UTF-8 and in code points alike.
TEST(Gazetteer, BetweenWindowsCanEndALongSearch) {
  const Gazetteer g = SampleGazetteer();
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  std::string text;
  while (text.size() < (size_t{4} << 16)) text += article + "\n";
  std::u32string wide;
  ASSERT_TRUE(internal::AppendUtf8CodePoints(text, &wide).ok());
  const CodePointsView view{wide.data(), wide.size(), 4};

  int calls = 0;
  GazetteerFindOptions counting;
  counting.between_windows = [&calls] {
    ++calls;
    return absl::OkStatus();
  };
  const auto expected = g.Find(text);
  ASSERT_TRUE(expected.ok());
  EXPECT_GT(expected->size(), 1000u);
  EXPECT_EQ(g.Find(text, counting).value(), *expected);
  EXPECT_GE(calls, 3);  // Four windows of bytes at least.
  calls = 0;
  EXPECT_EQ(g.Find(article, counting).value(), g.Find(article).value());
  EXPECT_EQ(calls, 0);

  GazetteerFindOptions cancelling;
  cancelling.between_windows = [&calls] {
    return ++calls == 2 ? absl::CancelledError("stop") : absl::OkStatus();
  };
  EXPECT_EQ(g.Find(text, cancelling).status(), absl::CancelledError("stop"));
  EXPECT_EQ(calls, 2);
  calls = 0;
  std::vector<GazetteerMatch> out(3);
  EXPECT_EQ(g.FindCodePoints(view, cancelling, &out),
            absl::CancelledError("stop"));
  EXPECT_TRUE(out.empty());
  // A search made from inside the hook (a Python signal handler may make
  // one) has storage of its own: neither disturbs the other.
  GazetteerFindOptions searching;
  std::vector<GazetteerMatch> inner;
  searching.between_windows = [&] {
    const std::u32string_view head(wide.data(), 3000);
    EXPECT_TRUE(
        g.FindCodePoints({head.data(), head.size(), 4}, {}, &inner).ok());
    return absl::OkStatus();
  };
  std::vector<GazetteerMatch> outer;
  ASSERT_TRUE(g.FindCodePoints(view, searching, &outer).ok());
  std::vector<GazetteerMatch> plain;
  ASSERT_TRUE(g.FindCodePoints(view, {}, &plain).ok());
  EXPECT_EQ(outer, plain);
  EXPECT_FALSE(inner.empty());
  calls = 0;
  const auto batch = g.FindCodePointsBatch(std::span(&view, 1), cancelling, 1);
  EXPECT_EQ(batch.status(), absl::CancelledError("texts[0]: stop"));
}

// The same, on texts made at random of the sample article's words, names
// with clitics, punctuation (some of it a key), ligatures, harakat, tatweel,
// underscores and line breaks, each read at a window picked at random.
TEST(Gazetteer, RandomTextsReadInWindowsFindTheSame) {
  GazetteerBuilder builder = SampleBuilder();
  AddTripoliNames(&builder);
  ASSERT_TRUE(builder.Add("السعودية", "LOC", "Q851").ok());
  ASSERT_TRUE(builder.Add("كليفرلي", "person", "").ok());
  ASSERT_TRUE(builder.Add("كوريا - الجنوبية", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("الله", "name", "").ok());
  ASSERT_TRUE(builder.AddWord("صلاة المغرب").ok());
  const Gazetteer g = *builder.Build();
  std::vector<std::string> pieces = absl::StrSplit(
      "و وال لل ب . ، ؛ - ( ) « » ! _ # ﷺ ـ َ ً Libya 3 السوق الشركات "
      "كلافرلي كوريا الجنوبية صلاة المغرب",
      ' ');
  // Whole names and phrases too, so that cuts come inside and beside them.
  for (const char* phrase :
       {"كوريا - الجنوبية", "وكوريا - الجنوبية", "طرابلس الغرب القديمة",
        "للمملكة المتحدة", "خالد مازن", "جيمس كلافرلي", "صلاة المغرب"}) {
    pieces.push_back(phrase);
  }
  std::istringstream words(ReadFile(KALIMA_SAMPLE_ARTICLE));
  for (std::string word; words >> word && pieces.size() < 400;) {
    pieces.push_back(word);
  }
  const char* separators[] = {" ", " ", " ", "", "\n", "\n\n"};
  std::mt19937 random(20261202);
  const size_t whole = internal::SetGazetteerWindowUnits(SIZE_MAX);
  size_t compared = 0;
  for (int round = 0; round < 150; ++round) {
    std::string text;
    const size_t count = 1 + random() % 220;  // One token, too.
    for (size_t k = 0; k < count; ++k) {
      text += pieces[random() % pieces.size()];
      text += separators[random() % std::size(separators)];
    }
    std::u32string wide;
    ASSERT_TRUE(internal::AppendUtf8CodePoints(text, &wide).ok());
    const std::u16string ucs2(wide.begin(), wide.end());
    const CodePointsView view{ucs2.data(), ucs2.size(), 2};
    const auto mode = round % 2 ? GazetteerMode::kAll : GazetteerMode::kLongest;
    const int max_edits = round % 3 == 0 ? 1 : 0;
    internal::SetGazetteerWindowUnits(SIZE_MAX);
    const auto expected = Spans(g, view, mode, max_edits);
    internal::SetGazetteerWindowUnits(1 + random() % 60);
    EXPECT_EQ(Spans(g, view, mode, max_edits), expected) << text;
    compared += expected.size();
  }
  internal::SetGazetteerWindowUnits(whole);
  EXPECT_GT(compared, 500u);
}

// A long text is tokenised a chunk at a time; a bad character in a later
// chunk is reported where it is in the whole text, as when read at once.
TEST(Gazetteer, LongTextsReportBadInputWhereItIs) {
  GazetteerBuilder builder = SampleBuilder();
  AddTripoliNames(&builder);
  const Gazetteer g = *builder.Build();
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  std::u32string wide;
  ASSERT_TRUE(internal::AppendUtf8CodePoints(article, &wide).ok());
  const std::u16string ucs2(wide.begin(), wide.end());
  // A bad unit or byte in a word and alone, and one right before a space,
  // where a chunk may end.
  const std::string utf8_texts[] = {
      article + " ليبيا\xD8 طرابلس",
      article + " \xFF",
      article + "\n\xE2\x82 ليبيا",
  };
  const std::u16string ucs2_texts[] = {
      ucs2 + u" ليب\xD800يا",
      ucs2 + u" \xDFFF",
  };
  const std::u32string utf32_text = wide + U" ليبيا \x110000";
  const size_t whole = internal::SetGazetteerWindowUnits(SIZE_MAX);
  std::vector<absl::Status> expected;
  for (const std::string& text : utf8_texts) {
    expected.push_back(g.Find(text).status());
    EXPECT_EQ(expected.back().code(), absl::StatusCode::kInvalidArgument);
  }
  std::vector<GazetteerMatch> out;
  for (size_t k : {0, 1}) {
    const std::u16string& text = ucs2_texts[k];
    expected.push_back(
        g.FindCodePoints({text.data(), text.size(), 2}, {}, &out));
    const size_t at = ucs2.size() + (k == 0 ? 4 : 1);
    EXPECT_THAT(expected.back().message(),
                ::testing::HasSubstr(absl::StrCat("index ", at)));
  }
  expected.push_back(
      g.FindCodePoints({utf32_text.data(), utf32_text.size(), 4}, {}, &out));
  EXPECT_THAT(expected.back().message(),
              ::testing::HasSubstr(absl::StrCat("index ", wide.size() + 7)));
  for (size_t window : {size_t{1}, size_t{7}, size_t{300}}) {
    internal::SetGazetteerWindowUnits(window);
    std::vector<absl::Status> got;
    for (const std::string& text : utf8_texts)
      got.push_back(g.Find(text).status());
    for (const std::u16string& text : ucs2_texts) {
      out = {GazetteerMatch{}};
      got.push_back(g.FindCodePoints({text.data(), text.size(), 2}, {}, &out));
      EXPECT_TRUE(out.empty()) << "window " << window;
    }
    got.push_back(
        g.FindCodePoints({utf32_text.data(), utf32_text.size(), 4}, {}, &out));
    EXPECT_EQ(got, expected) << "window " << window;
  }
  internal::SetGazetteerWindowUnits(whole);
  // A view of a width kalima does not read is refused, never read.
  const char units[6] = {};
  out = {GazetteerMatch{}};
  const absl::Status width = g.FindCodePoints({units, 2, 3}, {}, &out);
  EXPECT_EQ(width.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(width.message(), ::testing::HasSubstr("width 3"));
  EXPECT_TRUE(out.empty());
  // Nor is one with no data, or a mode that is none of GazetteerMode's.
  out = {GazetteerMatch{}};
  const absl::Status null = g.FindCodePoints({nullptr, 5, 2}, {}, &out);
  EXPECT_EQ(null.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(null.message(),
              ::testing::HasSubstr("5 code points has no data"));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(g.FindCodePoints({nullptr, 0, 2}, {}, &out).ok());
  GazetteerFindOptions bad_mode;
  bad_mode.mode = static_cast<GazetteerMode>(9);
  EXPECT_EQ(g.Find("ليبيا", bad_mode).status(),
            absl::InvalidArgumentError("mode 9 is no GazetteerMode"));
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + name;
}

TEST(Gazetteer, SaveLoadAndContinue) {
  const Gazetteer g = SampleGazetteer();
  const std::string path = TempPath("sample.kgaz");
  ASSERT_TRUE(g.Save(path).ok());
  absl::StatusOr<Gazetteer> loaded = Gazetteer::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->bytes(), g.bytes());
  EXPECT_EQ(loaded->size(), g.size());
  EXPECT_EQ(loaded->entry(4).aliases, std::vector<std::string>{"مازن"});
  const std::string text = "دعم الإتحاد الأوروبي والمملكة المتحدة ومازن";
  EXPECT_EQ(Found(*loaded, text), Found(g, text));
  EXPECT_EQ(loaded->normalizer().options(), g.normalizer().options());

  // A builder goes on from the compiled gazetteer; the result equals
  // building everything at once.
  GazetteerBuilder more(*loaded);
  EXPECT_EQ(more.size(), g.size());
  ASSERT_TRUE(more.Add("طرابلس", "place", "Q3579").ok());
  const Gazetteer extended = *more.Build();
  EXPECT_THAT(Found(extended, "من طرابلس وليبيا"),
              ElementsAre("|طرابلس", "و|ليبيا"));
  EXPECT_EQ(extended.bytes(), [] {
    GazetteerBuilder direct(*Normalizer::ForProfile("search"));
    EXPECT_TRUE(direct.Add("الاتحاد الأوروبي", "org", "Q458").ok());
    EXPECT_TRUE(direct.Add("المملكة المتحدة", "place", "Q145").ok());
    EXPECT_TRUE(direct.Add("أفريقيا", "place", "Q15").ok());
    EXPECT_TRUE(direct.Add("حكومة الوحدة الوطنية", "org", "").ok());
    const std::vector<std::string_view> aliases = {"مازن"};
    EXPECT_TRUE(direct.Add("خالد مازن", "person", "", aliases).ok());
    EXPECT_TRUE(direct.Add("ليبيا", "place", "Q1016").ok());
    EXPECT_TRUE(direct.Add("طرابلس", "place", "Q3579").ok());
    return std::string(direct.Build()->bytes());
  }());
}

// A gazetteer with no names, or only words of their own, has sections of
// no length (no trie, no first nodes): it builds, reads back, finds
// nothing, and a builder goes on from it.
TEST(Gazetteer, NoNamesAtAll) {
  GazetteerBuilder none(*Normalizer::ForProfile("search"));
  GazetteerBuilder words_only(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(words_only.AddWord("كسبها").ok());
  for (const GazetteerBuilder* builder : {&none, &words_only}) {
    const absl::StatusOr<Gazetteer> g = builder->Build();
    ASSERT_TRUE(g.ok()) << g.status();
    EXPECT_EQ(g->size(), 0u);
    EXPECT_THAT(Found(*g, "كسبها ليبيا في طرابلس"), ElementsAre());
    const absl::StatusOr<Gazetteer> copy =
        Gazetteer::FromBytes(std::string(g->bytes()));
    ASSERT_TRUE(copy.ok()) << copy.status();
    EXPECT_EQ(copy->bytes(), g->bytes());
    GazetteerBuilder more(*copy);
    ASSERT_TRUE(more.Add("ليبيا", "place", "Q1016").ok());
    EXPECT_THAT(Found(*more.Build(), "كسبها وليبيا"), ElementsAre("و|ليبيا"));
  }
  EXPECT_THAT(words_only.Build()->words(), ElementsAre("كسبها"));
}

// That `bytes` are refused as corrupt, with `why` in the message, whether
// the checks are made on several threads at once or one after another.
void ExpectRefused(const std::string& bytes, std::string_view why) {
  for (const size_t at_once_from : {size_t{0}, SIZE_MAX}) {
    const size_t before =
        internal::SetGazetteerParallelCheckBytes(at_once_from);
    const absl::StatusOr<Gazetteer> g = Gazetteer::FromBytes(bytes);
    internal::SetGazetteerParallelCheckBytes(before);
    const char* checks = at_once_from == 0 ? "at once" : "in turn";
    EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << checks;
    EXPECT_THAT(g.status().message(), ::testing::HasSubstr(why)) << checks;
  }
}

TEST(Gazetteer, CorruptFilesAreRefused) {
  const std::string bytes(SampleGazetteer().bytes());
  EXPECT_TRUE(Gazetteer::FromBytes(bytes).ok());
  ExpectRefused("", "bad magic");
  ExpectRefused(bytes.substr(0, bytes.size() - 5), "truncated");
  // The magic, and less than the rest of the header.
  ExpectRefused(bytes.substr(0, 8),
                "truncated: 8 bytes, shorter than the header");
  ExpectRefused(bytes.substr(0, 31), "truncated: 31 bytes");
  ExpectRefused(bytes.substr(0, 7), "bad magic");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  ExpectRefused(flipped, "checksum");
  std::string version = bytes;
  version[8] = 9;
  ExpectRefused(version, "format version 9");
  ExpectRefused(ReadFile(KALIMA_SAMPLE_ARTICLE), "bad magic");
  EXPECT_EQ(Gazetteer::Load(TempPath("missing.kgaz")).status().code(),
            absl::StatusCode::kNotFound);
  // A directory, refused as Save refuses one.
  EXPECT_EQ(Gazetteer::Load(::testing::TempDir()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // Saving: into a directory that is not there, or over a directory.
  const Gazetteer g = SampleGazetteer();
  const absl::Status no_directory = g.Save(TempPath("no-such-dir/g.kgaz"));
  EXPECT_EQ(no_directory.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(no_directory.message(),
              ::testing::HasSubstr("No such file or directory"));
  const std::string directory = TempPath("a-directory");
  std::filesystem::create_directories(directory);
  const absl::Status over_directory = g.Save(directory);
  EXPECT_EQ(over_directory.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(over_directory.message(), ::testing::HasSubstr("directory"));
}

// Save replaces the file a symbolic link leads to and keeps the link (a
// current.kgaz -> v7.kgaz the caller keeps), and leaves a FIFO alone.
TEST(Gazetteer, SaveThroughLinksNotOverSpecialFiles) {
  namespace fs = std::filesystem;
  const fs::path directory = TempPath("links");
  fs::remove_all(directory);
  fs::create_directories(directory / "v7");
  const Gazetteer g = SampleGazetteer();
  // A relative link to a file not there yet, through a second link.
  fs::create_symlink("v7/names.kgaz", directory / "current.kgaz");
  fs::create_symlink("current.kgaz", directory / "latest.kgaz");
  ASSERT_TRUE(g.Save((directory / "latest.kgaz").string()).ok());
  EXPECT_TRUE(fs::is_symlink(directory / "latest.kgaz"));
  EXPECT_TRUE(fs::is_symlink(directory / "current.kgaz"));
  EXPECT_EQ(fs::file_size(directory / "v7" / "names.kgaz"), g.bytes().size());
  // Saved again, over the file it made.
  ASSERT_TRUE(g.Save((directory / "current.kgaz").string()).ok());
  EXPECT_EQ(ReadFile((directory / "v7" / "names.kgaz").string()), g.bytes());
  EXPECT_EQ(std::distance(fs::directory_iterator(directory / "v7"),
                          fs::directory_iterator()),
            1);
  // A loop of links is an error, not a hang.
  fs::create_symlink("loop-b", directory / "loop-a");
  fs::create_symlink("loop-a", directory / "loop-b");
  EXPECT_FALSE(g.Save((directory / "loop-a").string()).ok());
  const std::string fifo = (directory / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const absl::Status over_fifo = g.Save(fifo);
  EXPECT_EQ(over_fifo.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(over_fifo.message(), ::testing::HasSubstr("not a regular file"));
  EXPECT_TRUE(fs::is_fifo(fifo));
  // So is a pipe reached through links that name no file (as /dev/stdout
  // leads to /proc/self/fd/1, and that to "pipe:[N]").
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  const std::string to_pipe = (directory / "to-pipe").string();
  fs::create_symlink("/proc/self/fd/" + std::to_string(ends[1]), to_pipe);
  const absl::Status over_pipe = g.Save(to_pipe);
  EXPECT_EQ(over_pipe.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(over_pipe.message(), ::testing::HasSubstr("not a regular file"));
  ::close(ends[0]);
  ::close(ends[1]);
  // A path the system would cut at a NUL byte is refused, not taken as
  // the path before it.
  using std::string_literals::operator""s;
  const std::string cut = TempPath("cut.kgaz\0.tmp"s);
  const absl::Status saved_cut = g.Save(cut);
  EXPECT_EQ(saved_cut.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(saved_cut.message(),
              ::testing::HasSubstr("cut.kgaz\\x00.tmp: the path holds a NUL"));
  EXPECT_FALSE(fs::exists(TempPath("cut.kgaz")));
  ASSERT_TRUE(g.Save(TempPath("cut.kgaz")).ok());
  EXPECT_EQ(Gazetteer::Load(cut).status().code(),
            absl::StatusCode::kInvalidArgument);
  fs::remove(TempPath("cut.kgaz"));
  // Loading one is refused at once, not after waiting for a writer (an
  // opening that waited would hang this test).
  const absl::Status from_fifo = Gazetteer::Load(fifo).status();
  EXPECT_EQ(from_fifo.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(from_fifo.message(), ::testing::HasSubstr("not a regular file"));
  fs::remove_all(directory);
}

}  // namespace
}  // namespace kalima

namespace kalima {
namespace {

// `bytes` with its header's checksum made again, over the payload and the
// flags.
std::string WithChecksum(std::string bytes) {
  uint32_t flags = 0;
  std::memcpy(&flags, bytes.data() + 12, 4);
  const uint64_t checksum =
      internal::FastChecksum64(std::string_view(bytes).substr(32), flags);
  std::memcpy(bytes.data() + 24, &checksum, 8);
  return bytes;
}

// Bytes of a gazetteer with `edit` applied to its section `section` (as u32
// words), and the checksum made right again: corruption only the structure
// checks can catch.
std::string Patched(std::string bytes, int section,
                    const std::function<void(std::span<uint32_t>)>& edit) {
  uint64_t offset = 0, size = 0;
  std::memcpy(&offset, bytes.data() + 40 + 16 * section, 8);
  std::memcpy(&size, bytes.data() + 48 + 16 * section, 8);
  edit(std::span<uint32_t>(reinterpret_cast<uint32_t*>(bytes.data() + offset),
                           size / 4));
  return WithChecksum(std::move(bytes));
}

// Section numbers, as in the format described in cpp/gazetteer.cc.
constexpr int kTokensSection = 5;
constexpr int kKeySlotsSection = 7;
constexpr int kTrieSection = 8;
constexpr int kWordFormsSection = 9;
constexpr int kSectionCount = 11;

// Bytes whose first token with a first-level node `pick` accepts leads to
// `node` instead, in both places the format keeps it: the token's (key
// offset, first node) pair and its key slot (check word, id + 1, node).
std::string WithFirstNode(std::string bytes,
                          const std::function<bool(uint32_t)>& pick,
                          uint32_t node) {
  uint32_t id = ~0u;
  bytes = Patched(std::move(bytes), kTokensSection, [&](std::span<uint32_t> w) {
    for (size_t i = 1; i + 2 < w.size(); i += 2) {
      if (pick(w[i])) {
        id = static_cast<uint32_t>(i / 2);
        w[i] = node;
        return;
      }
    }
    ADD_FAILURE() << "no token whose first node to change";
  });
  return Patched(std::move(bytes), kKeySlotsSection,
                 [&](std::span<uint32_t> w) {
                   for (size_t i = 0; i < w.size(); i += 4) {
                     if (w[i + 2] == id + 1) {
                       w[i + 3] = node;
                       return;
                     }
                   }
                   ADD_FAILURE() << "no slot of token " << id;
                 });
}

// A child reference with this bit set is a leaf written in place (the entry
// whose name ends there), not a record's offset; a record's first word with
// it set is the one entry ending there, with no (entry, surface) pairs.
constexpr uint32_t kLeafFlag = 0x80000000;

// The words of a trie record: its header (first word, edge slots), two per
// terminal unless the first word names the one entry, two per edge.
size_t RecordWords(std::span<const uint32_t> trie, size_t at) {
  const size_t names = trie[at] >= kLeafFlag ? 0 : 2 * size_t{trie[at]};
  return 2 + names + 2 * size_t{trie[at + 1]};
}

// The offset of the first trie record with sorted edges (fewer than 32) of
// at least `edges`.
size_t RecordWithEdges(std::span<const uint32_t> trie, uint32_t edges) {
  for (size_t at = 0; at < trie.size(); at += RecordWords(trie, at)) {
    if (trie[at + 1] >= edges && trie[at + 1] < 32) return at;
  }
  ADD_FAILURE() << "no record with " << edges << " edges";
  return 0;
}
uint32_t* EdgesOf(std::span<uint32_t> trie, size_t record) {
  return trie.data() + record + RecordWords(trie, record) -
         2 * trie[record + 1];
}

// The first edge, in a record with sorted edges, whose child is of the kind
// asked for: a leaf written in place or a record.
uint32_t* EdgeTo(std::span<uint32_t> trie, bool leaf) {
  for (size_t at = 0; at < trie.size(); at += RecordWords(trie, at)) {
    for (uint32_t e = 0; trie[at + 1] < 32 && e < trie[at + 1]; ++e) {
      uint32_t* edge = EdgesOf(trie, at) + 2 * e;
      if (((edge[1] & kLeafFlag) != 0) == leaf) return edge;
    }
  }
  ADD_FAILURE() << "no edge to a " << (leaf ? "leaf" : "record");
  return trie.data();
}

TEST(Gazetteer, StructureIsCheckedBeyondTheChecksum) {
  const std::string bytes(SampleGazetteer().bytes());
  // Every slot taken: a probe for an unknown word would never end.
  ExpectRefused(Patched(bytes, kKeySlotsSection,
                        [](std::span<uint32_t> w) {
                          for (size_t i = 0; i < w.size(); i += 2) w[i] = 1;
                        }),
                "token table");
  // An edge back to its own node, or to a node already reached: a cycle.
  ExpectRefused(Patched(bytes, kTrieSection,
                        [](std::span<uint32_t> w) {
                          const size_t at = RecordWithEdges(w, 1);
                          EdgesOf(w, at)[1] = static_cast<uint32_t>(at);
                        }),
                "out of the tree");
  // Two edges to one record (names of three words: the second word's nodes
  // are records, not leaves).
  GazetteerBuilder two;
  ASSERT_TRUE(two.Add("مدينة الرياض الجديدة", "LOC", "").ok());
  ASSERT_TRUE(two.Add("مدينة جدة الجديدة", "LOC", "").ok());
  ExpectRefused(Patched(std::string(two.Build()->bytes()), kTrieSection,
                        [](std::span<uint32_t> w) {
                          uint32_t* edges = EdgesOf(w, RecordWithEdges(w, 2));
                          edges[3] = edges[1];
                        }),
                "tree");
  // An edge into the middle of a record.
  ExpectRefused(
      Patched(bytes, kTrieSection,
              [](std::span<uint32_t> w) { EdgeTo(w, false)[1] += 1; }),
      "out of the tree");
  // A leaf, or a name's first word, naming an entry that is not there.
  ExpectRefused(Patched(bytes, kTrieSection,
                        [](std::span<uint32_t> w) {
                          EdgeTo(w, true)[1] = kLeafFlag | 1000;
                        }),
                "missing entry");
  ExpectRefused(
      WithFirstNode(
          bytes,
          [](uint32_t node) { return node != ~0u && (node & kLeafFlag) != 0; },
          kLeafFlag | 1000),
      "missing entry");
  // A record naming its one entry in its first word (طرابلس ends a name
  // and goes on to طرابلس الغرب), naming one that is not there.
  GazetteerBuilder goes_on;
  ASSERT_TRUE(goes_on.Add("طرابلس", "LOC", "").ok());
  ASSERT_TRUE(goes_on.Add("طرابلس الغرب", "LOC", "").ok());
  ExpectRefused(Patched(std::string(goes_on.Build()->bytes()), kTrieSection,
                        [](std::span<uint32_t> w) {
                          ASSERT_GE(w[0], kLeafFlag);
                          w[0] = kLeafFlag | 1000;
                        }),
                "missing entry");
  // A slot naming no token under a real hash.
  ExpectRefused(Patched(bytes, kKeySlotsSection,
                        [](std::span<uint32_t> w) {
                          for (size_t i = 0; i < w.size(); i += 2) w[i] = 0;
                        }),
                "token table");
  // A first-level node no token leads to any more.
  ExpectRefused(WithFirstNode(
                    bytes, [](uint32_t node) { return node < kLeafFlag; }, ~0u),
                "no edge leads to");
  // A token's pair and its key slot naming different first nodes.
  ExpectRefused(Patched(bytes, kTokensSection,
                        [](std::span<uint32_t> w) {
                          for (size_t i = 1; i < w.size(); i += 2) {
                            if (w[i] != ~0u) {
                              w[i] = ~0u;
                              return;
                            }
                          }
                        }),
                "token table");
  // A slot whose check word is not its key's: a lookup would miss it.
  ExpectRefused(Patched(bytes, kKeySlotsSection,
                        [](std::span<uint32_t> w) {
                          for (size_t i = 0; i < w.size(); i += 4) {
                            if (w[i + 2] != 0) {
                              w[i] ^= 1;
                              return;
                            }
                          }
                        }),
                "token table");
  // A record running past the trie's end.
  ExpectRefused(Patched(bytes, kTrieSection,
                        [](std::span<uint32_t> w) { w[1] = 1u << 30; }),
                "do not fit");
}

// The key hash of the format (FNV-1a from the last letter to the first).
uint64_t FormatKeyHash(std::u32string_view key) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = key.size(); i-- > 0;) h = (h ^ key[i]) * 0x100000001b3ULL;
  return h ^ (h >> 29);
}

std::string Utf8(std::u32string_view text) {
  std::string out;
  char buffer[4];
  for (char32_t c : text) out.append(buffer, internal::EncodeUtf8(c, buffer));
  return out;
}

// Names chosen so that their keys all hash near one slot make one long run
// in the token table, which every lookup crossing it would walk: refused
// rather than built into a gazetteer that scans at a crawl.
TEST(Gazetteer, NamesCraftedToClusterAreRefused) {
  constexpr size_t kNames = 5000;  // 16,384 slots.
  const std::u32string letters = U"ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
  GazetteerBuilder crafted, plain;
  size_t clustered = 0, plain_count = 0;
  for (char32_t a : letters) {
    for (char32_t b : letters) {
      for (char32_t c : letters) {
        for (char32_t d : letters) {
          const std::u32string word = {a, b, c, d};
          if (clustered < kNames && (FormatKeyHash(word) & 16383) < 1024) {
            ASSERT_TRUE(crafted.Add(Utf8(word), "x", "").ok());
            ++clustered;
          } else if (plain_count < kNames) {
            ASSERT_TRUE(plain.Add(Utf8(word), "x", "").ok());
            ++plain_count;
          }
        }
      }
    }
  }
  ASSERT_EQ(clustered, kNames);
  EXPECT_TRUE(plain.Build().ok());
  const absl::StatusOr<Gazetteer> built = crafted.Build();
  EXPECT_EQ(built.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(built.status().message(), ::testing::HasSubstr("collide"));
  // A consuming build refuses them before it gives anything up.
  const absl::StatusOr<Gazetteer> consumed = std::move(crafted).Build();
  EXPECT_EQ(consumed.status(), built.status());
  EXPECT_EQ(crafted.size(), kNames);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(crafted.Build().status(), built.status());
}

// DropPages hands back the whole pages inside a range, which read as zero,
// and leaves the bytes of the pages it only partly covers.
TEST(BinaryIo, DropPagesZeroesOnlyWholePagesInside) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  void* memory = std::aligned_alloc(page, 8 * page);
  ASSERT_NE(memory, nullptr);
  char* bytes = static_cast<char*>(memory);
  std::memset(bytes, 'x', 8 * page);
  internal::DropPages(bytes + page / 2, 3 * page);  // Pages 1 and 2 whole.
  EXPECT_EQ(bytes[page - 1], 'x');
  EXPECT_EQ(bytes[page], 0);
  EXPECT_EQ(bytes[3 * page - 1], 0);
  EXPECT_EQ(bytes[3 * page], 'x');
  internal::DropPages(bytes + 5 * page + 1, page);  // No whole page.
  EXPECT_EQ(bytes[5 * page + 1], 'x');
  EXPECT_EQ(bytes[6 * page], 'x');
  std::free(memory);
}

// The builder's pools: blocks of 64 KB or more are pages of their own,
// smaller ones the heap's; growing from one kind to the other, copying,
// shrinking back and freeing keep every value.
TEST(BinaryIo, PagedVectorKeepsItsValuesAcrossMappedBlocks) {
  constexpr uint32_t kValues = 3 << 18;  // 3 MB of uint32_t.
  internal::PagedVector<uint32_t> values;
  for (uint32_t i = 0; i < kValues; ++i) values.push_back(i * 2654435761u);
  ASSERT_GE(values.capacity() * sizeof(uint32_t),
            internal::PageAllocator<uint32_t>::kMappedBytes);
  internal::PagedVector<uint32_t> copy = values;
  values.resize(1000);
  values.shrink_to_fit();  // Back onto the heap.
  for (uint32_t i : {0u, 1u, 999u}) EXPECT_EQ(values[i], i * 2654435761u);
  for (uint32_t i : {0u, kValues / 2, kValues - 1}) {
    EXPECT_EQ(copy[i], i * 2654435761u);
  }
  internal::PagedString<char> records;
  const std::string name = "المملكة المتحدة";
  while (records.size() < (size_t{3} << 20)) {
    internal::PutVarint(&records, name.size());
    records += name;
  }
  internal::Reader reader(records);
  uint64_t size = 0;
  ASSERT_TRUE(reader.Varint(&size));
  EXPECT_EQ(size, name.size());
  EXPECT_EQ(std::string_view(records).substr(records.size() - name.size()),
            name);
  internal::PagedVector<uint32_t>().swap(copy);
  EXPECT_EQ(copy.capacity(), 0);
}

// AddressSanitizer maps terabytes of shadow memory, which an address-space
// limit leaves it no room for.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// Lowers this process's address-space limit to what it maps now and
// `headroom` more; returns the limit as it was, or nullopt on failure.
std::optional<rlimit> LimitAddressSpace(size_t headroom) {
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0) return std::nullopt;
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  rlimit lowered = limit;
  lowered.rlim_cur =
      pages * static_cast<size_t>(sysconf(_SC_PAGESIZE)) + headroom;
  if (setrlimit(RLIMIT_AS, &lowered) != 0) return std::nullopt;
  return limit;
}

// Runs `child` in a child process once per headroom and returns its exit
// codes; a crash fails the test.
std::vector<int> InChildren(std::initializer_list<size_t> headrooms_kb,
                            int (*child)(size_t headroom)) {
  std::vector<int> outcomes;
  for (size_t kb : headrooms_kb) {
    const pid_t pid = fork();
    if (pid < 0) {
      ADD_FAILURE() << "fork failed";
      break;
    }
    if (pid == 0) _exit(child(kb << 10));
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
      ADD_FAILURE() << kb << " KB: a crash";
      outcomes.push_back(-1);
      continue;
    }
    outcomes.push_back(WEXITSTATUS(status));
  }
  return outcomes;
}

// Adds names (each with an alias) under an address-space limit until one
// runs out of memory, then, with the limit lifted, builds. The add that ran
// out is undone whole (the names are read back by index, and half an entry
// would point past them), and every name added before it is found. Exit codes:
// 1 never ran out, 3 ran out; 10 and up a builder left inconsistent.
int AddUnderAddressLimit(size_t headroom) {
  GazetteerBuilder b(*Normalizer::ForProfile("search"));
  const std::optional<rlimit> limit = LimitAddressSpace(headroom);
  if (!limit) return 20;
  int added = 0;
  int outcome = 1;
  try {
    for (; added < 4000000; ++added) {
      const std::string n = std::to_string(added);
      const std::string alias = "بلدة " + n;
      const std::vector<std::string_view> aliases = {alias};
      if (!b.Add("مدينة رقم " + n, "place", "Q" + n, aliases).ok()) return 21;
    }
  } catch (const std::bad_alloc&) {
    outcome = 3;
  }
  if (setrlimit(RLIMIT_AS, &*limit) != 0) return 22;
  if (b.size() != static_cast<size_t>(added)) return 10;
  if (added == 0) return outcome;
  const absl::StatusOr<Gazetteer> g = std::move(b).Build();
  if (!g.ok()) return 11;
  const std::string last = std::to_string(added - 1);
  if (Found(*g, "في مدينة رقم 0 وبلدة " + last).size() != 2) return 12;
  // The add that ran out left no name behind.
  if (!Found(*g, "مدينة رقم " + std::to_string(added)).empty()) return 13;
  return outcome;
}

TEST(Gazetteer, AddOutOfMemoryUndoesThatAdd) {
  if (kAddressSanitizer) {
    GTEST_SKIP() << "the sanitizer's shadow memory needs the address space";
  }
  const std::vector<int> outcomes =
      InChildren({512, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384,
                  24576, 32768},
                 &AddUnderAddressLimit);
  for (int outcome : outcomes) EXPECT_EQ(outcome, 3);
}

// A consuming build that runs out of memory part way, after it has given
// some of the names up, leaves the builder empty and usable, not half given
// up: run in a child process under address-space limits from just above
// what the names hold to well past the file's size, so that allocations fail
// at every stage of the build (before anything is given up, and after).
// Exit codes: 1 built, 2 refused with a status, 3 out of memory; 10 and up
// a builder left unusable.
int BuildUnderAddressLimit(size_t headroom) {
  GazetteerBuilder b(*Normalizer::ForProfile("search"));
  for (int i = 0; i < 30000; ++i) {
    const std::string n = std::to_string(i);
    if (!b.Add("مدينة رقم " + n, "place", "Q" + n).ok()) return 20;
  }
  const std::optional<rlimit> limit = LimitAddressSpace(headroom);
  if (!limit) return 21;
  int outcome = 0;
  try {
    outcome = std::move(b).Build().ok() ? 1 : 2;
  } catch (const std::bad_alloc&) {
    outcome = 3;
  } catch (const std::system_error&) {  // A thread that could not start.
    outcome = 3;
  }
  if (setrlimit(RLIMIT_AS, &*limit) != 0) return 22;
  // NOLINTBEGIN(bugprone-use-after-move): documented as empty and usable.
  if (outcome != 2 && b.size() != 0) return 10;
  if (!b.Add("ليبيا", "place", "Q1016").ok()) return 11;
  const absl::StatusOr<Gazetteer> again = std::move(b).Build();
  // NOLINTEND(bugprone-use-after-move)
  if (!again.ok() || Found(*again, "وليبيا").size() != 1) return 12;
  return outcome;
}

TEST(Gazetteer, ConsumingBuildOutOfMemoryLeavesTheBuilderEmpty) {
  if (kAddressSanitizer) {
    GTEST_SKIP() << "the sanitizer's shadow memory needs the address space";
  }
  const std::vector<int> outcomes =
      InChildren({256, 512, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 65536},
                 &BuildUnderAddressLimit);
  for (int outcome : outcomes) EXPECT_THAT(outcome, ::testing::AnyOf(1, 3));
  // The limits reach both ends: builds that ran out and one that did not.
  EXPECT_THAT(outcomes, ::testing::Contains(3));
  EXPECT_EQ(outcomes.back(), 1);
}

// std::move(builder).Build() frees the builder's names as it writes the
// file, which comes out byte for byte as Build() const& writes it; the
// builder is then empty, with its normaliser and options, and builds again.
TEST(Gazetteer, ConsumingBuildWritesTheSameFile) {
  constexpr int kMany = 150000;
  auto fill = [](GazetteerBuilder& b) {
    const std::vector<std::string_view> aliases = {"مازن", "خ. مازن"};
    EXPECT_TRUE(b.Add("خالد مازن", "person", "", aliases).ok());
    EXPECT_TRUE(b.Add("عبد الله", "person", "").ok());
    EXPECT_TRUE(b.Add("أبو ظبي", "place", "Q1519").ok());
    EXPECT_TRUE(b.Add("طرابلس", "place", "Q3579").ok());
    EXPECT_TRUE(b.Add("طرابلس", "city", "Q170426").ok());
    EXPECT_TRUE(b.Add("المملكة المتحدة", "place", "Q145").ok());
    EXPECT_TRUE(b.Add("الاتحاد الأوروبي", "org", "Q458").ok());
    EXPECT_TRUE(b.AddWord("كسبها").ok());
    EXPECT_TRUE(b.AddWord("صلاة المغرب").ok());
    // Records of several megabytes, which the consuming build copies a
    // piece at a time, handing each piece's pages back.
    for (int i = 0; i < kMany; ++i) {
      const std::string n = std::to_string(i);
      EXPECT_TRUE(b.Add("مدينة رقم " + n, "place", "Q" + n).ok());
    }
  };
  const GazetteerBuilderOptions options{.clitics = false, .tanween = false};
  GazetteerBuilder kept(*Normalizer::ForProfile("search"), options);
  GazetteerBuilder given_up(*Normalizer::ForProfile("search"), options);
  fill(kept);
  fill(given_up);
  const absl::StatusOr<Gazetteer> from_kept = kept.Build();
  const absl::StatusOr<Gazetteer> from_given_up = std::move(given_up).Build();
  ASSERT_TRUE(from_kept.ok()) << from_kept.status();
  ASSERT_TRUE(from_given_up.ok()) << from_given_up.status();
  EXPECT_EQ(from_given_up->bytes(), from_kept->bytes());
  EXPECT_EQ(kept.size(), 7 + kMany);
  EXPECT_THAT(
      Found(*from_given_up, "من طرابلس إلى أبوظبي ثم مدينة رقم 149999"),
      ElementsAre("|طرابلس", "|طرابلس", "|أبوظبي", "|مدينة رقم 149999"));

  // NOLINTBEGIN(bugprone-use-after-move): documented as empty and usable.
  EXPECT_EQ(given_up.size(), 0);
  ASSERT_TRUE(given_up.Add("ليبيا", "place", "Q1016").ok());
  const absl::StatusOr<Gazetteer> again = std::move(given_up).Build();
  // NOLINTEND(bugprone-use-after-move)
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->size(), 1);
  EXPECT_FALSE(again->clitics());
  EXPECT_FALSE(again->tanween());
  // The "search" profile still folds the hamza; clitics stay off.
  EXPECT_THAT(Found(*again, "ليبيأ وليبيا ليبيا"),
              ElementsAre("|ليبيأ", "|ليبيا"));
}

// A file wrong in several ways is reported by its first fault in the order
// of the checks (checksum, token table, trie, entries), the same whether
// they run on several threads at once or one after another.
TEST(Gazetteer, SeveralFaultsAreReportedByTheFirst) {
  const std::string bytes(SampleGazetteer().bytes());
  constexpr int kEntryRecordsSection = 4;
  auto slots_full = [](std::span<uint32_t> w) {
    for (size_t i = 0; i < w.size(); i += 2) w[i] = 1;
  };
  auto record_past_end = [](std::span<uint32_t> w) { w[1] = 1u << 30; };
  auto bad_record = [](std::span<uint32_t> w) {
    reinterpret_cast<uint8_t*>(w.data())[2] = 0xFF;
  };
  const std::string entries = Patched(bytes, kEntryRecordsSection, bad_record);
  ExpectRefused(entries, "entry 0 is corrupt");
  const std::string trie_too = Patched(entries, kTrieSection, record_past_end);
  ExpectRefused(trie_too, "trie arrays do not fit");
  const std::string tokens_too =
      Patched(trie_too, kKeySlotsSection, slots_full);
  ExpectRefused(tokens_too, "token table");
  std::string corrupt = tokens_too;
  corrupt[corrupt.size() / 2] ^= 0x40;
  ExpectRefused(corrupt, "checksum mismatch");
  // A fault found before the checks start (a section out of bounds), in a
  // file whose checksum is wrong too, is reported as the checksum's.
  std::string out_of_bounds = bytes;
  const uint64_t past_end = out_of_bounds.size() + 8;
  std::memcpy(out_of_bounds.data() + 40 + 16 * kTrieSection, &past_end, 8);
  ExpectRefused(WithChecksum(out_of_bounds), "out of bounds");
  ExpectRefused(out_of_bounds, "checksum mismatch");
}

TEST(Gazetteer, EdgesMustBeWhereLookupsFindThem) {
  GazetteerBuilder builder;
  for (std::string_view name : {"مدينة الرياض", "مدينة جدة", "مدينة تبوك"}) {
    ASSERT_TRUE(builder.Add(name, "LOC", "").ok());
  }
  const std::string bytes(builder.Build()->bytes());
  // The one node with edges holds three, sorted by token: swapped, a binary
  // search would miss one.
  const absl::StatusOr<Gazetteer> swapped = Gazetteer::FromBytes(
      Patched(bytes, kTrieSection, [](std::span<uint32_t> w) {
        uint32_t* edges = EdgesOf(w, RecordWithEdges(w, 3));
        std::swap(edges[0], edges[2]);
        std::swap(edges[1], edges[3]);
      }));
  EXPECT_THAT(swapped.status().message(), ::testing::HasSubstr("out of order"));
}

TEST(Gazetteer, RandomCorruptionIsRefusedOrHarmless) {
  GazetteerBuilder builder = SampleBuilder();
  ASSERT_TRUE(builder.AddWord("كسبها").ok());
  ASSERT_TRUE(builder.AddWord("صلاة المغرب").ok());
  const std::string bytes(builder.Build()->bytes());
  std::mt19937 random(20261129);
  int accepted = 0;
  for (int round = 0; round < 4500; ++round) {
    const int section = 1 + static_cast<int>(random() % (kSectionCount - 1));
    const std::string b = Patched(bytes, section, [&](std::span<uint32_t> w) {
      if (w.empty()) return;
      // A small number, all ones, or a leaf's entry (kLeafFlag + a small
      // number), the values a reader might take for offsets and counts.
      const uint32_t small = static_cast<uint32_t>(random() % 64);
      const uint32_t kinds[] = {small, ~0u, kLeafFlag | (small % 8)};
      w[random() % w.size()] = kinds[random() % 3];
    });
    // Every other round with the checks made on several threads at once.
    const size_t before =
        internal::SetGazetteerParallelCheckBytes(round % 2 == 0 ? 0 : SIZE_MAX);
    absl::StatusOr<Gazetteer> g = Gazetteer::FromBytes(b);
    internal::SetGazetteerParallelCheckBytes(before);
    if (!g.ok()) continue;
    ++accepted;
    for (int max_edits : {0, 1}) {
      for (GazetteerMode mode :
           {GazetteerMode::kLongest, GazetteerMode::kAll}) {
        EXPECT_TRUE(g->Find("وحكومة الوحدة الوطنية والإتحاد الأوروبي ومازن "
                            "للمملكة المتحدة وأفريقيا كسبها بعد صلاة المغرب",
                            {mode, max_edits})
                        .ok());
      }
    }
    for (uint32_t e = 0; e < g->size(); ++e) g->entry(e);
    g->words();
    EXPECT_TRUE(GazetteerBuilder(*g).Build().ok());
  }
  EXPECT_GT(accepted, 0);  // Some edits are harmless (a label's bytes...).
}

TEST(Gazetteer, WordFormsMustFitTheWords) {
  GazetteerBuilder builder = SampleBuilder();
  ASSERT_TRUE(builder.AddWord("كسبها").ok());
  const std::string bytes(builder.Build()->bytes());
  auto refused = [](const std::string& b) {
    ExpectRefused(b, "written forms");
  };
  // (token id, offset) per form, then (0xFFFFFFFF, chars).
  refused(Patched(bytes, kWordFormsSection,
                  [](std::span<uint32_t> w) { w[0] = 0; }));  // No word.
  refused(Patched(bytes, kWordFormsSection,
                  [](std::span<uint32_t> w) { w[3] += 1; }));  // Past the end.
  refused(Patched(bytes, kWordFormsSection,
                  [](std::span<uint32_t> w) { w[2] = 0; }));  // No sentinel.
  // The key slot says the token is a word, and no form names it.
  refused(Patched(bytes, kWordFormsSection, [](std::span<uint32_t> w) {
    w[0] = 0xFFFFFFFF;
    w[1] = 0;
    w[3] = 0;
  }));
}

// What a gazetteer hands out as text (names, ids, aliases, labels, the keys
// of phrases in words()) is checked to be text when it is read, and header
// flags it does not know are refused, as is a flag changed under the
// checksum.
TEST(Gazetteer, ItsTextMustBeText) {
  GazetteerBuilder builder = SampleBuilder();
  ASSERT_TRUE(builder.AddWord("صلاة المغرب").ok());
  const std::string bytes(builder.Build()->bytes());
  ASSERT_TRUE(Gazetteer::FromBytes(bytes).ok());
  auto byte_at = [](std::span<uint32_t> w, size_t k) -> uint8_t& {
    return reinterpret_cast<uint8_t*>(w.data())[k];
  };
  constexpr int kLabelBytesSection = 2;
  constexpr int kEntryRecordsSection = 4;
  constexpr int kKeyCharsSection = 6;
  // The first record: its label (a varint), its name's length, its name.
  ExpectRefused(Patched(bytes, kEntryRecordsSection,
                        [&](std::span<uint32_t> w) { byte_at(w, 2) = 0xFF; }),
                "entry 0 is corrupt");
  ExpectRefused(Patched(bytes, kLabelBytesSection,
                        [&](std::span<uint32_t> w) { byte_at(w, 0) = 0xC0; }),
                "label 0 is corrupt");
  for (uint32_t bad : {0x110000u, 0xD800u, 0xFFFFFFFFu}) {
    ExpectRefused(
        Patched(bytes, kKeyCharsSection,
                [&](std::span<uint32_t> w) { w[w.size() - 1] = bad; }),
        "key is not text");
  }
  // A name of 128 bytes or more has a length of two bytes, the first with
  // bit 7 set: its record is checked string by string.
  GazetteerBuilder long_names;
  std::string long_name = "مدينة";
  while (long_name.size() < 200) long_name += " طويلة";
  ASSERT_TRUE(long_names.Add("ليبيا", "LOC", "").ok());
  ASSERT_TRUE(long_names.Add(long_name, "LOC", "").ok());
  const std::string long_bytes(long_names.Build()->bytes());
  ASSERT_TRUE(Gazetteer::FromBytes(long_bytes).ok());
  EXPECT_EQ(Gazetteer::FromBytes(long_bytes)->name(1), long_name);
  ExpectRefused(Patched(long_bytes, kEntryRecordsSection,
                        [&](std::span<uint32_t> w) { byte_at(w, 2) = 0x84; }),
                "entry 0 is corrupt");
  std::string flagged = bytes;
  flagged[12] |= 0x04;  // u32 flags after the magic and the version.
  ExpectRefused(flagged, "checksum mismatch");
  ExpectRefused(WithChecksum(flagged), "unknown flags");
  // The clitics flag changes what is found, so the checksum covers it: a
  // flipped bit is caught, and the same bytes with clitics off (checksum
  // made again) find ليبيا but not وليبيا.
  std::string no_clitics = bytes;
  no_clitics[12] ^= 0x01;
  ExpectRefused(no_clitics, "checksum mismatch");
  const absl::StatusOr<Gazetteer> without =
      Gazetteer::FromBytes(WithChecksum(no_clitics));
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_THAT(Found(*without, "ليبيا وليبيا"), ElementsAre("|ليبيا"));
  EXPECT_THAT(Found(SampleGazetteer(), "ليبيا وليبيا"),
              ElementsAre("|ليبيا", "و|ليبيا"));
}

TEST(Gazetteer, ExactBeatsFuzzyThroughAnotherReading) {
  GazetteerBuilder builder;
  const std::vector<std::string_view> aliases = {"سودان الشمالي"};
  ASSERT_TRUE(builder.Add("السودان الشمالية", "LOC", "", aliases).ok());
  const Gazetteer g = *builder.Build();
  for (GazetteerMode mode : {GazetteerMode::kLongest, GazetteerMode::kAll}) {
    EXPECT_THAT(Found(g, "والسودان الشمالي", mode, 1),
                ElementsAre("وال|سودان الشمالي"));
  }
}

TEST(Gazetteer, ManyEntriesWithOneName) {
  GazetteerBuilder builder;
  for (int i = 0; i < 20000; ++i) {
    ASSERT_TRUE(builder.Add("محمد علي", "PER", std::to_string(i)).ok());
  }
  const Gazetteer g = *builder.Build();
  auto matches = g.Find("التقى ومحمد علي");
  ASSERT_TRUE(matches.ok());
  EXPECT_EQ(matches->size(), 20000u);
  EXPECT_EQ(g.id((*matches)[19999].entry), "19999");
}

// Words that only look like proclitics and a name, from SaudiNewsNet's
// matches of the bundled gazetteer: كسبها (won it) is no ك + سبها, الكابل
// (the cable) no ال + كابل, الجدة (the grandmother) no ال + جدة.
TEST(Gazetteer, NoNameIsReadInsideAWordOfItsOwn) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("سبها", "LOC", "Q1").ok());
  ASSERT_TRUE(builder.Add("كابل", "LOC", "Q2").ok());
  ASSERT_TRUE(builder.Add("جدة", "LOC", "Q3").ok());
  ASSERT_TRUE(builder.Add("نفق الكابل", "LOC", "").ok());
  // A name spelt with one vowel letter more than the text's word.
  ASSERT_TRUE(builder.Add("أمارييلو", "LOC", "").ok());
  const Gazetteer before = *builder.Build();
  EXPECT_THAT(Found(before, "والتي كسبها الفريق"), ElementsAre("ك|سبها"));
  EXPECT_THAT(Found(before, "ويدعى الكابل الجديد"), ElementsAre("ال|كابل"));
  EXPECT_THAT(Found(before, "أهالي كاماريلو", GazetteerMode::kLongest, 1),
              ElementsAre("ك|اماريلو~"));

  for (const char* word : {"كسبها", "الكابل", "الجدة", "كاماريلو"}) {
    ASSERT_TRUE(builder.AddWord(word).ok()) << word;
  }
  const Gazetteer g = *builder.Build();
  for (const char* text :
       {"والتي كسبها الفريق", "وكسبها الزعيم", "ويدعى الكابل الجديد",
        "بعد ربطه بالكابل الأرضي", "وصله للكابل", "دور الجدة أمام الآخرين",
        "دور الجدّة", "دور الـجدة", "أهالي كاماريلو"}) {
    EXPECT_THAT(Found(g, text, GazetteerMode::kAll, 1), ElementsAre()) << text;
  }
  // The names themselves, with their other clitics, and a name the word is
  // a later word of, still match.
  EXPECT_THAT(Found(g, "في سبها وبسبها"), ElementsAre("|سبها", "وب|سبها"));
  EXPECT_THAT(Found(g, "من كابل وبجدة"), ElementsAre("|كابل", "وب|جدة"));
  EXPECT_THAT(Found(g, "عبر نفق الكابل"), ElementsAre("|نفق الكابل"));
  EXPECT_THAT(Found(g, "في أماريلو", GazetteerMode::kLongest, 1),
              ElementsAre("|أماريلو~"));

  // A word is compared as written, harakat and tatweel aside: الجده (heh
  // for teh marbuta) is not the word الجدة, though the profile folds them.
  EXPECT_THAT(Found(g, "دور الجده"), ElementsAre("ال|جده"));

  // Kept as written through the bytes and a builder made from them.
  EXPECT_THAT(g.words(), ElementsAre("الجدة", "الكابل", "كاماريلو", "كسبها"));
  const Gazetteer copy = *Gazetteer::FromBytes(std::string(g.bytes()));
  EXPECT_THAT(Found(copy, "والتي كسبها الفريق"), ElementsAre());
  EXPECT_EQ(GazetteerBuilder(g).Build()->bytes(), g.bytes());
  EXPECT_EQ(before.words().size(), 0u);
}

// Phrases the bundled gazetteer's المغرب and مجلس الأمن are read inside in
// SaudiNewsNet: the sunset prayer, a country's national security council.
TEST(Gazetteer, NoNameIsFoundInsideAPhraseOfItsOwn) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("المغرب", "LOC", "Q1028").ok());
  ASSERT_TRUE(builder.Add("المغرب العربي", "LOC", "").ok());
  const std::vector<std::string_view> aliases = {"مجلس الأمن"};
  ASSERT_TRUE(builder.Add("مجلس الأمن الدولي", "ORG", "Q37470", aliases).ok());
  ASSERT_TRUE(builder.Add("مجلس الأمن الوطني العراقي", "ORG", "").ok());
  for (const char* phrase : {"صلاة المغرب", "أذان المغرب", "مجلس الأمن القومي",
                             "مجلس الأمن الوطني"}) {
    ASSERT_TRUE(builder.AddWord(phrase).ok()) << phrase;
  }
  const Gazetteer g = *builder.Build();
  for (const char* text :
       {"وقع الحادث بعد صلاة المغرب أمس", "وبعد أذان المغرب", "ولصلاة المغرب",
        "قال مستشار مجلس الأمن القومي الأمريكي", "أمين مجلس الامن الوطني"}) {
    for (auto mode : {GazetteerMode::kLongest, GazetteerMode::kAll}) {
      EXPECT_THAT(Found(g, text, mode), ElementsAre()) << text;
      EXPECT_THAT(Found(g, text, mode, 1), ElementsAre()) << text;
    }
  }
  // The names elsewhere, and a name the phrase is part of.
  EXPECT_THAT(Found(g, "زار الملك المغرب ودول المغرب العربي"),
              ElementsAre("|المغرب", "|المغرب العربي"));
  EXPECT_THAT(Found(g, "دعا مجلس الأمن إلى"), ElementsAre("|مجلس الأمن"));
  EXPECT_THAT(Found(g, "رئيس مجلس الأمن الوطني العراقي"),
              ElementsAre("|مجلس الأمن الوطني العراقي"));
  EXPECT_THAT(Found(g, "بعد صلاة المغرب في المغرب", GazetteerMode::kAll),
              ElementsAre("|المغرب"));

  EXPECT_THAT(g.words(), ElementsAre("اذان المغرب", "صلاه المغرب",
                                     "مجلس الامن القومي", "مجلس الامن الوطني"));
  EXPECT_EQ(GazetteerBuilder(g).Build()->bytes(), g.bytes());
  EXPECT_EQ(g.size(), 4u);  // A phrase is no entry.
}

// Phrases that overlap hide the names inside either of them in "longest"
// mode as in "all": كأس كوبا is chosen first, and كوبا أمريكا, starting
// inside it, still hides أمريكا.
TEST(Gazetteer, OverlappingPhrasesHideTheNamesInsideThem) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("أمريكا", "LOC", "Q30").ok());
  ASSERT_TRUE(builder.Add("كوبا", "LOC", "Q241").ok());
  ASSERT_TRUE(builder.Add("تشيلي", "LOC", "Q298").ok());
  ASSERT_TRUE(builder.AddWord("كأس كوبا").ok());
  ASSERT_TRUE(builder.AddWord("كوبا أمريكا").ok());
  const Gazetteer g = *builder.Build();
  for (auto mode : {GazetteerMode::kLongest, GazetteerMode::kAll}) {
    for (int edits : {0, 1}) {
      EXPECT_THAT(Found(g, "تتوج بكأس كوبا أمريكا في تشيلي", mode, edits),
                  ElementsAre("|تشيلي"))
          << int(mode) << edits;
      // A name after the phrases, and one that only starts a phrase, stay.
      EXPECT_THAT(Found(g, "كأس كوبا أمريكا أمريكا", mode, edits),
                  ElementsAre("|أمريكا"));
      EXPECT_THAT(Found(g, "زار كوبا", mode, edits), ElementsAre("|كوبا"));
    }
  }
}

// A word is what was written: وجده (he found it) is a word of its own, وجدة
// (and Jeddah) is و + جدة, though "search" folds them alike; كاسيا
// (Casilla) hides آسيا, كآسيا (like Asia) does not.
TEST(Gazetteer, AWordOfItsOwnAsWritten) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("جدة", "LOC", "Q374365").ok());
  ASSERT_TRUE(builder.Add("آسيا", "LOC", "Q48").ok());
  ASSERT_TRUE(builder.AddWord("وجده").ok());
  ASSERT_TRUE(builder.AddWord("كاسيا").ok());
  const Gazetteer g = *builder.Build();
  for (int max_edits : {0, 1}) {
    EXPECT_THAT(Found(g, "بعد أن وجده مستغرقا في النوم", GazetteerMode::kAll,
                      max_edits),
                ElementsAre());
    EXPECT_THAT(Found(g, "زار مكة وجدة", GazetteerMode::kAll, max_edits),
                ElementsAre("و|جدة"));
    EXPECT_THAT(
        Found(g, "وانتقل كاسيا إلى بورتو", GazetteerMode::kAll, max_edits),
        ElementsAre());
    EXPECT_THAT(Found(g, "في دول كآسيا الوسطى", GazetteerMode::kAll, max_edits),
                ElementsAre("ك|آسيا"));
  }
  // Harakat and tatweel aside: وَجَدَهُ is the word, وجـده too.
  EXPECT_THAT(Found(g, "لمن وَجَدَهُ بعد ذلك"), ElementsAre());
  EXPECT_THAT(Found(g, "لمن وجـده"), ElementsAre());
  EXPECT_THAT(g.words(), ElementsAre("كاسيا", "وجده"));
}

// Spellings of one written word: a combining hamza (ا + U+0654 is أ), alef
// wasla, spaces and underscores around the word as added; and the keys of
// a ligature of words (ﷺ), which spells them.
TEST(Gazetteer, AWordAsWrittenInItsOtherCodings) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("أسها", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("كابل", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("سبها", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("سلم", "PER", "").ok());
  ASSERT_TRUE(builder.AddWord("كأسها").ok());
  ASSERT_TRUE(builder.AddWord("الكابل").ok());
  ASSERT_TRUE(builder.AddWord("\u00A0كسبها_").ok());
  ASSERT_TRUE(builder.AddWord("وسلم").ok());
  const Gazetteer g = *builder.Build();
  for (const char* text : {"رفع كا\u0654سها", "رفع كأسها", "في ٱلكابل",
                           "بٱلكابل", "والتي كسبها", "قال ﷺ"}) {
    EXPECT_THAT(Found(g, text, GazetteerMode::kAll), ElementsAre()) << text;
  }
  EXPECT_THAT(g.words(), ElementsAre("الكابل", "كأسها", "كسبها", "وسلم"));
  // A word with no letter as written is refused, and nothing of it kept.
  GazetteerBuilder marks(*Normalizer::ForProfile("search"));
  const absl::Status refused = marks.AddWord("\uFE70");
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.message(), ::testing::HasSubstr("0 letters as written"));
  EXPECT_TRUE(marks.Build().ok());
}

// A word read through the article لل restores hides the names inside it,
// not the other reading of the same letters: للبنان is ل + لبنان, and ل + ال +
// بنان only inside البنان (fingertips, يشار إليه بالبنان).
TEST(Gazetteer, AWordReadThroughARestoredArticle) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("لبنان", "LOC", "Q822").ok());
  ASSERT_TRUE(builder.Add("بنان", "PER", "").ok());
  ASSERT_TRUE(builder.AddWord("البنان").ok());
  const Gazetteer g = *builder.Build();
  for (int max_edits : {0, 1}) {
    EXPECT_THAT(Found(g, "دعم للبنان", GazetteerMode::kAll, max_edits),
                ElementsAre("ل|لبنان"));
    EXPECT_THAT(Found(g, "يشار إليه بالبنان", GazetteerMode::kAll, max_edits),
                ElementsAre());
  }
  EXPECT_THAT(Found(g, "قالت بنان"), ElementsAre("|بنان"));
}

// Phrases are spelt as names are: a compound head joined or apart.
TEST(Gazetteer, APhraseWithACompoundHead) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("أبو ظبي", "LOC", "Q1519").ok());
  ASSERT_TRUE(builder.AddWord("نادي أبو ظبي").ok());
  const Gazetteer g = *builder.Build();
  EXPECT_THAT(Found(g, "لاعب نادي أبوظبي في أبوظبي"), ElementsAre("|أبوظبي"));
  EXPECT_THAT(Found(g, "لاعب نادي أبو ظبي", GazetteerMode::kAll),
              ElementsAre());
  // Listed in each spelling.
  EXPECT_THAT(g.words(), ElementsAre("نادي ابو ظبي", "نادي ابوظبي"));
}

// In "all" mode, names inside phrases are left out whatever their number
// and nesting, the names around them kept.
TEST(Gazetteer, ManyPhrasesInAllMode) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("المغرب", "LOC", "Q1028").ok());
  ASSERT_TRUE(builder.Add("صلاة", "X", "").ok());
  ASSERT_TRUE(builder.AddWord("صلاة المغرب").ok());
  ASSERT_TRUE(builder.AddWord("بعد صلاة المغرب مباشرة").ok());
  const Gazetteer g = *builder.Build();
  std::string text;
  for (int k = 0; k < 200; ++k) text += "بعد صلاة المغرب في المغرب ";
  text += "بعد صلاة المغرب مباشرة";
  const auto found = Found(g, text, GazetteerMode::kAll);
  EXPECT_EQ(found.size(), 200u);
  for (const std::string& f : found) EXPECT_EQ(f, "|المغرب");
}

// In text written with harakat (Tashkeela's fiqh books), a proclitic's
// vowel is evidence: وُ with a damma is no و (وُجُوبًا, obligatorily, is not
// و + جوبا), بَ with a fatha no ب (بَابُهَا, its door, is not ب + أبها);
// وَ, بِ, كَ and an article's silent lam are.
TEST(Gazetteer, HarakatDenyingProclitics) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  for (const char* name : {"جوبا", "مكة", "بغداد", "اليمن", "أبها"}) {
    ASSERT_TRUE(builder.Add(name, "LOC", "").ok());
  }
  const Gazetteer g = *builder.Build();
  for (int max_edits : {0, 1}) {
    for (const char* text :
         {"مَشَى مِنْ مَنْزِلِهِ وُجُوبًا فِي الْأَصَحِّ", "صَحْنِ دَارٍ بَابُهَا مَفْتُوحٌ"}) {
      EXPECT_THAT(Found(g, text, GazetteerMode::kAll, max_edits), ElementsAre())
          << text;
    }
  }
  EXPECT_THAT(Found(g, "وَهُوَ بِمَكَّةَ وَبَغْدَادَ وَالْيَمَنِ كَبَغْدَادَ"),
              ElementsAre("بِ|مَكَّةَ", "وَ|بَغْدَادَ", "وَ|الْيَمَنِ", "كَ|بَغْدَادَ"));
  EXPECT_THAT(Found(g, "أَرْسَلَهُ لِلْيَمَنِ"), ElementsAre("لِلْ|يَمَنِ"));
  // A shadda on the first letter is the Quran's mark of a nun or tanween
  // assimilated into it, not a doubled letter of the word.
  EXPECT_THAT(Found(g, "هُدًى لِّمَكَّةَ وَمِن لَّدُنْهُ لِّلْيَمَنِ"),
              ElementsAre("لِّ|مَكَّةَ", "لِّلْ|يَمَنِ"));
  // On a later one, it is: a proclitic ب is never doubled.
  EXPECT_THAT(Found(g, "وَبَّمَكَّةَ"), ElementsAre());
  // Without harakat the letters alone decide, as before.
  EXPECT_THAT(Found(g, "مشى وجوبا بابها"), ElementsAre("و|جوبا", "ب|ابها"));
}

// A heh with a vowel on it is a heh, never a ta marbuta written as one: in
// the hadith chains of Tashkeela, عَنْ جَدِّهِ (from his grandfather) is no
// mention of جدة, while جِدَّةَ, its ة written, is. A name that itself ends in
// heh, or an alias written with one, still matches. Tanween is no evidence:
// an entry may be a word that takes it (خدمة, خدمةً).
TEST(Gazetteer, HarakatOfALastTaMarbuta) {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  ASSERT_TRUE(builder.Add("جدة", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("مكة المكرمة", "LOC", "").ok());
  ASSERT_TRUE(builder.Add("عبد الله", "PER", "").ok());
  ASSERT_TRUE(builder.Add("خدمة", "TERM", "").ok());
  const Gazetteer g = *builder.Build();
  for (int max_edits : {0, 1}) {
    for (const char* text : {"عَنْ أَبِيهِ عَنْ جَدِّهِ أَنَّ النَّبِيَّ", "عَنْ جَدِّهُ", "جدهٌ",
                             "مَكَّةُ الْمُكَرَّمَهِ", "لِجَدِّهِ وَجَدِّهِ"}) {
      EXPECT_THAT(Found(g, text, GazetteerMode::kAll, max_edits), ElementsAre())
          << text;
    }
  }
  EXPECT_THAT(Found(g, "سَافَرَ إِلَى جِدَّةَ وَمَكَّةَ الْمُكَرَّمَةِ"),
              ElementsAre("|جِدَّةَ", "وَ|مَكَّةَ الْمُكَرَّمَةِ"));
  // The heh of عبد الله is its own; a heh with no vowel proves nothing.
  EXPECT_THAT(Found(g, "قَالَ عَبْدُ اللَّهِ خِدْمَةً لِجَدَّةٍ"),
              ElementsAre("|عَبْدُ اللَّهِ", "|خِدْمَةً", "لِ|جَدَّةٍ"));
  EXPECT_THAT(Found(g, "عن جده ووصل جدهْ"), ElementsAre("|جده", "|جدهْ"));
  GazetteerBuilder with_heh(*Normalizer::ForProfile("search"));
  const std::string_view heh_alias[] = {"جده"};
  ASSERT_TRUE(with_heh.Add("جدة", "LOC", "", heh_alias).ok());
  EXPECT_THAT(Found(*with_heh.Build(), "عَنْ جَدِّهِ"), ElementsAre("|جَدِّهِ"));
}

// Places and organisations almost never take tanween, so a gazetteer of
// them built with tanween off reads no name over a word that carries it: in
// the Quran, Tashkeela and the news, صَبِيًّا (a boy), دِرْعًا (a shield),
// جَدَّةٍ (a grandmother), لِحَجٍّ (for a pilgrimage) and سورياً (Syrian) are
// no mention of صبيا, درعا, جدة, لحج or سوريا. The same words without harakat
// still match, and a gazetteer left as built by default reads them all.
TEST(Gazetteer, TanweenDeniesNamesThatNeverTakeIt) {
  const char* names[] = {"صبيا", "درعا", "جدة", "لحج", "سوريا", "مكة المكرمة"};
  GazetteerBuilder places(*Normalizer::ForProfile("search"),
                          GazetteerBuilderOptions{.tanween = false});
  GazetteerBuilder people(*Normalizer::ForProfile("search"));
  for (const char* name : names) {
    ASSERT_TRUE(places.Add(name, "LOC", "").ok());
    ASSERT_TRUE(people.Add(name, "LOC", "").ok());
  }
  // So a name (or alias) written with tanween would never be found as
  // written: refused, but for a profile that keeps harakat, which compares
  // them, and where names take tanween.
  const absl::Status refused = places.Add("مشيراً", "X", "");
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.message(),
              ::testing::HasSubstr("'مشيراً' is written with tanween (U+064B)"));
  const std::string_view aliases[] = {"بدر", "بِبَدْرٍ"};
  EXPECT_THAT(places.Add("بدر", "LOC", "", aliases).message(),
              ::testing::HasSubstr("'بِبَدْرٍ' is written with tanween (U+064D)"));
  EXPECT_TRUE(people.Add("مشيراً", "X", "").ok());
  GazetteerBuilder vocalised(*Normalizer::ForProfile("none"),
                             GazetteerBuilderOptions{.tanween = false});
  ASSERT_TRUE(vocalised.Add("مشيراً", "X", "").ok());
  EXPECT_THAT(Found(*vocalised.Build(), "قال مشيراً إلى"),
              ElementsAre("|مشيراً"));
  const Gazetteer without = *places.Build();
  const Gazetteer with = *people.Build();
  EXPECT_EQ(without.size(), std::size(names));
  EXPECT_FALSE(without.tanween());
  EXPECT_TRUE(with.tanween());
  const char* indefinite[] = {"قرأتها عندما كنت صبياً",
                              "وقدم درعًا تذكاريًا",
                              "عَنْ جَدَّةٍ لَهُ",
                              "خَرَجَ لِحَجٍّ",
                              "حفل زفاف جماعي لـ80 شاباً سورياً",
                              "وَكَانَ صَبِيًّۭا"};
  for (const char* text : indefinite) {
    for (int max_edits : {0, 1}) {
      EXPECT_THAT(Found(without, text, GazetteerMode::kAll, max_edits),
                  ElementsAre())
          << text;
    }
    EXPECT_THAT(Found(with, text, GazetteerMode::kAll), Not(ElementsAre()))
        << text;
  }
  EXPECT_THAT(Found(without, "زار صبيا ودرعا وَجِدَّةَ وَمَكَّةَ الْمُكَرَّمَةَ"),
              ElementsAre("|صبيا", "و|درعا", "وَ|جِدَّةَ", "وَ|مَكَّةَ الْمُكَرَّمَةَ"));
  // Kept in the file, and by a builder that goes on from it.
  const Gazetteer copy = *Gazetteer::FromBytes(std::string(without.bytes()));
  EXPECT_FALSE(copy.tanween());
  EXPECT_THAT(Found(copy, "كنت صبياً في صبيا"), ElementsAre("|صبيا"));
  GazetteerBuilder more(copy);
  ASSERT_TRUE(more.Add("حائل", "LOC", "").ok());
  const Gazetteer grown = *more.Build();
  EXPECT_FALSE(grown.tanween());
  EXPECT_THAT(Found(grown, "حَائِلٌ بَيْنَهُمَا وَفِي حَائِلَ"), ElementsAre("|حَائِلَ"));
}

TEST(Gazetteer, WordsOfTheirOwnAreChecked) {
  GazetteerBuilder builder;
  EXPECT_EQ(builder.AddWord("").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(builder.AddWord("ـــ").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(builder.AddWord("\xD9").code(), absl::StatusCode::kInvalidArgument);
  const absl::Status long_word =
      builder.AddWord(std::string(kMaxNameBytes + 1, 'a'));
  EXPECT_EQ(long_word.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(long_word.message(),
              ::testing::HasSubstr("a word or phrase of 1025 bytes"));
  std::string long_phrase;
  for (size_t k = 0; k <= kMaxNameTokens; ++k) long_phrase += "و ";
  EXPECT_EQ(builder.AddWord(long_phrase).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(builder.AddWord("كسبها").ok());
  EXPECT_EQ(builder.size(), 0u);  // A word is no entry.
}

// A TSV as spreadsheets and editors write them: a byte order mark, CRLF
// line ends, fields padded with spaces and no-break spaces, empty columns
// after the header's last, blank rows and blank aliases.
TEST(GazetteerTsv, ReadsRowsAsWritten) {
  GazetteerBuilder builder;
  const std::string tsv =
      "\xEF\xBB\xBFname\tlabel\tid\taliases\t\t\r\n"
      "ليبيا\tLOC\tQ1016\t\t\r\n"
      "\t \t\r\n"
      "\xC2\xA0المملكة المتحدة \tLOC\t\tبريطانيا| |بريطانيا العظمى\r\n"
      "\"الأمم المتحدة\"\tORG\r\n";
  ASSERT_TRUE(builder.AddTsv(tsv, "names.tsv").ok());
  const Gazetteer g = *builder.Build();
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g.entry(0), (GazetteerEntry{"ليبيا", "LOC", "Q1016", {}}));
  EXPECT_EQ(
      g.entry(1),
      (GazetteerEntry{
          "المملكة المتحدة", "LOC", "", {"بريطانيا", "بريطانيا العظمى"}}));
  // No quoting: a " is part of its field.
  EXPECT_EQ(g.entry(2).name, "\"الأمم المتحدة\"");
  EXPECT_THAT(Found(g, "زار وبريطانيا العظمى وليبيا"),
              ElementsAre("و|بريطانيا العظمى", "و|ليبيا"));
}

TEST(GazetteerTsv, ErrorsNameTheFileAndLine) {
  auto error = [](std::string_view tsv) {
    GazetteerBuilder builder;
    const absl::Status status = builder.AddTsv(tsv, "names.tsv");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(builder.size(), 0u) << tsv;
    return std::string(status.message());
  };
  EXPECT_EQ(error(""),
            "names.tsv:1: expected the header name / label / id / aliases "
            "(the last two may be left out), not an empty line");
  EXPECT_EQ(error("name\tlabel\tnotes\nليبيا\tLOC\n"),
            "names.tsv:1: expected the header name / label / id / aliases "
            "(the last two may be left out), not name / label / notes");
  EXPECT_EQ(error("name\tlabel\nليبيا\tLOC\nتونس\tLOC\tQ948\n"),
            "names.tsv:3: a field past the header's 2 (name / label)");
  // The column counts characters: the bad byte follows two letters.
  EXPECT_EQ(error("name\tlabel\nليبيا\tLOC\nتو\xFFنس\tLOC\n"),
            "names.tsv:3:3: not UTF-8 (byte 0xFF)");
  // Lines ending in a lone \r (old Mac files) run together: refused, as the
  // label then holds the \r, not read as one row.
  EXPECT_EQ(error("name\tlabel\tid\nليبيا\tLOC\rمصر\tLOC\n"),
            "names.tsv:2: the label of 'ليبيا' holds a control character "
            "(U+000D)");
  // A file all of whose lines end so is one line: its header is said so.
  EXPECT_EQ(error("name\tlabel\rليبيا\tLOC\rمصر\tLOC\r"),
            "names.tsv:1: the lines end in a lone carriage return (\\r, as "
            "old Mac files do), not \\n or \\r\\n: save the file with Unix "
            "or Windows line ends");
  EXPECT_EQ(error("name\tlabel\tid\nليبيا\tLOC\tQ1\x1b\n"),
            "names.tsv:2: the id of 'ليبيا' holds a control character "
            "(U+001B)");
  EXPECT_EQ(error("name\tlabel\nليبيا\tLO\u2028C\n"),
            "names.tsv:2: the label of 'ليبيا' holds a control character "
            "(U+2028)");
  EXPECT_EQ(error("KALIMAGZ\x08"),
            "names.tsv: a compiled gazetteer (written by save), not a TSV: "
            "open it with load");
  // A row Add refuses ends the reading; the rows before it stay added.
  GazetteerBuilder builder;
  const absl::Status status = builder.AddTsv(
      "name\tlabel\tid\nليبيا\tLOC\n\tLOC\tQ1\nتونس\tLOC\n", "t");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), ::testing::StartsWith("t:3: "));
  EXPECT_EQ(builder.size(), 1u);
}

TEST(GazetteerTsv, WordList) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("سبها", "LOC", "").ok());
  ASSERT_TRUE(builder
                  .AddWordList("# words that only look like clitics + a name\n"
                               "كسبها  # won it\r\n\n",
                               "words.txt")
                  .ok());
  const Gazetteer g = *builder.Build();
  EXPECT_THAT(g.words(), ElementsAre("كسبها"));
  EXPECT_THAT(Found(g, "كسبها وفي سبها"), ElementsAre("|سبها"));
  GazetteerBuilder bad;
  const absl::Status status = bad.AddWordList("كسبها\n\n1234\n", "words.txt");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              ::testing::StartsWith("words.txt:3: "));
}

// The bundled gazetteer, as a C++ program gets it from the installed data
// directory, finds the places and organisations of the sample article.
TEST(GazetteerTsv, BundledGazetteerOnTheSampleArticle) {
  absl::StatusOr<Gazetteer> g = LoadBundledGazetteer(KALIMA_DATA_DIR);
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_FALSE(g->tanween());
  EXPECT_TRUE(g->clitics());
  const std::string article = ReadFile(KALIMA_SAMPLE_ARTICLE);
  absl::StatusOr<std::vector<GazetteerMatch>> matches = g->Find(article);
  ASSERT_TRUE(matches.ok());
  std::set<std::string> names;
  for (const GazetteerMatch& m : *matches) {
    names.insert(std::string(g->name(m.entry)));
  }
  EXPECT_THAT(names,
              ::testing::IsSupersetOf({"ليبيا", "طرابلس", "سبها",
                                       "المملكة المتحدة", "أوروبا", "أفريقيا",
                                       "الشرق الأوسط", "الاتحاد الأوروبي"}));
  // الإتحاد الأوروبي, spelt with the article's hamza, after و.
  EXPECT_THAT(Found(*g, "ومفوضية الإتحاد الأوروبي"),
              ElementsAre("|الإتحاد الأوروبي"));

  const absl::Status missing =
      LoadBundledGazetteer("/nonexistent-kalima-data").status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(
      std::string(missing.message()),
      ::testing::HasSubstr("/nonexistent-kalima-data/gazetteer-words.txt"));
}

}  // namespace
}  // namespace kalima
