// Tokenizer and SentenceSplitter. One scanner, templated over how the text is
// stored (UTF-8 bytes, or CPython's 1-, 2- and 4-byte code point arrays), so
// that offsets come out in the caller's units with no conversion pass.
//
// The scanner looks at the class of the character a token starts with and
// runs the loop for that kind of token; each loop stops at the first character
// it cannot take, which the main loop then starts the next token with. Every
// character is read a bounded number of times, so the scan is linear.
#include "kalima/tokenize.h"

#include <algorithm>
#include <array>
#include <bit>
#include <string_view>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/strings/str_cat.h"
#include "internal/batch.h"
#include "internal/char_class.h"
#include "internal/tokenize_simd.h"
#include "internal/utf8.h"
#include "kalima/parallel.h"

namespace kalima {

using internal::CharClass;

namespace {

constexpr std::array<std::string_view, kTokenKindCount> kKindNames = {
    "arabic", "latin", "word",  "number",  "punctuation",
    "symbol", "url",   "email", "hashtag", "mention",
};

// A decoded character: code point, class, length in units.
struct Char {
  char32_t c = 0;
  CharClass cls = CharClass::kSpace;
  size_t len = 0;  // 0 past the end of the text.
};

// Fixed-width code points: one unit per character.
template <typename Unit>
class FixedWidthText {
 public:
  FixedWidthText(const Unit* data, size_t size)
      : data_(data), size_(size), bmp_(internal::BmpClasses()) {}
  size_t size() const { return size_; }
  // The unit at i, for ASCII comparisons.
  char32_t unit(size_t i) const { return data_[i]; }
  ABSL_ATTRIBUTE_ALWAYS_INLINE Char At(size_t i) const {
    if (i >= size_) return {};
    const char32_t c = data_[i];
    if constexpr (sizeof(Unit) == 1) {
      return {c, bmp_[c], 1};
    } else {
      return {c, c < 0x10000 ? bmp_[c] : internal::ClassOf(c), 1};
    }
  }
  absl::Status Error(size_t i) const {
    return internal::InvalidCodePointError(data_[i], i);
  }

  static constexpr size_t kUnitsPerToken = 4;

  // The vector fast path serves UCS-2, where Arabic text lives in CPython,
  // and UTF-32, where it lives once an emoji joins it. (Latin-1 holds no
  // Arabic.)
  static constexpr size_t kWindowUnits =
      sizeof(Unit) == 2   ? internal::kUcs2WindowUnits
      : sizeof(Unit) == 4 ? internal::kUtf32WindowUnits
                          : 0;
  bool Window(size_t i, internal::TokenWindow* window) const {
    if constexpr (kWindowUnits == 0) {
      return false;
    } else {
      if (size_ - i < kWindowUnits) return false;
      if constexpr (sizeof(Unit) == 2) {
        *window = internal::ClassifyUcs2Window(data_ + i);
      } else {
        *window = internal::ClassifyUtf32Window(data_ + i);
      }
      return true;
    }
  }

 private:
  const Unit* data_;
  size_t size_;
  const CharClass* bmp_;
};

// UTF-8: an ill-formed sequence reads as one unit of class kInvalid.
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view text)
      : text_(text),
        data_(reinterpret_cast<const uint8_t*>(text.data())),
        bmp_(internal::BmpClasses()) {}
  size_t size() const { return text_.size(); }
  char32_t unit(size_t i) const { return data_[i]; }
  ABSL_ATTRIBUTE_ALWAYS_INLINE Char At(size_t i) const {
    if (i >= text_.size()) return {};
    const uint8_t b0 = data_[i];
    if (b0 < 0x80) return {b0, bmp_[b0], 1};
    // Two-byte characters (Arabic among them), checked inline.
    if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < text_.size() &&
        (data_[i + 1] & 0xC0) == 0x80) {
      const char32_t c = (char32_t(b0 & 0x1F) << 6) | (data_[i + 1] & 0x3F);
      return {c, bmp_[c], 2};
    }
    char32_t c;
    const size_t len = internal::DecodeUtf8(data_, text_.size(), i, &c);
    if (len == 0) return {0, CharClass::kInvalid, 1};
    return {c, c < 0x10000 ? bmp_[c] : internal::ClassOf(c), len};
  }
  absl::Status Error(size_t i) const {
    return internal::InvalidUtf8Error(text_, i);
  }

  static constexpr size_t kUnitsPerToken = 8;
  static constexpr size_t kWindowUnits = internal::kUtf8WindowUnits;
  bool Window(size_t i, internal::TokenWindow* window) const {
    // The classifier reads one byte past the window.
    if (text_.size() - i <= kWindowUnits) return false;
    *window = internal::ClassifyUtf8Window(data_ + i);
    return true;
  }

 private:
  std::string_view text_;
  const uint8_t* data_;
  const CharClass* bmp_;
};

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}
bool IsAsciiLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsLetter(CharClass cls) {
  return cls == CharClass::kArabicLetter || cls == CharClass::kLatinLetter ||
         cls == CharClass::kOtherLetter;
}
bool IsWordKind(TokenKind kind) {
  return kind == TokenKind::kArabic || kind == TokenKind::kLatin ||
         kind == TokenKind::kWord || kind == TokenKind::kNumber;
}
// Characters that end a sentence, and that group into one token when they
// follow each other (?! ؟؟).
bool IsSentenceFinal(char32_t c) {
  switch (c) {
    case '!':
    case '?':
    case 0x061F:  // ؟
    case 0x06D4:  // ۔ Urdu full stop
    case 0x203C:  // ‼
    case 0x2047:  // ⁇
    case 0x2048:  // ⁈
    case 0x2049:  // ⁉
    case 0x3002:  // 。
    case 0xFF01:  // ！
    case 0xFF1F:  // ？
      return true;
    default:
      return false;
  }
}
// Separators that stay inside a number when a digit follows: 3.5, 1,000,
// ٣٫٥, ١٬٠٠٠, 6:30, and ر, which Saudi papers write for the decimal point
// (89ر80 مليون: 639 numbers of SaudiNewsNet).
bool IsNumberSeparator(char32_t c) {
  return c == '.' || c == ',' || c == 0x066B || c == 0x066C || c == ':' ||
         c == 0x0631;
}
bool IsSign(char32_t c) { return c == '-' || c == '+' || c == 0x2212; }
// Characters a URL may end with in running text that belong to the text.
bool IsUrlTrailing(char32_t c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '\'':
    case ')':
    case 0x060C:  // ،
    case 0x061B:  // ؛
    case 0x061F:  // ؟
    case 0x2026:  // …
      return true;
    default:
      return false;
  }
}
// Characters that cannot be part of a URL written in running text.
bool EndsUrl(const Char& ch) {
  switch (ch.cls) {
    case CharClass::kSpace:
    case CharClass::kLineBreak:
    case CharClass::kInvisible:
    case CharClass::kInvalid:
      return true;
    default:
      break;
  }
  switch (ch.c) {
    case '"':
    case '<':
    case '>':
    case '`':
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x201C:  // “
    case 0x201D:  // ”
      return true;
    default:
      return false;
  }
}

