// The Ghost Admin API over real HTTP, on the demo site: who may call it (a
// token signed with an admin key, for this API, made in the last five
// minutes), what a key may do (an editor's work, through the Workflow, in
// the audit log under its name) and how it refuses what it cannot take.
#include "api/admin_json.hpp"
#include "api/admin_token.hpp"
#include "api_client.hpp"
#include "byline_process.hpp"
#include "http/percent_encoding.hpp"
#include "newsroom_client.hpp"
#include "test_images.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace byline::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "a long enough secret";
constexpr const char* kApi = "/ghost/api/admin/";

struct AdminKey {
  std::string id;
  std::string secret;
};

AdminKey split(const std::string& key) {
  const auto colon = key.find(':');
  return {key.substr(0, colon), colon == std::string::npos ? "" : key.substr(colon + 1)};
}

std::int64_t seconds_now() { return now_utc().time_since_epoch().count(); }

// A token as @tryghost/admin-api makes one: for `audience`, made now, good
// for five minutes.
std::string token_for(const AdminKey& key, const std::string& audience = "/admin/",
                      std::int64_t issued = seconds_now()) {
  return api::sign_admin_token(key.id, key.secret, audience, issued, issued + 300);
}

std::string hex_of(const std::string& bytes) {
  std::string hex;
  for (const unsigned char c : bytes) {
    hex += "0123456789abcdef"[c >> 4];
    hex += "0123456789abcdef"[c & 15];
  }
  return hex;
}

std::string error_code(const HttpResponse& response) {
  const json::object error = first_error(response);
  const json::value& code = error.at("code");
  return code.is_null() ? "" : std::string(code.as_string());
}

std::string multipart(const std::string& boundary,
                      const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [name, filename, bytes] : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: image/png";
    body += "\r\n\r\n" + bytes + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

// One server for the suite: the demo site, its owner, and one key of each kind.
class AdminApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("admin-api");
    ASSERT_TRUE(add_staff(data_->path(), "olivia@example.com", "Olivia Owner", content::Role::admin,
                          kPassword));
    key_ = split(added_key(data_->path(), "admin", "Publishing script"));
    content_key_ = added_key(data_->path(), "content", "Front end");
    server_ = new ServerProcess(data_->path(), {"--demo"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }

  static HttpResponse call(const std::string& method, const std::string& path,
                           const std::string& body = "",
                           const std::string& content_type = "application/json",
                           const std::string& token = token_for(key_)) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Ghost " + token},
                                                                {"Accept-Version", "v6.0"}};
    if (!body.empty()) headers.emplace_back("Content-Type", content_type);
    return http_request(server_->port(), method, std::string(kApi) + path, headers, body);
  }

  static json::object post_of(const HttpResponse& response, const char* resource = "posts") {
    const json::object body = parsed(response);
    if (!body.contains(resource) || body.at(resource).as_array().size() != 1) {
      ADD_FAILURE() << "not one of " << resource << ": " << response.body.substr(0, 300);
      return {};
    }
    return body.at(resource).as_array().front().as_object();
  }

  static json::object add(const json::object& post, const std::string& query = "?source=html") {
    const HttpResponse added =
        call("POST", "posts/" + query, json::serialize(json::object{{"posts", json::array{post}}}));
    EXPECT_EQ(added.status, 201) << added.body;
    return post_of(added);
  }

  static HttpResponse edit(const std::string& id, json::object changes) {
    return call("PUT", "posts/" + id + "/?source=html",
                json::serialize(json::object{{"posts", json::array{std::move(changes)}}}));
  }

  static std::string text(const json::object& object, const char* field) {
    return std::string(object.at(field).as_string());
  }

  static inline TempDir* data_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline AdminKey key_;
  static inline std::string content_key_;
};

