#include "http/route_group.hpp"

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
PublicRoutes::GroupHandler named(std::string name) {
  return [name](const Request&, const Params& params, std::monostate) {
    return Response::text(200, name + " slug=" + params.get("slug") +
                                   " page=" + params.get("page") + " path=" + params.get("path"));
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PublicRoutes site(router, {.prefixes = {"/"}});
    constexpr auto anyone = Public::anyone;
    site.add("GET", "", anyone, named("home"));
    site.add("GET", "page/:page/", anyone, named("home"));
    site.add("GET", "author/:slug/", anyone, named("author"));
    site.add("GET", "author/:slug/page/:page/", anyone, named("author"));
    site.add("POST", "newsroom/login/", anyone, named("login"));
    site.add("GET", "assets/*path", anyone, named("asset"));
    site.add("GET", ":slug/", anyone, named("article"));
    router.set_not_found([](const Request&, const Params&) { return Response::text(404, "nf"); });
  }
  Router router;
};

TEST(Router, SaysWhichQueryFieldsTheRouteOfAPathReads) {
  Router router;
  PublicRoutes site(router, {.prefixes = {"/"}});
  site.add("GET", "", Public::anyone, named("home"), {.reads_query = {"p", "cat"}});
  site.add("GET", "search", Public::anyone, named("search"), {.reads_query = {"q"}});
  site.add("POST", "search", Public::anyone, named("search"), {.reads_query = {"ignored"}});
  site.add("GET", ":slug/", Public::anyone, named("article"));
  EXPECT_EQ(router.query_fields("/"), (std::vector<std::string>{"p", "cat"}));
  EXPECT_EQ(router.query_fields("/search"), std::vector<std::string>{"q"});
  EXPECT_TRUE(router.query_fields("/story/").empty());
  EXPECT_TRUE(router.query_fields("/no/such/path/").empty());
}

