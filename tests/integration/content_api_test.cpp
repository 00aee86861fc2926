// The Ghost Content API over real HTTP, on the demo site: what it shows
// (published posts only, in Ghost's shapes and envelope), who it shows it
// to (a valid content key, checked again on every cached answer), and how
// it refuses what it cannot answer.
#include "api_client.hpp"
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

namespace byline::testing {
namespace {

namespace json = boost::json;

constexpr const char* kPassword = "a long enough secret";
constexpr const char* kApi = "/ghost/api/content/";

std::vector<std::string> slugs_of(const json::object& body, const char* resource) {
  std::vector<std::string> slugs;
  for (const auto& item : body.at(resource).as_array())
    slugs.emplace_back(item.at("slug").as_string());
  return slugs;
}

// One server for the suite: the demo site, an editor and two keys.
class ContentApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("content-api");
    ASSERT_TRUE(add_staff(data_->path(), "eddie@example.com", "Eddie Editor", content::Role::editor,
                          kPassword));
    key_ = added_key(data_->path(), "content", "Front end");
    admin_key_ = added_key(data_->path(), "admin", "Publishing script");
    server_ = new ServerProcess(data_->path(), {"--demo"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }

  static HttpResponse get(const std::string& path, const std::string& query = "",
                          std::vector<std::pair<std::string, std::string>> headers = {}) {
    return http_request(
        server_->port(), "GET",
        std::string(kApi) + path + "?key=" + key_ + (query.empty() ? "" : "&" + query), headers);
  }

  static inline TempDir* data_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string key_;
  static inline std::string admin_key_;
};

TEST_F(ContentApi, BrowsesPublishedPostsPageByPageWithGhostsPagination) {
  const HttpResponse first = get("posts/", "limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(first.header("access-control-allow-origin"), "*");
  EXPECT_EQ(first.header("content-version"), "v6.0");
  const json::object body = parsed(first);
  ASSERT_EQ(body.at("posts").as_array().size(), 2u);
  const json::object& pagination = body.at("meta").at("pagination").as_object();
  const long total = pagination.at("total").as_int64();
  EXPECT_EQ(total, 47);  // the demo's published articles; its About page is a page
  EXPECT_EQ(pagination.at("page").as_int64(), 1);
  EXPECT_EQ(pagination.at("limit").as_int64(), 2);
  EXPECT_EQ(pagination.at("pages").as_int64(), 24);
  EXPECT_EQ(pagination.at("next").as_int64(), 2);
  EXPECT_TRUE(pagination.at("prev").is_null());

  // Page 2 continues where page 1 stopped; the newest come first.
  const json::object second = parsed(get("posts/", "limit=2&page=2"));
  EXPECT_EQ(second.at("meta").at("pagination").at("prev").as_int64(), 1);
  const auto page_one = slugs_of(body, "posts");
  const auto page_two = slugs_of(second, "posts");
  EXPECT_NE(page_one, page_two);
  const json::object four = parsed(get("posts/", "limit=4"));
  std::vector<std::string> both = page_one;
  both.insert(both.end(), page_two.begin(), page_two.end());
  EXPECT_EQ(slugs_of(four, "posts"), both);
  EXPECT_GE(four.at("posts").at(0).at("published_at").as_string(),
            four.at("posts").at(3).at("published_at").as_string());

  // "all" and anything over 100 give at most 100 a page.
  const json::object all = parsed(get("posts/", "limit=all&fields=slug"));
  EXPECT_EQ(all.at("posts").as_array().size(), 47u);
  EXPECT_EQ(all.at("meta").at("pagination").at("limit").as_int64(), 100);
  EXPECT_TRUE(all.at("meta").at("pagination").at("next").is_null());
  // The last page past the end is empty, not an error.
  EXPECT_TRUE(parsed(get("posts/", "page=99")).at("posts").as_array().empty());
}

TEST_F(ContentApi, PagesArePagesAndPostsArePosts) {
  const json::object pages = parsed(get("pages/"));
  EXPECT_EQ(slugs_of(pages, "pages"), (std::vector<std::string>{"about", "darbare-ye-ma"}));
  EXPECT_TRUE(pages.at("pages").at(0).as_object().contains("show_title_and_feature_image"));
  EXPECT_EQ(get("posts/slug/about/").status, 404);
  EXPECT_EQ(get("pages/slug/about/").status, 200);
}

TEST_F(ContentApi, ReadsAPostByIdAndBySlugAsAListOfOneWithoutMeta) {
  const json::object listed = parsed(get("posts/", "limit=1&include=tags,authors"));
  const json::object& post = listed.at("posts").at(0).as_object();
  const std::string id(post.at("id").as_string());
  const std::string slug(post.at("slug").as_string());
  ASSERT_TRUE(post.at("primary_author").is_object());
  EXPECT_EQ(post.at("primary_author"), post.at("authors").at(0));

  for (const std::string& path : {"posts/" + id + "/", "posts/slug/" + slug + "/"}) {
    const HttpResponse read = get(path, "include=authors");
    ASSERT_EQ(read.status, 200) << path << " " << read.body;
    const json::object body = parsed(read);
    EXPECT_FALSE(body.contains("meta")) << path;  // the SDK unwraps a list of one without meta
    ASSERT_EQ(body.at("posts").as_array().size(), 1u);
    EXPECT_EQ(body.at("posts").at(0).at("id").as_string(), id);
    EXPECT_TRUE(body.at("posts").at(0).as_object().contains("authors"));
    EXPECT_FALSE(body.at("posts").at(0).as_object().contains("tags"));
  }
  const json::object missing = first_error(get("posts/slug/no-such-story/"));
  EXPECT_EQ(missing.at("type").as_string(), "NotFoundError");
  EXPECT_EQ(missing.at("message").as_string(), "Post not found.");
  EXPECT_EQ(get("posts/62b1e001000000000000ffff/").status, 404);
  // An id that is no id at all is a validation error, as in Ghost.
  EXPECT_EQ(get("posts/xyz/").status, 422);
}

TEST_F(ContentApi, FiltersWithNqlAndGivesSlugListsInTheirOrder) {
  const json::object tagged = parsed(get("posts/", "filter=tag:nuclear&limit=all&include=tags"));
  const auto& posts = tagged.at("posts").as_array();
  ASSERT_FALSE(posts.empty());
  for (const auto& post : posts) {
    bool has = false;
    for (const auto& tag : post.at("tags").as_array()) has = has || tag.at("slug") == "nuclear";
    EXPECT_TRUE(has) << post.at("slug");
  }
  const std::size_t nuclear = posts.size();
  const std::size_t others = parsed(get("posts/", "filter=tag:-nuclear&limit=all&fields=slug"))
                                 .at("posts")
                                 .as_array()
                                 .size();
  EXPECT_EQ(nuclear + others, 47u);

  const auto newest = slugs_of(parsed(get("posts/", "limit=3&fields=slug")), "posts");
  const std::string list = newest[2] + "," + newest[0];
  EXPECT_EQ(slugs_of(parsed(get("posts/", "filter=slug:%5B" + list + "%5D&fields=slug")), "posts"),
            (std::vector<std::string>{newest[2], newest[0]}));
  // Excluding the current post, as "related posts" do.
  const std::string id(
      parsed(get("posts/slug/" + newest[0] + "/")).at("posts").at(0).at("id").as_string());
  const auto rest =
      slugs_of(parsed(get("posts/", "limit=3&fields=slug&filter=id:-" + id)), "posts");
  EXPECT_EQ(rest.front(), newest[1]);
  // A filter on an author's email is ignored, as Ghost ignores it.
  EXPECT_EQ(parsed(get("posts/", "filter=authors.email:x@example.com&fields=slug"))
                .at("meta")
                .at("pagination")
                .at("total")
                .as_int64(),
            47);
}

TEST_F(ContentApi, AuthorsTagsAndSettingsComeInGhostsShapes) {
  const json::object authors = parsed(get("authors/", "include=count.posts"));
  ASSERT_FALSE(authors.at("authors").as_array().empty());
  long posts = 0;
  for (const auto& author : authors.at("authors").as_array()) {
    EXPECT_FALSE(author.as_object().contains("email"));
    posts += author.at("count").at("posts").as_int64();
  }
  EXPECT_GE(posts, 47);
  const std::string slug(authors.at("authors").at(0).at("slug").as_string());
  EXPECT_EQ(parsed(get("authors/slug/" + slug + "/")).at("authors").at(0).at("slug").as_string(),
            slug);

  const json::object tags =
      parsed(get("tags/", "order=count.posts%20desc&include=count.posts&limit=2"));
  const auto& two = tags.at("tags").as_array();
  ASSERT_EQ(two.size(), 2u);
  EXPECT_GE(two.at(0).at("count").at("posts").as_int64(),
            two.at(1).at("count").at("posts").as_int64());
  EXPECT_EQ(parsed(get("tags/", "filter=slug:nuclear")).at("tags").at(0).at("name").as_string(),
            "Nuclear");

  const json::object settings = parsed(get("settings/"));
  ASSERT_TRUE(settings.at("settings").is_object());  // an object, not a list
  EXPECT_EQ(settings.at("settings").at("title").as_string(), "The Daily Byline");
  EXPECT_TRUE(settings.at("meta").as_object().empty());
  // Its navigation is the site's own: the Persian edition's sections stay in it.
  const json::array& navigation = settings.at("settings").at("navigation").as_array();
  auto links_to = [&](std::string_view url) {
    return std::any_of(navigation.begin(), navigation.end(),
                       [&](const json::value& link) { return link.at("url").as_string() == url; });
  };
  EXPECT_TRUE(links_to("/section/politics/"));
  EXPECT_FALSE(std::any_of(navigation.begin(), navigation.end(), [](const json::value& link) {
    return std::string_view(link.at("url").as_string()).starts_with("/fa/");
  }));
  for (const std::string empty : {"tiers/", "newsletters/"}) {
    const json::object none = parsed(get(empty));
    EXPECT_EQ(none.at("meta").at("pagination").at("total").as_int64(), 0) << empty;
  }
}

TEST_F(ContentApi, EveryWrongKeyIsRefusedInGhostsEnvelope) {
  auto refused = [](const std::string& query) {
    return http_request(server_->port(), "GET", std::string(kApi) + "posts/" + query);
  };
  const HttpResponse none = refused("");
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(first_error(none).at("type").as_string(), "NoPermissionError");
  const HttpResponse unknown = refused("?key=0123456789abcdef0123456789");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(first_error(unknown).at("code").as_string(), "UNKNOWN_CONTENT_API_KEY");
  const HttpResponse admin = refused("?key=" + admin_key_);
  EXPECT_EQ(admin.status, 401);
  EXPECT_EQ(first_error(admin).at("code").as_string(), "INVALID_API_KEY_TYPE");
  const HttpResponse twice = refused("?key=" + key_ + "&key=" + key_);
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(first_error(twice).at("type").as_string(), "BadRequestError");
  EXPECT_EQ(none.header("access-control-allow-origin"), "*");
  EXPECT_NE(none.header("cache-control").find("no-store"), std::string::npos);

  // A refusal leaves the connection open for the next request.
  const std::string both =
      send_raw(server_->port(), "GET " + std::string(kApi) +
                                    "posts/?key=nope HTTP/1.1\r\nHost: x\r\n\r\n"
                                    "GET " +
                                    std::string(kApi) + "settings/?key=" + key_ +
                                    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(both.find("HTTP/1.1 401"), 0u) << both.substr(0, 200);
  EXPECT_NE(both.find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_NE(both.find("The Daily Byline"), std::string::npos);
}

TEST_F(ContentApi, ACachedAnswerStillAsksForAValidKeyAndARevokedKeyOpensNothing) {
  const std::string key = added_key(data_->path(), "content", "Short-lived");
  const std::string target = std::string(kApi) + "tags/?limit=3&key=";
  EXPECT_EQ(http_get(server_->port(), target + key).status, 200);
  const HttpResponse hit = http_get(server_->port(), target + key);
  EXPECT_EQ(hit.header("x-cache"), "HIT");
  // The same cached answer, asked for with keys that open nothing.
  const HttpResponse unknown = http_get(server_->port(), target + "0123456789abcdef0123456789");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(http_get(server_->port(), std::string(kApi) + "tags/?limit=3").status, 403);
  // Another valid key gets the very bytes.
  EXPECT_EQ(http_get(server_->port(), target + key_).body, hit.body);

  const std::string listed =
      run_byline({"apikey", "list", "--data", data_->path().string()}).output;
  const std::string id = first_match(listed, R"((\d+)\s+content\s+Short-lived)");
  ASSERT_FALSE(id.empty()) << listed;
  ASSERT_EQ(run_byline({"apikey", "revoke", id, "--data", data_->path().string()}).exit_code, 0);
  const HttpResponse revoked = http_get(server_->port(), target + key);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(first_error(revoked).at("type").as_string(), "UnauthorizedError");
  EXPECT_EQ(http_get(server_->port(), target + key_).status, 200);
}

TEST_F(ContentApi, AnAddressSendingBadKeysIsMadeToWaitButAValidKeyNeverIs) {
  // From an address of its own, so the other tests' refusals do not count.
  const std::string guesser = "127.0.0.3";
  auto from = [&](const std::string& address, const std::string& key) {
    return http_request_from(address, server_->port(), "GET",
                             std::string(kApi) + "settings/?key=" + key);
  };
  int refused = 0;
  HttpResponse answer;
  for (int i = 0; i < 200; ++i) {
    answer = from(guesser, (std::to_string(1000000 + i) + "abcdef0123456789abc").substr(0, 26));
    if (answer.status != 401) break;
    ++refused;
  }
  EXPECT_EQ(refused, 60);  // the burst, then the wait
  EXPECT_EQ(answer.status, 429);
  EXPECT_EQ(first_error(answer).at("type").as_string(), "TooManyRequestsError");
  EXPECT_GT(std::stoi(answer.header("retry-after")), 0);
  EXPECT_EQ(from(guesser, "").status, 429);  // no key at all is refused the same way
  // A valid key from that address (many clients may share one) is served.
  EXPECT_EQ(from(guesser, key_).status, 200);
  EXPECT_EQ(from("127.0.0.4", key_).status, 200);
  EXPECT_EQ(from("127.0.0.4", "0123456789abcdef0123456789").status, 401);
}

TEST_F(ContentApi, BadQueriesGetTheirOwnErrorNeverAFiveHundred) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"limit=-1", 422},
      {"limit=0", 422},
      {"page=0", 422},
      {"formats=mobiledoc", 422},
      {"order=colour%20desc", 422},
      {"filter=tag:", 400},
      {"filter=(tag:a", 400},
      {"filter=published_at:%3E'yesterday'", 422},
      {"filter=featured:maybe", 422},
      {"filter=colour:red", 422},
      {"filter=" + std::string(10000, 'a'), 400},
  };
  for (const auto& [query, status] : cases) {
    const HttpResponse answer = get("posts/", query);
    EXPECT_EQ(answer.status, status) << query.substr(0, 60) << ": " << answer.body.substr(0, 200);
    EXPECT_FALSE(first_error(answer).at("message").as_string().empty()) << query.substr(0, 60);
  }
  EXPECT_EQ(get("tags/", "filter=email:x").status, 422);
  // A field given twice is refused: which one would the answer follow?
  EXPECT_EQ(get("posts/", "limit=1&limit=100").status, 400);
  EXPECT_EQ(get("tiers/", "formats=mobiledoc").status, 422);
  EXPECT_EQ(get("nothing-here/").status, 404);
  EXPECT_EQ(first_error(get("nothing-here/")).at("type").as_string(), "NotFoundError");
  const HttpResponse post =
      http_request(server_->port(), "POST", std::string(kApi) + "posts/?key=" + key_);
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(first_error(post).at("type").as_string(), "MethodNotAllowedError");
}

// A suite of its own: it publishes, which the others' counts must not see.
class ContentApiPublishing : public ContentApi {
 protected:
  static void SetUpTestSuite() { ContentApi::SetUpTestSuite(); }
  static void TearDownTestSuite() { ContentApi::TearDownTestSuite(); }
};

TEST_F(ContentApiPublishing, OnlyPublishedContentEverAndAPublishShowsInTheNextAnswer) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const HttpResponse saved = eddie.post("/newsroom/posts/new/",
                                        "title=Embargoed+merger&slug=embargoed-merger&tags=Merger+"
                                        "talks&body=%3Cp%3ESecret.%3C%2Fp%3E&intent=save");
  ASSERT_EQ(saved.status, 303) << visible_text(saved.body);
  const std::string editor = saved.header("location").substr(0, saved.header("location").find('?'));

