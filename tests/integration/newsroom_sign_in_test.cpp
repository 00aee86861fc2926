// Staff sign-in over real HTTP: sessions, CSRF, throttling, expiry, the
// owner's setup link.
#include "byline_process.hpp"
#include "http_client.hpp"

#include "accounts/accounts.hpp"
#include "accounts/secrets.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

namespace byline::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "a long enough secret";

std::string form_token(const std::string& html) {
  std::smatch match;
  std::regex_search(html, match, std::regex(R"re(name="_csrf" value="([^"]+)")re"));
  return match.size() > 1 ? match[1].str() : "";
}

// "name=value" of a Set-Cookie header.
std::string cookie_pair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

HttpResponse post_form(unsigned short port, const std::string& path, const std::string& body,
                       const std::string& cookies) {
  return http_request(port, "POST", path,
                      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookies}},
                      body);
}

class NewsroomSignIn : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(accounts::add_account(*store_, {"editor@example.com", "Eddie Editor",
                                                content::Role::editor, kPassword})
                    .ok());
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{});
  }

  unsigned short port() const { return server_->port(); }

  // Signs in through the form, as a browser does; returns the session cookie pair.
  std::string sign_in(const std::string& email, const std::string& password, int expect = 303) {
    const HttpResponse form = http_get(port(), "/newsroom/sign-in/");
    EXPECT_EQ(form.status, 200);
    const std::string body = "_csrf=" + form_token(form.body) +
                             "&email=" + http::url_encode(email) +
                             "&password=" + http::url_encode(password) + "&next=%2Fnewsroom%2F";
    const HttpResponse answer =
        post_form(port(), "/newsroom/sign-in/", body, cookie_pair(form.header("set-cookie")));
    EXPECT_EQ(answer.status, expect) << answer.body;
    last_answer_ = answer;
    return answer.status == 303 ? cookie_pair(answer.header("set-cookie")) : "";
  }

  TempDir data_{"newsroom"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ServerProcess> server_;
  HttpResponse last_answer_;
};

TEST_F(NewsroomSignIn, SendsSignedOutVisitorsToSignIn) {
  const HttpResponse answer = http_get(port(), "/newsroom/");
  EXPECT_EQ(answer.status, 303);
  EXPECT_EQ(answer.header("location"), "/newsroom/sign-in/?next=%2Fnewsroom%2F");
}

TEST_F(NewsroomSignIn, TheSignInPageLeadsBackToTheSite) {
  const HttpResponse page = http_get(port(), "/newsroom/sign-in/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<a href=\"/\"><span aria-hidden=\"true\">← </span>Back to Byline</a>"),
            std::string::npos)
      << page.body;
}

