#include "http/form.hpp"

#include <gtest/gtest.h>

namespace byline::http {
namespace {

TEST(Form, DecodesPlusAndPercentEscapes) {
  const Form form = Form::parse("name=Emad+Askarieh&city=%D8%AA%D9%87%D8%B1%D8%A7%D9%86&empty=");
  EXPECT_EQ(form.get("name"), "Emad Askarieh");
  EXPECT_EQ(form.get("city"), "تهران");
  EXPECT_TRUE(form.has("empty"));
  EXPECT_EQ(form.get("empty"), "");
  EXPECT_FALSE(form.has("missing"));
}

TEST(Form, KeepsRepeatedFieldsInOrder) {
  const Form form = Form::parse("tag=iran&tag=russia&tag=");
  EXPECT_EQ(form.all("tag"), (std::vector<std::string>{"iran", "russia", ""}));
  EXPECT_EQ(form.get("tag"), "iran");
}

TEST(Form, KeepsBrokenEscapesAsTyped) {
  EXPECT_EQ(Form::parse("a=100%&b=%zz&c=%4").get("a"), "100%");
  EXPECT_EQ(Form::parse("a=100%&b=%zz&c=%4").get("b"), "%zz");
  EXPECT_EQ(Form::parse("a=100%&b=%zz&c=%4").get("c"), "%4");
}

TEST(Form, EveryValueIsValidUtf8TextWhateverWasSent) {
  const Form form = Form::parse("title=Bad%C0%AFtitle&cut=caf%C3&nul=a%00b&bell=a%07b&lines=a%0D%0Ab%09c&name%FF=1");
  EXPECT_EQ(form.get("title"), "Bad\xEF\xBF\xBD\xEF\xBF\xBDtitle");
  EXPECT_EQ(form.get("cut"), "caf\xEF\xBF\xBD");
  EXPECT_EQ(form.get("nul"), "ab");
  EXPECT_EQ(form.get("bell"), "ab");
  EXPECT_EQ(form.get("lines"), "a\r\nb\tc");
  EXPECT_TRUE(form.has("name\xEF\xBF\xBD"));
  EXPECT_EQ(Form::parse("q=%D8%AA%D9%87%D8%B1%D8%A7%D9%86").get("q"), "تهران");
}

TEST(Form, BoundsTheNumberOfFields) {
  std::string many;
  for (int i = 0; i < 50; ++i) many += "f" + std::to_string(i) + "=x&";
  const Form form = Form::parse(many, 10);
  EXPECT_TRUE(form.has("f9"));
  EXPECT_FALSE(form.has("f10"));
}

TEST(Cookies, AreFoundByName) {
  Request request;
  request.headers = {{"cookie", "theme=dark; byline_session=abc-123_x; other=1"}};
  EXPECT_EQ(cookie(request, "byline_session"), "abc-123_x");
  EXPECT_EQ(cookie(request, "theme"), "dark");
  EXPECT_EQ(cookie(request, "session"), "");
}

TEST(Cookies, AreSetWithTheirAttributes) {
  CookieOptions options;
  options.max_age_seconds = 3600;
  options.secure = true;
  EXPECT_EQ(set_cookie("byline_session", "tok", options),
            "byline_session=tok; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax");
}

TEST(UrlEncode, EncodesAllButUnreserved) {
  EXPECT_EQ(url_encode("/newsroom/?a=b c"), "%2Fnewsroom%2F%3Fa%3Db%20c");
}

}  // namespace
}  // namespace byline::http
