#include "kalima/normalize.h"

#include <unicode/uchar.h>

#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/char_table.h"
#include "internal/normalize_simd.h"

namespace kalima {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Norm(const NormalizeOptions& options, std::string_view text) {
  absl::StatusOr<std::string> out = Normalizer(options).Normalize(text);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : std::string();
}

std::string Search(std::string_view text) {
  return Norm(NormalizeOptions::Search(), text);
}

NormalizeOptions Only(bool NormalizeOptions::* field) {
  NormalizeOptions options;
  options.*field = true;
  return options;
}

std::string ReadSample() {
  std::ifstream in(KALIMA_SAMPLE_ARTICLE);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(NormalizeTest, SampleArticleHamzaSpellingsFoldToStandardOnes) {
  // The article writes these with a hamza the standard spelling lacks.
  EXPECT_EQ(Search("الإتحاد الأوروبي"), Search("الاتحاد الأوروبي"));
  EXPECT_EQ(Search("الإنتخابات"), "الانتخابات");
  EXPECT_EQ(Search("الإستقرار"), "الاستقرار");
  EXPECT_EQ(Search("مؤكداً"), "موكدا");
  EXPECT_EQ(Search("أيضًا"), "ايضا");
}

TEST(NormalizeTest, DiacriticsAndShaddaAreSeparateSwitches) {
  EXPECT_EQ(Norm(Only(&NormalizeOptions::diacritics), "مُحَمَّدٌ"), "محمّد");
  NormalizeOptions both = Only(&NormalizeOptions::diacritics);
  both.shadda = true;
  EXPECT_EQ(Norm(both, "مُحَمَّدٌ"), "محمد");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::shadda), "مُحَمَّدٌ"), "مُحَمَدٌ");
  // Superscript alef.
  EXPECT_EQ(Norm(both, "هٰذا"), "هذا");
}

TEST(NormalizeTest, QuranicMarksAndHamzaMarks) {
  // Uthmani text: small high signs and the alef wasla.
  EXPECT_EQ(
      Norm(Only(&NormalizeOptions::quranic_marks), "ٱلرَّحِيمِ ۝"),
      "ٱلرَّحِيمِ ");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::quranic_marks), "قُلۡ"), "قُل");
  // Decomposed alef + hamza above: only hamza_marks removes the mark; the
  // standard profile makes one letter of the two (below).
  EXPECT_EQ(Norm(NormalizeOptions::Standard(), "ا\u0654حمد"), "أحمد");
  EXPECT_EQ(Search("ا\u0654حمد"), "احمد");
}

