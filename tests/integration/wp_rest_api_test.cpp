// The WordPress REST API over real HTTP, on the demo site: what anonymous
// WordPress clients read (published posts and pages, categories, tags, and
// staff with published posts, never an email), paged with WordPress's
// headers, refused in WordPress's envelope, and cached like pages; its
// search, and the images published posts feature as its media.
#include "api_client.hpp"
#include "byline_process.hpp"
#include "newsroom_client.hpp"
#include "test_images.hpp"

#include "http/percent_encoding.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace byline::testing {
namespace {

namespace json = boost::json;

constexpr const char* kPassword = "a long enough secret";

class WpRestApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("wp-rest-api");
    ASSERT_TRUE(add_staff(data_->path(), "eddie@example.com", "Eddie Editor", content::Role::editor,
                          kPassword));
    server_ = new ServerProcess(data_->path(), {"--demo"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }

  static HttpResponse get(const std::string& target) { return http_get(server_->port(), target); }

  static json::array list(const HttpResponse& response) {
    boost::system::error_code error;
    json::value body = json::parse(response.body, error);
    if (error || !body.is_array()) {
      ADD_FAILURE() << "not a list: " << response.body.substr(0, 300);
      return {};
    }
    return body.as_array();
  }

  static std::string code_of(const HttpResponse& response) {
    const json::object body = parsed(response);
    return body.contains("code") ? std::string(body.at("code").as_string()) : "";
  }

  static std::string site() { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  static inline TempDir* data_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(WpRestApi, EveryPageOfTheSiteSaysWhereTheApiIsAndTheIndexDescribesIt) {
  for (const std::string page : {"/", "/section/world/", "/no-such-page/"}) {
    EXPECT_EQ(get(page).header("link"), "<" + site() + "/wp-json/>; rel=\"https://api.w.org/\"")
        << page;
  }
  EXPECT_EQ(http_request(server_->port(), "HEAD", "/").header("link"),
            "<" + site() + "/wp-json/>; rel=\"https://api.w.org/\"");
  const HttpResponse index = get("/wp-json/");
  ASSERT_EQ(index.status, 200);
  const json::object body = parsed(index);
  EXPECT_EQ(body.at("namespaces").as_array(), (json::array{"wp/v2"}));
  EXPECT_TRUE(body.at("authentication").is_array());
  EXPECT_TRUE(body.at("routes")
                  .at("/wp/v2/posts")
                  .at("endpoints")
                  .at(0)
                  .at("args")
                  .as_object()
                  .contains("per_page"));
  EXPECT_EQ(get("/?rest_route=/").body, index.body);
}

TEST_F(WpRestApi, PostsComeInPagesWithWordPresssHeadersAndLinks) {
  const HttpResponse first = get("/wp-json/wp/v2/posts?per_page=10");
  ASSERT_EQ(first.status, 200);
  const long total = std::stol(first.header("x-wp-total"));
  ASSERT_GT(total, 20);
  const long pages = (total + 9) / 10;
  EXPECT_EQ(first.header("x-wp-totalpages"), std::to_string(pages));
  EXPECT_EQ(list(first).size(), 10u);

  const HttpResponse second = get("/wp-json/wp/v2/posts?per_page=10&page=2");
  const std::string links = second.header("link");
  EXPECT_NE(links.find("<" + site() + "/wp-json/wp/v2/posts?per_page=10&page=1>; rel=\"prev\""),
            std::string::npos)
      << links;
  EXPECT_NE(links.find("<" + site() + "/wp-json/wp/v2/posts?per_page=10&page=3>; rel=\"next\""),
            std::string::npos)
      << links;
  EXPECT_NE(list(first).at(0).at("id"), list(second).at(0).at("id"));
  // Links carry what the listing reads, not what a first caller added.
  const std::string tracked =
      get("/wp-json/wp/v2/posts?per_page=10&utm_source=mail").header("link");
  EXPECT_EQ(tracked.find("utm_source"), std::string::npos) << tracked;
  EXPECT_NE(tracked.find("per_page=10&page=2"), std::string::npos) << tracked;

  const HttpResponse past =
      get("/wp-json/wp/v2/posts?per_page=10&page=" + std::to_string(pages + 1));
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(code_of(past), "rest_post_invalid_page_number");
  const HttpResponse too_many = get("/wp-json/wp/v2/posts?per_page=101");
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(code_of(too_many), "rest_invalid_param");
  EXPECT_EQ(get("/wp-json/wp/v2/posts?per_page=100").status, 200);
  // Unknown parameters are ignored, as WordPress ignores them.
  EXPECT_EQ(get("/wp-json/wp/v2/posts?per_page=10&_locale=user").header("x-wp-total"),
            std::to_string(total));
}

TEST_F(WpRestApi, FiltersSlugsFieldsAndListsInEitherSpelling) {
  const json::array posts = list(get("/wp-json/wp/v2/posts?per_page=3"));
  ASSERT_EQ(posts.size(), 3u);
  const std::string slug(posts.at(0).at("slug").as_string());
  const json::array one = list(get("/wp-json/wp/v2/posts?slug=" + slug));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one.at(0).at("id"), posts.at(0).at("id"));
  EXPECT_TRUE(list(get("/wp-json/wp/v2/posts?slug=no-such-story")).empty());
  const std::string id = std::to_string(posts.at(0).at("id").as_int64());
  const HttpResponse missing = get("/wp-json/wp/v2/posts/999999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(code_of(missing), "rest_post_invalid_id");
  EXPECT_EQ(parsed(get("/wp-json/wp/v2/posts/" + id)).at("id"), posts.at(0).at("id"));

  const json::array fields = list(get("/wp-json/wp/v2/posts?per_page=2&_fields=id,title"));
  for (const json::value& post : fields) {
    EXPECT_EQ(post.as_object().size(), 2u);
    EXPECT_TRUE(post.as_object().contains("title"));
  }
  const json::array categories = list(get("/wp-json/wp/v2/categories"));
  ASSERT_GE(categories.size(), 2u);
  const std::string a = std::to_string(categories.at(0).at("id").as_int64());
  const std::string b = std::to_string(categories.at(1).at("id").as_int64());
  const HttpResponse commas = get("/wp-json/wp/v2/posts?per_page=100&categories=" + a + "," + b);
  const HttpResponse brackets =
      get("/wp-json/wp/v2/posts?per_page=100&categories%5B%5D=" + a + "&categories%5B%5D=" + b);
  EXPECT_EQ(list(commas), list(brackets));
  EXPECT_EQ(std::stol(commas.header("x-wp-total")),
            categories.at(0).at("count").as_int64() + categories.at(1).at("count").as_int64());
  EXPECT_EQ(code_of(get("/wp-json/wp/v2/posts?categories=world")), "rest_invalid_param");

  // Editors' picks, and terms found by name.
  for (const json::value& post : list(get("/wp-json/wp/v2/posts?sticky=true&per_page=100"))) {
    EXPECT_TRUE(post.at("sticky").as_bool());
  }
  const json::array found = list(get("/wp-json/wp/v2/categories?search=ECON"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.at(0).at("name"), "Economy");
  const json::array people = list(get("/wp-json/wp/v2/users"));
  const std::string name(people.at(0).at("name").as_string());
  const json::array person =
      list(get("/wp-json/wp/v2/users?search=" + http::url_encode(name.substr(0, 4))));
  ASSERT_FALSE(person.empty());
  EXPECT_EQ(person.at(0).at("name"), people.at(0).at("name"));
  EXPECT_TRUE(list(get("/wp-json/wp/v2/tags?search=no-such-tag-anywhere")).empty());
  // One item's route reads only what it takes: a listing's field is no error there.
  EXPECT_EQ(get("/wp-json/wp/v2/posts/" + id + "?per_page=0").status, 200);
}

TEST_F(WpRestApi, NoDraftScheduledPostDraftsTagOrStaffWithoutPublishedPostsShows) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  ASSERT_EQ(eddie
                .post("/newsroom/posts/new/",
                      "title=Acme+merger+talks&tags=Acme+merger&body=%3Cp%3EEmbargoed.%3C%2Fp%3E"
                      "&intent=save")
                .status,
            303);
  ASSERT_EQ(eddie
                .post("/newsroom/posts/new/",
                      "title=Budget+day&body=%3Cp%3ELater.%3C%2Fp%3E&intent=schedule&publish_at="
                      "2099-01-01T09:00")
                .status,
            303);
  for (const std::string target :
       {"/wp-json/wp/v2/posts?per_page=100", "/wp-json/wp/v2/posts?per_page=100&page=2",
        "/wp-json/wp/v2/tags?per_page=100", "/wp-json/wp/v2/users?per_page=100",
        "/wp-json/wp/v2/posts?slug=acme-merger-talks", "/wp-json/wp/v2/posts?slug=budget-day"}) {
    const HttpResponse answer = get(target);
    EXPECT_EQ(answer.body.find("Acme merger"), std::string::npos) << target;
    EXPECT_EQ(answer.body.find("Budget day"), std::string::npos) << target;
    EXPECT_EQ(answer.body.find("Eddie Editor"), std::string::npos) << target;
  }
  for (const std::string kind : {"tags", "users"}) {
    const json::array all = list(get("/wp-json/wp/v2/" + kind + "?per_page=100"));
    for (const json::value& one : all) {
      const std::string id = std::to_string(one.at("id").as_int64());
      EXPECT_EQ(get("/wp-json/wp/v2/" + kind + "/" + id).status, 200) << kind << " " << id;
    }
  }
}

TEST_F(WpRestApi, PagesAndPostsAreEachTheirOwnAndNothingUnpublishedShows) {
  const json::array pages = list(get("/wp-json/wp/v2/pages"));
  ASSERT_FALSE(pages.empty());
  const std::string page_id = std::to_string(pages.at(0).at("id").as_int64());
  EXPECT_EQ(pages.at(0).at("type"), "page");
  EXPECT_EQ(get("/wp-json/wp/v2/posts/" + page_id).status, 404);
  EXPECT_EQ(get("/wp-json/wp/v2/pages/" + page_id).status, 200);
  const HttpResponse drafts = get("/wp-json/wp/v2/posts?status=draft");
  EXPECT_EQ(drafts.status, 400);
  const HttpResponse edit = get("/wp-json/wp/v2/posts?context=edit");
  EXPECT_EQ(edit.status, 401);
  EXPECT_EQ(code_of(edit), "rest_forbidden_context");
}

TEST_F(WpRestApi, StaffWithPublishedPostsAreListedWithoutEmailsAndNobodyElseIs) {
  const json::array people = list(get("/wp-json/wp/v2/users"));
  ASSERT_FALSE(people.empty());
  for (const json::value& person : people) {
    EXPECT_FALSE(person.as_object().contains("email"));
    EXPECT_FALSE(person.as_object().contains("username"));
    EXPECT_FALSE(person.as_object().contains("roles"));
  }
  const std::string id = std::to_string(people.at(0).at("id").as_int64());
  EXPECT_EQ(parsed(get("/wp-json/wp/v2/users/" + id)).at("name"), people.at(0).at("name"));
  EXPECT_EQ(code_of(get("/wp-json/wp/v2/users/999")), "rest_user_cannot_view");
  EXPECT_EQ(code_of(get("/wp-json/wp/v2/users/me")), "rest_not_logged_in");
  EXPECT_EQ(get("/wp-json/wp/v2/users?roles=administrator").status, 401);
  EXPECT_EQ(get("/wp-json/wp/v2/users?orderby=email").status, 401);
}

TEST_F(WpRestApi, APublishShowsInTheNextAnswerThatListsIt) {
  const std::string target = "/wp-json/wp/v2/posts?per_page=3&_fields=id,title";
  get(target);
  ASSERT_EQ(get(target).header("x-cache"), "HIT");
  const long total = std::stol(get(target).header("x-wp-total"));
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  ASSERT_EQ(eddie
                .post("/newsroom/posts/new/",
                      "title=Ceasefire+agreed&body=%3Cp%3EText.%3C%2Fp%3E&intent=publish")
                .status,
            303);
  const HttpResponse after = get(target);
  EXPECT_EQ(after.header("x-wp-total"), std::to_string(total + 1));
  EXPECT_EQ(list(after).at(0).at("title").at("rendered"), "Ceasefire agreed");
}

TEST_F(WpRestApi, AnswersAreCachedByTheirQueryAndRefusalsAreWordPressErrors) {
  const std::string target = "/wp-json/wp/v2/posts?per_page=4&page=2";
  get(target);
  const HttpResponse again = get(target);
  EXPECT_EQ(again.header("x-cache"), "HIT");
  EXPECT_EQ(list(again).size(), 4u);
  const HttpResponse other = get("/wp-json/wp/v2/posts?per_page=4&page=3");
  EXPECT_NE(list(other).at(0).at("id"), list(again).at(0).at("id"));

  const HttpResponse nowhere = get("/wp-json/wp/v2/comments");
  EXPECT_EQ(nowhere.status, 404);
  EXPECT_EQ(code_of(nowhere), "rest_no_route");
  const HttpResponse written = http_request(server_->port(), "POST", "/wp-json/wp/v2/posts",
                                            {{"Content-Type", "application/json"}}, "{}");
  EXPECT_EQ(written.status, 404);
  EXPECT_EQ(code_of(written), "rest_no_route");
  // A browser on another site may read it, headers and all.
  const HttpResponse preflight =
      http_request(server_->port(), "OPTIONS", "/wp-json/wp/v2/posts",
                   {{"Origin", "https://front.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "*");
  EXPECT_NE(get("/wp-json/wp/v2/posts").header("access-control-expose-headers").find("X-WP-Total"),
            std::string::npos);
}

// Publishes a story as Eddie and answers its id, read back by its slug.
std::string publish(const StaffClient& eddie, int port, const std::string& fields,
                    const std::string& slug) {
  const HttpResponse saved = eddie.post("/newsroom/posts/new/", fields + "&intent=publish");
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 400);
  const HttpResponse found = http_get(port, "/wp-json/wp/v2/posts?slug=" + slug + "&_fields=id");
  const json::value body = json::parse(found.body);
  if (!body.is_array() || body.as_array().empty()) {
    ADD_FAILURE() << "no post " << slug << ": " << found.body;
    return "0";
  }
  return std::to_string(body.as_array().at(0).at("id").as_int64());
}

TEST_F(WpRestApi, SearchFindsPublishedPostsCountsThemAndRanksThemWhenAsked) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const std::string in_title = publish(
      eddie, server_->port(), "title=Saffron+harvest+fails&body=%3Cp%3EA+dry+year.%3C%2Fp%3E",
      "saffron-harvest-fails");
  const std::string in_text = publish(eddie, server_->port(),
                                      "title=Markets+close+lower&body=%3Cp%3ESaffron+and+"
                                      "pistachio+prices+fell.%3C%2Fp%3E",
                                      "markets-close-lower");
  ASSERT_EQ(eddie
                .post("/newsroom/posts/new/",
                      "title=Saffron+draft&body=%3Cp%3ENot+yet.%3C%2Fp%3E&intent=save")
                .status,
            303);

  const HttpResponse newest = get("/wp-json/wp/v2/posts?search=saffron&_fields=id,title");
  ASSERT_EQ(newest.status, 200) << newest.body;
  EXPECT_EQ(newest.header("x-wp-total"), "2") << "never the draft";
  EXPECT_EQ(newest.header("x-wp-totalpages"), "1");
  json::array found = list(newest);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(std::to_string(found.at(0).at("id").as_int64()), in_text) << "newest first";

  found = list(get("/wp-json/wp/v2/posts?search=saffron&orderby=relevance&_fields=id"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(std::to_string(found.at(0).at("id").as_int64()), in_title)
      << "a title match ranks first";

  const HttpResponse paged = get("/wp-json/wp/v2/posts?search=saffron&per_page=1&page=2");
  EXPECT_EQ(paged.header("x-wp-total"), "2") << "the total counts every page";
  EXPECT_NE(paged.header("link").find("search=saffron&per_page=1&page=1>; rel=\"prev\""),
            std::string::npos)
      << paged.header("link");
  EXPECT_EQ(get("/wp-json/wp/v2/posts?search=saffron&per_page=1&page=3").status, 400);
  EXPECT_EQ(list(get("/wp-json/wp/v2/posts?search=saffron&exclude=" + in_title)).size(), 1u)
      << "a search combines with the other filters";
  EXPECT_EQ(get("/wp-json/wp/v2/posts?search=%22%21%21").header("x-wp-total"), "0");

  const HttpResponse unranked = get("/wp-json/wp/v2/posts?orderby=relevance");
  EXPECT_EQ(unranked.status, 400);
  EXPECT_EQ(code_of(unranked), "rest_no_search_term_defined");

  // Cached, and a new story with the word is in the very next answer.
  const std::string target = "/wp-json/wp/v2/posts?search=saffron&_fields=id";
  get(target);
  ASSERT_EQ(get(target).header("x-cache"), "HIT");
  publish(eddie, server_->port(),
          "title=Saffron+smugglers+caught&body=%3Cp%3EAt+the+border.%3C%2Fp%3E",
          "saffron-smugglers-caught");
  EXPECT_EQ(get(target).header("x-wp-total"), "3");
}

TEST_F(WpRestApi, TheSearchRouteFindsPostsPagesAndTermsInWordPresssShape) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const std::string id = publish(eddie, server_->port(),
                                 "title=Turquoise+mines+reopen&body=%3Cp%3EIn+Neyshabur.%3C%2Fp%3E",
                                 "turquoise-mines-reopen");
  const HttpResponse answer = get("/wp-json/wp/v2/search?search=turquoise");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.header("x-wp-total"), "1");
  const json::array results = list(answer);
  ASSERT_EQ(results.size(), 1u);
  const json::object& result = results.at(0).as_object();
  EXPECT_EQ(std::to_string(result.at("id").as_int64()), id);
  EXPECT_EQ(result.at("title"), "Turquoise mines reopen");
  EXPECT_EQ(result.at("url"), json::value(site() + "/turquoise-mines-reopen/"));
  EXPECT_EQ(result.at("type"), "post");
  EXPECT_EQ(result.at("subtype"), "post");
  EXPECT_EQ(result.at("_links").at("self").at(0).at("href"),
            json::value(site() + "/wp-json/wp/v2/posts/" + id));
  EXPECT_EQ(result.at("_links").at("self").at(0).at("embeddable"), true);
  EXPECT_TRUE(list(get("/wp-json/wp/v2/search?search=turquoise&subtype=page")).empty());

  // Without words, every published post and page, newest first.
  const HttpResponse everything = get("/wp-json/wp/v2/search?per_page=100");
  const long posts = std::stol(get("/wp-json/wp/v2/posts").header("x-wp-total"));
  const long pages = std::stol(get("/wp-json/wp/v2/pages").header("x-wp-total"));
  EXPECT_EQ(everything.header("x-wp-total"), std::to_string(posts + pages));
  EXPECT_EQ(get("/wp-json/wp/v2/search?subtype=page").header("x-wp-total"), std::to_string(pages));

  const json::array terms = list(get("/wp-json/wp/v2/search?type=term&search=world"));
  ASSERT_FALSE(terms.empty());
  EXPECT_EQ(terms.at(0).at("type"), "term");
  EXPECT_EQ(terms.at(0).at("subtype"), "category");
  EXPECT_EQ(terms.at(0).at("url"), json::value(site() + "/section/world/"));
  EXPECT_TRUE(list(get("/wp-json/wp/v2/search?type=post-format")).empty());

  for (const std::string refused :
       {"/wp-json/wp/v2/search?type=comment", "/wp-json/wp/v2/search?subtype=category",
        "/wp-json/wp/v2/search?type=term&subtype=page", "/wp-json/wp/v2/search?per_page=101"}) {
    const HttpResponse answer_to = get(refused);
    EXPECT_EQ(answer_to.status, 400) << refused;
    EXPECT_EQ(code_of(answer_to), "rest_invalid_param") << refused;
  }
  EXPECT_EQ(code_of(get("/wp-json/wp/v2/search?search=turquoise&page=2")),
            "rest_search_invalid_page_number");
  EXPECT_TRUE(parsed(get("/wp-json/")).at("routes").as_object().contains("/wp/v2/search"));
}

TEST_F(WpRestApi, MediaAreTheImagesOfPublishedPostsAndEachPostNamesItsOwn) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  // The demo's own stories feature six photographs.
  constexpr int kDemoImages = 6;
  auto total_is = [](int count) { return std::to_string(kDemoImages + count); };
  ASSERT_EQ(get("/wp-json/wp/v2/media").header("x-wp-total"), total_is(0));
  struct Uploaded {
    std::string src, id;
  };
  auto upload = [&](const std::string& alt) {
    const HttpResponse uploaded = http_request(server_->port(), "POST", "/newsroom/media/",
                                               {{"Cookie", eddie.cookie()},
                                                {"Content-Type", "image/jpeg"},
                                                {"X-CSRF-Token", eddie.csrf_token()},
                                                {"X-Filename", "photo.jpg"},
                                                {"X-Alt", http::url_encode(alt)}},
                                               make_jpeg(1600, 900));
    EXPECT_EQ(uploaded.status, 201) << uploaded.body;
    return Uploaded{first_match(uploaded.body, R"re("src":"([^"]+)")re"),
                    first_match(uploaded.body, R"re("id":(\d+))re")};
  };
  const Uploaded shown = upload("Miners at the pit head");
  const Uploaded embargoed = upload("The merger signing");
  ASSERT_TRUE(shown.src.starts_with("/media/")) << shown.src;
  ASSERT_FALSE(embargoed.id.empty());
  const std::string draft_fields =
      "title=Merger+signed&body=%3Cp%3EEmbargoed.%3C%2Fp%3E"
      "&featured_image_alt=Signing&featured_image=" +
      http::url_encode(embargoed.src);
  const HttpResponse draft = eddie.post("/newsroom/posts/new/", draft_fields + "&intent=save");
  ASSERT_EQ(draft.status, 303);
  const std::string draft_path =
      draft.header("location").substr(0, draft.header("location").find('?'));
  EXPECT_EQ(get("/wp-json/wp/v2/media").header("x-wp-total"), total_is(0))
      << "an image only a draft features is not out";

  const std::string post_id = publish(eddie, server_->port(),
                                      "title=Pit+head+reopens&body=%3Cp%3EText.%3C%2Fp%3E"
                                      "&featured_image_alt=Miners&featured_image_caption=At+dawn"
                                      "&featured_image=" +
                                          http::url_encode(shown.src),
                                      "pit-head-reopens");
  const HttpResponse media = get("/wp-json/wp/v2/media");
  ASSERT_EQ(media.status, 200) << media.body;
  EXPECT_EQ(media.header("x-wp-total"), total_is(1));
  const json::array items = list(media);
  ASSERT_EQ(items.size(), static_cast<std::size_t>(kDemoImages + 1));
  const json::object& image = items.at(0).as_object();  // the newest upload first
  const std::string media_id = std::to_string(image.at("id").as_int64());
  EXPECT_EQ(media_id, shown.id);
  EXPECT_EQ(image.at("type"), "attachment");
  EXPECT_EQ(image.at("media_type"), "image");
  EXPECT_EQ(image.at("mime_type"), "image/webp");
  EXPECT_EQ(image.at("alt_text"), "Miners") << "what the story says of its image";
  EXPECT_EQ(image.at("caption").at("rendered"), "<p>At dawn</p>\n");
  EXPECT_EQ(std::to_string(image.at("post").as_int64()), post_id);
  EXPECT_EQ(image.at("source_url"), json::value(site() + shown.src));
  EXPECT_EQ(image.at("media_details").at("width"), 1600);
  EXPECT_EQ(image.at("media_details").at("height"), 900);
  EXPECT_EQ(image.at("media_details").at("sizes").at("full").at("source_url"),
            json::value(site() + shown.src));
  EXPECT_EQ(image.at("media_details").at("sizes").at("thumbnail").at("width"), 400);
  EXPECT_EQ(image.at("media_details").at("sizes").at("thumbnail").at("height"), 225);
  EXPECT_EQ(http_get(server_->port(), shown.src).status, 200);
  EXPECT_FALSE(image.contains("original_name")) << "nothing of the uploader's machine";
  EXPECT_EQ(media.body.find("photo.jpg"), std::string::npos);

  const json::object post = parsed(get("/wp-json/wp/v2/posts/" + post_id + "?_embed"));
  EXPECT_EQ(std::to_string(post.at("featured_media").as_int64()), media_id);
  EXPECT_EQ(post.at("_links").at("wp:featuredmedia").at(0).at("href"),
            json::value(site() + "/wp-json/wp/v2/media/" + media_id));
  EXPECT_EQ(post.at("_embedded").at("wp:featuredmedia").at(0).at("source_url"),
            json::value(site() + shown.src));
  EXPECT_EQ(post.at("_embedded").at("wp:featuredmedia").at(0).at("alt_text"), "Miners");
  const json::array listed =
      list(get("/wp-json/wp/v2/posts?include=" + post_id + "&_fields=id,featured_media"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(std::to_string(listed.at(0).at("featured_media").as_int64()), media_id);
  const json::array other =
      list(get("/wp-json/wp/v2/posts?slug=irans-mission-denies-dutch-terror-allegations-as-baseless"
               "&_fields=id,featured_media"));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other.at(0).at("featured_media"), 0) << "a post without an image";

  EXPECT_EQ(parsed(get("/wp-json/wp/v2/media/" + media_id)).at("source_url"),
            json::value(site() + shown.src));
  EXPECT_EQ(list(get("/wp-json/wp/v2/media?parent=" + post_id)).size(), 1u);
  const std::string other_id = std::to_string(other.at(0).at("id").as_int64());
  EXPECT_TRUE(list(get("/wp-json/wp/v2/media?parent=" + other_id)).empty())
      << "a published post without this image is not its parent";
  EXPECT_TRUE(list(get("/wp-json/wp/v2/media?parent=0")).empty());
  EXPECT_TRUE(list(get("/wp-json/wp/v2/media?media_type=video")).empty());
  EXPECT_EQ(list(get("/wp-json/wp/v2/media?media_type=image")).size(),
            static_cast<std::size_t>(kDemoImages + 1));
  EXPECT_EQ(list(get("/wp-json/wp/v2/media?search=MINERS")).size(), 1u) << "alt text, any case";
  EXPECT_TRUE(list(get("/wp-json/wp/v2/media?search=signing")).empty());
  EXPECT_EQ(get("/wp-json/wp/v2/media?page=2").status, 400);

  // The draft's image by its id: as if there were none, until its story
  // is out, and gone again when the story is taken down.
  const std::string target = "/wp-json/wp/v2/media/" + embargoed.id;
  const HttpResponse hidden = get(target);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(code_of(hidden), "rest_post_invalid_id");
  get("/wp-json/wp/v2/media");
  ASSERT_EQ(get("/wp-json/wp/v2/media").header("x-cache"), "HIT");
  auto revision = [&] {
    return first_match(eddie.get(draft_path).body, R"re(name="revision" value="(\d+)")re");
  };
  ASSERT_EQ(
      eddie.post(draft_path, "revision=" + revision() + "&" + draft_fields + "&intent=publish")
          .status,
      303);
  EXPECT_EQ(get("/wp-json/wp/v2/media").header("x-wp-total"), total_is(2))
      << "in the very next answer";
  EXPECT_EQ(get(target).status, 200);
  ASSERT_EQ(
      eddie.post(draft_path, "revision=" + revision() + "&" + draft_fields + "&intent=unpublish")
          .status,
      303);
  EXPECT_EQ(get("/wp-json/wp/v2/media").header("x-wp-total"), total_is(1));
  EXPECT_EQ(get(target).status, 404);
}

}  // namespace
}  // namespace byline::testing
