// UTF-8 validation errors shared by the primitives.
#include "internal/utf8.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace kalima::internal {

absl::Status InvalidUtf8Error(std::string_view text, size_t offset) {
  std::string bytes;
  for (size_t k = offset; k < text.size() && k < offset + 4; ++k) {
    absl::StrAppend(&bytes, k == offset ? "" : " ",
                    absl::StrFormat("%02X", static_cast<uint8_t>(text[k])));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid UTF-8 at byte offset ", offset, " (bytes ", bytes, ")"));
}

}  // namespace kalima::internal
