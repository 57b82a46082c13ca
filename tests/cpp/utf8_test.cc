// The UTF-8 checks that loaders run over the strings of their files.
#include "internal/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace kalima::internal {
namespace {

TEST(Utf8Test, WellFormedText) {
  for (const char* text : {"", "a", "ليبيا", "طرابلس الغرب",
                           "Tripoli طرابلس 2021", "ﷺ", "€ 😀 ليبيا", "0123456ل",
                           "0123456ليبيا", "اللغة العربية والإنجليزية معا"}) {
    EXPECT_TRUE(IsValidUtf8(text)) << text;
  }
}

TEST(Utf8Test, IllFormedText) {
  const std::string arabic = "ليبيا";
  for (const std::string& text : {
           std::string("\xFF"),
           std::string("\xC0\x80"),  // Overlong NUL.
           std::string("\xC1\xBF"),
           std::string("\x80"),
           std::string("\xD9"),  // A lead byte at the end.
           std::string("0123456\xD9"),
           std::string("01234567\xD9"),
           std::string("\xD9\xD9\x84"),
           std::string("\xED\xA0\x80"),      // D800.
           std::string("\xF4\x90\x80\x80"),  // >10FFFF.
           arabic.substr(0, 3),
           arabic + "\x84",
           "\x84" + arabic,
           arabic.substr(0, 7) + "a" + arabic,
       }) {
    EXPECT_FALSE(IsValidUtf8(text)) << testing::PrintToString(text);
  }
}

// The word-at-a-time check against the code point at a time one, on byte
// strings made of the bytes that matter (ASCII, leads of each length, the
// overlong C0 and C1, continuations, bytes no UTF-8 has) at every alignment.
TEST(Utf8Test, AgreesWithDecodingOnRandomBytes) {
  const unsigned char alphabet[] = {'a',  ' ',  0x00, 0xD9, 0xD8, 0x84, 0x8A,
                                    0xBF, 0x80, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                    0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA7};
  std::mt19937 random(20261130);
  size_t valid = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string text(random() % 20, '\0');
    for (char& c : text) {
      // Mostly well-formed Arabic, to reach the valid cases often.
      c = static_cast<char>(alphabet[random() % sizeof(alphabet)]);
    }
    if (random() % 2 == 0) {
      for (size_t k = 0; k + 1 < text.size(); k += 2) {
        if (random() % 4 != 0) {
          text[k] = static_cast<char>(0xD8 + random() % 4);
          text[k + 1] = static_cast<char>(0x80 + random() % 64);
        }
      }
    }
    const bool expected = IsValidUtf8Scalar(text);
    valid += expected;
    ASSERT_EQ(IsValidUtf8(text), expected) << testing::PrintToString(text);
  }
  EXPECT_GT(valid, 10000u);
}

}  // namespace
}  // namespace kalima::internal