template <typename Text>
class Scanner {
 public:
  Scanner(const Text& text, const TokenizerOptions& options,
          std::vector<Token>* out)
      : text_(text), options_(options), out_(out) {}

  absl::Status Run() {
    out_->clear();
    // One allocation for a typical text (a token per ~5 characters); capped
    // so that huge inputs grow as they go.
    if (out_->capacity() == 0) {
      out_->reserve(std::min<size_t>(text_.size() / Text::kUnitsPerToken + 4,
                                     size_t{1} << 16));
    }
    size_t i = 0;
    const size_t n = text_.size();
    while (i < n) {
      // A window is worth classifying only where a fast token can start.
      if (use_windows_ && i >= fast_path_retry_at_ && MayStartFastToken(i)) {
        const size_t stop = FastWords(i);
        // After two windows in a row that gave nothing (a run of numbers,
        // Latin, kashida...), the next is tried half a window later: text the
        // fast path cannot take then costs one window per half window, while
        // the odd token it cannot take in Arabic text costs no retry delay.
        if (stop > i) {
          fast_path_misses_ = 0;
        } else if (++fast_path_misses_ >= 2) {
          fast_path_misses_ = 0;
          fast_path_retry_at_ = i + Text::kWindowUnits / 2;
        }
        i = stop;
        if (i >= n) break;
      }
      const Char ch = text_.At(i);
      TokenKind kind;
      size_t end;
      switch (ch.cls) {
        case CharClass::kSpace:
        case CharClass::kLineBreak:
        case CharClass::kInvisible:
          i = SkipSpace(i + ch.len);
          continue;
        case CharClass::kInvalid:
          return text_.Error(i);
        case CharClass::kArabicLetter:
          end = ScanArabic(i, &kind);
          break;
        case CharClass::kTatweel:
          kind = TokenKind::kPunctuation;
          end = ScanTatweel(i);
          break;
        case CharClass::kLatinLetter:
          end = ScanLatin(i, &kind);
          break;
        case CharClass::kOtherLetter:
          kind = TokenKind::kWord;
          end = ScanOtherScript(i, ch.c);
          break;
        case CharClass::kDigit:
          end = ScanDigitStart(i, &kind);
          break;
        case CharClass::kPunctuation:
          end = ScanPunctuation(i, ch, &kind);
          break;
        case CharClass::kPictograph:
          kind = TokenKind::kSymbol;
          end = ScanEmoji(i, ch);
          break;
        case CharClass::kSymbol:
          // + and − are symbols, - punctuation: each may sign a number.
          if (const size_t number = ScanSignedNumber(i, ch); number != 0) {
            kind = TokenKind::kNumber;
            end = number;
            break;
          }
          [[fallthrough]];
        case CharClass::kMark:
        default:
          kind = TokenKind::kSymbol;
          end = SkipMarks(i + ch.len);
          break;
      }
      out_->push_back(Token{i, end, kind});
      i = end;
    }
    return absl::OkStatus();
  }

 private:
  // The fast path: emits the Arabic words that a space or a plain
  // punctuation mark ends, and those marks (nine tokens in ten of real text),
  // a vector window at a time, with bit arithmetic: no branch per token.
  // Returns where it stopped: the start of a token the scanner's loops must
  // handle, or where no whole window is left. Gives the same tokens as the
  // loops (a test checks).
  size_t FastWords(size_t i) {
    if constexpr (Text::kWindowUnits == 0) {
      return i;
    } else {
      return FastWordsWithWindows(i);
    }
  }

  size_t FastWordsWithWindows(size_t i) {
    constexpr int kUnits = static_cast<int>(Text::kWindowUnits);
    constexpr uint64_t kValid =
        kUnits == 64 ? ~uint64_t{0} : (uint64_t{1} << kUnits) - 1;
    const auto lowest = [](uint64_t mask) {
      return mask == 0 ? kUnits : std::countr_zero(mask);
    };
    // The start (a bit of `starts`) of the token that the first bit of
    // `after` follows, or kUnits if `after` is empty.
    const auto start_of = [](uint64_t starts, uint64_t after) {
      if (after == 0) return kUnits;
      starts &= (after & -after) - 1;
      return 63 - std::countl_zero(starts);
    };
    internal::TokenWindow w;
    while (text_.Window(i, &w)) {
      // Runs of word units; the unit after each (known if inside the window).
      const uint64_t first = w.word & ~(w.word << 1) & kValid;
      const uint64_t last = w.word & ~(w.word >> 1) & kValid;
      const uint64_t word_after = (last << 1) & kValid;
      const uint64_t stop_after = w.stop_after & kValid;
      // A word ends at a space or a stop mark and starts with a letter; a
      // stop mark is alone before a space or a letter. Anything else starts
      // a token for the loops.
      const int bad =
          std::min({lowest(first & ~w.letter),
                    start_of(first, word_after & ~(w.space | w.stop)),
                    start_of(w.stop, stop_after & ~(w.space | w.letter)),
                    lowest(kValid & ~(w.space | w.word | w.stop_units))});
      // Tokens whose end is past the window are left for the next window.
      int tail = kUnits;
      if (last >> (kUnits - 1)) tail = 63 - std::countl_zero(first);
      if ((w.stop_units >> (kUnits - 1)) & 1) {
        tail = std::min(tail, 63 - std::countl_zero(w.stop));
      }
      const int cut = std::min(bad, tail);
      const uint64_t below_cut =
          cut == 64 ? ~uint64_t{0} : (uint64_t{1} << cut) - 1;
      uint64_t starts = (first | w.stop) & below_cut;
      uint64_t ends = word_after | stop_after;
      while (starts != 0) {
        const int start = std::countr_zero(starts);
        const int end = std::countr_zero(ends);
        out_->push_back(Token{i + start, i + end,
                              ((w.word >> start) & 1)
                                  ? TokenKind::kArabic
                                  : TokenKind::kPunctuation});
        starts &= starts - 1;
        ends &= ends - 1;
      }
      // Stop at a token for the loops; move on past whole windows (a word
      // longer than a window also goes to the loops).
      if ((bad < kUnits && bad <= tail) || cut == 0) return i + cut;
      i += cut;
    }
    return i;
  }

  bool MayStartFastToken(size_t i) const {
    const Char ch = text_.At(i);
    return ch.cls == CharClass::kArabicLetter || internal::IsStopMark(ch.c);
  }

