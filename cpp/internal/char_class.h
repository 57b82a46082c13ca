// CharClass: what each code point is to the tokenizer, from ICU's character
// data (general category, script, emoji properties).
#ifndef KALIMA_CPP_INTERNAL_CHAR_CLASS_H_
#define KALIMA_CPP_INTERNAL_CHAR_CLASS_H_

#include <cstdint>

namespace kalima::internal {

enum class CharClass : uint8_t {
  kSpace,         // White_Space other than line breaks.
  kLineBreak,     // LF, VT, FF, CR, NEL, LS, PS.
  kInvisible,     // Format (Cf) and control (Cc) characters: ZWNJ, bidi...
                  // (not the prepended concatenation marks ؀ ۝, symbols).
  kMark,          // Combining marks (Mn, Mc, Me), variation selectors too.
  kTatweel,       // U+0640, script Common but part of Arabic words.
  kArabicLetter,  // Letters (L*) of the Arabic script.
  kLatinLetter,   // Letters of the Latin script.
  kOtherLetter,   // Letters of every other script.
  kDigit,         // Decimal digits (Nd) of any script.
  kPunctuation,   // P*.
  kSymbol,        // S*, other numbers (No, Nl), unassigned, private use.
  kPictograph,    // Extended_Pictographic or Regional_Indicator symbols.
  kInvalid,       // Surrogates and values above U+10FFFF.
};

// The classes of the BMP, one entry per code point (built on first use).
const CharClass* BmpClasses();

// The class of `c`: a table look-up for the BMP, ICU for the rest.
CharClass ClassOf(char32_t c);

// A paragraph separator or a form feed (a page break): a paragraph break on
// its own, where the other line breaks take two (a blank line). The sentence
// splitter and the gazetteer both read breaks so.
inline bool BreaksParagraph(char32_t c) { return c == 0x2029 || c == U'\f'; }

// ICU's script code of a letter (for splitting other-script words where the
// script changes).
int ScriptOf(char32_t c);
// Whether `c` is used in `script` (its Script_Extensions: the katakana length
// mark ー is Common but belongs to katakana words).
bool HasScript(char32_t c, int script);

// True if the Arabic letter `c` joins to the letter after it (Joining_Type
// Dual, or an initial or medial presentation form): a tatweel after it can
// be a kashida. After ا د ر و ء... it cannot.
bool JoinsToNext(char32_t c);

// Emoji sequence parts (Unicode TR51).
inline bool IsEmojiModifier(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
inline bool IsRegionalIndicator(char32_t c) {
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}
inline bool IsEmojiTag(char32_t c) { return c >= 0xE0020 && c <= 0xE007F; }
inline constexpr char32_t kZeroWidthJoiner = 0x200D;
inline constexpr char32_t kCombiningKeycap = 0x20E3;

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_CHAR_CLASS_H_
