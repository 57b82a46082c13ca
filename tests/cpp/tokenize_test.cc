// Tokenizer and SentenceSplitter on real Arabic text: the sample article,
// news and social-media shapes, and every input width.
#include "kalima/tokenize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "internal/char_class.h"
#include "internal/normalize_simd.h"
#include "internal/tokenize_simd.h"
#include "internal/utf8.h"

namespace kalima {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// (text, kind name) of each token, for readable expectations.
std::vector<std::pair<std::string, std::string>> Tokens(
    std::string_view text, const Tokenizer& tokenizer = Tokenizer()) {
  absl::StatusOr<std::vector<Token>> tokens = tokenizer.Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  std::vector<std::pair<std::string, std::string>> out;
  if (!tokens.ok()) return out;
  for (const Token& t : *tokens) {
    out.emplace_back(std::string(text.substr(t.start, t.end - t.start)),
                     std::string(TokenKindName(t.kind)));
  }
  return out;
}

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (auto& [token, kind] : Tokens(text)) out.push_back(token);
  return out;
}

std::vector<std::string> Sentences(std::string_view text,
                                   SentenceOptions options = {}) {
  absl::StatusOr<std::vector<Span>> spans =
      SentenceSplitter(options).Split(text);
  EXPECT_TRUE(spans.ok()) << spans.status();
  std::vector<std::string> out;
  if (!spans.ok()) return out;
  for (const Span& s : *spans) {
    out.emplace_back(text.substr(s.start, s.end - s.start));
  }
  return out;
}

using P = std::pair<std::string, std::string>;

TEST(TokenizerTest, KindNames) {
  EXPECT_EQ(TokenKindName(TokenKind::kArabic), "arabic");
  EXPECT_EQ(TokenKindName(TokenKind::kMention), "mention");
  // A value of the underlying type that names no kind.
  EXPECT_EQ(TokenKindName(static_cast<TokenKind>(kTokenKindCount)), "unknown");
  EXPECT_EQ(TokenKindName(static_cast<TokenKind>(200)), "unknown");
}

TEST(TokenizerTest, CliticsStayOnTheWord) {
  EXPECT_THAT(Tokens("والمملكة المتحدة وحكومة الوحدة الوطنية"),
              ElementsAre(P{"والمملكة", "arabic"}, P{"المتحدة", "arabic"},
                          P{"وحكومة", "arabic"}, P{"الوحدة", "arabic"},
                          P{"الوطنية", "arabic"}));
}

TEST(TokenizerTest, DiacriticsTatweelAndJoinersStayInside) {
  // Harakat, shadda, tatweel, ZWNJ and ZWJ never split a word.
  EXPECT_THAT(Texts("مُحَمَّد كبيـــر مي\u200Cخواهم لا\u200Dم"),
              ElementsAre("مُحَمَّد", "كبيـــر", "مي\u200Cخواهم", "لا\u200Dم"));
  // Hamza forms are letters like any other.
  EXPECT_THAT(Texts("الإتحاد الإنتخابات شؤون ءامن"),
              ElementsAre("الإتحاد", "الإنتخابات", "شؤون", "ءامن"));
}

TEST(TokenizerTest, TatweelAfterPresentationFormsIsAKashida) {
  // An initial or medial form joins forward as its letter does; a final or
  // isolated one does not (ﻭ is waw isolated, ﺎ alef final).
  EXPECT_THAT(Texts("ﻟﻴـﺒﻴﺎ ﻟـيبيا ﺑـﻠﻴﺒﻴﺎ"),
              ElementsAre("ﻟﻴـﺒﻴﺎ", "ﻟـيبيا", "ﺑـﻠﻴﺒﻴﺎ"));
  EXPECT_THAT(Texts("ﻭـربما ﺑﺎـ"), ElementsAre("ﻭ", "ـ", "ربما", "ﺑﺎ", "ـ"));
}

TEST(TokenizerTest, InvisiblesOutsideWordsAreSkipped) {
  EXPECT_THAT(Texts("\uFEFF\u200Fليبيا\u200F \u200Cطرابلس\u200C"),
              ElementsAre("ليبيا", "طرابلس"));
  // Before a tatweel that is a dash, they are between the word and the dash,
  // whether the word ends with a letter that joins (ليبيا) or not (و); and
  // inside a kashida they are the word's.
  EXPECT_THAT(Texts("زار ليبيا\u200Cـ أمس"),
              ElementsAre("زار", "ليبيا", "ـ", "أمس"));
  EXPECT_THAT(Texts("ليبيا\u200E\u200Fـ"), ElementsAre("ليبيا", "ـ"));
  EXPECT_THAT(Texts("و\u200Cـربما"), ElementsAre("و", "ـ", "ربما"));
  EXPECT_THAT(Texts("كبيـ\u200Cـر"), ElementsAre("كبيـ\u200Cـر"));
  // A zero width space is no part of a word but a space between two.
  EXPECT_THAT(Texts("كلمة\u200Bأخرى و\u200B10"),
              ElementsAre("كلمة", "أخرى", "و", "10"));
}

