// The one list of NormalizeOptions' switches, by name: the normaliser reads
// and sets switches through it and the table cache derives its key from it.
#ifndef KALIMA_CPP_INTERNAL_NORMALIZE_SWITCHES_H_
#define KALIMA_CPP_INTERNAL_NORMALIZE_SWITCHES_H_

#include <array>
#include <string_view>

#include "kalima/normalize.h"

namespace kalima::internal {

struct NormalizeSwitch {
  std::string_view name;
  bool NormalizeOptions::*field;
};

inline constexpr std::array<NormalizeSwitch, 18> kNormalizeSwitches = {{
    {"diacritics", &NormalizeOptions::diacritics},
    {"shadda", &NormalizeOptions::shadda},
    {"hamza_marks", &NormalizeOptions::hamza_marks},
    {"quranic_marks", &NormalizeOptions::quranic_marks},
    {"tatweel", &NormalizeOptions::tatweel},
    {"alef", &NormalizeOptions::alef},
    {"alef_maksura", &NormalizeOptions::alef_maksura},
    {"teh_marbuta", &NormalizeOptions::teh_marbuta},
    {"hamza_carriers", &NormalizeOptions::hamza_carriers},
    {"letter_variants", &NormalizeOptions::letter_variants},
    {"digits", &NormalizeOptions::digits},
    {"presentation_forms", &NormalizeOptions::presentation_forms},
    {"punctuation", &NormalizeOptions::punctuation},
    {"invisibles", &NormalizeOptions::invisibles},
    {"zwnj", &NormalizeOptions::zwnj},
    {"whitespace", &NormalizeOptions::whitespace},
    {"fold_newlines", &NormalizeOptions::fold_newlines},
    {"case_fold", &NormalizeOptions::case_fold},
}};

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_NORMALIZE_SWITCHES_H_
