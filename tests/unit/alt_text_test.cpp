#include "content/alt_text.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

using Sources = std::vector<std::string>;

TEST(ImagesWithoutAltText, FindsMissingAndBlankAltTextInDocumentOrder) {
  EXPECT_EQ(images_without_alt_text(
                "<p><img src=\"/a.webp\"></p>"
                "<figure><img src=\"/b.webp\" alt=\"Delegates at the table\"></figure>"
                "<p>Text <IMG SRC=\"/c.webp\" ALT=\"  \n\"> and <img alt=\"\" src=\"/d.webp\"></p>"
                "<div><div><img></div></div>"),
            (Sources{"/a.webp", "/c.webp", "/d.webp", ""}));
}

TEST(ImagesWithoutAltText, IsEmptyForBodiesWhoseImagesAllSaySomething) {
  EXPECT_EQ(images_without_alt_text(""), Sources{});
  EXPECT_EQ(images_without_alt_text("<p>No pictures, only the word &lt;img&gt;.</p>"), Sources{});
  EXPECT_EQ(images_without_alt_text("<p><img src=\"/a.webp\" alt=\"A pier in fog\"></p>"),
            Sources{});
}

TEST(BlankAltText, IsEmptyOrWhiteSpaceOnly) {
  EXPECT_TRUE(is_blank_alt_text(""));
  EXPECT_TRUE(is_blank_alt_text(" \t\n"));
  EXPECT_FALSE(is_blank_alt_text(" A pier "));
  EXPECT_FALSE(is_blank_alt_text("اسکله"));
}

}  // namespace
}  // namespace byline::content