// The prepended concatenation marks are format characters (Cf) that are
// seen: the number sign ؀ over the digits after it, the end of ayah ۝
// around a verse number. Symbols, never skipped like ZWNJ or bidi marks.
TEST(TokenizerTest, SignsWrittenBeforeNumbersAreSymbols) {
  EXPECT_THAT(Tokens("الآية ۝ التالية"),
              ElementsAre(P{"الآية", "arabic"}, P{"۝", "symbol"},
                          P{"التالية", "arabic"}));
  EXPECT_THAT(Texts("؀١٢٣ ريال و۝٧ ؁࣢"),
              ElementsAre("؀", "١٢٣", "ريال", "و", "۝", "٧", "؁", "࣢"));
}

TEST(TokenizerTest, PunctuationFromTheSampleArticle) {
  EXPECT_THAT(Tokens("إستشهاد عنصرين وإصابة أخرين، كما ثمنوا الجهود."),
              ElementsAre(P{"إستشهاد", "arabic"}, P{"عنصرين", "arabic"},
                          P{"وإصابة", "arabic"}, P{"أخرين", "arabic"},
                          P{"،", "punctuation"}, P{"كما", "arabic"},
                          P{"ثمنوا", "arabic"}, P{"الجهود", "arabic"},
                          P{".", "punctuation"}));
  EXPECT_THAT(Texts("«الدعم» هل قال؟! (نعم) “حقا”..."),
              ElementsAre("«", "الدعم", "»", "هل", "قال", "؟!", "(", "نعم", ")",
                          "“", "حقا", "”", "..."));
}

TEST(TokenizerTest, Numbers) {
  EXPECT_THAT(
      Tokens("نحو 700 ألف و3.5 مليون 1,000 ١٢٣٫٥ ١٬٠٠٠ 6:30"),
      ElementsAre(P{"نحو", "arabic"}, P{"700", "number"}, P{"ألف", "arabic"},
                  P{"و", "arabic"}, P{"3.5", "number"}, P{"مليون", "arabic"},
                  P{"1,000", "number"}, P{"١٢٣٫٥", "number"},
                  P{"١٬٠٠٠", "number"}, P{"6:30", "number"}));
  // Saudi papers write ر for the decimal point (639 numbers of
  // SaudiNewsNet); a ر after a number and no digit is a word of its own.
  EXPECT_THAT(Tokens("بلغ 89ر80 مليون و5ر"),
              ElementsAre(P{"بلغ", "arabic"}, P{"89ر80", "number"},
                          P{"مليون", "arabic"}, P{"و", "arabic"},
                          P{"5", "number"}, P{"ر", "arabic"}));
  // A bidi mark or other invisible character inside a number stays in it,
  // as news write one after a decimal point (SaudiNewsNet has 326).
  EXPECT_THAT(
      Tokens("ارتفع 3.\u200f0 إلى 24.\u200f20585 و10\u200e000 ثم 5.\u200f"),
      ElementsAre(P{"ارتفع", "arabic"}, P{"3.\u200f0", "number"},
                  P{"إلى", "arabic"}, P{"24.\u200f20585", "number"},
                  P{"و", "arabic"}, P{"10\u200e000", "number"},
                  P{"ثم", "arabic"}, P{"5", "number"}, P{".", "punctuation"}));
  // A letter prefix glued to digits is split; a tatweel join is kept.
  EXPECT_THAT(Texts("ب300 دولار عام 2021م في الـ84 من عمرها"),
              ElementsAre("ب", "300", "دولار", "عام", "2021", "م", "في",
                          "الـ84", "من", "عمرها"));
  // Percent signs are symbols of their own (as in UD); signs join digits
  // only where they do not follow a word.
  EXPECT_THAT(
      Tokens("ارتفع 3% و٥٪ إلى -2.5 بين 2013-2014"),
      ElementsAre(P{"ارتفع", "arabic"}, P{"3", "number"}, P{"%", "symbol"},
                  P{"و", "arabic"}, P{"٥", "number"}, P{"٪", "symbol"},
                  P{"إلى", "arabic"}, P{"-2.5", "number"}, P{"بين", "arabic"},
                  P{"2013", "number"}, P{"-", "punctuation"},
                  P{"2014", "number"}));
  // So do + and the minus sign (U+2212), which are symbols where they are
  // no sign (they were symbols everywhere).
  EXPECT_THAT(
      Tokens("نمو +3% ودرجة (−5) بين 3+4 و+966"),
      ElementsAre(P{"نمو", "arabic"}, P{"+3", "number"}, P{"%", "symbol"},
                  P{"ودرجة", "arabic"}, P{"(", "punctuation"},
                  P{"−5", "number"}, P{")", "punctuation"}, P{"بين", "arabic"},
                  P{"3", "number"}, P{"+", "symbol"}, P{"4", "number"},
                  P{"و", "arabic"}, P{"+", "symbol"}, P{"966", "number"}));
  // A period ending a sentence after a number is not a decimal point.
  EXPECT_THAT(Texts("عام 2021. وقال"), ElementsAre("عام", "2021", ".", "وقال"));
}

TEST(TokenizerTest, TatweelBeforeDigitsJoinsOnlyAPrefix) {
  EXPECT_THAT(Tokens("الكتابـ2021 بال3 بالـ3 المجال3"),
              ElementsAre(P{"الكتاب", "arabic"}, P{"ـ", "punctuation"},
                          P{"2021", "number"}, P{"بال3", "number"},
                          P{"بالـ3", "number"}, P{"المجال", "arabic"},
                          P{"3", "number"}));
}