TEST_F(NewsroomSignIn, SignsInWithAPrivateSessionCookie) {
  const std::string cookie = sign_in("Editor@Example.com", kPassword);
  ASSERT_FALSE(cookie.empty());
  const std::string set_cookie = last_answer_.header("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos) << set_cookie;
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain http site: " << set_cookie;
  EXPECT_EQ(last_answer_.header("location"), "/newsroom/");

  const HttpResponse posts = http_request(port(), "GET", "/newsroom/", {{"Cookie", cookie}});
  ASSERT_EQ(posts.status, 200);
  EXPECT_NE(posts.body.find("Eddie Editor"), std::string::npos);
  EXPECT_EQ(posts.header("cache-control"), "private, no-store");
}

TEST_F(NewsroomSignIn, AnswersAWrongPasswordAndAnUnknownEmailAlike) {
  sign_in("editor@example.com", "not the password", 401);
  const std::string wrong_password = visible_text(last_answer_.body);
  sign_in("nobody@example.com", kPassword, 401);
  const std::string unknown_email = visible_text(last_answer_.body);
  EXPECT_NE(wrong_password.find("That email and password do not match an account."),
            std::string::npos);
  // The pages differ only in the email typed back into the form.
  EXPECT_EQ(unknown_email.find("match an account"), wrong_password.find("match an account"));
}

TEST_F(NewsroomSignIn, RefusesASignInWithoutTheFormsToken) {
  const std::string body = "email=editor%40example.com&password=" + http::url_encode(kPassword);
  const HttpResponse no_token = post_form(port(), "/newsroom/sign-in/", body, "");
  EXPECT_EQ(no_token.status, 403);
  const HttpResponse forged =
      post_form(port(), "/newsroom/sign-in/", body + "&_csrf=guess", "byline_form=other");
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(forged.header("set-cookie").find("byline_session") == std::string::npos);
}

TEST_F(NewsroomSignIn, RefusesASignOutWithoutTheSessionsToken) {
  const std::string cookie = sign_in("editor@example.com", kPassword);
  EXPECT_EQ(post_form(port(), "/newsroom/sign-out/", "_csrf=forged", cookie).status, 403);
  EXPECT_EQ(http_request(port(), "GET", "/newsroom/", {{"Cookie", cookie}}).status, 200)
      << "a refused sign-out leaves the session alone";
}

TEST_F(NewsroomSignIn, SignOutEndsTheSession) {
  const std::string cookie = sign_in("editor@example.com", kPassword);
  const HttpResponse posts = http_request(port(), "GET", "/newsroom/", {{"Cookie", cookie}});
  const HttpResponse out =
      post_form(port(), "/newsroom/sign-out/", "_csrf=" + form_token(posts.body), cookie);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(http_request(port(), "GET", "/newsroom/", {{"Cookie", cookie}}).status, 303);
}

TEST_F(NewsroomSignIn, ThrottlesGuessingWith429AndRetryAfter) {
  for (int i = 0; i < 5; ++i)
    sign_in("editor@example.com", "guess number " + std::to_string(i), 401);
  sign_in("editor@example.com", kPassword, 429);
  EXPECT_GT(std::stoi(last_answer_.header("retry-after")), 0);
  EXPECT_NE(visible_text(last_answer_.body).find("Too many failed sign-ins"), std::string::npos);
}

TEST_F(NewsroomSignIn, AGuesserElsewhereCannotLockThePersonOut) {
  const HttpResponse form = http_get(port(), "/newsroom/sign-in/");
  const std::string cookies = cookie_pair(form.header("set-cookie"));
  auto attempt = [&](const std::string& from, const std::string& password) {
    return http_request_from(
        from, port(), "POST", "/newsroom/sign-in/",
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookies}},
        "_csrf=" + form_token(form.body) + "&email=editor%40example.com&password=" +
            http::url_encode(password) + "&next=%2Fnewsroom%2F");
  };
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt("127.0.0.2", "guess " + std::to_string(i)).status, 401);
  EXPECT_EQ(attempt("127.0.0.2", kPassword).status, 429) << "the guesser's address waits";
  EXPECT_EQ(attempt("127.0.0.1", kPassword).status, 303)
      << "the person, from their own address, does not";
}

