// The tokenizer's character classes, computed from ICU once per process.
#include "internal/char_class.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <memory>

namespace kalima::internal {
namespace {

CharClass ComputeClass(char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return CharClass::kInvalid;
  if (c == 0x0640) return CharClass::kTatweel;
  // Percent and per-mille signs are punctuation to Unicode but symbols to UD
  // (and to readers): 3% is a number and a symbol.
  if (c == '%' || c == 0x066A || c == 0x2030 || c == 0x2031 || c == 0x0609 ||
      c == 0x060A) {
    return CharClass::kSymbol;
  }
  switch (c) {
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x85:
    case 0x2028:
    case 0x2029:
      return CharClass::kLineBreak;
    default:
      break;
  }
  const UChar32 u = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(u, UCHAR_WHITE_SPACE)) return CharClass::kSpace;
  // A zero width space separates words, as a space does (كلمة + ZWSP +
  // أخرى are two words), though Unicode counts it as no white space.
  if (c == 0x200B) return CharClass::kSpace;
  // Format characters (Cf) that are seen: the Arabic number sign ؀, the
  // end of ayah ۝ and their kin, written before the digits they span.
  if (u_hasBinaryProperty(u, UCHAR_PREPENDED_CONCATENATION_MARK)) {
    return CharClass::kSymbol;
  }
  switch (u_charType(u)) {
    // A control character (NUL, the information separators U+001C..U+001F,
    // DEL...) is no part of a word: between two it keeps them apart, as
    // str.split() does for most of them.
    case U_CONTROL_CHAR:
      return CharClass::kSpace;
    case U_FORMAT_CHAR:
      return CharClass::kInvisible;
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return CharClass::kMark;
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER: {
      UErrorCode error = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(u, &error);
      if (script == USCRIPT_ARABIC) return CharClass::kArabicLetter;
      if (script == USCRIPT_LATIN) return CharClass::kLatinLetter;
      return CharClass::kOtherLetter;
    }
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return CharClass::kPunctuation;
    default:
      break;
  }
  if (u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC) ||
      u_hasBinaryProperty(u, UCHAR_REGIONAL_INDICATOR)) {
    return CharClass::kPictograph;
  }
  return CharClass::kSymbol;
}

struct BmpClassTable {
  std::array<CharClass, 0x10000> classes;
  BmpClassTable() {
    for (char32_t c = 0; c < 0x10000; ++c) classes[c] = ComputeClass(c);
  }
};

}  // namespace

const CharClass* BmpClasses() {
  // Built once, on first use; never destroyed (used from any thread until
  // exit).
  static const BmpClassTable* const table = new BmpClassTable();
  return table->classes.data();
}

CharClass ClassOf(char32_t c) {
  if (c < 0x10000) return BmpClasses()[c];
  return ComputeClass(c);
}

bool JoinsToNext(char32_t c) {
  // A presentation form is shaped already: an initial or medial form joins
  // the letter after it (ﻟﻴـﺒﻴﺎ), though its joining type says it joins
  // nothing.
  const int shape =
      u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_DECOMPOSITION_TYPE);
  if (shape == U_DT_INITIAL || shape == U_DT_MEDIAL) return true;
  const int type =
      u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE);
  return type == U_JT_DUAL_JOINING || type == U_JT_JOIN_CAUSING;
}

bool HasScript(char32_t c, int script) {
  return uscript_hasScript(static_cast<UChar32>(c),
                           static_cast<UScriptCode>(script));
}

int ScriptOf(char32_t c) {
  UErrorCode error = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &error);
}

}  // namespace kalima::internal