TEST(TokenizerTest, ScriptExtensionsKeepWordsWhole) {
  // The katakana length mark is Common script but belongs to katakana.
  EXPECT_THAT(Texts("コーヒー"), ElementsAre("コーヒー"));
}

TEST(TokenizerTest, ScriptChangeSplits) {
  EXPECT_THAT(
      Tokens("هاتف iPhoneات وGoogle COVID19 G20 O'Brien"),
      ElementsAre(P{"هاتف", "arabic"}, P{"iPhone", "latin"}, P{"ات", "arabic"},
                  P{"و", "arabic"}, P{"Google", "latin"}, P{"COVID19", "latin"},
                  P{"G20", "latin"}, P{"O'Brien", "latin"}));
  EXPECT_THAT(Tokens("Путин בוקר"),
              ElementsAre(P{"Путин", "word"}, P{"בוקר", "word"}));
}

TEST(TokenizerTest, StandaloneTatweelIsADash) {
  EXPECT_THAT(Tokens("مكتب الإحصاء ـ ويبدو مرور السنين ـ11"),
              ElementsAre(P{"مكتب", "arabic"}, P{"الإحصاء", "arabic"},
                          P{"ـ", "punctuation"}, P{"ويبدو", "arabic"},
                          P{"مرور", "arabic"}, P{"السنين", "arabic"},
                          P{"ـ", "punctuation"}, P{"11", "number"}));
}

TEST(TokenizerTest, WebKinds) {
  EXPECT_THAT(
      Tokens("زوروا https://www.moi.gov.ly/news?id=5. أو www.libya.ly، "
             "راسلونا info@moi.gov.ly #ليبيا_2030 @LibyaMoI"),
      ElementsAre(P{"زوروا", "arabic"},
                  P{"https://www.moi.gov.ly/news?id=5", "url"},
                  P{".", "punctuation"}, P{"أو", "arabic"},
                  P{"www.libya.ly", "url"}, P{"،", "punctuation"},
                  P{"راسلونا", "arabic"}, P{"info@moi.gov.ly", "email"},
                  P{"#ليبيا_2030", "hashtag"}, P{"@LibyaMoI", "mention"}));
  // A bracket the URL opened stays; one it did not open is the text's.
  EXPECT_THAT(
      Texts("(https://en.wikipedia.org/wiki/Tripoli_(Libya))"),
      ElementsAre("(", "https://en.wikipedia.org/wiki/Tripoli_(Libya)", ")"));
  // A clitic may precede a hashtag or mention.
  EXPECT_THAT(Texts("و#ليبيا ول@LibyaMoI"),
              ElementsAre("و", "#ليبيا", "ول", "@LibyaMoI"));
  // # after a Latin word, # with no letter, @ after a Latin word: plain
  // punctuation.
  EXPECT_THAT(
      Tokens("C# #1 user@"),
      ElementsAre(P{"C", "latin"}, P{"#", "punctuation"}, P{"#", "punctuation"},
                  P{"1", "number"}, P{"user", "latin"}, P{"@", "punctuation"}));
}

TEST(TokenizerTest, OptionsSwitchKindsOff) {
  TokenizerOptions options;
  options.urls = false;
  options.hashtags = false;
  EXPECT_THAT(
      Tokens("www.moi.ly #ليبيا", Tokenizer(options)),
      ElementsAre(P{"www", "latin"}, P{".", "punctuation"}, P{"moi", "latin"},
                  P{".", "punctuation"}, P{"ly", "latin"},
                  P{"#", "punctuation"}, P{"ليبيا", "arabic"}));
}

TEST(TokenizerTest, EmojiSequencesAreOneSymbol) {
  // Family (ZWJ sequence), skin tone, flag, keycap, heart with VS16.
  EXPECT_THAT(
      Tokens("مبروك👨‍👩‍👧👍🏽🇱🇾1️⃣❤️"),
      ElementsAre(P{"مبروك", "arabic"}, P{"👨‍👩‍👧", "symbol"},
                  P{"👍🏽", "symbol"}, P{"🇱🇾", "symbol"}, P{"1️⃣", "symbol"},
                  P{"❤️", "symbol"}));
}