TEST_F(AdminApi, TakesATokenSignedForItAndRefusesEveryOtherInGhostsEnvelope) {
  ASSERT_EQ(call("GET", "posts/?limit=1").status, 200);

  const HttpResponse none = http_get(server_->port(), std::string(kApi) + "posts/");
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(text(first_error(none), "type"), "NoPermissionError");

  auto refused = [](const std::string& authorization) {
    return http_request(server_->port(), "GET", std::string(kApi) + "posts/",
                        {{"Authorization", authorization}});
  };
  EXPECT_EQ(error_code(refused("Bearer " + token_for(key_))), "INVALID_AUTH_HEADER");
  const HttpResponse garbage = refused("Ghost not.a.token");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(error_code(garbage), "INVALID_JWT");
  EXPECT_EQ(error_code(refused("Ghost " + token_for({std::string(24, 'a'), key_.secret}))),
            "UNKNOWN_ADMIN_API_KEY");
  // A content key's own text in the kid: the wrong kind of key.
  const HttpResponse content = refused("Ghost " + token_for({content_key_, key_.secret}));
  EXPECT_EQ(content.status, 401);
  EXPECT_EQ(error_code(content), "INVALID_API_KEY_TYPE");

  struct Case {
    std::string token;
    std::string message;
  };
  const std::int64_t now = seconds_now();
  // Signed with the secret's text rather than its bytes: the mistake
  // hand-written clients make.
  const std::string hex_text_as_key = hex_of(key_.secret);
  for (const Case& bad : std::vector<Case>{
           {token_for(key_, "/content/"), "jwt audience invalid"},
           {token_for(key_, "/v3/admin/"), "jwt audience invalid"},
           {token_for(key_, "/admin/", now - 600), "jwt expired"},
           {api::sign_admin_token(key_.id, key_.secret, "/admin/", now - 400, now + 3600),
            "maxAge exceeded"},
           {token_for(key_, "/admin/", now + 3600), "issued in the future"},
           {token_for({key_.id, hex_text_as_key}), "invalid signature"},
           {token_for({key_.id, std::string(64, '0')}), "invalid signature"}}) {
    const HttpResponse answer = refused("Ghost " + bad.token);
    EXPECT_EQ(answer.status, 401) << bad.message;
    EXPECT_EQ(error_code(answer), "INVALID_JWT") << bad.message;
    EXPECT_NE(text(first_error(answer), "message").find(bad.message), std::string::npos)
        << answer.body;
  }

  // A versioned path takes a token for its own version.
  const HttpResponse v3 =
      http_request(server_->port(), "GET", "/ghost/api/v3/admin/posts/?limit=1",
                   {{"Authorization", "Ghost " + token_for(key_, "/v3/admin/")}});
  EXPECT_EQ(v3.status, 200) << v3.body;

  // A refused request is followed by a good one on the same connection.
  const std::string raw =
      send_raw(server_->port(),
               "GET /ghost/api/admin/posts/ HTTP/1.1\r\nHost: x\r\nAuthorization: Ghost bad\r\n\r\n"
               "GET /ghost/api/admin/posts/?limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Ghost " +
                   token_for(key_) + "\r\nConnection: close\r\n\r\n");
  const auto second = raw.find("HTTP/1.1", 1);
  ASSERT_NE(second, std::string::npos) << raw.substr(0, 400);
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 4")) << raw.substr(0, 100);
  EXPECT_TRUE(raw.substr(second).starts_with("HTTP/1.1 200")) << raw.substr(second, 100);
}

TEST_F(AdminApi, RefusalsFromOneAddressAreLimitedButAGoodTokenThereIsNot) {
  const std::string address = "127.0.0.3";
  auto from = [&](const std::string& token) {
    return http_request_from(address, server_->port(), "GET", std::string(kApi) + "posts/?limit=1",
                             {{"Authorization", "Ghost " + token}});
  };
  HttpResponse refused;
  for (int i = 0; i < 61; ++i) refused = from("not.a.token");
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_EQ(text(first_error(refused), "type"), "TooManyRequestsError");
  EXPECT_EQ(from(token_for(key_)).status, 200);
  EXPECT_EQ(call("GET", "posts/?limit=1").status, 200) << "other addresses are not held up";
}

