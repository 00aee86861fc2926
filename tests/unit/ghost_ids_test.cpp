#include "api/ghost_ids.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace byline::api {
namespace {

TEST(GhostIds, AnIdIsTwentyFourHexCharactersAndReadsBackAsItsKindOnly) {
  for (const content::Id id :
       {content::Id{1}, content::Id{43}, content::Id{9'007'199'254'740'993}}) {
    const std::string post = ghost_id(GhostKind::post, id);
    EXPECT_TRUE(is_object_id(post)) << post;
    EXPECT_EQ(local_id(GhostKind::post, post), id);
    EXPECT_EQ(local_id(GhostKind::tag, post), std::nullopt);
    EXPECT_EQ(local_id(GhostKind::user, ghost_id(GhostKind::user, id)), id);
  }
  EXPECT_NE(ghost_id(GhostKind::post, 7), ghost_id(GhostKind::tag, 7));
}

TEST(GhostIds, AnythingElseNamesNothing) {
  for (const std::string_view text :
       {"", "62b1e001", "62B1E0010000000000000001", "62b1e00100000000000000011",
        "62b1e001000000000000000g", "62b1e0010000000000000000", "62b1e0018000000000000000"}) {
    EXPECT_EQ(local_id(GhostKind::post, text), std::nullopt) << text;
  }
  EXPECT_FALSE(is_object_id("xyz"));
}

TEST(GhostIds, APostsUuidIsAUuidAndTheSameEachTime) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(ghost_uuid(43), uuid)) << ghost_uuid(43);
  EXPECT_EQ(ghost_uuid(43), ghost_uuid(43));
  EXPECT_NE(ghost_uuid(43), ghost_uuid(44));
}

}  // namespace
}  // namespace byline::api