  // The end of the run of whitespace and invisible characters starting at i.
  size_t SkipSpace(size_t i) const {
    for (Char ch = text_.At(i);
         ch.len != 0 &&
         (ch.cls == CharClass::kSpace || ch.cls == CharClass::kLineBreak ||
          ch.cls == CharClass::kInvisible);
         ch = text_.At(i)) {
      i += ch.len;
    }
    return i;
  }

  // The end of the run of combining marks starting at i.
  size_t SkipMarks(size_t i) const {
    for (Char ch = text_.At(i); ch.cls == CharClass::kMark; ch = text_.At(i)) {
      i += ch.len;
    }
    return i;
  }

  // If invisible characters (ZWNJ, ZWJ, bidi marks) start at i and the
  // character after them satisfies `continues`, the position of that
  // character; otherwise i. Lets words keep the invisibles inside them.
  template <typename Pred>
  size_t SkipInvisiblesInside(size_t i, Pred continues) const {
    size_t j = i;
    Char ch = text_.At(j);
    while (ch.cls == CharClass::kInvisible) {
      j += ch.len;
      ch = text_.At(j);
    }
    return ch.len != 0 && continues(ch) ? j : i;
  }

  // The end of the run from j of characters that satisfy `continues`, with
  // invisible characters kept where the run goes on after them.
  template <typename Pred>
  size_t ScanRun(size_t j, Pred continues) const {
    for (;;) {
      const Char ch = text_.At(j);
      if (continues(ch)) {
        j += ch.len;
        continue;
      }
      if (ch.cls != CharClass::kInvisible) return j;
      const size_t k = SkipInvisiblesInside(j, continues);
      if (k == j) return j;
      j = k;
    }
  }

  // True if a word or number token ends exactly at i (so a sign at i is
  // glued to it, not the start of a signed number).
  bool AfterWord(size_t i) const {
    return !out_->empty() && out_->back().end == i &&
           IsWordKind(out_->back().kind);
  }
  // The same for # and @, which an Arabic clitic may precede (و#ليبيا) but
  // a Latin word or number may not (C#, user@).
  bool AfterNonArabicWord(size_t i) const {
    return AfterWord(i) && out_->back().kind != TokenKind::kArabic;
  }

  static bool ContinuesArabic(const Char& ch) {
    return ch.cls == CharClass::kArabicLetter || ch.cls == CharClass::kMark ||
           ch.cls == CharClass::kTatweel;
  }

  // An Arabic word. Tatweel is kashida inside a word (كبيـــر) and joins a
  // prefix to what follows (الـ84, بـ), but a dash where it hangs off the end
  // of a longer word (الإحصاءـ) or follows a letter that cannot join (وـ):
  // there it is left as a token of its own.
  size_t ScanArabic(size_t i, TokenKind* kind) const {
    *kind = TokenKind::kArabic;
    size_t j = i;
    // Past the last letter, mark or tatweel: where the word ends if the
    // invisibles after it (ليبيا + ZWNJ + ـ) turn out to be between words.
    size_t word_end = i;
    size_t tatweel_run = 0;  // Where the trailing run of tatweels starts.
    bool in_tatweel_run = false;
    char32_t last_letter = 0;
    for (;;) {
      const Char ch = text_.At(j);
      if (ch.cls == CharClass::kArabicLetter) {
        in_tatweel_run = false;
        last_letter = ch.c;
        j += ch.len;
        word_end = j;
        continue;
      }
      if (ch.cls == CharClass::kMark) {
        j += ch.len;
        word_end = j;
        continue;
      }
      if (ch.cls == CharClass::kTatweel) {
        if (!in_tatweel_run) {
          // After a letter that does not join forward (وـربما) a tatweel
          // cannot be a kashida: it is a dash, and the word ends here.
          if (last_letter != 0 && !internal::JoinsToNext(last_letter)) {
            return word_end;
          }
          tatweel_run = word_end;
          in_tatweel_run = true;
        }
        j += ch.len;
        word_end = j;
        continue;
      }
      if (ch.cls == CharClass::kInvisible) {
        const size_t k = SkipInvisiblesInside(j, ContinuesArabic);
        if (k == j) break;
        j = k;
        continue;
      }
      if (ch.cls == CharClass::kDigit) {
        // الـ84, ال3, بال3: a prefix ending in the article, or joined by a
        // tatweel, is one token with the number, as in UD.
        if (IsPrefixWithArticle(i, in_tatweel_run ? tatweel_run : j,
                                /*bare_prefix_ok=*/in_tatweel_run)) {
          *kind = TokenKind::kNumber;
          return ScanNumber(j);
        }
      }
      break;
    }
    if (in_tatweel_run &&
        !IsPrefixWithArticle(i, tatweel_run, /*bare_prefix_ok=*/true)) {
      return tatweel_run;
    }
    return j;
  }

  // How many letters [i, end) has (marks and tatweel left out), and its
  // last two.
  struct WordLetters {
    int count = 0;
    char32_t last[2] = {0, 0};
  };
  WordLetters LettersOf(size_t i, size_t end) const {
    WordLetters out;
    while (i < end) {
      const Char ch = text_.At(i);
      if (ch.cls == CharClass::kArabicLetter) {
        ++out.count;
        out.last[0] = out.last[1];
        out.last[1] = ch.c;
      }
      i += ch.len;
    }
    return out;
  }

  // True if [i, end) is a prefix that a tatweel or a number may be glued to:
  // the article with up to two clitics before it (ال، بال، وبال، لل), or, if
  // `bare_prefix_ok`, any word of up to two letters (بـ، لـ). Called on the
  // rare words that end in a tatweel or meet a digit, so it scans the word
  // again rather than keep counts in the main loop.
  bool IsPrefixWithArticle(size_t i, size_t end, bool bare_prefix_ok) const {
    const WordLetters word = LettersOf(i, end);
    if (bare_prefix_ok && word.count <= 2) return true;
    const bool article = word.last[1] == 0x0644 &&
                         (word.last[0] == 0x0627 || word.last[0] == 0x0644);
    return article && word.count <= 4;
  }

  // A tatweel starting a token is a dash (ـ used as punctuation, as in
  // "الإحصاء ـ ويبدو"): the run of tatweels is one token.
  size_t ScanTatweel(size_t i) const {
    size_t j = i;
    Char ch = text_.At(j);
    while (ch.cls == CharClass::kTatweel || ch.cls == CharClass::kMark) {
      j += ch.len;
      ch = text_.At(j);
    }
    return j;
  }

  static bool ContinuesLatin(const Char& ch) {
    return ch.cls == CharClass::kLatinLetter || ch.cls == CharClass::kMark;
  }