// Text in Unicode's decomposed form (NFD, as macOS writes file names) spells
// أ as ا + U+0654: with presentation_forms (standard, search), a letter and a
// combining hamza or madda after it are one letter, as in NFC.
TEST(NormalizeTest, ALetterAndACombiningHamzaOrMaddaAreOneLetter) {
  const NormalizeOptions standard = NormalizeOptions::Standard();
  EXPECT_EQ(Norm(standard, "ا\u0654حمد"), "أحمد");
  EXPECT_EQ(Norm(standard, "ا\u0653ب و\u0654 ي\u0654ر ا\u0655ن ە\u0654"),
            "آب ؤ ئر إن ۀ");
  // Past whatever the profile deletes (a fatha, a tatweel, ZWJ), not past
  // a mark it keeps; read on what was written, so that normalising again
  // changes nothing (a presentation form's alef, a ligature's).
  EXPECT_EQ(Norm(standard, "ا\u064E\u0654حمد"), "أحمد");
  EXPECT_EQ(Norm(standard, "ا\u0640\u0654 ا\u200D\u0654"), "أ أ");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::presentation_forms), "ا\u064E\u0654"),
            "ا\u064E\u0654");
  EXPECT_EQ(Norm(standard, "\uFE8D\u0654 \uFEFB\u0654"), "أ لأ");
  for (const char* text : {"ا\u0640\u0654", "\uFE8D\u0654", "\uFEFB\u0654",
                           "ا\u0654\u0654", "إ\u0654", "ى\u0654"}) {
    const std::string once = Norm(standard, text);
    EXPECT_EQ(Norm(standard, once), once) << text;
  }
  // No letter it makes one with: as written.
  EXPECT_EQ(Norm(standard, "\u0654ب\u0654 ن\u0653"), "\u0654ب\u0654 ن\u0653");
  // The composed letter is folded as the profile folds it.
  NormalizeOptions folding = standard;
  folding.alef = folding.hamza_carriers = true;
  EXPECT_EQ(Norm(folding, "ا\u0654حمد و\u0654 إ\u0654"), "احمد و ا");
  EXPECT_EQ(Norm(folding, "ا"), "ا");
  // CAMeL Tools' normalisation composes nothing; nor does "none".
  EXPECT_EQ(Norm(NormalizeOptions::Camel(), "ا\u0654حمد"), "ا\u0654حمد");
  EXPECT_EQ(Norm(NormalizeOptions::None(), "ا\u0654حمد"), "ا\u0654حمد");
  // UTF-8 offsets: the letter keeps its bytes and takes the mark's.
  auto utf8 = Normalizer(standard).NormalizeWithOffsets("با\u0654ب");
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(utf8->text, "بأب");
  EXPECT_EQ(*utf8->offsets.SourceSpan(2, 4), (Span{2, 6}));
  // UCS-2 and UTF-32, vector kernel on and off: the same, and the offsets
  // of the composed letter cover the letter and the mark.
  const std::u16string ucs2 = u"في ا\u0654فريقيا والجزاي\u0654ر";
  const std::u32string utf32(ucs2.begin(), ucs2.end());
  for (bool simd : {true, false}) {
    internal::SetSimdKernelEnabledForTesting(simd);
    std::u16string out;
    OffsetMap offsets;
    ASSERT_TRUE(Normalizer(standard)
                    .NormalizeCodePoints(std::span<const char16_t>(ucs2), &out,
                                         &offsets)
                    .ok());
    EXPECT_EQ(out, u"في أفريقيا والجزائر") << simd;
    EXPECT_EQ(*offsets.SourceSpan(3, 10), (Span{3, 11})) << simd;
    EXPECT_EQ(*offsets.SourceSpan(11, 19), (Span{12, 21})) << simd;
    std::u32string out32;
    ASSERT_TRUE(
        Normalizer(standard)
            .NormalizeCodePoints(std::span<const char32_t>(utf32), &out32)
            .ok());
    EXPECT_EQ(out32, U"في أفريقيا والجزائر") << simd;
  }
  internal::SetSimdKernelEnabledForTesting(true);
}

TEST(NormalizeTest, Tatweel) {
  EXPECT_EQ(Norm(Only(&NormalizeOptions::tatweel), "العـــربية"), "العربية");
}

TEST(NormalizeTest, LetterFolding) {
  EXPECT_EQ(Norm(Only(&NormalizeOptions::alef), "أحمد إبراهيم آمنة ٱسم"),
            "احمد ابراهيم امنة اسم");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::alef_maksura), "على مستوى"),
            "علي مستوي");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::teh_marbuta), "مدينة سبها"),
            "مدينه سبها");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::hamza_carriers), "مسؤول رئيس ماء"),
            "مسوول رييس ماء");
}

TEST(NormalizeTest, PersianAndUrduLookAlikes) {
  NormalizeOptions variants = Only(&NormalizeOptions::letter_variants);
  EXPECT_EQ(Norm(variants, "کتاب"), "كتاب");
  EXPECT_EQ(Norm(variants, "فارسی ییلاق"), "فارسي ييلاق");
  EXPECT_EQ(Norm(variants, "ہ ە ۀ ھ"), "ه ه ه ه");
  EXPECT_EQ(Norm(variants, "ٲ ٳ ٵ"), "ا ا ا");
  // ۃ becomes ة, which the search profile folds further.
  EXPECT_EQ(Norm(variants, "ۃ"), "ة");
  EXPECT_EQ(Search("ۃ"), "ه");
}

TEST(NormalizeTest, DigitsAndSeparators) {
  NormalizeOptions digits = Only(&NormalizeOptions::digits);
  EXPECT_EQ(Norm(digits, "١٠ يونيو ٢٠٢١"), "10 يونيو 2021");
  EXPECT_EQ(Norm(digits, "۱۴۰۰"), "1400");
  EXPECT_EQ(Norm(digits, "٣٫٥ ١٬٠٠٠ ٪٥٠"), "3.5 1,000 %50");
}

