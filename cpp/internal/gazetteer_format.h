// What the compiled gazetteer's file format shares beyond gazetteer.cc.
#ifndef KALIMA_CPP_INTERNAL_GAZETTEER_FORMAT_H_
#define KALIMA_CPP_INTERNAL_GAZETTEER_FORMAT_H_

#include <string_view>

namespace kalima::internal {

// The first bytes of a compiled gazetteer (see the format in gazetteer.cc).
inline constexpr std::string_view kGazetteerMagic = "KALIMAGZ";

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_GAZETTEER_FORMAT_H_