TEST(Router, ARouteAnswersOnlyTheParametersItAccepts) {
  Router router;
  PublicRoutes site(router, {.prefixes = {"/"}});
  const auto is_edition = [](const Params& params) { return params.get("edition") == "fa"; };
  site.add("GET", "tag/:slug/", Public::anyone, named("tag"));
  site.add("GET", ":edition/search", Public::anyone, named("edition search"),
           {.reads_query = {"q"}, .accepts = is_edition});
  site.add("GET", ":edition/rss/", Public::anyone, named("edition feed"), {.accepts = is_edition});
  site.add("GET", ":slug/:page/", Public::anyone, named("later"));
  router.set_not_found([](const Request&, const Params&) { return Response::text(404, "nf"); });

  EXPECT_EQ(router.dispatch(get("/fa/search")).body, "edition search slug= page= path=");
  EXPECT_EQ(router.query_fields("/fa/search"), std::vector<std::string>{"q"});
  // Refused, the address is as if the route were not there: the slash
  // rule sends "/tag/search" on to the tag, and a later route answers.
  const Response tag = router.dispatch(get("/tag/search"));
  EXPECT_EQ(tag.status, 301);
  EXPECT_EQ(tag.header("Location"), "/tag/search/");
  EXPECT_TRUE(router.query_fields("/xx/search").empty());
  EXPECT_EQ(router.dispatch(get("/xx/search")).header("Location"), "/xx/search/")
      << "the later route's address";
  EXPECT_EQ(router.dispatch(get("/xx/rss/")).body, "later slug=xx page=rss path=");
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
  PublicRoutes site(router, {.prefixes = {"/"}});
  site.add("GET", "sitemap-posts-{page}.xml", Public::anyone,
           [](const Request&, const Params& params, std::monostate) {
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

// --- Groups ----------------------------------------------------------------

// A gate that admits a caller named in the X-Caller header when the route's
// access (a role) is theirs, and says which access it was asked about.
enum class Role { reader, editor };
struct Person {
  std::string name;
};
using Gated = RouteGroup<Role, Person>;

Gated::Gate role_gate(std::vector<Role>* asked) {
  return [asked](const Request& request, const Role& access) -> std::variant<Person, Response> {
    if (asked) asked->push_back(access);
    const std::string_view name = request.header("x-caller");
    if (name.empty()) return Response::text(401, "who are you?");
    if (access == Role::editor && name != "editor") return Response::text(403, "editors only");
    return Person{std::string(name)};
  };
}

Request with_caller(std::string target, std::string caller, std::string method = "GET") {
  Request request = get(std::move(target), std::move(method));
  if (!caller.empty()) request.headers.emplace_back("x-caller", std::move(caller));
  return request;
}

Response json_error(int status, std::string_view message) {
  Response response;
  response.status = status;
  response.body = "{\"error\":\"" + std::string(message) + "\"}";
  response.set_header("Content-Type", "application/json");
  return response;
}

class RouterGroups : public ::testing::Test {
 protected:
  void SetUp() override {
    PublicRoutes site(router, {.prefixes = {"/"}});
    site.add("GET", ":slug/", Public::anyone, named("article"));
    Gated desk(router, {.prefixes = {"/desk/"}}, role_gate(&asked));
    auto hello = [](const Request&, const Params&, const Person& person) {
      return Response::text(200, "hello " + person.name);
    };
    desk.add("GET", "", Role::reader, hello);
    desk.add("GET", "plans/", Role::editor, hello);
    desk.add("POST", "plans/", Role::editor, hello);
    desk.add("GET", "board/", Role::reader, [](const Request&, const Params&, const Person&) {
      Response response = Response::text(200, "the same board for every reader");
      response.cache = CachePolicy{{"board"}, std::nullopt};
      return response;
    });
    PublicRoutes api(router, {.prefixes = {"/api/", "/api/v2/"},
                              .body_limit = 10,
                              .cors = CorsRules{"Authorization, Content-Type", "X-Total", 600},
                              .error = json_error});
    api.add("GET", "posts/", Public::anyone, named("posts"), {.reads_query = {"page"}});
    api.add("POST", "posts/", Public::anyone, named("add"));
    api.add("POST", "images/", Public::anyone, named("upload"), {.body_limit = 100});
    api.add("GET", "front/", Public::anyone, [](const Request&, const Params&, std::monostate) {
      Response response = Response::text(200, "front");
      response.cache = CachePolicy{{"front"}, std::nullopt};
      return response;
    });
    router.set_not_found(
        [](const Request&, const Params&) { return Response::text(404, "site 404"); });
  }
  std::vector<Role> asked;
  Router router;
};

TEST_F(RouterGroups, TheGateRunsBeforeTheHandlerWithTheAccessTheRouteDeclared) {
  EXPECT_EQ(router.dispatch(with_caller("/desk/", "ana")).body, "hello ana");
  EXPECT_EQ(router.dispatch(with_caller("/desk/plans/", "editor")).body, "hello editor");
  EXPECT_EQ(asked, (std::vector<Role>{Role::reader, Role::editor}));
}

TEST_F(RouterGroups, WhatTheGateRefusesNeverReachesTheHandler) {
  EXPECT_EQ(router.dispatch(with_caller("/desk/", "")).status, 401);
  const Response refused = router.dispatch(with_caller("/desk/plans/", "ana", "POST"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body, "editors only");
  // The same caller is still let in where their access allows.
  EXPECT_EQ(router.dispatch(with_caller("/desk/", "ana")).status, 200);
}

TEST_F(RouterGroups, APathBelongsToTheGroupWithTheLongestPrefix) {
  // "/desk/" is the desk's, not the site's one-segment catch-all.
  EXPECT_EQ(router.dispatch(with_caller("/desk/", "ana")).body, "hello ana");
  asked.clear();
  EXPECT_EQ(router.dispatch(get("/story/")).body, "article slug=story page= path=");
  EXPECT_EQ(router.dispatch(get("/api/posts/")).body, "posts slug= page= path=");
  // A gate is never asked about another group's routes.
  EXPECT_TRUE(asked.empty());
}

TEST_F(RouterGroups, AGroupMountedUnderSeveralPrefixesAnswersUnderEach) {
  EXPECT_EQ(router.dispatch(get("/api/posts/")).body, "posts slug= page= path=");
  EXPECT_EQ(router.dispatch(get("/api/v2/posts/")).body, "posts slug= page= path=");
  EXPECT_EQ(router.query_fields("/api/v2/posts/"), std::vector<std::string>{"page"});
}

TEST_F(RouterGroups, MissesInAGroupAreAnsweredInItsEnvelope) {
  const Response missing = router.dispatch(get("/api/nothing/"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("Content-Type"), "application/json");
  const Response wrong_method = router.dispatch(get("/api/posts/", "DELETE"));
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.header("Content-Type"), "application/json");
  EXPECT_EQ(wrong_method.header("Allow"), "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(router.dispatch(get("/api/%zz/")).header("Content-Type"), "application/json");
  EXPECT_EQ(router.error_response("/api/posts/", 413, "too large").header("Content-Type"),
            "application/json");
  // A group without an envelope leaves misses to the not-found handler.
  EXPECT_EQ(router.dispatch(with_caller("/desk/nothing/", "ana")).body, "site 404");
}

TEST_F(RouterGroups, AMissingTrailingSlashIsRedirectedIntoTheGroupThatHasThePath) {
  const Response response = router.dispatch(get("/desk"));
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(response.header("Location"), "/desk/");
}

TEST_F(RouterGroups, ACorsGroupAnswersPreflightsAndLabelsItsAnswers) {
  Request preflight = get("/api/posts/", "OPTIONS");
  preflight.headers = {{"origin", "https://app.example"},
                       {"access-control-request-method", "POST"}};
  const Response answer = router.dispatch(preflight);
  EXPECT_EQ(answer.status, 204);
  EXPECT_EQ(answer.header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(answer.header("Access-Control-Allow-Methods"), "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(answer.header("Access-Control-Allow-Headers"), "Authorization, Content-Type");
  EXPECT_EQ(answer.header("Access-Control-Max-Age"), "600");

  const Response read = router.dispatch(get("/api/posts/"));
  EXPECT_EQ(read.header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(read.header("Access-Control-Expose-Headers"), "X-Total");
  EXPECT_EQ(router.dispatch(get("/api/nothing/")).header("Access-Control-Allow-Origin"), "*");
}

TEST_F(RouterGroups, GroupsWithoutCorsRefuseOptionsAndSayNothingOfOrigins) {
  const Response answer = router.dispatch(with_caller("/desk/plans/", "editor", "OPTIONS"));
  EXPECT_EQ(answer.status, 405);
  EXPECT_EQ(answer.header("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(router.dispatch(with_caller("/desk/", "ana")).header("Access-Control-Allow-Origin"),
            "");
  EXPECT_EQ(router.dispatch(get("/story/")).header("Access-Control-Allow-Origin"), "");
}

TEST_F(RouterGroups, ABodyOverItsRoutesLimitIsRefusedAndOneAtTheLimitIsTaken) {
  Request add = get("/api/posts/", "POST");
  add.body = std::string(10, 'x');
  EXPECT_EQ(router.dispatch(add).status, 200);
  add.body += 'x';
  const Response refused = router.dispatch(add);
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(refused.header("Content-Type"), "application/json");
  // A route's own limit wins over its group's.
  Request upload = get("/api/images/", "POST");
  upload.body = std::string(100, 'x');
  EXPECT_EQ(router.dispatch(upload).status, 200);
  upload.body += 'x';
  EXPECT_EQ(router.dispatch(upload).status, 413);
}

TEST_F(RouterGroups, SaysTheBodyLimitOfTheRouteARequestWouldRun) {
  EXPECT_EQ(router.body_limit("POST", "/api/images/"), std::optional<std::size_t>(100));
  EXPECT_EQ(router.body_limit("POST", "/api/v2/images/"), std::optional<std::size_t>(100));
  EXPECT_EQ(router.body_limit("POST", "/api/posts/"), std::optional<std::size_t>(10));
  EXPECT_EQ(router.body_limit("POST", "/api/nothing/"), std::optional<std::size_t>(10));
  EXPECT_EQ(router.body_limit("POST", "/desk/plans/"), std::nullopt);
  EXPECT_EQ(router.body_limit("POST", "/story/"), std::nullopt);
}

TEST_F(RouterGroups, ACachedAnswerOfAGatedRouteIsForCallersTheGateAdmitsAgain) {
  const Response board = router.dispatch(with_caller("/desk/board/", "ana"));
  ASSERT_TRUE(board.cache);
  EXPECT_TRUE(board.cache->admit_each_hit);
  asked.clear();
  // admit() asks the route's gate, with the route's access, and runs no handler.
  EXPECT_EQ(router.admit(with_caller("/desk/board/", "ana")), std::nullopt);
  const auto refused = router.admit(with_caller("/desk/board/", ""));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(asked, (std::vector<Role>{Role::reader, Role::reader}));
}

TEST_F(RouterGroups, AsksTheGateOfTheRouteAWriteIsForBeforeItsBodyIsRead) {
  asked.clear();
  // The POST route's own access (editor), not the GET's of the same path.
  const auto reader = router.admit_before_body(with_caller("/desk/plans/", "ana", "POST"));
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->status, 403);
  EXPECT_EQ(router.admit_before_body(with_caller("/desk/plans/", "editor", "POST")), std::nullopt);
  EXPECT_EQ(asked, (std::vector<Role>{Role::editor, Role::editor}));
  // No route for the method, or a route anyone may call: the body is read
  // and dispatch() answers as ever.
  EXPECT_EQ(router.admit_before_body(with_caller("/desk/", "", "POST")), std::nullopt);
  EXPECT_EQ(router.admit_before_body(get("/api/images/", "POST")), std::nullopt);
  EXPECT_EQ(asked.size(), 2u);
}

TEST_F(RouterGroups, ACachedAnswerOfAPublicRouteNeedsNoSecondLook) {
  const Response front = router.dispatch(get("/api/front/"));
  ASSERT_TRUE(front.cache);
  EXPECT_FALSE(front.cache->admit_each_hit);
  EXPECT_EQ(router.admit(get("/api/front/")), std::nullopt);
  EXPECT_EQ(router.admit(get("/story/")), std::nullopt);
}

}  // namespace
}  // namespace byline::http
