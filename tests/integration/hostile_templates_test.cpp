// Every classic cross-site scripting payload, typed into every field a page
// shows (title, excerpt, body, author name and bio, section, tag, image
// text, the site's title and description, the search box, the address),
// and every page that shows it read over real HTTP and parsed as a browser
// would: nothing on any of them runs script.
#include "byline_process.hpp"
#include "http_client.hpp"
#include "newsroom_client.hpp"
#include "script_surface.hpp"
#include "xss_payloads.hpp"

#include "content/post_rules.hpp"
#include "http/percent_encoding.hpp"
#include "site/settings.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

std::string findings_in(const std::string& html, HtmlScope scope) {
  return script_surface_report(html, scope, kXssMarker);
}

// The CDATA sections of a feed (where bodies go) and the rest of it.
std::pair<std::vector<std::string>, std::string> split_cdata(const std::string& xml) {
  std::vector<std::string> sections;
  std::string rest;
  std::size_t at = 0;
  while (true) {
    const auto open = xml.find("<![CDATA[", at);
    if (open == std::string::npos) break;
    const auto close = xml.find("]]>", open);
    if (close == std::string::npos) break;
    rest += xml.substr(at, open - at);
    sections.push_back(xml.substr(open + 9, close - open - 9));
    at = close + 3;
  }
  rest += xml.substr(at);
  return {sections, rest};
}

// The text of every <content type="html"> of an Atom feed, unescaped: the
// HTML a reader shows.
std::vector<std::string> atom_contents(const std::string& xml) {
  static constexpr std::string_view kOpen = "<content type=\"html\">";
  std::vector<std::string> contents;
  for (auto at = xml.find(kOpen); at != std::string::npos; at = xml.find(kOpen, at + 1)) {
    const auto start = at + kOpen.size();
    const std::string escaped = xml.substr(start, xml.find("</content>", start) - start);
    std::string html;
    for (std::size_t i = 0; i < escaped.size(); ++i) {
      bool replaced = false;
      for (const auto& [entity, character] : {std::pair{"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                                              {"&apos;", '\''}, {"&amp;", '&'}}) {
        if (escaped.compare(i, std::strlen(entity), entity) == 0) {
          html += character;
          i += std::strlen(entity) - 1;
          replaced = true;
          break;
        }
      }
      if (!replaced) html += escaped[i];
    }
    contents.push_back(html);
  }
  return contents;
}

// Payloads from the `from`th on, as many as fit in `max_bytes`.
std::string joined_payloads(std::size_t from, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = from; i < xss_payloads().size(); ++i) {
    if (out.size() + xss_payloads()[i].text.size() + 1 > max_bytes) break;
    out += xss_payloads()[i].text + " ";
  }
  return out;
}

class HostileTemplates : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("hostile-templates");
    {
      auto opened = store::sqlite::SqliteStore::open(data_->path() / "byline.db", 1);
      ASSERT_TRUE(opened.ok()) << opened.error().detail;
      store::Store& store = **opened;
      ASSERT_TRUE(store.put_setting(site::kTitleKey, "News " + joined_payloads(0, 190)).ok());
      ASSERT_TRUE(store.put_setting(site::kDescriptionKey, joined_payloads(40, 490)).ok());
      const auto& payloads = xss_payloads();
      for (std::size_t i = 0; i < payloads.size(); ++i) {
        const std::string n = std::to_string(i);
        content::User author;
        author.email = "writer" + n + "@example.com";
        author.name = "Writer " + payloads[i].text;
        author.slug = "writer-" + n;
        author.bio = payloads[i].text;
        auto author_id = store.create_user(author, "");
        ASSERT_TRUE(author_id.ok()) << n;
        author.id = *author_id;
        content::Section section{0, "section-" + n, "Section " + payloads[i].text, payloads[i].text};
        auto section_id = store.create_section(section);
        ASSERT_TRUE(section_id.ok()) << n;
        section.id = *section_id;
        content::Tag tag{0, "tag-" + n, "Tag " + payloads[i].text, payloads[i].text};
        auto tag_id = store.create_tag(tag);
        ASSERT_TRUE(tag_id.ok()) << n;
        tag.id = *tag_id;

        content::Post post;
        post.title = "Story " + payloads[i].text;
        post.slug = "story-" + n;
        post.body_source = "<p>Alert text " + n + "</p>" + payloads[i].text;
        post.custom_excerpt = payloads[i].text;
        post.featured_image = "/media/2026/11/none-800.webp";
        post.featured_image_alt = payloads[i].text;
        post.featured_image_caption = payloads[i].text;
        post.status = content::PostStatus::published;
        post.published_at = now_utc() - std::chrono::minutes(i + 1);
        post.authors.push_back(author);
        post.sections.push_back(section);
        post.tags.push_back(tag);
        auto prepared = content::prepare_post(std::move(post), now_utc());
        ASSERT_TRUE(prepared.ok()) << n << ": " << prepared.error().message;
        ASSERT_TRUE(store.create_post(*prepared).ok()) << n;
      }
    }
    ASSERT_TRUE(add_staff(data_->path(), "eve@example.com", "Eve Editor", content::Role::editor, kPassword));
    server_ = new ServerProcess(data_->path(), {});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }

  static HttpResponse get(const std::string& target) { return http_get(server_->port(), target); }

  static void expect_page_runs_nothing(const std::string& target) {
    const HttpResponse page = get(target);
    ASSERT_EQ(page.status, target.starts_with("/no-such/") ? 404 : 200) << target;
    EXPECT_EQ(findings_in(page.body, HtmlScope::page), "") << target;
  }

  static TempDir* data_;
  static ServerProcess* server_;
};

