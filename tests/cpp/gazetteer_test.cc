// The gazetteer on the issue's own case: the sample article and a gazetteer
// of standard spellings.
#include "kalima/gazetteer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kalima {
namespace {

using ::testing::ElementsAre;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Gazetteer SampleGazetteer() {
  GazetteerBuilder builder(*Normalizer::ForProfile("search"));
  EXPECT_TRUE(builder.Add("الاتحاد الأوروبي", "org", "Q458").ok());
  EXPECT_TRUE(builder.Add("المملكة المتحدة", "place", "Q145").ok());
  EXPECT_TRUE(builder.Add("أفريقيا", "place", "Q15").ok());
  EXPECT_TRUE(builder.Add("حكومة الوحدة الوطنية", "org", "").ok());
  const std::vector<std::string_view> aliases = {"مازن"};
  EXPECT_TRUE(builder.Add("خالد مازن", "person", "", aliases).ok());
  EXPECT_TRUE(builder.Add("ليبيا", "place", "Q1016").ok());
  return builder.Build();
}

// "prefix|mention" for each match.
std::vector<std::string> Found(const Gazetteer& g, std::string_view text,
                               GazetteerMode mode = GazetteerMode::kLongest) {
  auto matches = g.Find(text, mode);
  EXPECT_TRUE(matches.ok()) << matches.status();
  std::vector<std::string> out;
  for (const GazetteerMatch& m : *matches) {
    out.push_back(
        std::string(text.substr(m.prefix_start, m.start - m.prefix_start)) +
        "|" + std::string(text.substr(m.start, m.end - m.start)));
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

TEST(Gazetteer, WholeTokensOnly) {
  const Gazetteer g = SampleGazetteer();
  // الليبية is not ليبيا; مازن inside another word is not مازن.
  EXPECT_THAT(Found(g, "الحكومة الليبية ومازني مازن"), ElementsAre("|مازن"));
}

TEST(Gazetteer, OnlyValidCliticRuns) {
  GazetteerBuilder builder;
  ASSERT_TRUE(builder.Add("جدة", "city", "").ok());
  ASSERT_TRUE(builder.Add("القاهرة", "city", "").ok());
  ASSERT_TRUE(builder.Add("اللجنة الأولمبية", "org", "").ok());
  const std::vector<std::string_view> aliases = {"سودان"};
  ASSERT_TRUE(builder.Add("السودان", "country", "", aliases).ok());
  const Gazetteer g = builder.Build();
  // The future marker is no clitic of a name; ل + ال is written لل.
  EXPECT_THAT(Found(g, "سجدة لالقاهرة"), ElementsAre());
  EXPECT_THAT(Found(g, "وبجدة للقاهرة"), ElementsAre("وب|جدة", "لل|قاهرة"));
  // لل before a word starting with ل: ل + اللجنة.
  EXPECT_THAT(Found(g, "للجنة الأولمبية"), ElementsAre("لل|جنة الأولمبية"));
  // Two readings of one token (و + السودان, وال + سودان) give one match,
  // the one taking less for clitics.
  EXPECT_THAT(Found(g, "والسودان"), ElementsAre("و|السودان"));
  EXPECT_THAT(Found(g, "والسودان", GazetteerMode::kAll),
              ElementsAre("و|السودان"));
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

TEST(Gazetteer, CodePointOffsets) {
  const Gazetteer g = SampleGazetteer();
  const std::u16string text = u"زار وليبيا";
  std::vector<GazetteerMatch> out;
  ASSERT_TRUE(g.FindCodePoints({text.data(), text.size(), 2},
                               GazetteerMode::kLongest, &out)
                  .ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].prefix_start, 4u);
  EXPECT_EQ(out[0].start, 5u);
  EXPECT_EQ(out[0].end, 10u);
}

TEST(Gazetteer, BadInput) {
  GazetteerBuilder builder;
  EXPECT_FALSE(builder.Add("\xff", "x", "").ok());
  EXPECT_FALSE(builder.Add("   ", "x", "").ok());
  EXPECT_FALSE(SampleGazetteer().Find("\xd9").ok());
}

}  // namespace
}  // namespace kalima