  // Warm answers: the front of the list, and one the publish will not touch.
  const std::string front =
      parsed(get("posts/", "limit=1&fields=slug")).at("posts").at(0).at("slug").as_string().c_str();
  EXPECT_NE(front, "embargoed-merger");
  EXPECT_EQ(get("posts/", "filter=tag:nuclear&fields=slug").header("x-cache"), "MISS");
  EXPECT_EQ(get("posts/", "filter=tag:nuclear&fields=slug").header("x-cache"), "HIT");

  // A draft is nowhere: not by slug, not in a filter, not its new tag.
  EXPECT_EQ(get("posts/slug/embargoed-merger/").status, 404);
  EXPECT_TRUE(parsed(get("posts/", "filter=slug:embargoed-merger")).at("posts").as_array().empty());
  EXPECT_TRUE(parsed(get("tags/", "filter=slug:merger-talks")).at("tags").as_array().empty());
  EXPECT_EQ(get("tags/slug/merger-talks/").status, 404);

  // Publishes the story under `title` from the revision the editor shows.
  auto publish_as = [&](const std::string& title) {
    const std::string revision =
        first_match(eddie.get(editor).body, R"re(name="revision" value="(\d+)")re");
    const HttpResponse published =
        eddie.post(editor, "revision=" + revision + "&title=" + http::url_encode(title) +
                               "&slug=embargoed-merger&tags=Merger+talks&body="
                               "%3Cp%3ESecret.%3C%2Fp%3E&intent=publish");
    ASSERT_EQ(published.status, 303) << visible_text(published.body);
  };
  publish_as("Embargoed merger");

