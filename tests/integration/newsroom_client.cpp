// StaffClient over the test HTTP client.
#include "newsroom_client.hpp"

#include "accounts/accounts.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <regex>

namespace byline::testing {
namespace {

std::string cookie_pair(const std::string& set_cookie) { return set_cookie.substr(0, set_cookie.find(';')); }

const char* kFormToken = R"re(name="_csrf" value="([^"]+)")re";

}  // namespace

::testing::AssertionResult add_staff(const std::filesystem::path& data_dir, const std::string& email,
                                     const std::string& name, content::Role role, const std::string& password) {
  auto store = store::sqlite::SqliteStore::open(data_dir / "byline.db", 1);
  if (!store) return ::testing::AssertionFailure() << store.error().message << " " << store.error().detail;
  auto added = accounts::add_account(**store, {email, name, role, password});
  if (!added) return ::testing::AssertionFailure() << added.error().message;
  return ::testing::AssertionSuccess();
}

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

StaffClient::StaffClient(unsigned short port, const std::string& email, const std::string& password)
    : port_(port) {
  const HttpResponse form = http_get(port_, "/newsroom/sign-in/");
  const std::string body = "_csrf=" + first_match(form.body, kFormToken) + "&email=" +
                           http::url_encode(email) + "&password=" + http::url_encode(password);
  const HttpResponse answer = http_request(
      port_, "POST", "/newsroom/sign-in/",
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie_pair(form.header("set-cookie"))}},
      body);
  if (answer.status != 303) return;
  cookie_ = cookie_pair(answer.header("set-cookie"));
  csrf_ = first_match(get("/newsroom/posts/new/").body, kFormToken);
}

HttpResponse StaffClient::get(const std::string& path) const {
  return http_request(port_, "GET", path, {{"Cookie", cookie_}});
}

HttpResponse StaffClient::post(const std::string& path, const std::string& fields) const {
  return post_with_token(path, csrf_, fields);
}

HttpResponse StaffClient::post_with_token(const std::string& path, const std::string& token,
                                          const std::string& fields) const {
  return http_request(port_, "POST", path,
                      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie_}},
                      "_csrf=" + token + "&" + fields);
}

}  // namespace byline::testing