TEST(NormalizeTest, PresentationFormsKeepHamzaAndMadda) {
  NormalizeOptions forms = Only(&NormalizeOptions::presentation_forms);
  EXPECT_EQ(Norm(forms, "ﻻ"), "لا");
  EXPECT_EQ(Norm(forms, "ﻷ ﻵ"), "لأ لآ");
  EXPECT_EQ(Norm(forms, "ﺍﻟﻌﺮﺑﻴﺔ"), "العربية");
  EXPECT_EQ(Norm(forms, "ﷲ"), "الله");
  // Isolated harakat lose the space of their isolated form.
  EXPECT_EQ(Norm(forms, "ﹰ"), "\u064B");
  EXPECT_EQ(Search("ﻷ"), "لا");
}

TEST(NormalizeTest, PunctuationOnlyInSearch) {
  EXPECT_EQ(Search("ماذا؟ نعم، لا؛"), "ماذا? نعم, لا;");
  EXPECT_EQ(Norm(NormalizeOptions::Standard(), "ماذا؟ نعم،"), "ماذا؟ نعم،");
}

TEST(NormalizeTest, Invisibles) {
  NormalizeOptions invisibles = Only(&NormalizeOptions::invisibles);
  EXPECT_EQ(Norm(invisibles, "\u200fليبيا\u200e \u202bطرابلس\u202c\ufeff"),
            "ليبيا طرابلس");
  EXPECT_EQ(Norm(invisibles, "مي\u200cخواهم"), "مي\u200cخواهم");
  EXPECT_EQ(Norm(Only(&NormalizeOptions::zwnj), "مي\u200cخواهم"), "ميخواهم");
  // A grapheme joiner or a variation selector inside a word, and an emoji's
  // presentation selector.
  EXPECT_EQ(Norm(invisibles, "لي\u034fبيا طر\ufe00ابلس \u2764\ufe0f"),
            "ليبيا طرابلس \u2764");
  EXPECT_EQ(Norm(invisibles, "سبها\U000E0100"), "سبها");
  EXPECT_EQ(Norm(NormalizeOptions::None(), "لي\u034fبيا"), "لي\u034fبيا");
  // A zero width space separates words: it becomes a space, not nothing
  // (26 times between two words in SaudiNewsNet, which it used to join).
  EXPECT_EQ(Norm(invisibles, "كلمة\u200bأخرى"), "كلمة أخرى");
  EXPECT_EQ(Search("كلمة \u200b أخرى\u200b"), "كلمه اخري ");
}

TEST(NormalizeTest, WhitespaceRunsFoldAndNewlinesStay) {
  NormalizeOptions ws = Only(&NormalizeOptions::whitespace);
  EXPECT_EQ(Norm(ws, "ليبيا \t\u00a0\u2003 طرابلس"), "ليبيا طرابلس");
  EXPECT_EQ(Norm(ws, "سبها  \n  طرابلس"), "سبها \n طرابلس");
  ws.fold_newlines = true;
  EXPECT_EQ(Norm(ws, "سبها  \n  طرابلس"), "سبها طرابلس");
  // A deleted character between spaces still leaves one space.
  EXPECT_EQ(Search("سبها \u0640 طرابلس"), "سبها طرابلس");
}

TEST(NormalizeTest, CaseFolding) {
  EXPECT_EQ(Norm(Only(&NormalizeOptions::case_fold), "UN وNATO"), "un وnato");
}

TEST(NormalizeTest, CamelProfileIsCamelToolsChain) {
  // dediac_ar removes U+064B-U+0652 and U+0670 but keeps tatweel; then alef,
  // alef maksura and teh marbuta folding.
  EXPECT_EQ(Norm(NormalizeOptions::Camel(), "أَحْمَدُ مدرسةٌ على ـ ٱلْ"),
            "احمد مدرسه علي ـ ال");
  EXPECT_EQ(Norm(NormalizeOptions::Camel(), "مسؤول ٲ ٓ"), "مسؤول ٲ ٓ");
}

TEST(NormalizeTest, NoneIsIdentity) {
  const std::string sample = ReadSample();
  ASSERT_GT(sample.size(), 1000u);
  EXPECT_EQ(Norm(NormalizeOptions::None(), sample), sample);
}