TEST_F(NewsroomSignIn, ABurstOfSignInsIsBoundedAndReadersAreStillServed) {
  const HttpResponse form = http_get(port(), "/newsroom/sign-in/");
  const std::string cookies = cookie_pair(form.header("set-cookie"));
  const std::string token = form_token(form.body);
  std::atomic<int> refused{0}, busy{0}, other{0}, pages{0};
  std::vector<std::thread> burst;
  for (int i = 0; i < 40; ++i) {
    burst.emplace_back([&, i] {
      // Each from its own address, so that the throttle stays out of it.
      const HttpResponse answer = http_request_from(
          "127.0.1." + std::to_string(i + 1), port(), "POST", "/newsroom/sign-in/",
          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookies}},
          "_csrf=" + token + "&email=editor%40example.com&password=wrong+guess+" +
              std::to_string(i));
      if (answer.status == 401) {
        ++refused;
      } else if (answer.status == 503 && answer.header("retry-after") == "1" &&
                 visible_text(answer.body).find("Too many people are signing in at once") !=
                     std::string::npos) {
        ++busy;
      } else {
        ++other;
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    if (http_get(port(), "/newsroom/sign-in/").status == 200) ++pages;
  }
  for (auto& thread : burst) thread.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(busy.load(), 0) << "no sign-in was turned away: the wait is not bounded";
  EXPECT_GT(refused.load(), 0);
  EXPECT_EQ(pages.load(), 20);
  // Once the burst is over, signing in works at once.
  sign_in("editor@example.com", kPassword);
}

TEST_F(NewsroomSignIn, ForgetsAnExpiredSession) {
  auto editor = store_->user_by_email("editor@example.com");
  ASSERT_TRUE(editor.ok() && editor->has_value());
  store::Session expired;
  const std::string token = accounts::random_token();
  expired.token_digest = accounts::token_digest(token);
  expired.user_id = (*editor)->id;
  expired.csrf_token = accounts::random_token();
  expired.created_at = now_utc() - 24h * 15;
  expired.expires_at = now_utc() - 1s;
  ASSERT_TRUE(store_->create_session(expired).ok());

  const HttpResponse answer =
      http_request(port(), "GET", "/newsroom/", {{"Cookie", "byline_session=" + token}});
  EXPECT_EQ(answer.status, 303);
  EXPECT_FALSE(store_->session_by_digest(expired.token_digest)->has_value());
}

TEST_F(NewsroomSignIn, NeverRedirectsOffTheNewsroomAfterSignIn) {
  const HttpResponse form = http_get(port(), "/newsroom/sign-in/?next=https://evil.example/");
  EXPECT_NE(form.body.find("name=\"next\" value=\"/newsroom/\""), std::string::npos);
  const std::string body = "_csrf=" + form_token(form.body) +
                           "&email=editor%40example.com&password=" + http::url_encode(kPassword) +
                           "&next=%2F%2Fevil.example%2Fnewsroom%2F";
  const HttpResponse answer =
      post_form(port(), "/newsroom/sign-in/", body, cookie_pair(form.header("set-cookie")));
  EXPECT_EQ(answer.status, 303);
  EXPECT_EQ(answer.header("location"), "/newsroom/");
}

TEST_F(NewsroomSignIn, ChangingThePasswordEndsOtherSessions) {
  const std::string laptop = sign_in("editor@example.com", kPassword);
  const std::string phone = sign_in("editor@example.com", kPassword);
  const HttpResponse page =
      http_request(port(), "GET", "/newsroom/password/", {{"Cookie", laptop}});
  ASSERT_EQ(page.status, 200);
  const HttpResponse changed =
      post_form(port(), "/newsroom/password/",
                "_csrf=" + form_token(page.body) + "&current=" + http::url_encode(kPassword) +
                    "&new=" + http::url_encode("a brand new secret"),
                laptop);
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(http_request(port(), "GET", "/newsroom/", {{"Cookie", laptop}}).status, 200);
  EXPECT_EQ(http_request(port(), "GET", "/newsroom/", {{"Cookie", phone}}).status, 303);
}

TEST(NewsroomSetup, TheOwnersLinkWorksOnce) {
  TempDir data("setup-link");
  ServerProcess server(data.path(), {});
  std::smatch match;
  const std::string output = server.output();
  ASSERT_TRUE(std::regex_search(
      output, match, std::regex(R"re(http://127\.0\.0\.1:\d+(/newsroom/setup/[A-Za-z0-9_-]+/))re")))
      << output;
  const std::string link = match[1].str();

  const HttpResponse form = http_get(server.port(), link);
  ASSERT_EQ(form.status, 200);
  const HttpResponse created = post_form(
      server.port(), link,
      "_csrf=" + form_token(form.body) +
          "&name=Site+Owner&email=owner%40example.com&password=" + http::url_encode(kPassword),
      cookie_pair(form.header("set-cookie")));
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string cookie = cookie_pair(created.header("set-cookie"));
  const HttpResponse posts = http_request(server.port(), "GET", "/newsroom/", {{"Cookie", cookie}});
  EXPECT_EQ(posts.status, 200);
  EXPECT_NE(posts.body.find("Site Owner"), std::string::npos);
  EXPECT_NE(posts.body.find("admin"), std::string::npos);

  EXPECT_EQ(http_get(server.port(), link).status, 410);
  EXPECT_EQ(http_get(server.port(), "/newsroom/setup/made-up-token/").status, 410);
}

}  // namespace
}  // namespace byline::testing