  size_t ScanLatin(size_t i, TokenKind* kind) {
    if (options_.urls) {
      if (const size_t end = ScanUrl(i); end != 0) {
        *kind = TokenKind::kUrl;
        return end;
      }
    }
    if (options_.emails) {
      if (const size_t end = ScanEmail(i); end != 0) {
        *kind = TokenKind::kEmail;
        return end;
      }
    }
    *kind = TokenKind::kLatin;
    size_t j = i;
    for (;;) {
      const Char ch = text_.At(j);
      if (ContinuesLatin(ch) || (ch.c >= '0' && ch.c <= '9')) {
        j += ch.len;
        continue;
      }
      if (ch.c == '\'' || ch.c == 0x2019) {
        // An apostrophe between letters belongs to the word: O'Brien.
        const Char next = text_.At(j + ch.len);
        if (next.cls == CharClass::kLatinLetter) {
          j += ch.len + next.len;
          continue;
        }
        break;
      }
      if (ch.cls == CharClass::kInvisible) {
        const size_t k = SkipInvisiblesInside(j, ContinuesLatin);
        if (k == j) break;
        j = k;
        continue;
      }
      break;
    }
    return j;
  }

  size_t ScanOtherScript(size_t i, char32_t first) const {
    const int script = internal::ScriptOf(first);
    return ScanRun(i + text_.At(i).len, [script](const Char& ch) {
      return ch.cls == CharClass::kMark || (ch.cls == CharClass::kOtherLetter &&
                                            internal::HasScript(ch.c, script));
    });
  }

  size_t ScanDigitStart(size_t i, TokenKind* kind) {
    if (options_.emails) {
      if (const size_t end = ScanEmail(i); end != 0) {
        *kind = TokenKind::kEmail;
        return end;
      }
    }
    if (const size_t end = ScanKeycap(i); end != 0) {
      *kind = TokenKind::kSymbol;
      return end;
    }
    *kind = TokenKind::kNumber;
    return ScanNumber(i);
  }

  // Digits, with separators between digits, then any marks. Invisible
  // characters followed by a digit stay inside, as inside a word: news
  // write a bidi mark after a decimal point (3.<RLM>0), and the normaliser
  // deletes it.
  size_t ScanNumber(size_t i) const {
    auto is_digit = [](const Char& ch) { return ch.cls == CharClass::kDigit; };
    size_t j = i;
    for (;;) {
      j = ScanRun(j, is_digit);
      const Char ch = text_.At(j);
      if (IsNumberSeparator(ch.c)) {
        const size_t digit = SkipInvisiblesInside(j + ch.len, is_digit);
        if (text_.At(digit).cls == CharClass::kDigit) {
          j = digit;
          continue;
        }
      }
      return SkipMarks(j);
    }
  }

  // A keycap emoji (1️⃣ #️⃣): the character at i, an optional VS16,
  // U+20E3.
  size_t ScanKeycap(size_t i) const {
    size_t j = i + text_.At(i).len;
    Char ch = text_.At(j);
    if (ch.c == 0xFE0F) {
      j += ch.len;
      ch = text_.At(j);
    }
    return ch.c == internal::kCombiningKeycap ? j + ch.len : 0;
  }

  // True if the units at i spell `prefix` (ASCII, any case).
  bool MatchesAsciiPrefix(size_t i, std::string_view prefix) const {
    if (text_.size() - i < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k) {
      char32_t u = text_.unit(i + k);
      if (u >= 'A' && u <= 'Z') u += 'a' - 'A';
      if (u != static_cast<unsigned char>(prefix[k])) return false;
    }
    return true;
  }

  // The end of a URL starting at i, or 0. Trailing punctuation is left to
  // the text (a closing bracket stays if the URL opened one).
  size_t ScanUrl(size_t i) const {
    size_t prefix = 0;
    for (std::string_view p : {"https://", "http://", "ftp://", "www."}) {
      if (MatchesAsciiPrefix(i, p)) {
        prefix = p.size();
        break;
      }
    }
    if (prefix == 0) return 0;
    size_t j = i + prefix;
    size_t good = j;
    int open_brackets = 0;
    for (Char ch = text_.At(j); ch.len != 0 && !EndsUrl(ch); ch = text_.At(j)) {
      j += ch.len;
      if (ch.c == '(') {
        ++open_brackets;
        good = j;
      } else if (ch.c == ')' && open_brackets > 0) {
        --open_brackets;
        good = j;
      } else if (!IsUrlTrailing(ch.c)) {
        good = j;
      }
    }
    return good > i + prefix ? good : 0;
  }

  // The end of an e-mail address starting at i, or 0. A failed attempt
  // remembers where its local part ended, so that tokens starting inside that
  // run do not scan it again (keeping the tokenizer linear).
  size_t ScanEmail(size_t i) {
    if (i < no_email_before_) return 0;
    auto is_local = [](char32_t u) {
      return IsAsciiAlnum(u) || u == '.' || u == '_' || u == '%' || u == '+' ||
             u == '-';
    };
    const size_t n = text_.size();
    size_t at = i;
    while (at < n && is_local(text_.unit(at))) ++at;
    if (at == n || text_.unit(at) != '@' || text_.unit(at - 1) == '.') {
      no_email_before_ = at;
      return 0;
    }
    // Domain: labels of letters, digits and hyphens joined by dots; the last
    // label (the top-level domain) has two letters or more.
    size_t j = at + 1;
    size_t end = 0;
    int labels = 0;
    for (;;) {
      const size_t label_start = j;
      bool letters_only = true;
      while (j < n && (IsAsciiAlnum(text_.unit(j)) || text_.unit(j) == '-')) {
        letters_only &= IsAsciiLetter(text_.unit(j));
        ++j;
      }
      if (j == label_start) break;
      ++labels;
      if (labels >= 2 && letters_only && j - label_start >= 2) end = j;
      if (j + 1 < n && text_.unit(j) == '.' &&
          IsAsciiAlnum(text_.unit(j + 1))) {
        ++j;
        continue;
      }
      break;
    }
    if (end == 0) no_email_before_ = at;
    return end;
  }

  // The end of a number that the sign `ch` at i starts (-3, +3, −3), or 0:
  // a sign that follows a word is an operator or a dash (كوفيد-19).
  size_t ScanSignedNumber(size_t i, const Char& ch) const {
    const size_t next = i + ch.len;
    if (!IsSign(ch.c) || AfterWord(i) ||
        text_.At(next).cls != CharClass::kDigit) {
      return 0;
    }
    return ScanNumber(next);
  }

