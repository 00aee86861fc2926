#include "content/post_rules.hpp"

#include "content/sanitize.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

using namespace std::chrono_literals;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 3h;

Post draft(std::string title, std::string body) {
  Post post;
  post.title = std::move(title);
  post.body_source = std::move(body);
  User author;
  author.id = 1;
  post.authors.push_back(author);
  return post;
}

TEST(PostRules, MakesTheSlugFromTheTitleAndSanitisesTheBody) {
  auto post = prepare_post(draft("  Iran’s Mission Denies  ", "<p onclick=x>Text</p><script>x</script>"), kNow);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post->title, "Iran’s Mission Denies");
  EXPECT_EQ(post->slug, "irans-mission-denies");
  EXPECT_EQ(post->body_html, "<p>Text</p>");
  EXPECT_EQ(post->plaintext, "Text");
  EXPECT_EQ(post->created_at, kNow);
}

TEST(PostRules, RequiresATitleAndAnAuthor) {
  auto untitled = prepare_post(draft("   ", "<p>x</p>"), kNow);
  ASSERT_FALSE(untitled.ok());
  EXPECT_EQ(untitled.error().code, ErrorCode::invalid_input);
  Post orphan = draft("Title", "");
  orphan.authors.clear();
  EXPECT_FALSE(prepare_post(orphan, kNow).ok());
}

TEST(PostRules, RefusesAnInvalidSlug) {
  Post post = draft("Title", "");
  post.slug = "Not A Slug";
  EXPECT_FALSE(prepare_post(post, kNow).ok());
}

TEST(PostRules, PublishesNowWhenNoTimeIsGivenButSchedulingNeedsOne) {
  Post post = draft("Title", "");
  post.status = PostStatus::published;
  EXPECT_EQ(prepare_post(post, kNow)->published_at, kNow);
  post.status = PostStatus::scheduled;
  EXPECT_FALSE(prepare_post(post, kNow).ok());
}

TEST(PostRules, RefusesAbsurdlyDeepNesting) {
  std::string body;
  for (int i = 0; i <= kMaxBodyNesting; ++i) body += "<div>";
  auto post = prepare_post(draft("Deep", body), kNow);
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.error().code, ErrorCode::invalid_input);
}

TEST(NestingDepth, CountsOnlyElementsThatNest) {
  EXPECT_EQ(estimate_nesting_depth("<div><div><b>x</b></div></div>"), 3);
  EXPECT_EQ(estimate_nesting_depth("<p>a<p>b<p>c<br><img src=x><hr/>"), 0);
  EXPECT_EQ(estimate_nesting_depth("1 < 2 and <!-- <div> -->"), 0);
  EXPECT_EQ(estimate_nesting_depth("<ul><li>a<li>b</ul>"), 1);
}

}  // namespace
}  // namespace byline::content