TEST(NormalizeTest, EveryProfileIsIdempotentOnTheSample) {
  const std::string sample =
      ReadSample() + "مُحَمَّدٌ ﻷ ﷺ  ٣٫٥ ۀ\u200c\u200f\tUN ٲ ۃ";
  for (std::string_view name : NormalizeProfileNames()) {
    Normalizer normalizer = *Normalizer::ForProfile(name);
    std::string once = *normalizer.Normalize(sample);
    EXPECT_EQ(*normalizer.Normalize(once), once) << name;
  }
}

TEST(NormalizeTest, TablesAreClosedForEveryProfile) {
  // Every character a profile writes must map to itself: this is what makes
  // the profiles idempotent.
  for (std::string_view name : NormalizeProfileNames()) {
    NormalizeOptions options = *NormalizeOptions::ForProfile(name);
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      for (char32_t x : internal::ResolveCodePoint(c, options)) {
        ASSERT_EQ(internal::ResolveCodePoint(x, options), std::u32string(1, x))
            << name << " U+" << std::hex << static_cast<uint32_t>(c);
      }
    }
  }
}

TEST(NormalizeTest, CharacterSetsAgreeWithIcu) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (internal::IsHarakah(c) || c == 0x0651) {
      EXPECT_EQ(u_charType(c), U_NON_SPACING_MARK) << std::hex << +c;
    }
    if (internal::IsQuranicMark(c)) {
      // The Quranic range holds a few signs that are not marks.
      const bool documented_non_mark = c == 0x06DD || c == 0x06DE ||
                                       c == 0x06E5 || c == 0x06E6 ||
                                       c == 0x06E9;
      if (!documented_non_mark) {
        EXPECT_EQ(u_charType(c), U_NON_SPACING_MARK) << std::hex << +c;
      }
    }
    if (internal::IsInvisibleFormat(c)) {
      EXPECT_EQ(u_charType(c), U_FORMAT_CHAR) << std::hex << +c;
    }
    if (internal::IsInvisibleMark(c)) {
      EXPECT_EQ(u_charType(c), U_NON_SPACING_MARK) << std::hex << +c;
      EXPECT_TRUE(u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
          << std::hex << +c;
    }
    if (internal::IsLineBreak(c)) EXPECT_TRUE(u_isUWhiteSpace(c));
  }
}

TEST(NormalizeTest, Utf8OffsetsPointAtSourceBytes) {
  // Each letter and fatha is two bytes; the fathas are deleted.
  auto result = Normalizer().NormalizeWithOffsets("كَتَبَ");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->text, "كتب");
  EXPECT_THAT(result->offsets.offsets(), ElementsAre(0, 0, 4, 4, 8, 8));
  EXPECT_EQ(*result->offsets.SourceSpan(2, 4), (Span{4, 8}));
  // The final fatha belongs to the last letter's span.
  EXPECT_EQ(*result->offsets.SourceSpan(4, 6), (Span{8, 12}));
}

TEST(NormalizeTest, CodePointOffsetsSurviveDeletionAndExpansion) {
  std::u16string out;
  OffsetMap offsets;
  const std::u16string in = u"وَﻻ  ليبيا";
  ASSERT_TRUE(
      Normalizer()
          .NormalizeCodePoints(std::span<const char16_t>(in), &out, &offsets)
          .ok());
  EXPECT_EQ(out, u"ولا ليبيا");
  EXPECT_THAT(offsets.offsets(), ElementsAre(0, 2, 2, 3, 5, 6, 7, 8, 9));
  // Half of the ligature maps to the whole ligature.
  EXPECT_EQ(*offsets.SourceSpan(2, 3), (Span{2, 3}));
  // "ليبيا" in the output is "ليبيا" in the input.
  EXPECT_EQ(*offsets.SourceSpan(4, 9), (Span{5, 10}));
}

TEST(NormalizeTest, AllThreeWidthsAgree) {
  const std::u32string text32 = U"ليبيا ٢٠٢١ UN ﻷ 😀 𝟕";
  std::u32string out32;
  ASSERT_TRUE(
      Normalizer()
          .NormalizeCodePoints(std::span<const char32_t>(text32), &out32)
          .ok());
  EXPECT_EQ(out32, U"ليبيا 2021 un لا 😀 7");

  const std::vector<uint8_t> latin1 = {'U', 'N', 0xA0, 0xA0, 'X', 0xB5};
  std::u16string out16;
  ASSERT_TRUE(Normalizer().NormalizeCodePoints(latin1, &out16).ok());
  // Case folding takes the micro sign out of Latin-1 (to Greek mu).
  EXPECT_EQ(out16, u"un x\u03BC");
}

