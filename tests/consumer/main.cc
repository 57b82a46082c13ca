// Normalises, tokenises, segments and matches a gazetteer over a line of the
// sample article through the installed library and checks the results and
// their offsets; exits non-zero on any mismatch.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "kalima/clitics.h"
#include "kalima/code_points.h"
#include "kalima/gazetteer.h"
#include "kalima/normalize.h"
#include "kalima/offset_map.h"
#include "kalima/parallel.h"
#include "kalima/segment.h"
#include "kalima/span.h"
#include "kalima/tokenize.h"

int main() {
  const std::string text = "ومفوضية الإتحاد الأوروبي";
  absl::StatusOr<kalima::Normalizer> normalizer =
      kalima::Normalizer::ForProfile("search");
  if (!normalizer.ok()) return 1;
  absl::StatusOr<kalima::NormalizedText> result =
      normalizer->NormalizeWithOffsets(text);
  if (!result.ok()) return 2;
  const std::string expected = "ومفوضيه الاتحاد الاوروبي";
  if (result->text != expected) {
    std::fprintf(stderr, "got %s\n", result->text.c_str());
    return 3;
  }
  // "الاتحاد" starts at byte 15 of the output and of the input alike.
  absl::StatusOr<kalima::Span> span = result->offsets.SourceSpan(15, 29);
  if (!span.ok() ||
      text.substr(span->start, span->end - span->start) != "الإتحاد") {
    return 4;
  }
  if (normalizer->Normalize("\xff").ok()) return 5;
  // The input's second token, the clitic-glued name, in byte offsets.
  absl::StatusOr<std::vector<kalima::Token>> tokens =
      kalima::Tokenizer().Tokenize(text);
  if (!tokens.ok() || tokens->size() != 3 ||
      text.substr((*tokens)[1].start, (*tokens)[1].end - (*tokens)[1].start) !=
          "الإتحاد" ||
      (*tokens)[1].kind != kalima::TokenKind::kArabic) {
    return 6;
  }
  // The clitic grammar, and a segmenter model trained here from raw text.
  bool has_wall = false;
  for (const kalima::ProcliticSequence& seq : kalima::ProcliticSequences()) {
    has_wall = has_wall || seq.surface == U"وال";
  }
  if (!has_wall) return 7;
  kalima::SegmenterTrainer trainer;
  if (!trainer.AddText("المفوضية مفوضية ومفوضية للمفوضية").ok()) return 8;
  std::vector<double> weights(kalima::SegmenterFeatureNames().size(), 0.0);
  absl::StatusOr<std::string> model = trainer.Build(weights, "consumer", 1);
  if (!model.ok()) return 9;
  absl::StatusOr<kalima::Segmenter> segmenter =
      kalima::Segmenter::FromBytes(*model, "consumer model");
  if (!segmenter.ok()) return 10;
  absl::StatusOr<kalima::Segmentation> seg = segmenter->Segment(text);
  if (!seg.ok() || seg->tokens.size() != 3) return 11;
  for (const kalima::SegmentedToken& token : seg->tokens) {
    const auto parts = seg->PartsOf(token);
    if (parts.empty() || parts.front().start != token.token.start ||
        parts.back().end != token.token.end) {
      return 12;
    }
  }
  if (kalima::Segmenter::FromBytes("junk", "junk").ok()) return 13;
  // The name in its standard spelling finds the article's, in bytes.
  kalima::GazetteerBuilder builder;
  if (!builder.Add("الاتحاد الأوروبي", "ORG", "Q458").ok()) return 14;
  absl::StatusOr<kalima::Gazetteer> gazetteer = std::move(builder).Build();
  if (!gazetteer.ok()) return 15;
  absl::StatusOr<std::vector<kalima::GazetteerMatch>> found =
      gazetteer->Find(text);
  if (!found.ok() || found->size() != 1 ||
      text.substr((*found)[0].start, (*found)[0].end - (*found)[0].start) !=
          "الإتحاد الأوروبي" ||
      gazetteer->id((*found)[0].entry) != "Q458") {
    return 16;
  }
  // The installed data: the bundled gazetteer and segmenter model.
  absl::StatusOr<kalima::Gazetteer> bundled =
      kalima::LoadBundledGazetteer(KALIMA_DATA_DIR);
  if (!bundled.ok()) {
    std::fprintf(stderr, "%s\n", bundled.status().ToString().c_str());
    return 17;
  }
  const std::string place = "وصل إلى طرابلس والمملكة المتحدة";
  absl::StatusOr<std::vector<kalima::GazetteerMatch>> places =
      bundled->Find(place);
  if (!places.ok() || places->size() != 2 ||
      place.substr((*places)[1].prefix_start,
                   (*places)[1].end - (*places)[1].prefix_start) !=
          "والمملكة المتحدة" ||
      bundled->name((*places)[1].entry) != "المملكة المتحدة") {
    return 18;
  }
  absl::StatusOr<kalima::Segmenter> bundled_segmenter =
      kalima::Segmenter::Load(std::string(KALIMA_DATA_DIR) + "/segmenter.kseg");
  if (!bundled_segmenter.ok()) return 19;
  absl::StatusOr<kalima::Segmentation> book =
      bundled_segmenter->Segment("وبالكتاب");
  if (!book.ok() || book->tokens.size() != 1 ||
      book->PartsOf(book->tokens[0]).size() != 3) {
    return 20;
  }
  // Every free function of the public API not used above, so that a shared
  // library that failed to export one fails to link here (classes are
  // exported whole; scripts/test.sh compares the exports too).
  absl::StatusOr<kalima::NormalizeOptions> options =
      kalima::NormalizeOptions::ForProfile("standard");
  if (!options.ok() || kalima::NormalizeProfileNames().empty() ||
      !kalima::SetNormalizeSwitch(&*options, "alef", true).ok() ||
      !kalima::GetNormalizeSwitch(*options, "alef").value_or(false)) {
    return 21;
  }
  if (kalima::Normalizer(*options).Normalize("أحمد").value_or("") != "احمد" ||
      kalima::NormalizeSwitchNames().size() < 2) {
    return 22;
  }
  absl::StatusOr<std::vector<kalima::Span>> sentences =
      kalima::SentenceSplitter().Split("وصل الوفد. ثم غادر.");
  if (!sentences.ok() || sentences->size() != 2 ||
      kalima::TokenKindName(kalima::TokenKind::kArabic).empty() ||
      kalima::CliticRoleName(kalima::CliticRole::kArticle).empty() ||
      kalima::PronounSuffixes().empty()) {
    return 23;
  }
  if (kalima::RestoredForm(U"لل", kalima::FormChange::kNone) != U"لل" ||
      !kalima::IsRestoredForm(U"كتاب")) {
    return 24;
  }
  std::vector<int> squares(8, 0);
  kalima::ParallelFor(
      squares.size(), kalima::EffectiveThreads(0, 8),
      [&](size_t i, int) { squares[i] = static_cast<int>(i * i); });
  if (squares[7] != 49) return 25;
  absl::StatusOr<kalima::Gazetteer> copy =
      kalima::Gazetteer::FromBytes(std::string(gazetteer->bytes()));
  if (!copy.ok()) return 26;
  absl::StatusOr<std::vector<kalima::GazetteerMatch>> again = copy->Find(text);
  if (!again.ok() || *again != *found) return 27;
  std::printf("consumer OK: %s\n", result->text.c_str());
  return 0;
}