  size_t ScanPunctuation(size_t i, const Char& ch, TokenKind* kind) {
    *kind = TokenKind::kPunctuation;
    const size_t next = i + ch.len;
    switch (ch.c) {
      case '#':
        if (const size_t end = ScanKeycap(i); end != 0) {
          *kind = TokenKind::kSymbol;
          return end;
        }
        if (options_.hashtags && !AfterNonArabicWord(i)) {
          if (const size_t end = ScanHashtagBody(next); end != 0) {
            *kind = TokenKind::kHashtag;
            return end;
          }
        }
        return SkipMarks(next);
      case '*':
        if (const size_t end = ScanKeycap(i); end != 0) {
          *kind = TokenKind::kSymbol;
          return end;
        }
        return SkipMarks(next);
      case '@':
        if (options_.mentions && !AfterNonArabicWord(i)) {
          size_t j = next;
          while (j < text_.size() &&
                 (IsAsciiAlnum(text_.unit(j)) || text_.unit(j) == '_')) {
            ++j;
          }
          if (j > next) {
            *kind = TokenKind::kMention;
            return j;
          }
        }
        return SkipMarks(next);
      case '.': {
        size_t j = next;
        while (text_.At(j).c == '.') ++j;
        return SkipMarks(j);
      }
      default:
        break;
    }
    if (const size_t number = ScanSignedNumber(i, ch); number != 0) {
      *kind = TokenKind::kNumber;
      return number;
    }
    if (IsSentenceFinal(ch.c)) {
      size_t j = next;
      for (Char c = text_.At(j); IsSentenceFinal(c.c); c = text_.At(j)) {
        j += c.len;
      }
      return SkipMarks(j);
    }
    return SkipMarks(next);
  }

  // The end of a hashtag whose body starts at i (after the #), or 0 if the
  // body has no letter (#1 is not a hashtag).
  size_t ScanHashtagBody(size_t i) const {
    bool has_letter = false;
    const size_t end = ScanRun(i, [&has_letter](const Char& ch) {
      has_letter |= IsLetter(ch.cls);
      return IsLetter(ch.cls) || ch.cls == CharClass::kMark ||
             ch.cls == CharClass::kDigit || ch.cls == CharClass::kTatweel ||
             ch.c == '_';
    });
    return has_letter ? end : 0;
  }

  // An emoji sequence: a flag (two regional indicators), or a pictograph with
  // its modifiers, variation selectors and tags, joined by ZWJ to more.
  size_t ScanEmoji(size_t i, const Char& first) const {
    size_t j = i + first.len;
    if (internal::IsRegionalIndicator(first.c)) {
      const Char next = text_.At(j);
      return internal::IsRegionalIndicator(next.c) ? j + next.len : j;
    }
    for (;;) {
      Char ch = text_.At(j);
      while (ch.cls == CharClass::kMark || internal::IsEmojiModifier(ch.c) ||
             internal::IsEmojiTag(ch.c)) {
        j += ch.len;
        ch = text_.At(j);
      }
      if (ch.c != internal::kZeroWidthJoiner) return j;
      const Char joined = text_.At(j + ch.len);
      if (joined.cls != CharClass::kPictograph) return j;
      j += ch.len + joined.len;
    }
  }

  const Text& text_;
  const TokenizerOptions& options_;
  std::vector<Token>* out_;
  size_t no_email_before_ = 0;
  size_t fast_path_retry_at_ = 0;
  int fast_path_misses_ = 0;
  const bool use_windows_ = Text::kWindowUnits > 0 &&
                            internal::TokenWindowsAvailable();
};

template <typename Text>
absl::Status Scan(const Text& text, const TokenizerOptions& options,
                  std::vector<Token>* out) {
  return Scanner<Text>(text, options, out).Run();
}

// InvalidArgument unless `tokens` are non-empty, ordered, disjoint spans of a
// text of `size` units.
absl::Status CheckTokens(std::span<const Token> tokens, size_t size) {
  size_t previous_end = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& token = tokens[k];
    if (token.start < previous_end || token.end <= token.start ||
        token.end > size) {
      return absl::InvalidArgumentError(absl::StrCat(
          "token ", k, " [", token.start, ", ", token.end,
          ") is not an ordered span of the text (", size, " units)"));
    }
    previous_end = token.end;
  }
  return absl::OkStatus();
}

// InvalidArgument unless `utf8` is well-formed and every token starts and
// ends on a character's first byte (or at the text's end): byte offsets
// inside a character would give sentences that split it.
absl::Status CheckUtf8Tokens(std::string_view utf8,
                             std::span<const Token> tokens) {
  if (absl::Status bad = internal::CheckUtf8(utf8); !bad.ok()) return bad;
  auto inside_a_character = [&](size_t at) {
    return at < utf8.size() && (static_cast<uint8_t>(utf8[at]) & 0xC0) == 0x80;
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (inside_a_character(tokens[k].start) ||
        inside_a_character(tokens[k].end)) {
      return absl::InvalidArgumentError(
          absl::StrCat("token ", k, " [", tokens[k].start, ", ", tokens[k].end,
                       ") starts or ends inside a character (UTF-8 byte "
                       "offsets)"));
    }
  }
  return absl::OkStatus();
}

// Calls body with the text `view` holds, in its width (1, 2 or 4).
template <typename Body>
auto WithCodePoints(const CodePointsView& view, Body&& body) {
  switch (view.width) {
    case 1:
      return body(
          FixedWidthText(static_cast<const uint8_t*>(view.data), view.size));
    case 2:
      return body(
          FixedWidthText(static_cast<const char16_t*>(view.data), view.size));
    default:
      return body(
          FixedWidthText(static_cast<const char32_t*>(view.data), view.size));
  }
}

absl::Status ScanView(const CodePointsView& view,
                      const TokenizerOptions& options,
                      std::vector<Token>* out) {
  if (absl::Status status = internal::CheckCodePointWidth(view); !status.ok()) {
    return status;
  }
  return WithCodePoints(
      view, [&](const auto& text) { return Scan(text, options, out); });
}

// Sentence boundaries over a tokenised text.
template <typename Text>
class SentenceScanner {
 public:
  SentenceScanner(const Text& text, const SentenceOptions& options,
                  std::span<const Token> tokens)
      : text_(text), options_(options), tokens_(tokens) {
    // The gaps between tokens are read once, here; pairing quotes and
    // splitting both use the result.
    paragraph_break_after_.resize(tokens_.size());
    for (size_t k = 0; k + 1 < tokens_.size(); ++k) {
      paragraph_break_after_[k] = ScanForParagraphBreak(k);
    }
    PairQuotes();
  }

