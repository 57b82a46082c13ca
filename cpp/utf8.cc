// Input validation errors shared by the primitives.
#include "internal/utf8.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace kalima::internal {

absl::Status AppendUtf8CodePoints(std::string_view utf8, std::u32string* out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = 0;
    const size_t len = DecodeUtf8(bytes, utf8.size(), i, &c);
    if (len == 0) return InvalidUtf8Error(utf8, i);
    out->push_back(c);
    i += len;
  }
  return absl::OkStatus();
}

absl::Status InvalidUtf8Error(std::string_view text, size_t offset) {
  std::string bytes;
  for (size_t k = offset; k < text.size() && k < offset + 4; ++k) {
    absl::StrAppend(&bytes, k == offset ? "" : " ",
                    absl::StrFormat("%02X", static_cast<uint8_t>(text[k])));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid UTF-8 at byte offset ", offset, " (bytes ", bytes, ")"));
}

absl::Status CheckUtf8(std::string_view text, size_t begin, size_t end) {
  end = std::min(end, text.size());
  if (IsValidUtf8(text.substr(begin, end - begin))) return absl::OkStatus();
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  char32_t c;
  for (size_t i = begin, length; i < end; i += length) {
    length = DecodeUtf8(data, text.size(), i, &c);
    if (length == 0) return InvalidUtf8Error(text, i);
  }
  // A character that runs on past `end` (well-formed, as the loop read it).
  return absl::OkStatus();
}

absl::Status CheckCodePointWidth(const CodePointsView& text) {
  if (text.width != 1 && text.width != 2 && text.width != 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("code point width ", text.width, " is not 1, 2 or 4"));
  }
  if (text.data == nullptr && text.size > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("a view of ", text.size, " code points has no data"));
  }
  return absl::OkStatus();
}

absl::Status InvalidCodePointError(uint32_t c, size_t index) {
  if (c >= 0xD800 && c <= 0xDFFF) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "lone surrogate U+%04X at index %d is not a character", c, index));
  }
  return absl::InvalidArgumentError(absl::StrFormat(
      "code point 0x%X at index %d is beyond U+10FFFF", c, index));
}

}  // namespace kalima::internal