  EXPECT_EQ(parsed(get("posts/", "limit=1&fields=slug")).at("posts").at(0).at("slug").as_string(),
            "embargoed-merger");
  EXPECT_EQ(get("posts/slug/embargoed-merger/").status, 200);
  EXPECT_EQ(parsed(get("tags/", "filter=slug:merger-talks")).at("tags").as_array().size(), 1u);
  // The answer the publish did not touch stayed cached.
  EXPECT_EQ(get("posts/", "filter=tag:nuclear&fields=slug").header("x-cache"), "HIT");

  // A new title moves the story in a listing by title, cached before.
  const std::string by_title = "order=title%20asc&limit=1&fields=title";
  EXPECT_NE(parsed(get("posts/", by_title)).at("posts").at(0).at("title").as_string(),
            "0 mergers, says the desk");
  publish_as("0 mergers, says the desk");
  EXPECT_EQ(parsed(get("posts/", by_title)).at("posts").at(0).at("title").as_string(),
            "0 mergers, says the desk");
}

TEST_F(ContentApi, OldVersionedPrefixesAnswerTheSameAndPointToTheCurrentOne) {
  const HttpResponse current = get("posts/", "limit=2&fields=slug");
  for (const std::string version : {"v2", "v3", "v4", "canary"}) {
    const HttpResponse old = http_request(
        server_->port(), "GET",
        "/ghost/api/" + version + "/content/posts/?key=" + key_ + "&limit=2&fields=slug",
        {{"Accept-Version", "v3.0"}});
    ASSERT_EQ(old.status, 200) << version;
    EXPECT_EQ(old.body, current.body) << version;
    EXPECT_EQ(old.header("deprecation"), "version=\"" + version + "\"");
    EXPECT_NE(old.header("link").find("/ghost/api/content/posts/>; rel=\"latest-version\""),
              std::string::npos)
        << old.header("link");
  }
  // Any Accept-Version is served, none refused.
  EXPECT_EQ(get("posts/", "limit=1", {{"Accept-Version", "v99.0"}}).status, 200);
  // Without the trailing slash, the slashed address.
  const HttpResponse bare = http_get(server_->port(), "/ghost/api/content/posts?key=" + key_);
  EXPECT_EQ(bare.status, 301);
  EXPECT_EQ(bare.header("location"), "/ghost/api/content/posts/?key=" + key_);
}

TEST_F(ContentApi, BrowsersMayCallItFromOtherSites) {
  const HttpResponse preflight =
      http_request(server_->port(), "OPTIONS", std::string(kApi) + "posts/",
                   {{"Origin", "https://app.example"},
                    {"Access-Control-Request-Method", "GET"},
                    {"Access-Control-Request-Headers", "accept-version"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "*");
  EXPECT_NE(preflight.header("access-control-allow-headers").find("Accept-Version"),
            std::string::npos);
}

}  // namespace
}  // namespace byline::testing