  std::vector<Span> Run() const {
    std::vector<Span> sentences;
    const size_t n = tokens_.size();
    size_t first = 0;
    for (size_t k = 0; k < n; ++k) {
      size_t last = k;
      bool ends = false;
      if (EndsSentence(k, first)) {
        ends = true;
        // Closing quotes and brackets (and more final marks) glued after the
        // final mark belong to this sentence.
        while (last + 1 < n && tokens_[last + 1].start == tokens_[last].end &&
               (IsCloser(tokens_[last + 1]) || IsFinal(tokens_[last + 1]) ||
                IsEllipsis(tokens_[last + 1]))) {
          ++last;
        }
        // هل انبسطت؟»، وأجبتها: a comma after the mark goes on with the
        // sentence, which no comma starts (558 such marks in SaudiNewsNet).
        ends = !(last + 1 < n && IsComma(tokens_[last + 1]));
      }
      if (!ends) {
        // (Not inside a quotation that goes on after this one closes.)
        ends =
            paragraph_break_after_[last] ||
            (closes_attributed_quote_[last] && quote_close_[last] == kNoQuote &&
             last + 1 < n && tokens_[last + 1].start != tokens_[last].end &&
             IsReportingVerb(tokens_[last + 1]));
      }
      if (ends || last + 1 == n) {
        sentences.push_back(Span{tokens_[first].start, tokens_[last].end});
        first = last + 1;
      }
      k = last;
    }
    return sentences;
  }

 private:
  char32_t FirstChar(const Token& token) const {
    return text_.At(token.start).c;
  }
  size_t Length(const Token& token) const {
    size_t count = 0;
    for (size_t i = token.start; i < token.end; i += text_.At(i).len) ++count;
    return count;
  }
  size_t Letters(const Token& token) const {
    size_t count = 0;
    for (size_t i = token.start; i < token.end;) {
      const Char ch = text_.At(i);
      count += IsLetter(ch.cls);
      i += ch.len;
    }
    return count;
  }

  bool IsFinal(const Token& token) const {
    if (token.kind != TokenKind::kPunctuation) return false;
    const char32_t c = FirstChar(token);
    // A run of periods is an ellipsis, not a full stop.
    if (c == '.') return Length(token) == 1;
    return IsSentenceFinal(c);
  }

  bool IsPeriod(const Token& token) const {
    return token.kind == TokenKind::kPunctuation && FirstChar(token) == '.' &&
           Length(token) == 1;
  }

  bool IsEllipsis(const Token& token) const {
    return token.kind == TokenKind::kPunctuation &&
           (FirstChar(token) == 0x2026 ||
            (FirstChar(token) == '.' && Length(token) > 1));
  }

  // ، , ؛ ;
  bool IsComma(const Token& token) const {
    if (token.kind != TokenKind::kPunctuation) return false;
    const char32_t c = FirstChar(token);
    return c == ',' || c == ';' || c == 0x060C || c == 0x061B;
  }

  bool IsCloser(const Token& token) const {
    if (token.kind != TokenKind::kPunctuation) return false;
    switch (FirstChar(token)) {
      case '"':
      case '\'':
      case ')':
      case ']':
      case '}':
      case 0x00BB:  // »
      case 0x2019:  // ’
      case 0x201D:  // ”
      case 0x203A:  // ›
        return true;
      default:
        return false;
    }
  }

  // True if token k, of the sentence starting at token `first`, is a final
  // mark that ends it.
  bool EndsSentence(size_t k, size_t first) const {
    const Token& token = tokens_[k];
    if (!IsFinal(token)) return false;
    // ". . .": periods spaced out are an ellipsis too, but not across a
    // break that ends a sentence (a period that closes a line or paragraph
    // and one that opens the next are two full stops).
    if (IsPeriod(token) &&
        ((k > 0 && IsPeriod(tokens_[k - 1]) &&
          !paragraph_break_after_[k - 1]) ||
         (k + 1 < tokens_.size() && IsPeriod(tokens_[k + 1]) &&
          !paragraph_break_after_[k]))) {
      return false;
    }
    if (const size_t close = quote_close_[k]; close != kNoQuote) {
      // Inside a quotation that goes on after this mark: the quotation is
      // part of the sentence that reports it.
      for (size_t t = k + 1; t <= close; ++t) {
        if (tokens_[t].start != tokens_[t - 1].end ||
            !(IsCloser(tokens_[t]) || IsFinal(tokens_[t]))) {
          return false;
        }
      }
    }
    if (FirstChar(token) != '.') {
      // هل ...؟ أم ...؟: an alternative question goes on after its "or".
      const bool next_is_or =
          k + 1 < tokens_.size() &&
          (Spells(tokens_[k + 1], U"أو") || Spells(tokens_[k + 1], U"أم"));
      return !next_is_or;
    }
    if (k == 0) return true;
    const Token& before = tokens_[k - 1];
    if (before.end != token.start) return true;
    const Token* after =
        k + 1 < tokens_.size() && tokens_[k + 1].start == token.end
            ? &tokens_[k + 1]
            : nullptr;
    // example.com, U.S: a period inside Latin text.
    if (after != nullptr && before.kind == TokenKind::kLatin &&
        after->kind == TokenKind::kLatin) {
      return false;
    }
    if (IsListNumber(k - 1, first)) return false;
    // بي.بي.سي, وإل.جي, سوق.كوم: an acronym read out letter by letter, or a
    // web address, glued to the period on both sides. Other words glued to
    // one (الماضي.وفقا) are a full stop whose space news left out.
    if (after != nullptr && before.kind == TokenKind::kArabic &&
        after->kind == TokenKind::kArabic &&
        (IsLatinLetterName(before) || Spells(*after, U"كوم") ||
         Spells(*after, U"نت"))) {
      return false;
    }
    return !IsAbbreviation(k - 1);
  }

  // True if token k, a number glued to a period, numbers an item of a list
  // (1. التعليم 2. الصحة), which it opens: at the start of a sentence
  // (starting at token `first`), 1 after a colon (عدد الأهداف: 3. ends a
  // sentence), or the next number after the last item's in the same
  // sentence.
  bool IsListNumber(size_t k, size_t first) const {
    const int number = SmallNumber(tokens_[k]);
    if (number < 0) return false;
    if (k == first || (number == 1 && k > 0 && Spells(tokens_[k - 1], U":"))) {
      return true;
    }
    if (number < 2) return false;
    // The item before, within a bounded look back (a sentence that lists
    // items never ends at them, and each is looked for once).
    constexpr size_t kLookBack = 256;
    const size_t stop = std::max(first, k > kLookBack ? k - kLookBack : 0);
    for (size_t j = k - 1; j + 1 > stop + 1; --j) {
      if (SmallNumber(tokens_[j - 1]) == number - 1 && IsPeriod(tokens_[j]) &&
          tokens_[j].start == tokens_[j - 1].end) {
        return true;
      }
    }
    return false;
  }

  // The value of a number token of one or two decimal digits (ASCII,
  // Arabic-Indic or Persian), or -1.
  int SmallNumber(const Token& token) const {
    if (token.kind != TokenKind::kNumber) return -1;
    int value = 0;
    int digits = 0;
    for (size_t i = token.start; i < token.end; i += text_.At(i).len) {
      const char32_t c = text_.At(i).c;
      int d = -1;
      for (char32_t zero : {U'0', U'\u0660', U'\u06F0'}) {
        if (c >= zero && c <= zero + 9) d = static_cast<int>(c - zero);
      }
      if (d < 0 || ++digits > 2) return -1;
      value = 10 * value + d;
    }
    return value;
  }