TEST(TokenizerTest, EveryWidthGivesTheSameTokens) {
  const std::u32string text = U"وليبيا 2021 «الإتحاد» café 👍🏽 #ليبيا";
  std::vector<Token> from32;
  ASSERT_TRUE(Tokenizer().TokenizeCodePoints(std::span(text), &from32).ok());
  // UCS-2 holds the BMP only: the same text without its emoji.
  std::u16string ucs2;
  std::u32string bmp_only;
  for (char32_t c : text) {
    if (c < 0x10000) ucs2.push_back(static_cast<char16_t>(c));
    if (c < 0x10000) bmp_only.push_back(c);
  }
  std::vector<Token> from16;
  std::vector<Token> from32_bmp;
  ASSERT_TRUE(Tokenizer().TokenizeCodePoints(std::span(ucs2), &from16).ok());
  ASSERT_TRUE(
      Tokenizer().TokenizeCodePoints(std::span(bmp_only), &from32_bmp).ok());
  EXPECT_EQ(from16, from32_bmp);
  EXPECT_EQ(from16.size(), from32.size() - 1);
  std::string utf8;
  for (char32_t c : text) {
    char buffer[4];
    utf8.append(buffer, internal::EncodeUtf8(c, buffer));
  }
  absl::StatusOr<std::vector<Token>> from8 = Tokenizer().Tokenize(utf8);
  ASSERT_TRUE(from8.ok());
  ASSERT_EQ(from8->size(), from32.size());
  // Byte offsets and code point offsets name the same characters.
  for (size_t k = 0; k < from32.size(); ++k) {
    EXPECT_EQ((*from8)[k].kind, from32[k].kind);
    std::string piece;
    for (size_t i = from32[k].start; i < from32[k].end; ++i) {
      char buffer[4];
      piece.append(buffer, internal::EncodeUtf8(text[i], buffer));
    }
    EXPECT_EQ(
        utf8.substr((*from8)[k].start, (*from8)[k].end - (*from8)[k].start),
        piece);
  }
  const std::string latin1 = "caf\xE9 2021.";
  std::vector<Token> from1;
  ASSERT_TRUE(Tokenizer()
                  .TokenizeCodePoints(
                      std::span(reinterpret_cast<const uint8_t*>(latin1.data()),
                                latin1.size()),
                      &from1)
                  .ok());
  EXPECT_THAT(from1, ElementsAre(Token{0, 4, TokenKind::kLatin},
                                 Token{5, 9, TokenKind::kNumber},
                                 Token{9, 10, TokenKind::kPunctuation}));
}

TEST(TokenizerTest, BadInputIsAStatus) {
  absl::StatusOr<std::vector<Token>> tokens =
      Tokenizer().Tokenize("ليبيا \xFF طرابلس");
  ASSERT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(tokens.status().message(), HasSubstr("byte offset 11"));
  // Truncated sequence at the very end.
  EXPECT_FALSE(Tokenizer().Tokenize("ليبيا\xD9").ok());
  const std::u16string lone = u"ليبيا \xD800";
  std::vector<Token> out;
  absl::Status status = Tokenizer().TokenizeCodePoints(std::span(lone), &out);
  EXPECT_THAT(status.message(), HasSubstr("U+D800 at index 6"));
  EXPECT_TRUE(Tokenizer().Tokenize("")->empty());
  EXPECT_TRUE(Tokenizer().Tokenize(" \n\u200F ")->empty());
}

TEST(TokenizerTest, LongTextWithoutSpacesIsOneScan) {
  // 16 MB of one Arabic "word", and of ZWNJs after a letter (the look-ahead
  // case): both come back in linear time with every character accounted for.
  std::string word;
  for (int i = 0; i < (1 << 22); ++i) word += "لي";
  absl::StatusOr<std::vector<Token>> tokens = Tokenizer().Tokenize(word);
  ASSERT_TRUE(tokens.ok());
  EXPECT_THAT(*tokens, ElementsAre(Token{0, word.size(), TokenKind::kArabic}));
  std::string joiners = "ل";
  for (int i = 0; i < (1 << 22); ++i) joiners += "\u200C";
  joiners += "!";
  tokens = Tokenizer().Tokenize(joiners);
  ASSERT_TRUE(tokens.ok());
  EXPECT_THAT(*tokens, ElementsAre(Token{0, 2, TokenKind::kArabic},
                                   Token{joiners.size() - 1, joiners.size(),
                                         TokenKind::kPunctuation}));
  // A long run that looks like the local part of an e-mail address.
  std::string local(1 << 22, 'a');
  local += ".b@";
  tokens = Tokenizer().Tokenize(local);
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(tokens->size(), 4u);
}

TEST(TokenizerTest, SampleArticleCoversEveryVisibleCharacter) {
  std::ifstream file(KALIMA_SAMPLE_ARTICLE);
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string text = buffer.str();
  absl::StatusOr<std::vector<Token>> tokens = Tokenizer().Tokenize(text);
  ASSERT_TRUE(tokens.ok());
  EXPECT_GT(tokens->size(), 300u);
  size_t covered = 0;
  for (size_t i = 0, k = 0; i < text.size();) {
    char32_t c;
    const size_t len = internal::DecodeUtf8(
        reinterpret_cast<const uint8_t*>(text.data()), text.size(), i, &c);
    ASSERT_GT(len, 0u);
    while (k < tokens->size() && (*tokens)[k].end <= i) ++k;
    const bool inside = k < tokens->size() && (*tokens)[k].start <= i;
    if (!inside) {
      EXPECT_TRUE(u_hasBinaryProperty(c, UCHAR_WHITE_SPACE))
          << "U+" << std::hex << static_cast<uint32_t>(c) << " at " << i;
    } else {
      ++covered;
    }
    i += len;
  }
  EXPECT_GT(covered, 1500u);
  // The article's own hard cases.
  const std::vector<std::string> texts = Texts(text);
  for (const char* word : {"والمملكة", "وحكومة", "الإتحاد", "الإنتخابات",
                           "وأفريقيا", "مؤكداً", "أيضًا"}) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), word), texts.end()) << word;
  }
}

