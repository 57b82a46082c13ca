#include "kalima/offset_map.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kalima {
namespace {

TEST(OffsetMapTest, IdentityMapsSpansToThemselves) {
  OffsetMap map = OffsetMap::Identity(5);
  EXPECT_EQ(map.output_size(), 5u);
  EXPECT_EQ(*map.SourceSpan(1, 3), (Span{1, 3}));
  EXPECT_EQ(*map.SourceSpan(0, 5), (Span{0, 5}));
  EXPECT_EQ(*map.SourceSpan(5, 5), (Span{5, 5}));
}

TEST(OffsetMapTest, DeletedUnitsInsideAndAfterSpanBelongToIt) {
  // Source "ab_c" with "_" deleted: output "abc".
  auto map = OffsetMap::FromOffsets({0, 1, 3}, 4);
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(*map->SourceSpan(0, 2), (Span{0, 3}));
  EXPECT_EQ(*map->SourceSpan(2, 3), (Span{3, 4}));
}

TEST(OffsetMapTest, PartOfAnExpansionCoversTheWholeSourceUnit) {
  // Source "xL" where L expands to two output units.
  auto map = OffsetMap::FromOffsets({0, 1, 1}, 2);
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(*map->SourceSpan(1, 2), (Span{1, 2}));
  EXPECT_EQ(*map->SourceSpan(2, 3), (Span{1, 2}));
  EXPECT_EQ(*map->SourceSpan(0, 1), (Span{0, 1}));
}

TEST(OffsetMapTest, RejectsBadOffsetsAndSpans) {
  EXPECT_FALSE(OffsetMap::FromOffsets({1, 0}, 2).ok());
  EXPECT_FALSE(OffsetMap::FromOffsets({0, 2}, 2).ok());
  OffsetMap map = OffsetMap::Identity(3);
  EXPECT_EQ(map.SourceSpan(2, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(map.SourceSpan(0, 4).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kalima