  // True if the token is the Arabic name of a Latin letter (بي, إم, دبليو),
  // bare or after و, as acronyms are read out: words that never end a
  // sentence. Out of line: rarely asked, and kept out of EndsSentence.
  ABSL_ATTRIBUTE_NOINLINE bool IsLatinLetterName(const Token& token) const {
    static constexpr std::u32string_view kNames[] = {
        U"إيه", U"أيه",   U"ايه",    U"إي",  U"اي",  U"آي",  U"أي",  U"بي",
        U"سي",  U"دي",    U"إف",     U"اف",  U"جي",  U"جيه", U"إتش", U"اتش",
        U"كيه", U"كي",    U"إل",     U"إم",  U"ام",  U"إن",  U"ان",  U"أو",
        U"او",  U"كيو",   U"آر",     U"ار",  U"إس",  U"اس",  U"تي",  U"يو",
        U"في",  U"دبليو", U"دابليو", U"إكس", U"اكس", U"واي", U"زد",  U"زي",
    };
    std::array<char32_t, 8> word;
    size_t size = 0;
    for (size_t i = token.start; i < token.end;) {
      if (size == word.size()) return false;  // Longer than any name.
      const Char ch = text_.At(i);
      word[size++] = ch.c;
      i += ch.len;
    }
    auto is_name = [](std::u32string_view w) {
      return std::find(std::begin(kNames), std::end(kNames), w) !=
             std::end(kNames);
    };
    const std::u32string_view w(word.data(), size);
    return is_name(w) ||
           (w.size() > 1 && w.front() == U'و' && is_name(w.substr(1)));
  }

  // True if token k, followed by a glued period, is an abbreviation.
  bool IsAbbreviation(size_t k) const {
    const Token& token = tokens_[k];
    if (token.kind == TokenKind::kArabic) {
      // ود. محمد: a conjunction glued to the abbreviation (28 in
      // SaudiNewsNet, all before a name).
      const size_t letters = Letters(token);
      const char32_t first_letter = FirstChar(token);
      const bool after_conjunction = letters == 2 && first_letter == U'و';
      if (letters != 1 && !after_conjunction) return false;
      // ص.ب ق.م: a letter glued after the period continues the abbreviation.
      if (k + 2 < tokens_.size() &&
          tokens_[k + 2].start == tokens_[k + 1].end) {
        return true;
      }
      if (after_conjunction) {
        // But ود is also a noun (affection), which may end a sentence: the
        // next then starts with و or ف, or is ثم.
        if (k + 2 >= tokens_.size()) return false;
        const Token& next = tokens_[k + 2];
        const char32_t next_first = FirstChar(next);
        return next.kind == TokenKind::kArabic && next_first != U'و' &&
               next_first != U'ف' && !Spells(next, U"ثم");
      }
      // 2021م. and 1442 هـ. close a year; a sentence can end there.
      const bool year_marker =
          letters == 1 && (first_letter == 0x0645 || first_letter == 0x0647);
      return !(year_marker && k > 0 &&
               tokens_[k - 1].kind == TokenKind::kNumber);
    }
    if (token.kind != TokenKind::kLatin) return false;
    if (Letters(token) == 1) return true;
    static constexpr std::array<std::u32string_view, 9> kTitles = {
        U"Dr", U"Mr", U"Mrs", U"Ms", U"Prof", U"St", U"Jr", U"Sr", U"vs"};
    for (std::u32string_view title : kTitles) {
      if (Spells(token, title)) return true;
    }
    return false;
  }

  // True if the token's text is `word`.
  bool Spells(const Token& token, std::u32string_view word) const {
    size_t i = token.start;
    for (char32_t expected : word) {
      if (i >= token.end) return false;
      const Char ch = text_.At(i);
      if (ch.c != expected) return false;
      i += ch.len;
    }
    return i == token.end;
  }

  // True if the token is a past-tense verb of saying (قال قيل أضافت وذكر
  // ...), bare or after و. After a quotation whose speaker a colon already
  // named (قال فلان: "..."), such a verb reports something new: the next
  // sentence starts there, even though the quotation closed without a final
  // mark. A quotation before its speaker («...» قال الوزير) is not affected.
  bool IsReportingVerb(const Token& token) const {
    if (token.kind != TokenKind::kArabic) return false;
    // Letters only (diacritics and tatweel skipped), hamza on alef folded.
    std::array<char32_t, 8> letters;
    size_t count = 0;
    for (size_t i = token.start; i < token.end;) {
      const Char ch = text_.At(i);
      i += ch.len;
      if (!IsLetter(ch.cls)) continue;
      if (count == letters.size()) return false;
      const bool hamza_alef = ch.c == 0x0623 || ch.c == 0x0625;
      letters[count++] = hamza_alef ? char32_t{0x0627} : ch.c;
    }
    std::u32string_view word(letters.data(), count);
    if (word.size() > 1 && word.front() == 0x0648) word.remove_prefix(1);  // و
    static constexpr std::array<std::u32string_view, 15> kStems = {
        U"قال", U"قيل",  U"اضاف", U"تابع", U"اكد", U"اوضح",   U"ذكر", U"اشار",
        U"ختم", U"اردف", U"صرح",  U"علق",  U"شدد", U"استطرد", U"نقل"};
    for (std::u32string_view stem : kStems) {
      if (word == stem) return true;
      // The feminine ending: قالت، أضافت.
      if (word.size() == stem.size() + 1 && word.back() == 0x062A &&
          word.substr(0, stem.size()) == stem) {
        return true;
      }
    }
    return false;
  }

  // Fills quote_close_: for each token inside a quotation that closes in the
  // same paragraph (and within kMaxQuoted tokens), the index of the quote
  // that closes it. Straight quotes (") pair up only in paragraphs with an
  // even number of them.
  void PairQuotes() {
    quote_close_.assign(tokens_.size(), kNoQuote);
    closes_attributed_quote_.assign(tokens_.size(), false);
    size_t begin = 0;
    for (size_t k = 0; k < tokens_.size(); ++k) {
      if (k + 1 == tokens_.size() || paragraph_break_after_[k]) {
        PairQuotesIn(begin, k + 1);
        begin = k + 1;
      }
    }
  }

