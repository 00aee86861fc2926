// The sanitiser against the classic cross-site scripting payloads, judged
// by what a browser's parse of its output would run.
#include "script_surface.hpp"
#include "xss_payloads.hpp"

#include "content/sanitize.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

TEST(ScriptSurface, SeesWhatABrowserWouldRun) {
  EXPECT_FALSE(script_surface("<img src=x onerror=alert(1337)>", HtmlScope::fragment, kXssMarker).empty());
  EXPECT_FALSE(script_surface("<a href=\"java&#x09;script:x\">x</a>", HtmlScope::fragment, kXssMarker).empty());
  EXPECT_FALSE(script_surface("<p title=\"\" onmouseover=\"alert(1337)\">", HtmlScope::fragment, kXssMarker).empty());
  EXPECT_FALSE(script_surface("<svg><set attributeName=href to=x>", HtmlScope::page, kXssMarker).empty());
  EXPECT_FALSE(script_surface("<script>alert(1337)</script>", HtmlScope::page, kXssMarker).empty());
  EXPECT_FALSE(script_surface("<div style=\"width:expression(x)\">", HtmlScope::page, kXssMarker).empty());
  EXPECT_FALSE(script_surface("<meta http-equiv=refresh content=\"0;url=/\">", HtmlScope::page, kXssMarker).empty());
  // What escaping leaves is text, and a theme's own scripts are expected.
  EXPECT_TRUE(script_surface("<p>&lt;script&gt;alert(1337)&lt;/script&gt;</p>", HtmlScope::fragment, kXssMarker).empty());
  EXPECT_TRUE(script_surface("<p title=\"&quot; onmouseover=&quot;alert(1337)\">x</p>", HtmlScope::fragment,
                             kXssMarker).empty());
  EXPECT_TRUE(script_surface("<script type=\"application/ld+json\">{\"name\":\"alert(1337)\"}</script>"
                             "<script type=\"module\" src=\"/newsroom/assets/editor.js\"></script>",
                             HtmlScope::page, kXssMarker).empty());
}

TEST(ScriptSurface, KnowsTheSpellingsOfScriptUrls) {
  EXPECT_TRUE(is_script_url("javascript:x"));
  EXPECT_TRUE(is_script_url(" \x01JaVa\tScR\nipt:x"));
  EXPECT_TRUE(is_script_url("vbscript:x"));
  EXPECT_TRUE(is_script_url("DATA:text/html,x"));
  EXPECT_FALSE(is_script_url("/javascript:x"));
  EXPECT_FALSE(is_script_url("https://example.com/javascript:"));
}

TEST(XssPayloads, TheSanitiserLeavesNoneOfThemAbleToRun) {
  ASSERT_GE(xss_payloads().size(), 80u);
  for (const auto& payload : xss_payloads()) {
    for (const std::string& html : {payload.text, "<p>Before</p>" + payload.text + "<p>after</p>"}) {
      const std::string sanitised = content::sanitize_html(html);
      EXPECT_EQ(script_surface_report(sanitised, HtmlScope::fragment, kXssMarker), "")
          << payload.kind << ": " << html << "\nbecame: " << sanitised;
      EXPECT_EQ(content::sanitize_html(sanitised), sanitised) << payload.kind << ": " << html;
    }
  }
}

TEST(XssPayloads, AreDangerousUnsanitised) {
  // The finder must see most of them raw, or a clean result proves nothing.
  // About a dozen are harmless as markup: they are only dangerous inside an
  // attribute ("\" onmouseover=…), escaped already, or broken in a way the
  // parser drops.
  std::size_t seen = 0;
  for (const auto& payload : xss_payloads()) {
    if (!script_surface(payload.text, HtmlScope::fragment, kXssMarker).empty()) ++seen;
  }
  EXPECT_GE(seen, 75u) << "of " << xss_payloads().size();
}

}  // namespace
}  // namespace byline::testing