TEST(TokenizerTest, CharClassesAgreeWithIcu) {
  for (UChar32 c = 0; c < 0x10000; ++c) {
    const internal::CharClass cls = internal::ClassOf(c);
    const int8_t type = u_charType(c);
    if (cls == internal::CharClass::kArabicLetter ||
        cls == internal::CharClass::kLatinLetter ||
        cls == internal::CharClass::kOtherLetter) {
      EXPECT_TRUE(u_isalpha(c)) << c;
    }
    if (cls == internal::CharClass::kDigit) {
      EXPECT_EQ(type, U_DECIMAL_DIGIT_NUMBER) << c;
    }
    if (type == U_DECIMAL_DIGIT_NUMBER) {
      EXPECT_EQ(cls, internal::CharClass::kDigit) << c;
    }
  }
  EXPECT_EQ(internal::ClassOf(0x0640), internal::CharClass::kTatweel);
  EXPECT_EQ(internal::ClassOf(0x064E), internal::CharClass::kMark);
  EXPECT_EQ(internal::ClassOf(0x06CC), internal::CharClass::kArabicLetter);
  EXPECT_EQ(internal::ClassOf(0x200C), internal::CharClass::kInvisible);
  EXPECT_EQ(internal::ClassOf(0x1F44D), internal::CharClass::kPictograph);
}

// The vector fast path must give exactly the scalar loops' tokens. Random
// texts mix the pieces whose handling differs between the two: words ended
// by spaces and by marks, tatweel, joiners, marks, digits, runs of marks.
TEST(TokenizerTest, FastPathMatchesTheScalarLoops) {
  if (!internal::TokenWindowsAvailable()) {
    GTEST_SKIP() << "no AVX-512 VBMI on this CPU";
  }
  const std::vector<std::u32string> pieces = {
      U"وليبيا",  U"الإتحاد", U"مُحَمَّد",
      U"كبيـــر", U"الـ",     U"ال",
      U"ـ",       U" ",       U" ",
      U" ",       U"  ",      U"\n",
      U"،",       U"؛",       U"؟",
      U"؟!",      U".",       U"...",
      U",",       U":",       U"\"",
      U"«",       U"»",       U"(",
      U")",       U"'",       U"!",
      U"2021",    U"٣٫٥",     U"\u200C",
      U"\u064E",  U"iPhone",  U"#",
      U"@",       U"-",       U"ی",
      U"\u06D4",  U"\u0660",  U"\u0640\u0640",
      U"👍🏽",    U"\t",      U"+",
      U"\u2212"};
  std::mt19937 random(20211006);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::u32string text;
    const size_t count = 20 + round % 90;
    for (size_t k = 0; k < count; ++k) text += pieces[pick(random)];
    std::string utf8;
    std::u16string ucs2;
    for (char32_t c : text) {
      char buffer[4];
      utf8.append(buffer, internal::EncodeUtf8(c, buffer));
      if (c < 0x10000) ucs2.push_back(static_cast<char16_t>(c));
    }
    std::vector<Token> fast16, scalar16, fast32, scalar32;
    internal::SetSimdKernelEnabledForTesting(true);
    absl::StatusOr<std::vector<Token>> fast8 = Tokenizer().Tokenize(utf8);
    ASSERT_TRUE(Tokenizer().TokenizeCodePoints(std::span(ucs2), &fast16).ok());
    ASSERT_TRUE(Tokenizer().TokenizeCodePoints(std::span(text), &fast32).ok());
    internal::SetSimdKernelEnabledForTesting(false);
    absl::StatusOr<std::vector<Token>> scalar8 = Tokenizer().Tokenize(utf8);
    ASSERT_TRUE(
        Tokenizer().TokenizeCodePoints(std::span(ucs2), &scalar16).ok());
    ASSERT_TRUE(
        Tokenizer().TokenizeCodePoints(std::span(text), &scalar32).ok());
    internal::SetSimdKernelEnabledForTesting(true);
    ASSERT_TRUE(fast8.ok() && scalar8.ok());
    ASSERT_EQ(*fast8, *scalar8) << utf8;
    ASSERT_EQ(fast16, scalar16) << utf8;
    ASSERT_EQ(fast32, scalar32) << utf8;
  }
}

