#include "site/cache_keys.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace byline::site {
namespace {

using namespace std::chrono_literals;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 3h;

content::Post published_post() {
  content::Post post;
  post.id = 7;
  post.status = content::PostStatus::published;
  post.published_at = kNow - 2h;
  post.authors = {content::User{3, "", "", "", "", "", content::Role::author}};
  post.sections = {content::Section{4, "world", "World", ""}};
  post.tags = {content::Tag{5, "iran", "Iran", ""}};
  return post;
}

bool has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(CacheKeys, ADraftsSavesMakeNothingStale) {
  content::Post draft = published_post();
  draft.status = content::PostStatus::draft;
  content::Post edited = draft;
  edited.title = "New headline";
  EXPECT_TRUE(cache_keys::changed_by(&draft, edited, kNow).empty());
  EXPECT_TRUE(cache_keys::changed_by(nullptr, draft, kNow).empty());
}

TEST(CacheKeys, PublishingTouchesEveryListTheStoryJoins) {
  content::Post draft = published_post();
  draft.status = content::PostStatus::review;
  const auto keys = cache_keys::changed_by(&draft, published_post(), kNow);
  for (const std::string_view key : {"post:7", "list:front", "list:author:3", "list:section:4",
                                     "list:tag:5", "sitemaps", "translations:7"}) {
    EXPECT_TRUE(has(keys, key)) << key;
  }
}

TEST(CacheKeys, AnEditOfThTextTouchesOnlyPagesThatShowThePost) {
  const content::Post before = published_post();
  content::Post after = before;
  after.title = "A corrected headline";
  after.body_html = "<p>Corrected.</p>";
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_EQ(keys, (std::vector<std::string>{"list:any-change", "post:7", "sitemaps"}));
}

TEST(CacheKeys, MovingAStoryTouchesTheListsItLeftAndJoined) {
  const content::Post before = published_post();
  content::Post after = before;
  after.sections = {content::Section{9, "economy", "Economy", ""}};
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "list:section:4"));
  EXPECT_TRUE(has(keys, "list:section:9"));
  EXPECT_TRUE(has(keys, "list:front"));
}

TEST(CacheKeys, UnpublishingTouchesWhatThePostWasIn) {
  const content::Post before = published_post();
  content::Post after = before;
  after.status = content::PostStatus::unpublished;
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "post:7"));
  EXPECT_TRUE(has(keys, "list:tag:5"));
}

TEST(CacheKeys, LinkingATranslationTouchesBothGroups) {
  content::Post before = published_post();
  before.locale = "fa";
  content::Post after = before;
  after.translation_of = 2;
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "translations:2"));
  EXPECT_TRUE(has(keys, "translations:7"));
  EXPECT_FALSE(has(keys, "list:front"));
}

TEST(CacheKeys, APageLastsUntilTheFirstOfItsRelativeTimesChanges) {
  content::Post four_hours = published_post();
  four_hours.published_at = kNow - 4h - 5min;
  content::Post twelve_minutes = published_post();
  twelve_minutes.id = 8;
  twelve_minutes.published_at = kNow - 12min - 30s;
  const auto policy = cache_keys::policy({"list:front"}, {&four_hours, &twelve_minutes}, kNow);
  EXPECT_EQ(policy.shows, (std::vector<std::string>{"list:front", "post:7", "post:8"}));
  EXPECT_EQ(policy.changes_at, *twelve_minutes.published_at + 13min);
}

// --- Listings over a condition ----------------------------------------------

using store::PostCondition;
using Kind = PostCondition::Kind;

// Slugs of the tags, authors and sections the tests know: "t<id>", "a<id>", "s<id>".
std::vector<content::Id> known_ids(Kind kind, const std::vector<std::string>& slugs) {
  const char letter = kind == Kind::tag_slug ? 't' : kind == Kind::author_slug ? 'a' : 's';
  std::vector<content::Id> ids;
  for (const auto& slug : slugs) {
    if (slug.size() == 2 && slug[0] == letter && slug[1] >= '1' && slug[1] <= '4')
      ids.push_back(slug[1] - '0');
  }
  return ids;
}

TEST(CacheKeys, AListingByTagDependsOnTheTagsListAlone) {
  const auto by_tag = PostCondition::with_slugs(Kind::tag_slug, {"t1", "t2"});
  EXPECT_EQ(cache_keys::lists_for(by_tag, known_ids),
            (std::vector<std::string>{"list:tag:1", "list:tag:2"}));
  // Both must hold: the narrower part is enough.
  const auto both = PostCondition::all_of(
      {PostCondition::featured_is(true), PostCondition::with_ids(Kind::section_id, {3})});
  EXPECT_EQ(cache_keys::lists_for(both, known_ids), std::vector<std::string>{"list:section:3"});
  const auto either =
      PostCondition::any_of({PostCondition::with_ids(Kind::author_id, {2}),
                             PostCondition::with_slugs(Kind::primary_tag_slug, {"t4"})});
  EXPECT_EQ(cache_keys::lists_for(either, known_ids),
            (std::vector<std::string>{"list:author:2", "list:tag:4"}));
}

