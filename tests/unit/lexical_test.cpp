#include "api/lexical.hpp"

#include <gtest/gtest.h>

namespace byline::api {
namespace {

// What Ghost's editor saves for a short story (trimmed of the fields that
// say nothing about the HTML: direction, indent, version).
constexpr std::string_view kStory = R"({"root":{"type":"root","children":[
  {"type":"heading","tag":"h2","children":[{"type":"extended-text","text":"Talks resume","format":0}]},
  {"type":"paragraph","children":[
    {"type":"extended-text","text":"Negotiators met in ","format":0},
    {"type":"link","url":"https://example.org/vienna?a=1&b=2","children":[
      {"type":"extended-text","text":"Vienna","format":1}]},
    {"type":"extended-text","text":" <again>","format":3},
    {"type":"linebreak"},
    {"type":"extended-text","text":"x","format":80}]},
  {"type":"list","listType":"number","children":[
    {"type":"listitem","children":[{"type":"text","text":"One","format":0}]},
    {"type":"listitem","children":[{"type":"text","text":"Two","format":16}]}]},
  {"type":"quote","children":[{"type":"text","text":"Quoted","format":0}]},
  {"type":"horizontalrule"},
  {"type":"image","src":"https://example.org/a.jpg","alt":"A \"photo\"","caption":"By <i>AP</i>"},
  {"type":"html","html":"<table><tr><td>kept</td></tr></table>"},
  {"type":"markdown","markdown":"**bold** words"},
  {"type":"some-future-card","children":[{"type":"text","text":"inside","format":0}]},
  {"type":"embed","url":"https://video.example"}
]}})";

TEST(Lexical, MakesHtmlOfWhatGhostsEditorWrites) {
  const auto html = lexical_to_html(kStory);
  ASSERT_TRUE(html);
  EXPECT_EQ(*html,
            "<h2>Talks resume</h2>"
            "<p>Negotiators met in <a href=\"https://example.org/vienna?a=1&amp;b=2\">"
            "<strong>Vienna</strong></a><em><strong> &lt;again&gt;</strong></em><br>"
            "<sup><code>x</code></sup></p>"
            "<ol><li>One</li><li><code>Two</code></li></ol>"
            "<blockquote>Quoted</blockquote><hr>"
            "<figure><img src=\"https://example.org/a.jpg\" alt=\"A &quot;photo&quot;\">"
            "<figcaption>By <i>AP</i></figcaption></figure>"
            "<table><tr><td>kept</td></tr></table>"
            "<p><strong>bold</strong> words</p>\n"
            "inside");
}

TEST(Lexical, ReadsBackTheHtmlCardItWrites) {
  const std::string body = "<p>A body with \"quotes\" and <a href=\"/x/\">a link</a></p>";
  EXPECT_EQ(lexical_to_html(lexical_of_html(body)), body);
}

TEST(Lexical, RefusesWhatIsNoLexicalDocument) {
  for (const std::string_view text : {"", "not json", "[]", "{}", R"({"root":[]})"}) {
    EXPECT_FALSE(lexical_to_html(text)) << text;
  }
  std::string deep = R"({"root":{"children":[)";
  for (int i = 0; i < 300; ++i) deep += R"({"type":"paragraph","children":[)";
  for (int i = 0; i < 300; ++i) deep += "]}";
  deep += "]}}";
  EXPECT_FALSE(lexical_to_html(deep)) << "nesting deeper than any story";
}

}  // namespace
}  // namespace byline::api
