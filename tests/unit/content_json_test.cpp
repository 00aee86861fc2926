// The Content API's objects, field by field, against
// ../shared/specs/ghost-content-api.md §7.
#include "api/content_json.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <regex>
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

content::Post story() {
  content::Post post;
  post.id = 43;
  post.slug = "oil-exports";
  post.title = "Oil exports rise";
  post.body_html =
      "<p>Exports <a href=\"/oil/\">rose</a>.</p><img src=\"/media/2026/12/a-800.webp\" alt=\"\">";
  post.plaintext = "Exports rose.";
  post.status = content::PostStatus::published;
  post.created_at = Time(std::chrono::sys_days(std::chrono::December / 1 / 2026)) + 9h;
  post.updated_at = post.created_at + 2h;
  post.published_at = post.created_at + 1h;
  post.featured_image = "/media/2026/12/b-1600.webp";
  post.seo_title = "Oil exports";
  content::User author;
  author.id = 2;
  author.email = "leila@example.com";
  author.name = "Leila Karimi";
  author.slug = "leila-karimi";
  author.bio = "Covers energy.";
  post.authors = {author};
  post.tags = {content::Tag{4, "oil", "Oil", ""}, content::Tag{5, "iran", "Iran", "News of Iran"}};
  return post;
}

JsonContext context(ContentQuery query = {}) {
  return JsonContext{"https://news.example", render::DateFormatter("en", "Asia/Kolkata"),
                     std::move(query)};
}

const std::set<std::string> kPostFields = {"id",
                                           "uuid",
                                           "title",
                                           "slug",
                                           "html",
                                           "comment_id",
                                           "feature_image",
                                           "feature_image_alt",
                                           "feature_image_caption",
                                           "featured",
                                           "visibility",
                                           "created_at",
                                           "updated_at",
                                           "published_at",
                                           "custom_excerpt",
                                           "codeinjection_head",
                                           "codeinjection_foot",
                                           "custom_template",
                                           "canonical_url",
                                           "url",
                                           "excerpt",
                                           "reading_time",
                                           "access",
                                           "comments",
                                           "og_image",
                                           "og_title",
                                           "og_description",
                                           "twitter_image",
                                           "twitter_title",
                                           "twitter_description",
                                           "meta_title",
                                           "meta_description",
                                           "email_subject",
                                           "frontmatter"};

TEST(ContentJson, APostHasGhostsDefaultFieldsAndNothingTheContentApiHides) {
  const json::object post = post_json(story(), context());
  EXPECT_EQ(keys_of(post), kPostFields);
  for (const char* hidden : {"status", "type", "mobiledoc", "lexical", "author", "locale",
                             "email_only", "newsletter", "plaintext", "tags", "authors"}) {
    EXPECT_FALSE(post.contains(hidden)) << hidden;
  }
  EXPECT_EQ(post.at("id").as_string(), "62b1e001000000000000002b");
  EXPECT_EQ(post.at("comment_id"), post.at("id"));
  EXPECT_EQ(post.at("title").as_string(), "Oil exports rise");
  EXPECT_EQ(post.at("url").as_string(), "https://news.example/oil-exports/");
  // Addresses inside the body and the image are absolute.
  EXPECT_EQ(post.at("html").as_string(),
            "<p>Exports <a href=\"https://news.example/oil/\">rose</a>.</p>"
            "<img src=\"https://news.example/media/2026/12/a-800.webp\" alt=\"\">");
  EXPECT_EQ(post.at("feature_image").as_string(), "https://news.example/media/2026/12/b-1600.webp");
  EXPECT_TRUE(post.at("feature_image_alt").is_null());
  EXPECT_TRUE(post.at("custom_excerpt").is_null());  // "" is null
  EXPECT_EQ(post.at("excerpt").as_string(), "Exports rose.");
  EXPECT_EQ(post.at("meta_title").as_string(), "Oil exports");
  EXPECT_TRUE(post.at("meta_description").is_null());
  EXPECT_EQ(post.at("featured").as_bool(), false);
  EXPECT_EQ(post.at("visibility").as_string(), "public");
  EXPECT_EQ(post.at("access").as_bool(), true);
  EXPECT_TRUE(post.at("reading_time").is_int64());
  // Dates carry the site's offset and milliseconds.
  EXPECT_EQ(post.at("created_at").as_string(), "2026-12-01T14:30:00.000+05:30");
  EXPECT_EQ(post.at("published_at").as_string(), "2026-12-01T15:30:00.000+05:30");
  EXPECT_EQ(post.at("updated_at").as_string(), "2026-12-01T16:30:00.000+05:30");
}

