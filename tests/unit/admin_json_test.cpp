// The Admin API's objects, field by field, against
// ../shared/specs/ghost-admin-api.md §2, and the updated_at stamp its
// collision check reads back.
#include "api/admin_json.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <set>

namespace byline::api {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::set<std::string> keys_of(const json::object& object) {
  std::set<std::string> keys;
  for (const auto& field : object) keys.emplace(field.key());
  return keys;
}

const Time kCreated = Time(std::chrono::sys_days(std::chrono::December / 1 / 2026)) + 9h;

content::Post draft() {
  content::Post post;
  post.id = 43;
  post.slug = "oil-exports";
  post.title = "Oil exports rise";
  post.body_html = "<p>Exports <a href=\"/oil/\">rose</a>.</p>";
  post.plaintext = "Exports rose.";
  post.status = content::PostStatus::review;
  post.created_at = kCreated;
  post.updated_at = kCreated + 2h;
  post.revision = 12;
  content::User author;
  author.id = 2;
  author.email = "leila@example.com";
  author.name = "Leila Karimi";
  author.slug = "leila-karimi";
  author.role = content::Role::editor;
  post.authors = {author};
  post.tags = {content::Tag{4, "oil", "Oil", ""}};
  return post;
}

JsonContext context(ContentQuery query = {}) {
  // Content API defaults ask for html; the Admin API's handlers say when
  // it is asked for, as here.
  query.html = false;
  return JsonContext{"https://news.example", render::DateFormatter("en", "Asia/Tehran"),
                     std::move(query)};
}

TEST(AdminJson, APostHasTheAdminFieldsWithItsTagsAuthorsAndLexicalBody) {
  const json::object post = admin_post_json(draft(), context());
  const std::set<std::string> keys = keys_of(post);
  for (const std::string field : {"id",           "uuid",
                                  "title",        "slug",
                                  "status",       "lexical",
                                  "mobiledoc",    "feature_image",
                                  "featured",     "visibility",
                                  "created_at",   "updated_at",
                                  "published_at", "custom_excerpt",
                                  "tags",         "primary_tag",
                                  "authors",      "primary_author",
                                  "url",          "excerpt",
                                  "tiers",        "email",
                                  "newsletter",   "email_segment",
                                  "meta_title",   "meta_description"}) {
    EXPECT_TRUE(keys.contains(field)) << field;
  }
  EXPECT_FALSE(keys.contains("html")) << "only when formats asks for it";
  EXPECT_EQ(post.at("status").as_string(), "draft") << "review is a draft to Ghost";
  EXPECT_TRUE(post.at("published_at").is_null());
  EXPECT_TRUE(post.at("mobiledoc").is_null());
  EXPECT_EQ(
      post.at("lexical").as_string(),
      R"({"root":{"children":[{"type":"html","version":1,"html":"<p>Exports <a href=\"/oil/\">rose</a>.</p>"}],)"
      R"("direction":null,"format":"","indent":0,"type":"root","version":1}})");
  EXPECT_EQ(post.at("url").as_string(), "https://news.example/newsroom/posts/43/preview/");
  const json::object& author = post.at("authors").at(0).as_object();
  EXPECT_EQ(author.at("email").as_string(), "leila@example.com");
  EXPECT_EQ(author.at("roles").at(0).at("name").as_string(), "Editor");
  EXPECT_EQ(post.at("tags").at(0).at("slug").as_string(), "oil");

  JsonContext asked = context();
  asked.query.html = true;
  EXPECT_EQ(admin_post_json(draft(), asked).at("html").as_string(),
            "<p>Exports <a href=\"https://news.example/oil/\">rose</a>.</p>");
  content::Post out = draft();
  out.status = content::PostStatus::published;
  out.published_at = kCreated + 1h;
  const json::object published = admin_post_json(out, context());
  EXPECT_EQ(published.at("status").as_string(), "published");
  EXPECT_EQ(published.at("published_at").as_string(), "2026-12-01T10:00:00.000Z");
  EXPECT_EQ(published.at("url").as_string(), "https://news.example/oil-exports/");
}

TEST(AdminJson, DatesAreUtcWithMillisecondsAndUpdatedAtCarriesTheRevision) {
  const json::object post = admin_post_json(draft(), context());
  EXPECT_EQ(post.at("created_at").as_string(), "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(post.at("updated_at").as_string(), "2026-12-01T11:00:00.012Z");
  EXPECT_EQ(edit_stamp(draft()), "2026-12-01T11:00:00.012Z");
}

TEST(AdminJson, AnEditStampNamesOneSaveOfThePostInAnyOffset) {
  const content::Post post = draft();
  EXPECT_TRUE(is_edit_stamp_of("2026-12-01T11:00:00.012Z", post));
  EXPECT_TRUE(is_edit_stamp_of("2026-12-01T14:30:00.012+03:30", post)) << "the same moment";
  EXPECT_TRUE(is_edit_stamp_of("2026-12-01 11:00:00.012", post));
  content::Post saved_again = post;
  saved_again.revision = 13;  // saved again within the same second
  EXPECT_FALSE(is_edit_stamp_of("2026-12-01T11:00:00.012Z", saved_again));
  for (const std::string_view other :
       {"2026-12-01T11:00:01.012Z", "2026-12-01T11:00:00Z", "2026-12-01T11:00:00.000Z", "",
        "yesterday", "2026-12-01T11:00:00.012+0330", "2026-13-01T11:00:00.012Z"}) {
    EXPECT_FALSE(is_edit_stamp_of(other, post)) << other;
  }
  EXPECT_EQ(read_admin_time("2026-12-01T14:30:00+03:30"), kCreated + 2h);
  EXPECT_EQ(read_admin_time("2026-02-30T00:00:00Z"), std::nullopt);
}

TEST(AdminJson, StaffShowTheirEmailAndRole) {
  content::User admin;
  admin.id = 1;
  admin.email = "olivia@example.com";
  admin.name = "Olivia Owner";
  admin.slug = "olivia-owner";
  admin.role = content::Role::admin;
  const json::object user = admin_user_json(admin, context(), 3);
  EXPECT_EQ(user.at("email").as_string(), "olivia@example.com");
  EXPECT_EQ(user.at("status").as_string(), "active");
  EXPECT_EQ(user.at("roles").at(0).at("name").as_string(), "Administrator");
  EXPECT_EQ(user.at("url").as_string(), "https://news.example/author/olivia-owner/");
}

}  // namespace
}  // namespace byline::api