// The window classifiers against the scalar character classes, unit by unit,
// on a line of the sample article (so a lost half or a shifted mask shows).
TEST(TokenizerTest, WindowClassifiersAgreeWithCharClasses) {
  if (!internal::TokenWindowsAvailable()) {
    GTEST_SKIP() << "no AVX-512 VBMI on this CPU";
  }
  const std::u16string line =
      u"من جهته رحب مازن بالضيوف، مؤكداً أن ليبيا ستكون دولة مستقرة بمجهودات "
      u"(وزارة) الداخلية. 2021 ok؟";
  ASSERT_GE(line.size(), internal::kUcs2WindowUnits + 1);
  auto expect = [](char32_t c, internal::CharClass cls, bool* word,
                   bool* letter, bool* stop) {
    *word = (c >= 0x0600 && c <= 0x06FF) &&
            (cls == internal::CharClass::kArabicLetter ||
             cls == internal::CharClass::kMark);
    *letter = *word && cls == internal::CharClass::kArabicLetter;
    *stop = internal::IsStopMark(c);
  };
  const internal::TokenWindow w16 = internal::ClassifyUcs2Window(line.data());
  std::string utf8;
  std::vector<size_t> byte_of;  // Code point index -> byte offset.
  for (char16_t c : line) {
    byte_of.push_back(utf8.size());
    char buffer[4];
    utf8.append(buffer, internal::EncodeUtf8(c, buffer));
  }
  const internal::TokenWindow w8 = internal::ClassifyUtf8Window(
      reinterpret_cast<const uint8_t*>(utf8.data()));
  const std::u32string line32(line.begin(), line.end());
  const internal::TokenWindow w32 =
      internal::ClassifyUtf32Window(line32.data());
  for (size_t k = 0; k < internal::kUcs2WindowUnits; ++k) {
    bool word, letter, stop;
    expect(line[k], internal::ClassOf(line[k]), &word, &letter, &stop);
    EXPECT_EQ((w16.word >> k) & 1, word) << k;
    EXPECT_EQ((w16.letter >> k) & 1, letter) << k;
    EXPECT_EQ((w16.stop >> k) & 1, stop) << k;
    EXPECT_EQ((w16.space >> k) & 1, line[k] == u' ') << k;
    EXPECT_EQ((w32.word >> k) & 1, word) << k;
    EXPECT_EQ((w32.letter >> k) & 1, letter) << k;
    EXPECT_EQ((w32.stop >> k) & 1, stop) << k;
    EXPECT_EQ((w32.space >> k) & 1, line[k] == u' ') << k;
    const size_t b = byte_of[k];
    if (b >= internal::kUtf8WindowUnits) continue;
    EXPECT_EQ((w8.word >> b) & 1, word) << k;
    EXPECT_EQ((w8.letter >> b) & 1, letter) << k;
    EXPECT_EQ((w8.stop >> b) & 1, stop) << k;
    EXPECT_EQ((w8.space >> b) & 1, line[k] == u' ') << k;
  }
}

TEST(SentenceSplitterTest, SampleArticleParagraphs) {
  const std::string text =
      "طرابلس 10 يونيو 2021\n"
      "استقبل وزير الداخلية عميد خالد مازن يوم الخميس. وأعرب مازن عن "
      "تطلع الوزارة.\n"
      "فيما أوضح كلافرلي على أن المجتمع الدولي لديه رغبة حقيقية.";
  EXPECT_THAT(Sentences(text),
              ElementsAre("طرابلس 10 يونيو 2021",
                          "استقبل وزير الداخلية عميد خالد مازن يوم الخميس.",
                          "وأعرب مازن عن تطلع الوزارة.",
                          "فيما أوضح كلافرلي على أن المجتمع الدولي لديه "
                          "رغبة حقيقية."));
  SentenceOptions blank_lines_only;
  blank_lines_only.line_break_ends_sentence = false;
  EXPECT_THAT(
      Sentences("طرابلس 10 يونيو\nاستقبل الوزير.\n\nثم غادر", blank_lines_only),
      ElementsAre("طرابلس 10 يونيو\nاستقبل الوزير.", "ثم غادر"));
}

TEST(SentenceSplitterTest, WhereSentencesDoNotEnd) {
  EXPECT_THAT(
      Sentences("بلغ النمو 3.5 بالمئة. التقى د. أحمد بـ م. علي في ص.ب 55. "
                "ولد عام 300 ق.م في روما. وقال J. Smith إن الأمر... انتهى! "
                "هل انتهى؟ نعم"),
      ElementsAre("بلغ النمو 3.5 بالمئة.", "التقى د. أحمد بـ م. علي في ص.ب 55.",
                  "ولد عام 300 ق.م في روما.",
                  "وقال J. Smith إن الأمر... انتهى!", "هل انتهى؟", "نعم"));
  // Nor before a comma, which no sentence starts with (558 such marks in
  // SaudiNewsNet), nor at an abbreviation with a conjunction glued to it.
  EXPECT_THAT(
      Sentences("قالت «هل انبسطت؟»، وأجبتها. تم ذلك!، حيث دمج. والتقى ود. "
                "محمد وم. عادل. ثم"),
      ElementsAre("قالت «هل انبسطت؟»، وأجبتها.", "تم ذلك!، حيث دمج.",
                  "والتقى ود. محمد وم. عادل.", "ثم"));
  // But ود is also a noun (affection): before و, ف or ثم it ends a sentence.
  EXPECT_THAT(Sentences("بينهما ود. ثم افترقا. كان بيننا ود. وفي الغد سافرنا."),
              ElementsAre("بينهما ود.", "ثم افترقا.", "كان بيننا ود.",
                          "وفي الغد سافرنا."));
  // Nor inside a number with a bidi mark after its decimal point, an
  // acronym read out (بي.بي.سي) or a web address; a longer word glued to a
  // period is a full stop with its space left out.
  EXPECT_THAT(
      Sentences("ارتفع 3.\u200f0 في المائة إلى 24.\u200f20585 نقطة. ثم"),
      ElementsAre("ارتفع 3.\u200f0 في المائة إلى 24.\u200f20585 نقطة.", "ثم"));
  EXPECT_THAT(
      Sentences("نقلت شبكة بي.بي.سي البريطانية وإل.جي عن موقع سوق.كوم "
                "أن العربية.نت أخطأت. ثم"),
      ElementsAre("نقلت شبكة بي.بي.سي البريطانية وإل.جي عن موقع سوق.كوم "
                  "أن العربية.نت أخطأت.",
                  "ثم"));
  EXPECT_THAT(Sentences("ارتفع الشهر الماضي.وفقا للبيان"),
              ElementsAre("ارتفع الشهر الماضي.", "وفقا للبيان"));
  // Nor at the number of a list's item; a number that is no item's still
  // ends one.
  EXPECT_THAT(
      Sentences("تتضمن الخطة: 1. التعليم 2. الصحة ٣. النقل. سجل في "
                "الدقيقة 54. ثم انتهت\n1. الأولى\n2. الثانية"),
      ElementsAre("تتضمن الخطة: 1. التعليم 2. الصحة ٣. النقل.",
                  "سجل في الدقيقة 54.", "ثم انتهت", "1. الأولى", "2. الثانية"));
  EXPECT_THAT(Sentences("عدد الأهداف: 3. وقال المدرب"),
              ElementsAre("عدد الأهداف: 3.", "وقال المدرب"));
  // A year marker after a number closes a sentence.
  EXPECT_THAT(Sentences("تأسست عام 1990م. ثم توسعت"),
              ElementsAre("تأسست عام 1990م.", "ثم توسعت"));
  // URLs and e-mail addresses hold periods.
  EXPECT_THAT(Sentences("راجع www.moi.gov.ly للمزيد. شكرا"),
              ElementsAre("راجع www.moi.gov.ly للمزيد.", "شكرا"));
}

