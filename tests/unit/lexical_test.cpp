// What the Admin API reads and writes of Lexical; the rendering of every
// node is content/ghost_documents' (tests/unit/ghost_documents_test.cpp).
#include "api/lexical.hpp"

#include <gtest/gtest.h>

namespace byline::api {
namespace {

TEST(Lexical, ReadsADocumentAClientSendsAsHtml) {
  const auto html = lexical_text_to_html(
      R"({"root":{"type":"root","children":[{"type":"paragraph","children":[)"
      R"({"type":"extended-text","text":"Bold","format":1},{"type":"text","text":" <move>","format":0}]}]}})");
  ASSERT_TRUE(html);
  EXPECT_EQ(*html, "<p><strong>Bold</strong> &lt;move&gt;</p>\n");
}

TEST(Lexical, ReadsBackTheHtmlCardItWrites) {
  const std::string body = "<p>A body with \"quotes\" and <a href=\"/x/\">a link</a></p>";
  EXPECT_EQ(lexical_text_to_html(lexical_of_html(body)), body + "\n");
}

TEST(Lexical, RefusesWhatIsNoLexicalDocument) {
  for (const std::string_view text : {"", "not json", "[]", "{}", R"({"root":[]})"}) {
    EXPECT_FALSE(lexical_text_to_html(text)) << text;
  }
  std::string deep = R"({"root":{"children":[)";
  for (int i = 0; i < 300; ++i) deep += R"({"type":"paragraph","children":[)";
  for (int i = 0; i < 300; ++i) deep += "]}";
  deep += "]}}";
  EXPECT_FALSE(lexical_text_to_html(deep)) << "nesting deeper than any story";
}

}  // namespace
}  // namespace byline::api