  void PairQuotesIn(size_t begin, size_t end) {
    size_t straight = 0;
    for (size_t k = begin; k < end; ++k) {
      straight += tokens_[k].kind == TokenKind::kPunctuation &&
                  FirstChar(tokens_[k]) == '"';
    }
    // (expected closing character, index of the opening quote)
    std::vector<std::pair<char32_t, size_t>> open;
    for (size_t k = begin; k < end; ++k) {
      if (tokens_[k].kind != TokenKind::kPunctuation) continue;
      const char32_t c = FirstChar(tokens_[k]);
      char32_t closes = 0;
      if (c == '"') {
        if (straight % 2 != 0) continue;
        if (!open.empty() && open.back().first == '"') {
          closes = '"';
        } else {
          open.emplace_back('"', k);
        }
      } else if (c == 0x00AB) {  // «
        open.emplace_back(0x00BB, k);
      } else if (c == 0x201C) {  // “
        open.emplace_back(0x201D, k);
      } else if (c == 0x00BB || c == 0x201D) {
        closes = c;
      }
      if (closes == 0 || open.empty() || open.back().first != closes) continue;
      const size_t opening = open.back().second;
      open.pop_back();
      if (opening > begin &&
          tokens_[opening - 1].kind == TokenKind::kPunctuation &&
          FirstChar(tokens_[opening - 1]) == ':') {
        closes_attributed_quote_[k] = true;
      }
      if (k - opening > kMaxQuoted) continue;
      for (size_t t = opening + 1; t < k; ++t) {
        if (quote_close_[t] == kNoQuote) quote_close_[t] = k;
      }
    }
  }

  // True if the gap after token k (not the last) holds a paragraph break.
  bool ScanForParagraphBreak(size_t k) const {
    const size_t needed = options_.line_break_ends_sentence ? 1 : 2;
    size_t breaks = 0;
    char32_t previous = 0;
    for (size_t i = tokens_[k].end; i < tokens_[k + 1].start;) {
      const Char ch = text_.At(i);
      if (internal::BreaksParagraph(ch.c)) return true;
      // CR LF is one line break.
      if (ch.cls == CharClass::kLineBreak &&
          !(previous == '\r' && ch.c == '\n')) {
        if (++breaks >= needed) return true;
      }
      previous = ch.c;
      i += ch.len;
    }
    return false;
  }

  static constexpr size_t kNoQuote = ~size_t{0};
  // Longer quotations (or quotes paired wrongly) do not hold sentences
  // together.
  static constexpr size_t kMaxQuoted = 80;

  const Text& text_;
  const SentenceOptions& options_;
  std::span<const Token> tokens_;
  std::vector<bool> paragraph_break_after_;
  std::vector<size_t> quote_close_;
  // True for a closing quote whose quotation follows a colon.
  std::vector<bool> closes_attributed_quote_;
};

template <typename Text>
std::vector<Span> SplitSentences(const Text& text,
                                 const SentenceOptions& options,
                                 std::span<const Token> tokens) {
  return SentenceScanner<Text>(text, options, tokens).Run();
}

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  const auto index = static_cast<size_t>(kind);
  return index < kKindNames.size() ? kKindNames[index] : "unknown";
}

absl::StatusOr<std::vector<Token>> Tokenizer::Tokenize(
    std::string_view utf8) const {
  std::vector<Token> tokens;
  if (absl::Status status = Scan(Utf8Text(utf8), options_, &tokens);
      !status.ok()) {
    return status;
  }
  return tokens;
}

absl::Status Tokenizer::TokenizeCodePoints(std::span<const uint8_t> latin1,
                                           std::vector<Token>* out) const {
  return Scan(FixedWidthText(latin1.data(), latin1.size()), options_, out);
}

absl::Status Tokenizer::TokenizeCodePoints(std::span<const char16_t> ucs2,
                                           std::vector<Token>* out) const {
  return Scan(FixedWidthText(ucs2.data(), ucs2.size()), options_, out);
}

absl::Status Tokenizer::TokenizeCodePoints(std::span<const char32_t> utf32,
                                           std::vector<Token>* out) const {
  return Scan(FixedWidthText(utf32.data(), utf32.size()), options_, out);
}

absl::Status Tokenizer::TokenizeCodePoints(const CodePointsView& text,
                                           std::vector<Token>* out) const {
  return ScanView(text, options_, out);
}

absl::StatusOr<std::vector<std::vector<Token>>> Tokenizer::TokenizeBatch(
    std::span<const std::string_view> texts, int threads) const {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  std::vector<std::vector<Token>> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i, int) {
    errors[i] = Scan(Utf8Text(texts[i]), options_, &results[i]);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  return results;
}

absl::StatusOr<std::vector<std::vector<Token>>>
Tokenizer::TokenizeCodePointsBatch(std::span<const CodePointsView> texts,
                                   int threads) const {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  std::vector<std::vector<Token>> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i, int) {
    errors[i] = ScanView(texts[i], options_, &results[i]);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  return results;
}

absl::StatusOr<std::vector<Span>> SentenceSplitter::Split(
    std::string_view utf8) const {
  absl::StatusOr<std::vector<Token>> tokens = Tokenizer().Tokenize(utf8);
  if (!tokens.ok()) return tokens.status();
  return SplitTokens(utf8, *tokens);
}

absl::StatusOr<std::vector<Span>> SentenceSplitter::SplitCodePoints(
    const CodePointsView& text) const {
  std::vector<Token> tokens;
  if (absl::Status status = Tokenizer().TokenizeCodePoints(text, &tokens);
      !status.ok()) {
    return status;
  }
  return SplitTokens(text, tokens);
}

absl::StatusOr<std::vector<Span>> SentenceSplitter::SplitTokens(
    std::string_view utf8, std::span<const Token> tokens) const {
  if (absl::Status status = CheckTokens(tokens, utf8.size()); !status.ok()) {
    return status;
  }
  if (absl::Status status = CheckUtf8Tokens(utf8, tokens); !status.ok()) {
    return status;
  }
  return SplitSentences(Utf8Text(utf8), options_, tokens);
}

absl::StatusOr<std::vector<Span>> SentenceSplitter::SplitTokens(
    const CodePointsView& text, std::span<const Token> tokens) const {
  if (absl::Status status = internal::CheckCodePointWidth(text); !status.ok()) {
    return status;
  }
  if (absl::Status status = CheckTokens(tokens, text.size); !status.ok()) {
    return status;
  }
  return WithCodePoints(text, [&](const auto& fixed) {
    return SplitSentences(fixed, options_, tokens);
  });
}

absl::StatusOr<std::vector<std::vector<Span>>>
SentenceSplitter::SplitCodePointsBatch(std::span<const CodePointsView> texts,
                                       int threads) const {
  if (absl::Status bad = internal::CheckThreads(threads); !bad.ok()) {
    return bad;
  }
  std::vector<std::vector<Span>> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i, int) {
    absl::StatusOr<std::vector<Span>> sentences = SplitCodePoints(texts[i]);
    if (sentences.ok()) {
      results[i] = *std::move(sentences);
    } else {
      errors[i] = sentences.status();
    }
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  return results;
}

}  // namespace kalima