TEST(CacheKeys, AListingNothingNarrowsDependsOnTheFrontPagesList) {
  for (const PostCondition& where :
       {PostCondition{}, PostCondition::none_of({PostCondition::with_ids(Kind::tag_id, {1})}),
        PostCondition::featured_is(true),
        PostCondition::any_of(
            {PostCondition::with_ids(Kind::tag_id, {1}), PostCondition::featured_is(false)}),
        // A tag that does not exist yet may be made by the save that files a post under it.
        PostCondition::with_slugs(Kind::tag_slug, {"t1", "no-such-tag"})}) {
    EXPECT_EQ(cache_keys::lists_for(where, known_ids), std::vector<std::string>{"list:front"});
  }
}

TEST(CacheKeys, AListingByWhatAnyEditChangesDependsOnEveryChange) {
  for (const PostCondition& where :
       {PostCondition::with_slugs(Kind::slug, {"a-story"}),
        PostCondition::all_of(
            {PostCondition::with_ids(Kind::tag_id, {1}),
             PostCondition::time_is(Kind::updated_at, PostCondition::Compare::after, kNow)})}) {
    EXPECT_EQ(cache_keys::lists_for(where, known_ids), std::vector<std::string>{"list:any-change"});
  }
}

TEST(CacheKeys, AListingOrderedByWhatAnEditChangesDependsOnEveryChange) {
  const PostCondition tagged = PostCondition::with_ids(Kind::tag_id, {1});
  using Field = store::PostOrderField;
  for (const Field field : {Field::title, Field::slug, Field::updated_at}) {
    EXPECT_EQ(cache_keys::lists_for(tagged, known_ids, {{field, false}}),
              std::vector<std::string>{"list:any-change"});
  }
  // Orders an edit cannot change leave the narrow keys.
  EXPECT_EQ(
      cache_keys::lists_for(tagged, known_ids, {{Field::published_at, true}, {Field::id, true}}),
      cache_keys::lists_for(tagged, known_ids));
}

// Whether `post` passes `where`, as a Store would answer it.
bool passes(const content::Post& post, const PostCondition& where) {
  auto in = [](const auto& items, const PostCondition& leaf, char letter, bool first_only) {
    for (std::size_t i = 0; i < items.size() && (!first_only || i == 0); ++i) {
      const content::Id id = items[i].id;
      if (std::find(leaf.ids.begin(), leaf.ids.end(), id) != leaf.ids.end()) return true;
      const std::string slug = std::string(1, letter) + std::to_string(id);
      if (std::find(leaf.slugs.begin(), leaf.slugs.end(), slug) != leaf.slugs.end()) return true;
    }
    return false;
  };
  switch (where.kind) {
    case Kind::all_of:
      return std::all_of(where.children.begin(), where.children.end(),
                         [&](auto& c) { return passes(post, c); });
    case Kind::any_of:
      return std::any_of(where.children.begin(), where.children.end(),
                         [&](auto& c) { return passes(post, c); });
    case Kind::none_of:
      return std::none_of(where.children.begin(), where.children.end(),
                          [&](auto& c) { return passes(post, c); });
    case Kind::id:
      return std::find(where.ids.begin(), where.ids.end(), post.id) != where.ids.end();
    case Kind::slug:
      return std::find(where.slugs.begin(), where.slugs.end(), post.slug) != where.slugs.end();
    case Kind::tag_id:
    case Kind::tag_slug:
      return in(post.tags, where, 't', false);
    case Kind::primary_tag_slug:
      return in(post.tags, where, 't', true);
    case Kind::author_id:
    case Kind::author_slug:
      return in(post.authors, where, 'a', false);
    case Kind::primary_author_slug:
      return in(post.authors, where, 'a', true);
    case Kind::section_id:
    case Kind::section_slug:
      return in(post.sections, where, 's', false);
    case Kind::language:
      return std::any_of(where.slugs.begin(), where.slugs.end(), [&](const std::string& tag) {
        return tag.empty() ? post.locale.empty()
                           : post.locale == tag || post.locale.starts_with(tag + "-");
      });
    case Kind::featured:
      return post.featured == where.flag;
    case Kind::published_at:
      return post.published_at && *post.published_at < where.time;
    case Kind::updated_at:
      return post.updated_at > where.time;  // the tests ask only "after"
  }
  return false;
}

bool listed(const content::Post& post, const PostCondition& where) {
  return post.status == content::PostStatus::published && post.published_at &&
         *post.published_at <= kNow && passes(post, where);
}

