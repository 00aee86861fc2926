#include "http/router.hpp"

#include <gtest/gtest.h>

namespace byline::http {
namespace {

Request get(std::string target, std::string method = "GET") {
  Request request;
  request.method = std::move(method);
  request.target = target;
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  return request;
}

// Answers with the route's name and its parameters, so tests can see which
// route ran with what.
Handler named(std::string name) {
  return [name](const Request&, const Params& params) {
    return Response::text(200, name + " slug=" + params.get("slug") + " page=" +
                                   params.get("page") + " path=" + params.get("path"));
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/", named("home"));
    router.add("GET", "/page/:page/", named("home"));
    router.add("GET", "/author/:slug/", named("author"));
    router.add("GET", "/author/:slug/page/:page/", named("author"));
    router.add("POST", "/newsroom/login/", named("login"));
    router.add("GET", "/assets/*path", named("asset"));
    router.add("GET", "/:slug/", named("article"));
    router.set_not_found([](const Request&, const Params&) { return Response::text(404, "nf"); });
  }
  Router router;
};

TEST(Router, SaysWhichQueryFieldsTheRouteOfAPathReads) {
  Router router;
  router.add("GET", "/", named("home"), {"p", "cat"});
  router.add("GET", "/search", named("search"), {"q"});
  router.add("POST", "/search", named("search"), {"ignored"});
  router.add("GET", "/:slug/", named("article"));
  EXPECT_EQ(router.query_fields("/"), (std::vector<std::string>{"p", "cat"}));
  EXPECT_EQ(router.query_fields("/search"), std::vector<std::string>{"q"});
  EXPECT_TRUE(router.query_fields("/story/").empty());
  EXPECT_TRUE(router.query_fields("/no/such/path/").empty());
}

TEST_F(RouterTest, MatchesLiteralAndParameterSegments) {
  EXPECT_EQ(router.dispatch(get("/")).body, "home slug= page= path=");
  EXPECT_EQ(router.dispatch(get("/page/2/")).body, "home slug= page=2 path=");
  EXPECT_EQ(router.dispatch(get("/author/emad/page/3/")).body, "author slug=emad page=3 path=");
}

TEST_F(RouterTest, TriesRoutesInOrderSoCatchAllsComeLast) {
  EXPECT_EQ(router.dispatch(get("/author/emad/")).body, "author slug=emad page= path=");
  EXPECT_EQ(router.dispatch(get("/some-story/")).body, "article slug=some-story page= path=");
}

TEST_F(RouterTest, DecodesPercentEncodedSegments) {
  EXPECT_EQ(router.dispatch(get("/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86/")).body,
            "article slug=ایران page= path=");
}

TEST_F(RouterTest, RejectsBrokenEncodingWith400) {
  EXPECT_EQ(router.dispatch(get("/%zz/")).status, 400);
  EXPECT_EQ(router.dispatch(get("/%4/")).status, 400);
  EXPECT_EQ(router.dispatch(get("/a%00b/")).status, 400);
  EXPECT_EQ(router.dispatch(get("/a%2Fb/")).status, 400);
}

TEST_F(RouterTest, RedirectsAMissingTrailingSlashKeepingTheQuery) {
  const Response response = router.dispatch(get("/some-story?ref=home"));
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(response.header("Location"), "/some-story/?ref=home");
}

TEST_F(RouterTest, NeverRedirectsToAnotherHost) {
  // "//evil.example" would be a protocol-relative URL; empty segments match nothing.
  EXPECT_EQ(router.dispatch(get("//evil.example")).status, 404);
}

TEST_F(RouterTest, AnswersHeadWithGetRoutes) {
  EXPECT_EQ(router.dispatch(get("/some-story/", "HEAD")).status, 200);
}

TEST_F(RouterTest, Answers405WithAllowForAnotherMethod) {
  const Response response = router.dispatch(get("/newsroom/login/"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "POST");
  EXPECT_EQ(router.dispatch(get("/some-story/", "DELETE")).status, 405);
}

TEST(Router, MatchesParametersWithFixedEnds) {
  Router router;
  router.add("GET", "/sitemap-posts-{page}.xml", [](const Request&, const Params& params) {
    return Response::text(200, params.get("page"));
  });
  Request request;
  request.method = "GET";
  request.path = "/sitemap-posts-12.xml";
  EXPECT_EQ(router.dispatch(request).body, "12");
  request.path = "/sitemap-posts-.xml";
  EXPECT_EQ(router.dispatch(request).status, 404);
  request.path = "/sitemap-pages.xml";
  EXPECT_EQ(router.dispatch(request).status, 404);
}

TEST_F(RouterTest, CapturesTheRestOfThePath) {
  EXPECT_EQ(router.dispatch(get("/assets/css/style.css")).body,
            "asset slug= page= path=css/style.css");
}

TEST_F(RouterTest, SendsEverythingElseToNotFound) {
  EXPECT_EQ(router.dispatch(get("/a/b/c/")).status, 404);
  EXPECT_EQ(router.dispatch(get("/author/emad/extra/")).status, 404);
  EXPECT_EQ(router.dispatch(get("/page//")).status, 404);
}

TEST_F(RouterTest, LeavesOneSegmentPathsToTheCatchAll) {
  // "/author/" is an article slug as far as the router knows; the site
  // answers 404 when no post has it.
  EXPECT_EQ(router.dispatch(get("/author/")).body, "article slug=author page= path=");
}

}  // namespace
}  // namespace byline::http
