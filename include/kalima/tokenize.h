// Tokenizer and SentenceSplitter: word tokens and sentences as spans of the
// caller's text, the stream clitic segmentation and entity matching consume.
#ifndef KALIMA_TOKENIZE_H_
#define KALIMA_TOKENIZE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kalima/code_points.h"
#include "kalima/export.h"
#include "kalima/span.h"

namespace kalima {

enum class TokenKind : uint8_t {
  kArabic,       // A word in Arabic script, clitics and diacritics included.
  kLatin,        // A word in Latin script (digits after its first letter too).
  kWord,         // A word in another script (Cyrillic, Hebrew, Han...).
  kNumber,       // Digits of any script with . , ٫ ٬ : between digits.
  kPunctuation,  // One mark, or a run of . or of ! ? ؟ (... ?!).
  kSymbol,       // Symbols, % included; a whole emoji sequence is one.
  kUrl,          // http://, https://, ftp:// or www. up to a space.
  kEmail,        // name@domain.tld
  kHashtag,      // #word, # included.
  kMention,      // @name (ASCII letters, digits and _), @ included.
};
inline constexpr int kTokenKindCount = 10;

// The lower-case name of a kind ("arabic", "latin", "word", "number",
// "punctuation", "symbol", "url", "email", "hashtag", "mention"), or
// "unknown" for a value that names no kind.
KALIMA_EXPORT std::string_view TokenKindName(TokenKind kind);

// A token: [start, end) in the units of the call that produced it (bytes for
// UTF-8, code points for fixed-width input).
struct Token {
  size_t start = 0;
  size_t end = 0;
  TokenKind kind = TokenKind::kArabic;
  friend bool operator==(const Token&, const Token&) = default;
};

// Which compound kinds are recognised. A kind switched off falls apart into
// the words, numbers and punctuation it is made of.
struct TokenizerOptions {
  bool urls = true;
  bool emails = true;
  bool hashtags = true;
  bool mentions = true;
  friend bool operator==(const TokenizerOptions&,
                         const TokenizerOptions&) = default;
};

// Splits text into tokens. Whitespace is not a token, nor are control
// characters (NUL, U+001C..U+001F, DEL...), which separate words as whitespace
// does, nor invisible format characters (ZWNJ, bidi marks, BOM...) outside
// words; everything else is in exactly one token. Rules:
// - A word runs while its script stays the same; diacritics, tatweel and
//   ZWNJ/ZWJ inside it never split it. Clitics stay attached (وبالكتاب is one
//   token). A script change splits (iPhoneات → iPhone | ات).
// - A number glued to a letter prefix is split from it (ب300 → ب | 300),
//   except after the article or a tatweel, which write the join on purpose
//   (ال3, الـ84, بـ300).
// - A tatweel that starts a token, or hangs off the end of a word longer
//   than a prefix (الإحصاءـ), is a dash: punctuation of its own.
// - Quotes and brackets are tokens of their own.
// Runs in time linear in the input, one pass with bounded look-ahead.
class KALIMA_EXPORT Tokenizer {
 public:
  Tokenizer() = default;
  explicit Tokenizer(const TokenizerOptions& options) : options_(options) {}

  const TokenizerOptions& options() const { return options_; }

  // UTF-8 in, byte offsets out. InvalidArgument (naming the byte offset) on
  // input that is not valid UTF-8.
  absl::StatusOr<std::vector<Token>> Tokenize(std::string_view utf8) const;

  // Fixed-width code points (CPython's str layouts), code point offsets out.
  // `out` is replaced. A surrogate or a value above U+10FFFF is
  // InvalidArgument naming its index.
  absl::Status TokenizeCodePoints(std::span<const uint8_t> latin1,
                                  std::vector<Token>* out) const;
  absl::Status TokenizeCodePoints(std::span<const char16_t> ucs2,
                                  std::vector<Token>* out) const;
  absl::Status TokenizeCodePoints(std::span<const char32_t> utf32,
                                  std::vector<Token>* out) const;
  absl::Status TokenizeCodePoints(const CodePointsView& text,
                                  std::vector<Token>* out) const;

  // Tokenises many texts on up to `threads` threads (0: one per core; a
  // negative count is InvalidArgument); item i equals the single call on
  // texts[i]. The first failure (lowest index) is returned, prefixed with its
  // index.
  absl::StatusOr<std::vector<std::vector<Token>>> TokenizeBatch(
      std::span<const std::string_view> texts, int threads = 0) const;
  absl::StatusOr<std::vector<std::vector<Token>>> TokenizeCodePointsBatch(
      std::span<const CodePointsView> texts, int threads = 0) const;

 private:
  TokenizerOptions options_;
};

struct SentenceOptions {
  // A single line break ends a sentence (text with one paragraph a line, as
  // most web and news text is). Off: only a blank line does.
  bool line_break_ends_sentence = true;
  friend bool operator==(const SentenceOptions&,
                         const SentenceOptions&) = default;
};

// Splits text into sentences, each the span from its first token's start to
// its last token's end. A sentence ends after . ! ? ؟ ۔ (or a run of them),
// together with the closing quotes and brackets glued after it, and at
// paragraph breaks (a blank line, U+2029 or a form feed). It does not end
// inside a number (3.5), URL or e-mail; at a period that closes an abbreviation
// (a single letter: د. م. ص.ب ق.م, J.; a few Latin titles: Dr. Mr.); at a
// period glued to a Latin letter on both sides; at an ellipsis (... … . . .),
// which Arabic prose uses mid-sentence; inside a quotation that closes later in
// the paragraph; or at ? ؟ before أو / أم (an alternative question). A
// quotation whose speaker a colon named (قال فلان: "...") ends its sentence,
// even without a final mark, when a verb of saying follows it (قيل، وأضاف،
// وقالت ...).
class KALIMA_EXPORT SentenceSplitter {
 public:
  SentenceSplitter() = default;
  explicit SentenceSplitter(const SentenceOptions& options)
      : options_(options) {}

  const SentenceOptions& options() const { return options_; }

  // Byte offsets; InvalidArgument on invalid UTF-8.
  absl::StatusOr<std::vector<Span>> Split(std::string_view utf8) const;
  // Code point offsets; InvalidArgument on surrogates.
  absl::StatusOr<std::vector<Span>> SplitCodePoints(
      const CodePointsView& text) const;
  // Sentences of a text already tokenised by the default Tokenizer, in the
  // tokens' units. InvalidArgument if the tokens are not ordered spans of
  // the text (for UTF-8: of well-formed text, each on character boundaries).
  absl::StatusOr<std::vector<Span>> SplitTokens(
      std::string_view utf8, std::span<const Token> tokens) const;
  absl::StatusOr<std::vector<Span>> SplitTokens(
      const CodePointsView& text, std::span<const Token> tokens) const;

  // Many texts on up to `threads` threads (0: one per core; a negative count
  // is InvalidArgument); the first failure (lowest index) is returned,
  // prefixed with its index.
  absl::StatusOr<std::vector<std::vector<Span>>> SplitCodePointsBatch(
      std::span<const CodePointsView> texts, int threads = 0) const;

 private:
  SentenceOptions options_;
};

}  // namespace kalima

#endif  // KALIMA_TOKENIZE_H_
