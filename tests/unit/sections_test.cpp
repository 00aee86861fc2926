#include "content/sections.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

std::vector<Section> world_europe_france() {
  return {Section{1, "world", "World", "", 0}, Section{2, "europe", "Europe", "", 1},
          Section{3, "france", "France", "", 2}, Section{4, "sport", "Sport", "", 0}};
}

std::vector<std::string> names(const std::vector<Section>& trail) {
  std::vector<std::string> out;
  for (const auto& section : trail) out.push_back(section.name);
  return out;
}

TEST(Sections, ATrailRunsFromTheOutermostSectionToTheOneAsked) {
  const auto sections = world_europe_france();
  EXPECT_EQ(names(section_trail(sections, 3)),
            (std::vector<std::string>{"World", "Europe", "France"}));
  EXPECT_EQ(names(section_trail(sections, 4)), std::vector<std::string>{"Sport"});
  EXPECT_TRUE(section_trail(sections, 99).empty());
}

TEST(Sections, ALoopInStoredParentsEndsTheTrail) {
  std::vector<Section> sections = {Section{1, "a", "A", "", 2}, Section{2, "b", "B", "", 1}};
  EXPECT_EQ(names(section_trail(sections, 1)), (std::vector<std::string>{"B", "A"}));
}

TEST(Sections, AParentMustKeepTheSectionsATree) {
  const auto sections = world_europe_france();
  EXPECT_TRUE(may_be_parent(sections, 4, 3));
  EXPECT_TRUE(may_be_parent(sections, 3, 0));
  EXPECT_TRUE(may_be_parent(sections, 0, 3));
  EXPECT_FALSE(may_be_parent(sections, 1, 1)) << "itself";
  EXPECT_FALSE(may_be_parent(sections, 1, 3)) << "a section inside it";
  EXPECT_FALSE(may_be_parent(sections, 4, 99)) << "no such section";
}

}  // namespace
}  // namespace byline::content