TEST_F(AdminApi, ARevokedKeyIsRefusedOnItsNextRequest) {
  const AdminKey doomed = split(added_key(data_->path(), "admin", "Old script"));
  EXPECT_EQ(call("GET", "posts/?limit=1", "", "", token_for(doomed)).status, 200);
  const CommandResult list = run_byline({"apikey", "list", "--data", data_->path().string()});
  const std::string id = first_match(list.output, R"((\d+)\s+admin\s+Old script)");
  ASSERT_FALSE(id.empty()) << list.output;
  const CommandResult revoked =
      run_byline({"apikey", "revoke", id, "--data", data_->path().string()});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  const HttpResponse after = call("GET", "posts/?limit=1", "", "", token_for(doomed));
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(error_code(after), "UNKNOWN_ADMIN_API_KEY");
}

TEST_F(AdminApi, AddsEditsAndDeletesAPostAsAnEditorWouldInTheNewsroom) {
  json::object story{{"title", "Sanctions talks collapse"},
                     {"html", "<p>Talks <b>collapsed</b> today.</p><script>steal()</script>"},
                     {"status", "published"},
                     {"custom_excerpt", "The talks are over."},
                     {"tags", json::array{"Sanctions", json::object{{"slug", "nuclear"}}}},
                     {"authors", json::array{"olivia@example.com"}}};
  const HttpResponse created = call("POST", "posts/?source=html",
                                    json::serialize(json::object{{"posts", json::array{story}}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const json::object post = post_of(created);
  const std::string id = text(post, "id");
  EXPECT_EQ(created.header("location"),
            "http://127.0.0.1:" + std::to_string(server_->port()) + kApi + "posts/" + id + "/");
  EXPECT_EQ(text(post, "status"), "published");
  EXPECT_EQ(text(post, "slug"), "sanctions-talks-collapse");
  EXPECT_EQ(text(post, "custom_excerpt"), "The talks are over.");
  ASSERT_EQ(post.at("tags").as_array().size(), 2u);
  EXPECT_EQ(text(post.at("tags").at(0).as_object(), "name"), "Sanctions");
  EXPECT_EQ(text(post.at("tags").at(1).as_object(), "slug"), "nuclear");
  EXPECT_EQ(text(post.at("authors").at(0).as_object(), "email"), "olivia@example.com");
  EXPECT_FALSE(post.contains("html")) << "html only when formats asks for it";
  // The body, sanitised like any, comes back as one Lexical HTML card.
  const json::value lexical = json::parse(text(post, "lexical"));
  EXPECT_EQ(lexical.at("root").at("children").at(0).at("html").as_string(),
            "<p>Talks <b>collapsed</b> today.</p>");

  // Readers see it at once, on the site and in the Content API.
  const HttpResponse page = http_get(server_->port(), "/sanctions-talks-collapse/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Sanctions talks collapse"), std::string::npos);
  EXPECT_EQ(page.body.find("steal()"), std::string::npos);
  const HttpResponse listed =
      http_get(server_->port(),
               "/ghost/api/content/posts/slug/sanctions-talks-collapse/?key=" + content_key_);
  EXPECT_EQ(listed.status, 200);

  // An edit from the copy just read is taken; one from the copy before it
  // is a collision, and changes nothing.
  const std::string first_stamp = text(post, "updated_at");
  const HttpResponse edited =
      edit(id, {{"title", "Sanctions talks collapse in Vienna"}, {"updated_at", first_stamp}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  const std::string second_stamp = text(post_of(edited), "updated_at");
  EXPECT_NE(second_stamp, first_stamp) << "a save within the same second still moves it";
  EXPECT_EQ(text(post_of(edited), "slug"), "sanctions-talks-collapse") << "the address stays";
  EXPECT_EQ(post_of(edited).at("tags").as_array().size(), 2u) << "what was not sent stays";
  const HttpResponse stale = edit(id, {{"title", "Overwritten"}, {"updated_at", first_stamp}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(text(first_error(stale), "type"), "UpdateCollisionError");
  EXPECT_EQ(error_code(stale), "UPDATE_COLLISION");
  // A stale copy that changes nothing is no harm, as in Ghost.
  EXPECT_EQ(edit(id, {{"title", "Sanctions talks collapse in Vienna"}, {"updated_at", first_stamp}})
                .status,
            200);
  const HttpResponse no_stamp = edit(id, {{"title", "No stamp"}});
  EXPECT_EQ(no_stamp.status, 422);
  EXPECT_EQ(text(first_error(no_stamp), "type"), "ValidationError");
  const HttpResponse shown = http_get(server_->port(), "/sanctions-talks-collapse/");
  EXPECT_NE(shown.body.find("Sanctions talks collapse in Vienna"), std::string::npos);
  EXPECT_EQ(shown.body.find("Overwritten"), std::string::npos);

  // Tags are replaced by the list sent, not merged.
  const HttpResponse retagged =
      edit(id, {{"tags", json::array{"Vienna"}}, {"updated_at", second_stamp}});
  ASSERT_EQ(retagged.status, 200) << retagged.body;
  ASSERT_EQ(post_of(retagged).at("tags").as_array().size(), 1u);
  EXPECT_EQ(text(post_of(retagged).at("tags").at(0).as_object(), "name"), "Vienna");

  // Deleted: 204 with no body; gone for readers and for the API.
  const HttpResponse deleted =
      call("DELETE", "posts/" + id + "/", json::serialize(json::object{{"id", id}}));
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  EXPECT_EQ(http_get(server_->port(), "/sanctions-talks-collapse/").status, 404);
  EXPECT_EQ(call("GET", "posts/" + id + "/").status, 404);
  EXPECT_EQ(call("DELETE", "posts/" + id + "/").status, 404);

  // The newsroom's audit log names the key for each step.
  StaffClient owner(server_->port(), "olivia@example.com", kPassword);
  ASSERT_TRUE(owner.signed_in());
  const std::string audit = visible_text(owner.get("/newsroom/audit/").body);
  for (const std::string action : {"published", "edited", "deleted"}) {
    EXPECT_NE(audit.find("API key \u201CPublishing script\u201D " + action), std::string::npos)
        << action << " in: " << audit.substr(0, 600);
  }
}

// What a client library does: read a post, change a field, send the whole
// object back. The body comes back as it was read (Lexical and HTML), and
// that is no change.
TEST_F(AdminApi, APostSentBackWholeAsReadChangesOnlyWhatTheClientChanged) {
  const json::object created = add({{"title", "Ministers meet in Muscat"},
                                    {"html", "<p>See <a href=\"/about/\">about</a>.</p>"},
                                    {"status", "published"},
                                    {"tags", json::array{"Oman"}},
                                    {"authors", json::array{"olivia@example.com"}}});
  const std::string id = text(created, "id");
  const HttpResponse read = call("GET", "posts/" + id + "/?formats=html");
  ASSERT_EQ(read.status, 200) << read.body;
  json::object whole = post_of(read);
  const std::string html = text(whole, "html");
  ASSERT_NE(html.find("href=\"http://127.0.0.1:"), std::string::npos) << "absolute, as read";
  const std::string first_stamp = text(whole, "updated_at");

  // Sent back untouched: nothing is saved, and the stamp stays.
  const HttpResponse same = edit(id, whole);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(text(post_of(same), "updated_at"), first_stamp);

  // One field changed: that field changes, the body stays as it was.
  whole["title"] = "Ministers meet in Muscat again";
  const HttpResponse retitled = edit(id, whole);
  ASSERT_EQ(retitled.status, 200) << retitled.body;
  const std::string second_stamp = text(post_of(retitled), "updated_at");
  EXPECT_NE(second_stamp, first_stamp);
  const HttpResponse reread = call("GET", "posts/" + id + "/?formats=html");
  EXPECT_EQ(text(post_of(reread), "html"), html);
  EXPECT_EQ(text(post_of(reread), "lexical"), text(created, "lexical"));

  // The copy from before the change, sent again as it was, is stale and
  // would undo the title: a collision. The copy from after it is no change.
  whole["title"] = "Ministers meet in Muscat";
  EXPECT_EQ(edit(id, whole).status, 409);
  const HttpResponse after = edit(id, post_of(reread));
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(text(post_of(after), "updated_at"), second_stamp);

  // The Lexical document alone, as read, is no change either.
  const HttpResponse lexical_only =
      edit(id, {{"lexical", text(created, "lexical")}, {"updated_at", second_stamp}});
  ASSERT_EQ(lexical_only.status, 200) << lexical_only.body;
  EXPECT_EQ(text(post_of(lexical_only), "updated_at"), second_stamp);
}

TEST_F(AdminApi, APublishedAtInThePastBackdatesAndOneLaterThanNowIsASchedulesOnly) {
  const json::object archived = add({{"title", "From the print archive"},
                                     {"html", "<p>First ran in 2019.</p>"},
                                     {"status", "published"},
                                     {"published_at", "2019-03-04T05:06:07.000Z"},
                                     {"authors", json::array{"olivia@example.com"}}});
  EXPECT_EQ(text(archived, "published_at"), "2019-03-04T05:06:07.000Z");
  const HttpResponse moved = edit(
      text(archived, "id"),
      {{"published_at", "2019-03-05T00:00:00.000Z"}, {"updated_at", text(archived, "updated_at")}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(text(post_of(moved), "published_at"), "2019-03-05T00:00:00.000Z");
  EXPECT_EQ(text(post_of(moved), "status"), "published");

  const long before =
      parsed(call("GET", "posts/?limit=1")).at("meta").at("pagination").at("total").as_int64();
  const HttpResponse later = call(
      "POST", "posts/?source=html",
      json::serialize(json::object{
          {"posts", json::array{json::object{{"title", "Out tomorrow"},
                                             {"status", "published"},
                                             {"published_at", "2099-01-01T00:00:00.000Z"}}}}}));
  EXPECT_EQ(later.status, 422) << later.body;
  EXPECT_EQ(text(first_error(later), "type"), "ValidationError");
  EXPECT_EQ(
      parsed(call("GET", "posts/?limit=1")).at("meta").at("pagination").at("total").as_int64(),
      before);
  const HttpResponse scheduled = call(
      "POST", "posts/?source=html",
      json::serialize(json::object{
          {"posts", json::array{json::object{{"title", "Out in 2099"},
                                             {"status", "scheduled"},
                                             {"published_at", "2099-01-01T00:00:00.000Z"}}}}}));
  ASSERT_EQ(scheduled.status, 201) << scheduled.body;
  EXPECT_EQ(text(post_of(scheduled), "status"), "scheduled");
}

TEST_F(AdminApi, SeesEveryStatusWhereTheContentApiSeesOnlyWhatIsPublished) {
  const json::object draft = add({{"title", "Embargoed until Monday"},
                                  {"html", "<p>Secret</p>"},
                                  {"authors", json::array{"olivia@example.com"}}});
  EXPECT_EQ(text(draft, "status"), "draft");
  EXPECT_NE(text(draft, "url").find("/newsroom/posts/"), std::string::npos) << "its preview";

  const json::object drafts = parsed(call("GET", "posts/?filter=status:draft&limit=all"));
  bool listed = false;
  for (const auto& item : drafts.at("posts").as_array()) {
    EXPECT_EQ(item.at("status").as_string(), "draft");
    listed = listed || item.at("id").as_string() == draft.at("id").as_string();
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(drafts.at("meta").at("pagination").at("total").as_int64(),
            static_cast<std::int64_t>(drafts.at("posts").as_array().size()));

  const HttpResponse by_slug = call("GET", "posts/slug/embargoed-until-monday/?formats=html");
  ASSERT_EQ(by_slug.status, 200);
  EXPECT_EQ(text(post_of(by_slug), "html"), "<p>Secret</p>");
  EXPECT_EQ(http_get(server_->port(),
                     "/ghost/api/content/posts/slug/embargoed-until-monday/?key=" + content_key_)
                .status,
            404);
  EXPECT_EQ(http_get(server_->port(), "/embargoed-until-monday/").status, 404);

  // Scheduled for later, then back to a draft: neither is out.
  const std::string later = api::admin_time(now_utc() + 24h);
  const HttpResponse scheduled =
      edit(text(draft, "id"), {{"status", "scheduled"},
                               {"published_at", later},
                               {"updated_at", text(draft, "updated_at")}});
  ASSERT_EQ(scheduled.status, 200) << scheduled.body;
  EXPECT_EQ(text(post_of(scheduled), "status"), "scheduled");
  EXPECT_EQ(text(post_of(scheduled), "published_at"), later);
  EXPECT_EQ(http_get(server_->port(), "/embargoed-until-monday/").status, 404);
  const HttpResponse unscheduled =
      edit(text(draft, "id"),
           {{"status", "draft"}, {"updated_at", text(post_of(scheduled), "updated_at")}});
  ASSERT_EQ(unscheduled.status, 200) << unscheduled.body;
  EXPECT_EQ(text(post_of(unscheduled), "status"), "draft");

  // Published, then sent back as a draft: unpublished, gone for readers.
  const json::object out =
      add({{"title", "Out and back"}, {"html", "<p>Briefly out</p>"}, {"status", "published"}});
  ASSERT_EQ(out.at("authors").as_array().size(), 1u);
  EXPECT_EQ(text(out.at("authors").at(0).as_object(), "email"), "olivia@example.com")
      << "a post naming nobody is the owner's, as in Ghost";
  EXPECT_EQ(http_get(server_->port(), "/out-and-back/").status, 200);
  const HttpResponse withdrawn =
      edit(text(out, "id"), {{"status", "draft"}, {"updated_at", text(out, "updated_at")}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(text(post_of(withdrawn), "status"), "draft");
  const HttpResponse nobody =
      edit(text(out, "id"),
           {{"authors", json::array{}}, {"updated_at", text(post_of(withdrawn), "updated_at")}});
  ASSERT_EQ(nobody.status, 200) << nobody.body;
  EXPECT_EQ(text(post_of(nobody).at("authors").at(0).as_object(), "email"), "olivia@example.com")
      << "an empty byline sent is the owner's";
  EXPECT_EQ(http_get(server_->port(), "/out-and-back/").status, 404);

  // Pages are their own resource.
  const json::object pages = parsed(call("GET", "pages/"));
  ASSERT_FALSE(pages.at("pages").as_array().empty());
  for (const auto& page : pages.at("pages").as_array()) {
    EXPECT_EQ(call("GET", "posts/" + std::string(page.at("id").as_string()) + "/").status, 404);
  }
}

TEST_F(AdminApi, ReadsTagsStaffAndTheSiteAndOnlyWithATokenButTheSite) {
  const json::object users = parsed(call("GET", "users/?limit=all"));
  bool owner = false;
  for (const auto& user : users.at("users").as_array()) {
    if (user.at("email").as_string() == "olivia@example.com") {
      owner = true;
      EXPECT_EQ(user.at("roles").at(0).at("name").as_string(), "Administrator");
    }
  }
  EXPECT_TRUE(owner);
  const json::object tags = parsed(call("GET", "tags/?limit=5&include=count.posts"));
  ASSERT_FALSE(tags.at("tags").as_array().empty());
  EXPECT_TRUE(tags.at("tags").at(0).as_object().contains("count"));
  const std::string tag_id(tags.at("tags").at(0).at("id").as_string());
  EXPECT_EQ(call("GET", "tags/" + tag_id + "/").status, 200);

  for (const std::string path : {"users/", "tags/", "posts/", "pages/"}) {
    EXPECT_EQ(http_get(server_->port(), std::string(kApi) + path).status, 403) << path;
  }
  const HttpResponse site = http_get(server_->port(), std::string(kApi) + "site/");
  ASSERT_EQ(site.status, 200) << "the site's description is for anyone, as in Ghost";
  EXPECT_EQ(parsed(site).at("site").at("title").as_string(), "The Daily Byline");
}

// The footer of the Persian edition's pages leads to the About page's
// Persian translation: a page kept in the cache learns when it moves.
TEST_F(AdminApi, AnEditionsCachedPagesFollowTheirAboutPageWhenItMoves) {
  const std::string section = "/fa/section/" + http::url_encode("سیاست") + "/";
  ASSERT_NE(http_get(server_->port(), section).body.find("<a href=\"/darbare-ye-ma/\">"),
            std::string::npos);
  const json::object about = post_of(call("GET", "pages/slug/darbare-ye-ma/"), "pages");
  const HttpResponse moved =
      call("PUT", "pages/" + text(about, "id") + "/?source=html",
           json::serialize(json::object{
               {"pages", json::array{json::object{{"slug", "darbare"},
                                                  {"updated_at", text(about, "updated_at")}}}}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  const std::string footer = http_get(server_->port(), section).body;
  EXPECT_NE(footer.find("<a href=\"/darbare/\">"), std::string::npos)
      << "the kept page was made again with the About page's new address";
  EXPECT_EQ(footer.find("/darbare-ye-ma/"), std::string::npos);
}

TEST_F(AdminApi, UploadsAnImageAndRefusesWhatIsNoImage) {
  const std::string boundary = "----BylineTestBoundary1234";
  const std::string type = "multipart/form-data; boundary=" + boundary;
  const HttpResponse uploaded = call(
      "POST", "images/upload/",
      multipart(boundary, {{"file", "photo.png", make_png(800, 600)}, {"ref", "", "hero"}}), type);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const json::object image = post_of(uploaded, "images");
  EXPECT_EQ(text(image, "ref"), "hero");
  const std::string url = text(image, "url");
  const std::string site = "http://127.0.0.1:" + std::to_string(server_->port());
  ASSERT_TRUE(url.starts_with(site + "/media/")) << url;
  const HttpResponse file = http_get(server_->port(), url.substr(site.size()));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-type"), "image/webp");

  // The image can be a post's feature image, given back as the API gave it.
  const json::object post = add({{"title", "With a picture"},
                                 {"feature_image", url},
                                 {"authors", json::array{"olivia@example.com"}}});
  EXPECT_EQ(text(post, "feature_image"), url);

  const HttpResponse text_file = call(
      "POST", "images/upload/", multipart(boundary, {{"file", "notes.png", "just text"}}), type);
  EXPECT_EQ(text_file.status, 415);
  EXPECT_EQ(call("POST", "images/upload/", multipart(boundary, {{"ref", "", "x"}}), type).status,
            422);
  EXPECT_EQ(call("POST", "images/upload/", "{}", "application/json").status, 415);
  // 5 MB is taken; past the media library's 20 MB the request is refused unread.
  const HttpResponse five =
      call("POST", "images/upload/",
           multipart(boundary, {{"file", "big.png", make_noise_png(1300, 1300)}}), type);
  EXPECT_EQ(five.status, 201) << five.body.substr(0, 300);
  const HttpResponse too_big =
      call("POST", "images/upload/",
           multipart(boundary, {{"file", "huge.png", std::string(21 << 20, 'x')}}), type);
  EXPECT_EQ(too_big.status, 413);
}

TEST_F(AdminApi, ALargeBodyWithABadTokenIsRefusedBeforeItIsSent) {
  // Only the header goes: were the server waiting for the 5 MB it was told
  // of, no answer would come before the connection timed out.
  const std::string head = std::string("POST ") + kApi +
                           "images/upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Content-Type: multipart/form-data; boundary=x\r\n"
                           "Content-Length: 5000000\r\n";
  const std::string refused =
      send_raw(server_->port(),
               head + "Authorization: Ghost " + token_for({key_.id, hex_of("wrong")}) + "\r\n\r\n");
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 401 ")) << refused.substr(0, 200);
  EXPECT_NE(refused.find("Connection: close"), std::string::npos);
  EXPECT_NE(refused.find("\"type\":\"UnauthorizedError\""), std::string::npos) << refused;
  EXPECT_TRUE(send_raw(server_->port(), head + "\r\n").starts_with("HTTP/1.1 403 "));

  // A small body is read first, so its refusal leaves the connection open
  // for the next request.
  const std::string two = send_raw(
      server_->port(), std::string("POST ") + kApi +
                           "posts/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                           "application/json\r\nContent-Length: 2\r\n\r\n{}"
                           "GET " +
                           kApi + "site/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(two.starts_with("HTTP/1.1 403 ")) << two.substr(0, 200);
  EXPECT_NE(two.find("HTTP/1.1 200 "), std::string::npos) << two;
}

TEST_F(AdminApi, RefusesBadWritesInGhostsEnvelopeAndWritesNothing) {
  const long total =
      parsed(call("GET", "posts/?limit=1")).at("meta").at("pagination").at("total").as_int64();
  struct Case {
    std::string body;
    std::string content_type;
    int status;
  };
  const std::string author = R"("authors":["olivia@example.com"])";
  for (
      const Case& bad : std::vector<Case>{
          {"not json", "application/json", 400},
          {R"({"post":[{"title":"x"}]})", "application/json", 400},
          {R"({"posts":[]})", "application/json", 400},
          {R"({"posts":[{"title":"x"}]})", "text/plain", 415},
          {R"({"posts":[{"html":"<p>No title</p>",)" + author + "}]}", "application/json", 422},
          {R"({"posts":[{"title":7,)" + author + "}]}", "application/json", 422},
          {R"({"posts":[{"title":"x","status":"sent",)" + author + "}]}", "application/json", 422},
          {R"({"posts":[{"title":"x","tags":"news",)" + author + "}]}", "application/json", 422},
          {R"({"posts":[{"title":"x","authors":["nobody@example.com"]}]})", "application/json",
           422},
          {R"({"posts":[{"title":"x","mobiledoc":"{}",)" + author + "}]}", "application/json", 422},
          {R"({"posts":[{"title":"x","lexical":"not lexical",)" + author + "}]}",
           "application/json", 422},
          {R"({"posts":[{"title":"x","visibility":"paid",)" + author + "}]}", "application/json",
           422},
          {R"({"posts":[{"title":"x","status":"scheduled","published_at":"2001-01-01T00:00:00.000Z",)" +
               author + "}]}",
           "application/json", 422},
          {R"({"posts":[{"title":"x","published_at":"yesterday",)" + author + "}]}",
           "application/json", 422},
      }) {
    const HttpResponse answer = call("POST", "posts/?source=html", bad.body, bad.content_type);
    EXPECT_EQ(answer.status, bad.status) << bad.body << " -> " << answer.body;
    EXPECT_TRUE(first_error(answer).contains("type")) << bad.body;
  }
  // At most 100 tags and 20 people on a post: one more is refused.
  json::array tags, people;
  for (int i = 0; i < 101; ++i) tags.emplace_back("Tag " + std::to_string(i));
  for (int i = 0; i < 21; ++i) people.emplace_back("olivia@example.com");
  const auto with = [](const char* field, const json::array& list) {
    return json::serialize(
        json::object{{"posts", json::array{json::object{{"title", "Crowded"}, {field, list}}}}});
  };
  EXPECT_EQ(call("POST", "posts/", with("tags", tags)).status, 422);
  EXPECT_EQ(call("POST", "posts/", with("authors", people)).status, 422);
  EXPECT_EQ(
      parsed(call("GET", "posts/?limit=1")).at("meta").at("pagination").at("total").as_int64(),
      total);
  tags.pop_back();
  const HttpResponse hundred = call("POST", "posts/", with("tags", tags));
  ASSERT_EQ(hundred.status, 201) << hundred.body.substr(0, 300);
  EXPECT_EQ(post_of(hundred).at("tags").as_array().size(), 100u);
  EXPECT_EQ(call("DELETE", "posts/" + text(post_of(hundred), "id") + "/").status, 204);

  for (const std::string& query :
       std::vector<std::string>{"limit=-1", "limit=abc", "page=0", "filter=tag:news",
                                "filter=" + std::string(5000, 'a'), "order=title%20asc"}) {
    const HttpResponse answer = call("GET", "posts/?" + query);
    EXPECT_EQ(answer.status, 422) << query << " -> " << answer.body;
  }
  // A query the answer cannot take is refused before anything is written.
  EXPECT_EQ(call("POST", "posts/?formats=mobiledoc",
                 R"({"posts":[{"title":"Not written",)" + author + "}]}")
                .status,
            422);
  EXPECT_EQ(call("GET", "posts/slug/not-written/").status, 404);
  EXPECT_EQ(call("GET", "posts/not-an-id/").status, 422);
  EXPECT_EQ(call("PUT", "posts/62b1e001ffffffffffffffff/", R"({"posts":[{"title":"x"}]})").status,
            404);
  // A body past the limit is refused unread, and the connection still serves.
  EXPECT_EQ(call("POST", "posts/", std::string(11 << 20, ' ')).status, 413);
  EXPECT_EQ(
      parsed(call("GET", "posts/?limit=1")).at("meta").at("pagination").at("total").as_int64(),
      total)
      << "nothing refused was written";
}

}  // namespace
}  // namespace byline::testing