TempDir* HostileTemplates::data_ = nullptr;
ServerProcess* HostileTemplates::server_ = nullptr;

TEST_F(HostileTemplates, ArticlePagesRunNothingWritersTyped) {
  for (std::size_t i = 0; i < xss_payloads().size(); ++i) {
    SCOPED_TRACE(xss_payloads()[i].text);
    const HttpResponse page = get("/story-" + std::to_string(i) + "/");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Alert text " + std::to_string(i)), std::string::npos) << "the story is shown";
    EXPECT_EQ(findings_in(page.body, HtmlScope::page), "");
  }
}

TEST_F(HostileTemplates, AuthorSectionAndTagPagesRunNothing) {
  for (std::size_t i = 0; i < xss_payloads().size(); ++i) {
    SCOPED_TRACE(xss_payloads()[i].text);
    const std::string n = std::to_string(i);
    expect_page_runs_nothing("/author/writer-" + n + "/");
    expect_page_runs_nothing("/section/section-" + n + "/");
    expect_page_runs_nothing("/tag/tag-" + n + "/");
  }
}

TEST_F(HostileTemplates, ListsSearchAndErrorPagesRunNothing) {
  expect_page_runs_nothing("/");
  for (int page = 2; page <= 9; ++page) expect_page_runs_nothing("/page/" + std::to_string(page) + "/");
  expect_page_runs_nothing("/search?q=alert");  // snippets of every hostile body
  expect_page_runs_nothing("/search?q=1337");
  for (const auto& payload : xss_payloads()) {
    SCOPED_TRACE(payload.text);
    expect_page_runs_nothing("/search?q=" + http::url_encode(payload.text));
  }
  expect_page_runs_nothing("/no-such/" + http::url_encode("<img src=x onerror=alert(1337)>") + "/");
}

TEST_F(HostileTemplates, FeedsCarryBodiesThatRunNothing) {
  for (const std::string target : {"/rss/", "/section/section-3/rss/", "/author/writer-5/rss/"}) {
    SCOPED_TRACE(target);
    const HttpResponse feed = get(target);
    ASSERT_EQ(feed.status, 200);
    const auto [bodies, skeleton] = split_cdata(feed.body);
    EXPECT_FALSE(bodies.empty());
    for (const auto& body : bodies) EXPECT_EQ(findings_in(body, HtmlScope::fragment), "") << body;
    // Outside CDATA every text is escaped: no markup from writers at all.
    EXPECT_EQ(skeleton.find("<script"), std::string::npos);
    EXPECT_EQ(skeleton.find("<img"), std::string::npos);
    EXPECT_EQ(skeleton.find("<svg"), std::string::npos);
  }
  const HttpResponse atom = get("/atom.xml");
  ASSERT_EQ(atom.status, 200);
  const auto contents = atom_contents(atom.body);
  EXPECT_FALSE(contents.empty());
  for (const auto& html : contents) EXPECT_EQ(findings_in(html, HtmlScope::fragment), "") << html;
  EXPECT_EQ(atom.body.find("<script"), std::string::npos);
  EXPECT_EQ(atom.body.find("<img"), std::string::npos);
}

TEST_F(HostileTemplates, NewsroomPagesRunNothingWritersTyped) {
  StaffClient editor(server_->port(), "eve@example.com", kPassword);
  ASSERT_TRUE(editor.signed_in());
  for (const std::string target : {"/newsroom/", "/newsroom/?page=2", "/newsroom/sections/"}) {
    const HttpResponse page = editor.get(target);
    EXPECT_EQ(page.status, 200) << target;
    EXPECT_EQ(findings_in(page.body, HtmlScope::page), "") << target;
  }
  // Posts were stored in the order of the payloads: ids 1, 2, ...
  for (std::size_t i = 0; i < xss_payloads().size(); ++i) {
    SCOPED_TRACE(xss_payloads()[i].text);
    const std::string post = "/newsroom/posts/" + std::to_string(i + 1) + "/";
    for (const std::string& target : {post, post + "preview/", post + "revisions/"}) {
      const HttpResponse page = editor.get(target);
      ASSERT_EQ(page.status, 200) << target;
      EXPECT_EQ(findings_in(page.body, HtmlScope::page), "") << target;
    }
  }
}

}  // namespace
}  // namespace byline::testing