TEST(CacheKeys, EveryChangeThatMovesAPostInOrOutOfAListingTouchesWhatTheListingShows) {
  // Random posts and random changes of them, against listings of every
  // kind: whenever a change alters a listing's membership, its keys meet
  // what the listing's answer shows (its lists and its posts).
  std::mt19937 random(20261201);
  auto pick = [&](int n) { return static_cast<content::Id>(random() % n) + 1; };
  auto random_post = [&](content::Id id) {
    content::Post post;
    post.id = id;
    post.slug = "story-" + std::to_string(pick(3));
    post.status = random() % 4 ? content::PostStatus::published : content::PostStatus::draft;
    post.published_at = kNow - std::chrono::hours(pick(48)) + (random() % 5 ? 0h : 72h);
    post.updated_at = kNow - std::chrono::hours(pick(48));
    post.featured = random() % 3 == 0;
    for (int i = 0, n = static_cast<int>(random() % 3); i < n; ++i)
      post.tags.push_back(content::Tag{pick(4), "", "", ""});
    post.authors = {content::User{pick(3), "", "", "", "", "", content::Role::author}};
    if (random() % 2) post.sections = {content::Section{pick(3), "", "", ""}};
    const char* languages[] = {"", "fa", "fa-IR", "ar"};
    post.locale = languages[random() % 4];
    return post;
  };
  const std::vector<PostCondition> listings{
      PostCondition{},
      PostCondition::with_slugs(Kind::tag_slug, {"t1"}),
      PostCondition::with_slugs(Kind::primary_tag_slug, {"t2", "t3"}),
      PostCondition::with_ids(Kind::author_id, {1}),
      PostCondition::all_of({PostCondition::with_slugs(Kind::section_slug, {"s2"}),
                             PostCondition::featured_is(true)}),
      PostCondition::any_of({PostCondition::with_ids(Kind::tag_id, {4}),
                             PostCondition::with_slugs(Kind::author_slug, {"a3"})}),
      PostCondition::none_of({PostCondition::with_ids(Kind::tag_id, {1})}),
      PostCondition::with_slugs(Kind::slug, {"story-2"}),
      PostCondition::with_slugs(Kind::language, {"fa"}),
      PostCondition::with_slugs(Kind::language, {"", "ar"}),
      PostCondition::none_of({PostCondition::with_slugs(Kind::language, {"fa", "ar"})}),
      PostCondition::all_of({PostCondition::with_ids(Kind::tag_id, {2}),
                             PostCondition::with_slugs(Kind::language, {"fa"})}),
      PostCondition::with_ids(Kind::id, {3, 5}),
      PostCondition::time_is(Kind::published_at, PostCondition::Compare::before, kNow - 24h),
      PostCondition::all_of(
          {PostCondition::with_ids(Kind::tag_id, {2}),
           PostCondition::time_is(Kind::updated_at, PostCondition::Compare::after, kNow - 24h)}),
  };
  int moves = 0;
  for (int round = 0; round < 3000; ++round) {
    const content::Id id = pick(6);
    const content::Post before = random_post(id);
    content::Post after = random() % 2 ? random_post(id) : before;
    // Edits that move it between no lists: a new slug, a new time of change.
    if (random() % 2) after.slug = "story-" + std::to_string(pick(3));
    if (random() % 2) after.updated_at = kNow - std::chrono::hours(pick(48));
    // And one that moves it between languages only.
    if (random() % 5 == 0) after.locale = before.locale.empty() ? "fa" : "";
    const auto changed = cache_keys::changed_by(&before, after, kNow);
    for (const auto& where : listings) {
      if (listed(before, where) == listed(after, where)) continue;
      ++moves;
      std::vector<std::string> shown = cache_keys::lists_for(where, known_ids);
      if (listed(before, where)) shown.push_back(cache_keys::post(id));  // it was on the page
      const bool touched = std::any_of(shown.begin(), shown.end(),
                                       [&](const std::string& key) { return has(changed, key); });
      EXPECT_TRUE(touched) << "round " << round << ": post " << id << " moved in or out of listing "
                           << static_cast<int>(where.kind);
    }
  }
  EXPECT_GT(moves, 1000);  // the changes did move posts
}

TEST(CacheKeys, AStoryThatChangesLanguageMovesBetweenTheLanguagesLists) {
  const content::Post before = published_post();
  content::Post after = before;
  after.locale = "fa-IR";
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "list:language:"));
  EXPECT_TRUE(has(keys, "list:language:fa"));
  EXPECT_TRUE(has(keys, "list:front")) << "a list leaving Persian out gains or loses it";
  EXPECT_TRUE(has(keys, "list:tag:5")) << "and so may a list of its tag's Persian stories";
  EXPECT_TRUE(has(keys, "translations:7"));
  EXPECT_EQ(
      cache_keys::lists_for(PostCondition::with_slugs(Kind::language, {"fa-IR", ""}), known_ids),
      (std::vector<std::string>{"list:language:", "list:language:fa"}));
}

}  // namespace
}  // namespace byline::site