TEST(NormalizeTest, BadInputGivesStatusNotCrash) {
  auto bad = Normalizer().Normalize("ليبيا\xff");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("byte offset 10"));
  EXPECT_FALSE(Normalizer().Normalize("\xc0\xaf").ok());      // overlong
  EXPECT_FALSE(Normalizer().Normalize("\xed\xa0\x80").ok());  // surrogate
  EXPECT_FALSE(Normalizer().Normalize("\xd8").ok());          // truncated

  std::u16string out;
  const std::u16string lone = u"ليبيا\xD800";
  absl::Status status =
      Normalizer().NormalizeCodePoints(std::span<const char16_t>(lone), &out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("index 5"));

  EXPECT_EQ(Normalizer::ForProfile("serch").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(NormalizeTest, EmptyAndLargeInputs) {
  EXPECT_EQ(Search(""), "");
  std::string big;
  const std::string line = "وَاستعرض وزير الداخلية الإنتخابات ٢٠٢١\n";
  while (big.size() < (16u << 20)) big += line;
  std::string once = Search(big);
  EXPECT_EQ(once.size(), big.size() / line.size() * Search(line).size());
}

// `length` characters drawn from `alphabet` by a fixed linear congruential
// sequence from `seed`: the same text on every run.
std::u16string PseudoRandomText(std::u16string_view alphabet, size_t length,
                                uint32_t seed) {
  std::u16string text;
  for (size_t k = 0; k < length; ++k) {
    seed = seed * 1103515245 + 12345;
    text.push_back(alphabet[(seed >> 16) % alphabet.size()]);
  }
  return text;
}

// Runs the UCS-2 path with the vector kernel off and on.
std::pair<std::u16string, std::vector<uint32_t>> RunUcs2(
    const Normalizer& normalizer, const std::u16string& text, bool simd) {
  internal::SetSimdKernelEnabledForTesting(simd);
  std::u16string out;
  OffsetMap offsets;
  EXPECT_TRUE(
      normalizer
          .NormalizeCodePoints(std::span<const char16_t>(text), &out, &offsets)
          .ok());
  std::u16string out_without_offsets;
  EXPECT_TRUE(normalizer
                  .NormalizeCodePoints(std::span<const char16_t>(text),
                                       &out_without_offsets)
                  .ok());
  EXPECT_EQ(out, out_without_offsets);
  internal::SetSimdKernelEnabledForTesting(true);
  return {out, std::vector<uint32_t>(offsets.offsets().begin(),
                                     offsets.offsets().end())};
}

TEST(NormalizeTest, VectorKernelAgreesWithScalarLoop) {
  if (!internal::SimdKernelAvailable()) GTEST_SKIP() << "no AVX-512 here";
  // Pseudo-random text over the characters the vector tables cover and a few
  // they do not, so blocks switch between the two paths; long space runs
  // cross block boundaries.
  const std::u16string alphabet =
      u"ابتةىأإآؤئءـًٌٍَُِّْٰ٠١٢٫، \t\nABCabc.،؟ﻻ\u00a0\u200f  کی۱"
      u"«»éÉßµÀ×ÿ\u0085\u0099\u00ad\u200c\u200d\u2013\u201c\u201d\u2026\u2009"
      u"\u202f\u2066"
      u"\u2069\u2070\u207f";
  const std::u16string text = PseudoRandomText(alphabet, 20000, 12345);
  for (std::string_view name : NormalizeProfileNames()) {
    const Normalizer normalizer = *Normalizer::ForProfile(name);
    for (size_t start : {0, 1, 7, 31}) {
      const std::u16string piece = text.substr(start);
      EXPECT_EQ(RunUcs2(normalizer, piece, true),
                RunUcs2(normalizer, piece, false))
          << name << " from " << start;
    }
    // Every length around the block size, so that the short last block
    // (masked) is tried at each size, after full blocks and alone.
    for (size_t size = 0; size <= 100; ++size) {
      for (size_t start : {0, 333}) {
        const std::u16string piece = text.substr(start, size);
        EXPECT_EQ(RunUcs2(normalizer, piece, true),
                  RunUcs2(normalizer, piece, false))
            << name << " size " << size << " from " << start;
      }
    }
  }
}

TEST(NormalizeTest, VectorKernelAgreesWithScalarLoopOnLatin1) {
  if (!internal::SimdKernelAvailable()) GTEST_SKIP() << "no AVX-512 here";
  // Latin-1 letters, spaces, NBSP, soft hyphen, C1 controls.
  const std::u16string latin1 = PseudoRandomText(
      u"aB  \t\u00A0\u00AD\u00C9\u00DF\u0085\u0099.7\u00FF\u00B5", 3000, 777);
  const std::vector<uint8_t> text(latin1.begin(), latin1.end());
  auto run = [](const Normalizer& normalizer, std::span<const uint8_t> piece,
                bool simd) {
    internal::SetSimdKernelEnabledForTesting(simd);
    std::u16string out;
    OffsetMap offsets;
    EXPECT_TRUE(normalizer.NormalizeCodePoints(piece, &out, &offsets).ok());
    internal::SetSimdKernelEnabledForTesting(true);
    return std::pair(out, std::vector<uint32_t>(offsets.offsets().begin(),
                                                offsets.offsets().end()));
  };
  for (std::string_view name : NormalizeProfileNames()) {
    const Normalizer normalizer = *Normalizer::ForProfile(name);
    for (size_t size : {0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 3000}) {
      const std::span<const uint8_t> piece(text.data(), size);
      EXPECT_EQ(run(normalizer, piece, true), run(normalizer, piece, false))
          << name << " size " << size;
    }
  }
}

// NormalizeCodePointsInto writes into a buffer of exactly the input's
// length: the result must equal NormalizeCodePoints, and nothing past the
// buffer may change, at every length around the vector block, with the
// vector kernel and without.
TEST(NormalizeTest, IntoABufferOfTheInputsLength) {
  const std::u16string alphabet =
      u"ابتةىأإآؤئءـًٌٍَُِّْٰ٠١٢٫، \t\nABCabc.؟\u00a0\u200f  کی۱«»éµ\u200c"
      u"\u2013\u201c\u2026\u2066";
  const std::u16string text = PseudoRandomText(alphabet, 3000, 777);
  constexpr char16_t kGuard = u'\uFFFD';
  for (bool simd : {true, false}) {
    internal::SetSimdKernelEnabledForTesting(simd);
    for (std::string_view name : NormalizeProfileNames()) {
      const Normalizer normalizer = *Normalizer::ForProfile(name);
      for (size_t size = 0; size <= 200; ++size) {
        const std::u16string piece = text.substr(size * 7 % 1000, size);
        std::u16string expected;
        ASSERT_TRUE(normalizer
                        .NormalizeCodePoints(std::span<const char16_t>(piece),
                                             &expected)
                        .ok());
        std::u16string buffer(size + 40, kGuard);
        const std::optional<size_t> written =
            normalizer.NormalizeCodePointsInto(
                piece, std::span<char16_t>(buffer.data(), size));
        ASSERT_TRUE(written.has_value()) << name << " size " << size;
        EXPECT_EQ(buffer.substr(0, *written), expected)
            << name << " size " << size << " simd " << simd;
        EXPECT_EQ(buffer.substr(size), std::u16string(40, kGuard))
            << name << " size " << size << " simd " << simd;
      }
    }
  }
  internal::SetSimdKernelEnabledForTesting(true);

  // What it leaves to NormalizeCodePoints: a ligature that expands, a lone
  // surrogate, and a buffer shorter than the input.
  const Normalizer search;
  std::u16string buffer(64, kGuard);
  EXPECT_FALSE(search.NormalizeCodePointsInto(u"قال ﷺ", buffer).has_value());
  EXPECT_FALSE(
      search.NormalizeCodePointsInto(u"ليبيا \xD800", buffer).has_value());
  EXPECT_FALSE(search
                   .NormalizeCodePointsInto(
                       u"ليبيا", std::span<char16_t>(buffer.data(), 4))
                   .has_value());
  const std::u16string article = u"الإتحاد الأوروبي في طرابلس";
  const std::optional<size_t> written =
      search.NormalizeCodePointsInto(article, buffer);
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(buffer.substr(0, *written), u"الاتحاد الاوروبي في طرابلس");
  // Nor does it write over its own input.
  std::u16string in_place = article;
  EXPECT_FALSE(search.NormalizeCodePointsInto(in_place, in_place).has_value());
  EXPECT_EQ(in_place, article);
}

// NormalizeCodePoints may be given a view of its own output string: the text
// is read before the string is overwritten or grown (growing it freed the
// text under the reader, which lost or garbled characters).
TEST(NormalizeTest, NormalizesInPlace) {
  const Normalizer search;
  const std::u16string samples[] = {u"أحمد وﻷ الإتحاد", u"قال ﷺ في الإتحاد",
                                    u"وَلِيبِيَا"};
  for (const std::u16string& sample : samples) {
    std::u16string expected;
    ASSERT_TRUE(
        search.NormalizeCodePoints(std::span<const char16_t>(sample), &expected)
            .ok());
    std::u16string text = sample;
    ASSERT_TRUE(
        search.NormalizeCodePoints(std::span<const char16_t>(text), &text)
            .ok());
    EXPECT_EQ(text, expected);
    // A view of part of it, with offsets.
    text = sample;
    OffsetMap offsets;
    ASSERT_TRUE(
        search
            .NormalizeCodePoints(std::span<const char16_t>(text).subspan(0, 4),
                                 &text, &offsets)
            .ok());
    std::u16string head;
    ASSERT_TRUE(search
                    .NormalizeCodePoints(
                        std::span<const char16_t>(sample).subspan(0, 4), &head)
                    .ok());
    EXPECT_EQ(text, head);
  }
  std::u32string wide = U"الإتحاد 😀 وﻷ";
  std::u32string wide_expected;
  ASSERT_TRUE(
      search
          .NormalizeCodePoints(std::span<const char32_t>(wide), &wide_expected)
          .ok());
  ASSERT_TRUE(
      search.NormalizeCodePoints(std::span<const char32_t>(wide), &wide).ok());
  EXPECT_EQ(wide, wide_expected);
}

TEST(NormalizeTest, CodePointBatchEqualsOneByOne) {
  const Normalizer normalizer;
  std::vector<std::u16string> ucs2;
  std::vector<std::u32string> utf32;
  std::vector<std::vector<uint8_t>> latin1;
  std::vector<CodePointsView> views;
  for (int k = 0; k < 300; ++k) {
    ucs2.push_back(u"وَاستعرض وزير الداخلية الإنتخابات ٢٠٢١ " +
                   std::u16string(k % 40, u'ـ'));
    utf32.push_back(U"😀 الإتحاد  الأوروبي " + std::u32string(k % 7, U'A'));
    latin1.push_back(std::vector<uint8_t>(k % 50, 0xC9));  // É
  }
  for (int k = 0; k < 300; ++k) {
    views.push_back({ucs2[k].data(), ucs2[k].size(), 2});
    views.push_back({utf32[k].data(), utf32[k].size(), 4});
    views.push_back({latin1[k].data(), latin1[k].size(), 1});
  }
  for (int threads : {1, 3}) {
    absl::StatusOr<NormalizedBatch> batch =
        normalizer.NormalizeCodePointsBatch(views, threads);
    ASSERT_TRUE(batch.ok()) << batch.status();
    ASSERT_EQ(batch->size(), views.size());
    for (int k = 0; k < 300; ++k) {
      std::u16string expected16;
      std::u32string expected32;
      ASSERT_TRUE(normalizer
                      .NormalizeCodePoints(std::span<const char16_t>(ucs2[k]),
                                           &expected16)
                      .ok());
      EXPECT_EQ(batch->narrow(3 * k), expected16);
      ASSERT_TRUE(normalizer
                      .NormalizeCodePoints(std::span<const char32_t>(utf32[k]),
                                           &expected32)
                      .ok());
      EXPECT_TRUE(batch->is_wide(3 * k + 1));
      EXPECT_EQ(batch->wide(3 * k + 1), expected32);
      EXPECT_EQ(batch->narrow(3 * k + 2), std::u16string(k % 50, u'\u00E9'));
      // The largest code point: an Arabic letter (ي, U+064A, is the highest
      // there), the emoji, é (U+00E9), or 0 for an empty text.
      EXPECT_EQ(batch->max_code_point(3 * k), U'\u064A');
      EXPECT_EQ(batch->max_code_point(3 * k + 1), U'\U0001F600');
      EXPECT_EQ(batch->max_code_point(3 * k + 2), k % 50 == 0 ? 0 : 0xE9);
    }
  }
  // The same storage reused by a second, smaller batch: what the first left
  // behind in the arenas is not part of the results.
  NormalizedBatch reused;
  ASSERT_TRUE(normalizer.NormalizeCodePointsBatch(views, 2, &reused).ok());
  const std::vector<CodePointsView> two = {views[3], views[4]};
  ASSERT_TRUE(normalizer.NormalizeCodePointsBatch(two, 2, &reused).ok());
  ASSERT_EQ(reused.size(), 2u);
  std::u16string expected16;
  std::u32string expected32;
  ASSERT_TRUE(
      normalizer
          .NormalizeCodePoints(std::span<const char16_t>(ucs2[1]), &expected16)
          .ok());
  ASSERT_TRUE(
      normalizer
          .NormalizeCodePoints(std::span<const char32_t>(utf32[1]), &expected32)
          .ok());
  EXPECT_EQ(reused.narrow(0), expected16);
  EXPECT_EQ(reused.wide(1), expected32);
  EXPECT_EQ(reused.max_code_point(1), U'\U0001F600');
  const std::u16string lone = u"ab\xDC00";
  views[5] = {lone.data(), lone.size(), 2};
  absl::StatusOr<NormalizedBatch> bad =
      normalizer.NormalizeCodePointsBatch(views);
  EXPECT_THAT(bad.status().message(), HasSubstr("texts[5]: lone surrogate"));
}

// A view with no data but a size, or of a width no str has, is refused by
// its index before any text is read (it crashed, or threw while the arenas
// were sized from its length).
TEST(NormalizeTest, BatchRefusesBadViews) {
  const std::u16string text = u"ليبيا";
  const Normalizer normalizer;
  for (int width : {1, 2, 4}) {
    const std::vector<CodePointsView> views = {{text.data(), text.size(), 2},
                                               {nullptr, 5, width}};
    EXPECT_THAT(
        normalizer.NormalizeCodePointsBatch(views, 1).status().message(),
        HasSubstr("texts[1]: a view of 5 code points has no data"));
  }
  const std::vector<CodePointsView> odd = {{text.data(), size_t{1} << 62, 3},
                                           {text.data(), text.size(), 2}};
  NormalizedBatch reused;
  EXPECT_THAT(normalizer.NormalizeCodePointsBatch(odd, 2, &reused).message(),
              HasSubstr("texts[0]: code point width 3 is not 1, 2 or 4"));
  EXPECT_EQ(reused.size(), 0u);
  const std::vector<CodePointsView> empty = {{nullptr, 0, 2}};
  ASSERT_TRUE(normalizer.NormalizeCodePointsBatch(empty, 1, &reused).ok());
  EXPECT_EQ(reused.narrow(0), u"");
}

TEST(NormalizeTest, BatchRefusesANegativeThreadCount) {
  const std::u16string text = u"ليبيا";
  const std::vector<CodePointsView> views = {{text.data(), text.size(), 2}};
  const Normalizer normalizer;
  EXPECT_THAT(normalizer.NormalizeCodePointsBatch(views, -1).status().message(),
              HasSubstr("threads is -1"));
  NormalizedBatch reused;
  ASSERT_TRUE(normalizer.NormalizeCodePointsBatch(views, 1, &reused).ok());
  EXPECT_EQ(normalizer.NormalizeCodePointsBatch(views, -2, &reused).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reused.size(), 0u);
  const std::vector<std::string_view> utf8 = {"ليبيا"};
  EXPECT_EQ(normalizer.NormalizeBatch(utf8, -1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A move copies: the moved-from normaliser still normalises (it held no
// tables, and crashed).
TEST(NormalizeTest, AMovedFromNormalizerStaysUsable) {
  Normalizer original;
  const Normalizer moved = std::move(original);
  Normalizer assigned(NormalizeOptions{});
  assigned = std::move(original);
  for (const Normalizer* each :
       std::initializer_list<const Normalizer*>{&original, &moved, &assigned}) {
    EXPECT_EQ(*each->Normalize("الإتحاد"), "الاتحاد");
  }
}

TEST(NormalizeTest, SharedAcrossThreadsGivesTheSameResult) {
  const Normalizer normalizer;
  const std::string sample = ReadSample();
  const std::string expected = *normalizer.Normalize(sample);
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back(
        [&, t] { results[t] = *normalizer.Normalize(sample); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
}  // namespace kalima