TEST(SentenceSplitterTest, ClosingQuotesStayWithTheirSentence) {
  EXPECT_THAT(Sentences("قال: \"الانتقال السلمي للسلطة سبق له أن حدث\". "
                        "وأضاف: «انتهى الأمر.» ثم (غادر!) بعدها"),
              ElementsAre("قال: \"الانتقال السلمي للسلطة سبق له أن حدث\".",
                          "وأضاف: «انتهى الأمر.»", "ثم (غادر!)", "بعدها"));
}

TEST(SentenceSplitterTest,
     ReportingVerbAfterAttributedQuotationStartsASentence) {
  // The speaker was named before the colon; a verb of saying after the
  // quotation reports something new, though the quotation had no final mark.
  EXPECT_THAT(
      Sentences("قال الوزير: \"سيستمر عملنا في المدن كلها\" وأضافت المتحدثة "
                "أن الخطة جاهزة. وقالت: «انتهى الاجتماع» قيل إن الوفد غادر."),
      ElementsAre("قال الوزير: \"سيستمر عملنا في المدن كلها\"",
                  "وأضافت المتحدثة أن الخطة جاهزة.", "وقالت: «انتهى الاجتماع»",
                  "قيل إن الوفد غادر."));
  // Hamza, diacritics and the feminine ending do not hide the verb.
  EXPECT_THAT(Sentences("قال: «نعم» اضافَت الوكالة أن الوفد غادر"),
              ElementsAre("قال: «نعم»", "اضافَت الوكالة أن الوفد غادر"));
  // A quotation before its speaker, any other word after it, or a verb
  // glued to the quote: one sentence.
  EXPECT_THAT(Sentences("«سيستمر عملنا» قال الوزير أمس."),
              ElementsAre("«سيستمر عملنا» قال الوزير أمس."));
  EXPECT_THAT(Sentences("قال: \"سيستمر عملنا\" مشيرا إلى الخطة."),
              ElementsAre("قال: \"سيستمر عملنا\" مشيرا إلى الخطة."));
  EXPECT_THAT(Sentences("قال: «سيستمر عملنا» فقال الحاضرون نعم."),
              ElementsAre("قال: «سيستمر عملنا» فقال الحاضرون نعم."));
  EXPECT_THAT(Sentences("قال: «سيستمر عملنا»وأضاف أمرا."),
              ElementsAre("قال: «سيستمر عملنا»وأضاف أمرا."));
  // A quotation quoted inside another that goes on: the outer one holds.
  EXPECT_THAT(
      Sentences("قال الرئيس: «قال لي الوزير: \"سنبدأ\" وأضاف أن الخطة "
                "جاهزة.» ثم غادر."),
      ElementsAre("قال الرئيس: «قال لي الوزير: \"سنبدأ\" وأضاف أن الخطة "
                  "جاهزة.»",
                  "ثم غادر."));
}

