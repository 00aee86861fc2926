// A theme's files as browsers get them: each under a name that changes with
// its content, and a stylesheet naming the files it uses (fonts) by theirs,
// so that all of them may be kept for a year.
#include "render/theme.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace byline::render {
namespace {

const std::array<EmbeddedFile, 3> kFiles = {{
    {"assets/style.css",
     "@font-face { src: url(\"fonts/serif.woff2\") format(\"woff2\"); }\n"
     "body { background: url(\"fonts/serif.woff2\"); }\n"
     ".logo { background: url(\"missing.svg\"); }\n"},
    {"assets/fonts/serif.woff2", "wOF2 pretend font bytes"},
    {"default.mustache", "{{{body}}}"},
}};

TEST(ThemeAssets, AStylesheetNamesItsFontsByTheirVersionedNames) {
  const Theme theme(kFiles, "/assets/");
  const Asset* font = theme.asset("fonts/serif.woff2");
  ASSERT_NE(font, nullptr);
  EXPECT_EQ(font->content_type, "font/woff2");
  EXPECT_TRUE(font->versioned_name.starts_with("fonts/serif."));
  EXPECT_TRUE(font->versioned_name.ends_with(".woff2"));
  EXPECT_EQ(font->url, "/assets/" + font->versioned_name);
  EXPECT_EQ(theme.asset(font->versioned_name), font) << "found by either name";

  const Asset* style = theme.asset("style.css");
  ASSERT_NE(style, nullptr);
  const std::string css(style->bytes);
  const std::string versioned = "url(\"" + font->versioned_name + "\")";
  const auto first = css.find(versioned);
  ASSERT_NE(first, std::string::npos) << css;
  EXPECT_NE(css.find(versioned, first + 1), std::string::npos) << "every mention: " << css;
  EXPECT_EQ(css.find("url(\"fonts/serif.woff2\")"), std::string::npos) << css;
  EXPECT_NE(css.find("url(\"missing.svg\")"), std::string::npos) << "an unknown file is left alone";
}

TEST(ThemeAssets, AStylesheetsNameChangesWithTheFilesItNames) {
  std::array<EmbeddedFile, 3> changed = kFiles;
  changed[1].bytes = "wOF2 other font bytes";
  const Theme before(kFiles, "/assets/");
  const Theme after(changed, "/assets/");
  EXPECT_NE(before.asset("fonts/serif.woff2")->versioned_name,
            after.asset("fonts/serif.woff2")->versioned_name);
  EXPECT_NE(before.asset("style.css")->versioned_name, after.asset("style.css")->versioned_name)
      << "a browser keeping the old stylesheet would ask for the old font";
}

TEST(ThemeAssets, ImagesFontsAndManifestsGoOutWithTheirTypes) {
  const std::array<EmbeddedFile, 7> files = {{
      {"assets/photo.jpg", "x"},
      {"assets/photo.webp", "x"},
      {"assets/font.woff", "x"},
      {"assets/font.ttf", "x"},
      {"assets/site.webmanifest", "x"},
      {"assets/notes.unknown", "x"},
      {"index.mustache", ""},
  }};
  const Theme theme(files, "/assets/");
  EXPECT_EQ(theme.asset("photo.jpg")->content_type, "image/jpeg");
  EXPECT_EQ(theme.asset("photo.webp")->content_type, "image/webp");
  EXPECT_EQ(theme.asset("font.woff")->content_type, "font/woff");
  EXPECT_EQ(theme.asset("font.ttf")->content_type, "font/ttf");
  EXPECT_EQ(theme.asset("site.webmanifest")->content_type, "application/manifest+json");
  EXPECT_EQ(theme.asset("notes.unknown")->content_type, "application/octet-stream");
}

}  // namespace
}  // namespace byline::render