TEST(ContentJson, IncludedTagsAndAuthorsComeWholeWithTheirPrimaries) {
  ContentQuery query;
  query.include_tags = true;
  query.include_authors = true;
  const json::object post = post_json(story(), context(query));
  const json::array& tags = post.at("tags").as_array();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(post.at("primary_tag"), tags.front());
  EXPECT_EQ(keys_of(tags.at(1).as_object()),
            (std::set<std::string>{"id", "name", "slug", "description", "feature_image",
                                   "visibility", "og_image", "og_title", "og_description",
                                   "twitter_image", "twitter_title", "twitter_description",
                                   "meta_title", "meta_description", "codeinjection_head",
                                   "codeinjection_foot", "canonical_url", "accent_color", "url"}));
  EXPECT_EQ(tags.at(1).at("description").as_string(), "News of Iran");
  EXPECT_EQ(tags.at(1).at("url").as_string(), "https://news.example/tag/iran/");
  const json::array& authors = post.at("authors").as_array();
  ASSERT_EQ(authors.size(), 1u);
  EXPECT_EQ(post.at("primary_author"), authors.front());
  const json::object& author = authors.front().as_object();
  EXPECT_EQ(keys_of(author),
            (std::set<std::string>{"id", "name", "slug", "profile_image", "cover_image", "bio",
                                   "website", "location", "facebook", "twitter", "meta_title",
                                   "meta_description", "url"}));
  EXPECT_FALSE(author.contains("email"));  // never, on the Content API
  EXPECT_EQ(author.at("url").as_string(), "https://news.example/author/leila-karimi/");
  EXPECT_TRUE(author.at("website").is_null());

  content::Post untagged = story();
  untagged.tags.clear();
  EXPECT_TRUE(post_json(untagged, context(query)).at("primary_tag").is_null());
}

TEST(ContentJson, FieldsAndFormatsChooseWhatIsShown) {
  ContentQuery query;
  query.fields = {"title", "url", "nonsense"};
  EXPECT_EQ(keys_of(post_json(story(), context(query))),
            (std::set<std::string>{"id", "title", "url"}));
  ContentQuery text;
  text.html = false;
  text.plaintext = true;
  const json::object post = post_json(story(), context(text));
  EXPECT_FALSE(post.contains("html"));
  EXPECT_EQ(post.at("plaintext").as_string(), "Exports rose.");
}

TEST(ContentJson, APageSaysItShowsItsTitleAndImage) {
  content::Post page = story();
  page.type = content::PostType::page;
  auto fields = kPostFields;
  fields.insert("show_title_and_feature_image");
  EXPECT_EQ(keys_of(post_json(page, context())), fields);
}

TEST(ContentJson, CountsShowOnlyWhenIncluded) {
  const content::Tag tag{4, "oil", "Oil", ""};
  EXPECT_FALSE(tag_json(tag, context(), 7).contains("count"));
  ContentQuery query;
  query.include_count_posts = true;
  EXPECT_EQ(tag_json(tag, context(query), 7).at("count").at("posts").as_int64(), 7);
  content::User user = story().authors.front();
  EXPECT_EQ(author_json(user, context(query), 3).at("count").at("posts").as_int64(), 3);
}

TEST(ContentJson, SettingsAreTheSitesPublicOnes) {
  site::SiteSettings settings;
  settings.title = "The Daily Byline";
  settings.url = "https://news.example";
  settings.time_zone = "Asia/Tehran";
  settings.logo = "/media/logo.webp";
  settings.navigation_links = {{"About", "/about/"}};
  const std::vector<content::Section> sections = {content::Section{1, "world", "World", "", 0},
                                                  content::Section{2, "iran", "Iran", "", 1}};
  const json::object shown = settings_json(settings, sections);
  EXPECT_EQ(shown.at("title").as_string(), "The Daily Byline");
  EXPECT_EQ(shown.at("url").as_string(), "https://news.example/");
  EXPECT_EQ(shown.at("timezone").as_string(), "Asia/Tehran");
  EXPECT_EQ(shown.at("logo").as_string(), "https://news.example/media/logo.webp");
  EXPECT_TRUE(shown.at("icon").is_null());
  EXPECT_EQ(shown.at("members_enabled").as_bool(), false);
  EXPECT_EQ(json::serialize(shown.at("navigation")),
            R"([{"label":"Home","url":"/"},{"label":"World","url":"/section/world/"},)"
            R"({"label":"About","url":"/about/"}])");
  EXPECT_TRUE(shown.at("secondary_navigation").as_array().empty());
  for (const char* field : {"description", "lang", "locale", "accent_color", "cover_image",
                            "facebook", "twitter", "meta_title", "og_image", "twitter_image",
                            "codeinjection_head", "portal_plans", "version"}) {
    EXPECT_TRUE(shown.contains(field)) << field;
  }
}

TEST(ContentJson, ReadingTimeIsGhostsTwoHundredSeventyFiveWordsAMinuteAndTimeForImages) {
  std::string words;
  for (int i = 0; i < 550; ++i) words += "word ";
  EXPECT_EQ(reading_minutes(words, "", false), 2);
  EXPECT_EQ(reading_minutes("", "", false), 0);
  // Ten images take 12 + 11 + ... + 3 seconds: 75 s, a minute.
  std::string images;
  for (int i = 0; i < 10; ++i) images += "<img src=\"/a.webp\">";
  EXPECT_EQ(reading_minutes("", images, false), 1);
  EXPECT_EQ(reading_minutes(words, "", true), 2);  // 120 s + 12 s
}

}  // namespace
}  // namespace byline::api