TEST(SentenceSplitterTest, EllipsesInAllTheirForms) {
  EXPECT_THAT(Sentences("ماذا؟... لا أعرف"),
              ElementsAre("ماذا؟...", "لا أعرف"));
  EXPECT_THAT(Sentences("انتظر . . . ثم تكلم."),
              ElementsAre("انتظر . . . ثم تكلم."));
  EXPECT_THAT(Sentences("انتظر… ثم تكلم."), ElementsAre("انتظر… ثم تكلم."));
  // Periods on either side of a break that ends a sentence are two full
  // stops, not a spaced ellipsis: as after any other final mark.
  EXPECT_THAT(Sentences("ذهب.\n\n. ثم عاد"),
              ElementsAre("ذهب.", ".", "ثم عاد"));
  EXPECT_THAT(Sentences("ذهب.\n. ثم عاد"), ElementsAre("ذهب.", ".", "ثم عاد"));
  SentenceOptions blank_lines_only;
  blank_lines_only.line_break_ends_sentence = false;
  EXPECT_THAT(Sentences("انتهى الفصل\u2029ثم بدأ", blank_lines_only),
              ElementsAre("انتهى الفصل", "ثم بدأ"));
  // A form feed is a page break, as the gazetteer reads it; one line break
  // (a vertical tab is one too) is not a paragraph break.
  EXPECT_THAT(Sentences("انتهى الفصل\fثم بدأ", blank_lines_only),
              ElementsAre("انتهى الفصل", "ثم بدأ"));
  EXPECT_THAT(Sentences("انتهى الفصل\vثم بدأ", blank_lines_only),
              ElementsAre("انتهى الفصل\vثم بدأ"));
  // Hard-wrapped text: a spaced ellipsis may wrap over one line break.
  EXPECT_THAT(Sentences("انتظر .\n. . ثم تكلم.", blank_lines_only),
              ElementsAre("انتظر .\n. . ثم تكلم."));
  EXPECT_THAT(Sentences("ذهب.\n\n. ثم عاد", blank_lines_only),
              ElementsAre("ذهب.", ".", "ثم عاد"));
}

TEST(SentenceSplitterTest, EmptyAndBadInput) {
  EXPECT_TRUE(Sentences("").empty());
  EXPECT_TRUE(Sentences("  \n ").empty());
  EXPECT_FALSE(SentenceSplitter().Split("نص\xC0").ok());
  // Tokens that are not spans of the text are an error, not a hang.
  const std::vector<Token> stray = {{0, 1, TokenKind::kLatin},
                                    {10, 11, TokenKind::kLatin}};
  absl::StatusOr<std::vector<Span>> spans =
      SentenceSplitter().SplitTokens("abc", stray);
  ASSERT_FALSE(spans.ok());
  EXPECT_THAT(spans.status().message(), HasSubstr("token 1 [10, 11)"));
  // In UTF-8, tokens start and end on characters, in well-formed text.
  const std::vector<Token> mid_letter = {{1, 3, TokenKind::kArabic}};
  spans = SentenceSplitter().SplitTokens("ليبيا", mid_letter);
  ASSERT_FALSE(spans.ok());
  EXPECT_THAT(spans.status().message(),
              HasSubstr("token 0 [1, 3) starts or ends inside a character"));
  const std::vector<Token> word = {{0, 4, TokenKind::kArabic}};
  spans = SentenceSplitter().SplitTokens("نص\xC0", word);
  ASSERT_FALSE(spans.ok());
  EXPECT_THAT(spans.status().message(), HasSubstr("4"));
  spans = SentenceSplitter().SplitTokens(
      "نص.", {{{0, 4, TokenKind::kArabic}, {4, 5, TokenKind::kPunctuation}}});
  ASSERT_TRUE(spans.ok()) << spans.status();
  EXPECT_EQ(spans->size(), 1u);
}

TEST(TokenizerTest, BatchesEqualSingleCallsAndRefuseNegativeThreads) {
  const std::vector<std::string_view> utf8 = {"وصل إلى طرابلس. ثم غادر!", "",
                                              "#ليبيا 2021", "نص\xC0"};
  auto batch = Tokenizer().TokenizeBatch(utf8, 2);
  EXPECT_THAT(batch.status().message(), HasSubstr("texts[3]"));
  const std::vector<std::u16string> texts = {u"وصل إلى طرابلس. ثم غادر!", u"",
                                             u"#ليبيا 2021"};
  std::vector<CodePointsView> views;
  for (const auto& t : texts) views.push_back({t.data(), t.size(), 2});
  auto tokens = Tokenizer().TokenizeCodePointsBatch(views, 2);
  auto sentences = SentenceSplitter().SplitCodePointsBatch(views, 2);
  ASSERT_TRUE(tokens.ok());
  ASSERT_TRUE(sentences.ok());
  for (size_t i = 0; i < views.size(); ++i) {
    std::vector<Token> one;
    ASSERT_TRUE(Tokenizer().TokenizeCodePoints(views[i], &one).ok());
    EXPECT_EQ((*tokens)[i], one) << i;
  }
  EXPECT_EQ((*tokens)[0].size(), 7u);
  EXPECT_EQ((*sentences)[0].size(), 2u);
  EXPECT_TRUE((*sentences)[1].empty());
  for (int threads : {-1, -100}) {
    EXPECT_THAT(Tokenizer().TokenizeBatch(utf8, threads).status().message(),
                HasSubstr("threads is"));
    EXPECT_EQ(
        Tokenizer().TokenizeCodePointsBatch(views, threads).status().code(),
        absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(
        SentenceSplitter().SplitCodePointsBatch(views, threads).status().code(),
        absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace kalima
