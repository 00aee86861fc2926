#include "importing/wordpress_content.hpp"

#include <gtest/gtest.h>

namespace byline::importing {
namespace {

ConvertedContent convert(std::string_view raw, ContentLinks links = {}) {
  return convert_wordpress_content(raw, links);
}

TEST(WordPressContent, ClassicPostsGetParagraphsAndLineBreaksAsWordPressWouldShowThem) {
  EXPECT_EQ(add_paragraphs("One.\n\nTwo\nlines."), "<p>One.</p>\n<p>Two<br>\nlines.</p>\n");
  EXPECT_EQ(add_paragraphs("<ul>\n<li>a</li>\n</ul>\n\nAfter."),
            "<ul>\n<li>a</li>\n</ul>\n<p>After.</p>\n");
  EXPECT_EQ(add_paragraphs("<pre>a\n\nb</pre>"), "<pre>a\n\nb</pre>\n");
  EXPECT_EQ(convert("Line one\r\n\r\nLine two").html, "<p>Line one</p>\n<p>Line two</p>\n");
}

TEST(WordPressContent, BlockPostsLoseTheirDelimitersAndKeepTheirHtml) {
  const auto converted = convert(
      "<!-- wp:paragraph {\"align\":\"center\"} -->\n<p>Hello.</p>\n<!-- /wp:paragraph -->\n\n<!-- "
      "wp:spacer /-->\n"
      "<!-- an author's own comment -->");
  EXPECT_EQ(converted.html.find("wp:"), std::string::npos);
  EXPECT_NE(converted.html.find("<p>Hello.</p>"), std::string::npos);
  EXPECT_EQ(converted.html.find("<p><p>"), std::string::npos)
      << "no second paragraph around a block's";
  EXPECT_NE(converted.html.find("<!-- an author's own comment -->"), std::string::npos)
      << "other comments are the sanitiser's to drop";
}

TEST(WordPressContent, CommonShortcodesBecomeHtmlAndUnknownOnesStayAsTextAndAreCounted) {
  ContentLinks links;
  links.attachment = [](std::string_view id) -> std::optional<ImportedImage> {
    if (id == "7") return ImportedImage{"/media/2019/05/a-800.webp", "A \"quoted\" alt", ""};
    return std::nullopt;
  };
  const auto caption = convert(
      "[caption id=\"attachment_7\" align=\"alignnone\" width=\"300\"]<a href=\"/x\"><img "
      "src=\"a.jpg\" /></a> The "
      "caption[/caption]",
      links);
  EXPECT_NE(caption.html.find("<figure><a href=\"/x\"><img src=\"a.jpg\" /></a><figcaption>The "
                              "caption</figcaption></figure>"),
            std::string::npos)
      << caption.html;
  const auto gallery = convert("[gallery ids=\"7, 8\"]", links);
  EXPECT_NE(gallery.html.find("<figure class=\"gallery\"><img src=\"/media/2019/05/a-800.webp\" "
                              "alt=\"A &quot;quoted&quot; alt\"></figure>"),
            std::string::npos)
      << gallery.html;
  EXPECT_NE(convert("[embed]https://www.youtube.com/watch?v=x[/embed]")
                .html.find("<a href=\"https://www.youtube.com/watch?v=x\">"),
            std::string::npos);
  EXPECT_NE(convert("[video width=\"640\" mp4=\"https://old.example/v.mp4\"][/video]")
                .html.find("<a href=\"https://old.example/v.mp4\">Watch the video</a>"),
            std::string::npos);
  EXPECT_NE(
      convert("[audio src=\"https://old.example/a.mp3\"]").html.find("Listen to the recording"),
      std::string::npos);
  const auto unknown = convert("Before [contact-form-7 id=\"12\"] after [1] and [[gallery]].");
  EXPECT_NE(unknown.html.find("[contact-form-7 id=\"12\"]"), std::string::npos);
  EXPECT_NE(unknown.html.find("[1]"), std::string::npos);
  EXPECT_NE(unknown.html.find("and [gallery]."), std::string::npos)
      << "[[…]] is how WordPress shows a shortcode";
  EXPECT_EQ(unknown.unknown_shortcodes, std::vector<std::string>{"contact-form-7"});
}

TEST(WordPressContent, ALineThatIsAUrlBecomesALink) {
  EXPECT_NE(convert("Watch:\n\nhttps://www.youtube.com/watch?v=x\n\nMore.")
                .html.find("<p><a href=\"https://www.youtube.com/watch?v=x\">"),
            std::string::npos);
  EXPECT_EQ(convert("See https://example.com/ here.").html.find("<a "), std::string::npos);
}

TEST(WordPressContent, ImagesOfTheOldSitePointAtTheirNewCopiesAndLoseTheOldSrcset) {
  ContentLinks links;
  links.image_address = [](std::string_view url) -> std::optional<std::string> {
    if (url == "https://old.example/wp-content/uploads/2019/05/a-300x200.jpg")
      return "/media/2019/05/new-800.webp";
    return std::nullopt;
  };
  const auto converted = convert(
      "<p><img class=\"x\" src=\"https://old.example/wp-content/uploads/2019/05/a-300x200.jpg\" "
      "srcset=\"https://old.example/wp-content/uploads/2019/05/a-1024x683.jpg 1024w\" alt=\"A\"> "
      "and "
      "<a href='https://elsewhere.example/'>a link</a></p>",
      links);
  EXPECT_NE(converted.html.find("src=\"/media/2019/05/new-800.webp\""), std::string::npos)
      << converted.html;
  EXPECT_EQ(converted.html.find("srcset"), std::string::npos);
  EXPECT_NE(converted.html.find("href='https://elsewhere.example/'"), std::string::npos);
}

}  // namespace
}  // namespace byline::importing
