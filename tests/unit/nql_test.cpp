#include "api/nql.hpp"

#include <gtest/gtest.h>

namespace byline::api {
namespace {

using namespace std::chrono_literals;
using store::PostCondition;
using Kind = PostCondition::Kind;
using Compare = PostCondition::Compare;

const content::Time kNow =
    content::Time(std::chrono::sys_days(std::chrono::December / 1 / 2026)) + 18h;

// Ghost ids of the tests' posts: 24 hex characters ending in the local id.
std::optional<content::Id> test_ids(std::string_view ghost_id) {
  if (ghost_id.size() != 24 || !ghost_id.starts_with("5f00000000000000000000")) return std::nullopt;
  return std::stol(std::string(ghost_id.substr(22)), nullptr, 16);
}

PostFilter parsed(std::string_view nql) {
  auto result = parse_post_filter(nql, kNow, test_ids);
  if (auto* error = std::get_if<FilterError>(&result)) {
    ADD_FAILURE() << nql << ": " << error->message;
    return {};
  }
  return std::get<PostFilter>(result);
}

FilterError refused(std::string_view nql) {
  auto result = parse_post_filter(nql, kNow, test_ids);
  if (std::holds_alternative<PostFilter>(result)) {
    ADD_FAILURE() << nql << " was read";
    return {};
  }
  return std::get<FilterError>(result);
}

TEST(Nql, AnEmptyFilterLetsEveryPostThrough) {
  const PostFilter filter = parsed("");
  EXPECT_EQ(filter.where.kind, Kind::all_of);
  EXPECT_TRUE(filter.where.children.empty());
}

TEST(Nql, TagsAndAuthorsByTheirSlugsUnderEveryNameGhostGivesThem) {
  for (const auto& [nql, kind] :
       std::vector<std::pair<std::string, Kind>>{{"tag:news", Kind::tag_slug},
                                                 {"tags:news", Kind::tag_slug},
                                                 {"tags.slug:news", Kind::tag_slug},
                                                 {"primary_tag:news", Kind::primary_tag_slug},
                                                 {"author:news", Kind::author_slug},
                                                 {"authors.slug:news", Kind::author_slug},
                                                 {"primary_author:news", Kind::primary_author_slug},
                                                 {"slug:news", Kind::slug},
                                                 {"TAG:news", Kind::tag_slug}}) {
    const PostFilter filter = parsed(nql);
    EXPECT_EQ(filter.where.kind, kind) << nql;
    EXPECT_EQ(filter.where.slugs, std::vector<std::string>{"news"}) << nql;
  }
}

TEST(Nql, ListsAndNegations) {
  const PostFilter in = parsed("tags:[iran,oil-exports,'two words']");
  EXPECT_EQ(in.where.slugs, (std::vector<std::string>{"iran", "oil-exports", "two words"}));
  const PostFilter not_in = parsed("tag:-[a,b]");
  ASSERT_EQ(not_in.where.kind, Kind::none_of);
  EXPECT_EQ(not_in.where.children.at(0).slugs, (std::vector<std::string>{"a", "b"}));
  const PostFilter excluded = parsed("id:-5f0000000000000000000007");
  ASSERT_EQ(excluded.where.kind, Kind::none_of);
  EXPECT_EQ(excluded.where.children.at(0).ids, std::vector<content::Id>{7});
}

TEST(Nql, AndBindsTighterThanOrAndParenthesesGroup) {
  const PostFilter plain = parsed("tag:a,tag:b+featured:true");
  ASSERT_EQ(plain.where.kind, Kind::any_of);
  ASSERT_EQ(plain.where.children.size(), 2u);
  EXPECT_EQ(plain.where.children[0].kind, Kind::tag_slug);
  EXPECT_EQ(plain.where.children[1].kind, Kind::all_of);

  const PostFilter grouped = parsed("(tag:a, tag:b) + featured:true");
  ASSERT_EQ(grouped.where.kind, Kind::all_of);
  EXPECT_EQ(grouped.where.children.at(0).kind, Kind::any_of);
  EXPECT_EQ(grouped.where.children.at(1).kind, Kind::featured);
  EXPECT_TRUE(grouped.where.children.at(1).flag);
}

TEST(Nql, DatesInEveryShapeClientsSendThem) {
  const content::Time new_year =
      content::Time(std::chrono::sys_days(std::chrono::January / 1 / 2024));
  for (const auto& [nql, time] : std::vector<std::pair<std::string, content::Time>>{
           {"published_at:>'2024-01-01'", new_year},
           {"published_at:>'2024-01-01 10:30:00'", new_year + 10h + 30min},
           {"published_at:>'2024-01-01 10:30'", new_year + 10h + 30min},
           {"published_at:>'2024-01-01T10:30:00.000Z'", new_year + 10h + 30min},
           {"published_at:>'2024-01-01T10:30:00+03:30'", new_year + 7h},
           {"published_at:>now-30d", kNow - 30 * 24h},
           {"published_at:>now-2w", kNow - 14 * 24h},
           {"published_at:>now-6h", kNow - 6h}}) {
    const PostFilter filter = parsed(nql);
    EXPECT_EQ(filter.where.kind, Kind::published_at) << nql;
    EXPECT_EQ(filter.where.compare, Compare::after) << nql;
    EXPECT_EQ(filter.where.time, time) << nql;
  }
  EXPECT_EQ(parsed("updated_at:<='2024-01-01'").where.compare, Compare::at_or_before);
  EXPECT_EQ(parsed("published_at:>='2024-01-01'").where.compare, Compare::at_or_after);
  EXPECT_EQ(parsed("published_at:<'2024-01-01'").where.compare, Compare::before);
}

TEST(Nql, HiddenFieldsAreIgnoredAsGhostIgnoresThem) {
  const PostFilter filter = parsed("authors.email:kate@example.com+tag:news");
  ASSERT_EQ(filter.where.kind, Kind::all_of);
  EXPECT_EQ(filter.where.children.at(0).kind, Kind::all_of);  // lets every post through
  EXPECT_TRUE(filter.where.children.at(0).children.empty());
  EXPECT_EQ(filter.where.children.at(1).kind, Kind::tag_slug);
}

TEST(Nql, VisibilityAndStatusMatchEveryPostTheApiShowsOrNone) {
  EXPECT_TRUE(parsed("visibility:public").where.children.empty());
  EXPECT_TRUE(parsed("status:published").where.children.empty());
  EXPECT_EQ(parsed("visibility:paid").where.kind, Kind::none_of);
  EXPECT_EQ(parsed("status:draft").where.kind, Kind::none_of);
}

TEST(Nql, AnIdNoPostHasMatchesNothing) {
  const PostFilter filter = parsed("id:000000000000000000000000");
  EXPECT_EQ(filter.where.kind, Kind::none_of);
  EXPECT_EQ(parsed("id:[5f0000000000000000000002,nonsense]").where.ids,
            std::vector<content::Id>{2});
}

TEST(Nql, OneListOfSlugsOrIdsGivesTheOrderOfItsPosts) {
  EXPECT_EQ(parsed("slug:[c,a,b]").slug_order, (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_EQ(parsed("id:[5f000000000000000000000b,5f0000000000000000000002]").id_order,
            (std::vector<content::Id>{11, 2}));
  EXPECT_TRUE(parsed("slug:[c,a]+featured:true").slug_order.empty());
  EXPECT_TRUE(parsed("slug:-[c,a]").slug_order.empty());
}

TEST(Nql, MalformedFiltersAreSyntaxErrorsThatSayWhere) {
  for (const std::string nql :
       {"tag", "tag:", ":news", "tag:news+", "tag:news,", "(tag:news", "tag:[a,b", "tag:'open",
        "tag:news)", "tag news", "tag:news tag:sport", "tag:[]", "+tag:x"}) {
    const FilterError error = refused(nql);
    EXPECT_EQ(error.kind, FilterError::Kind::syntax) << nql;
    EXPECT_NE(error.message.find("at character"), std::string::npos)
        << nql << ": " << error.message;
  }
}

TEST(Nql, ValuesAFieldCannotTakeAreValueErrors) {
  for (const std::string nql :
       {"published_at:>'yesterday'", "published_at:>'2024-13-01'", "published_at:>'2024-02-30'",
        "published_at:>now-30x", "featured:maybe", "featured:'true'", "tag:>news", "title:~'oil'",
        "unknown_field:1", "tag:null", "published_at:[now,now-1d]"}) {
    EXPECT_EQ(refused(nql).kind, FilterError::Kind::value) << nql;
  }
}

TEST(Nql, LongAndDeepFiltersAreRefusedAndTheBoundsThemselvesAreRead) {
  std::string at_limit = "tag:" + std::string(kMaxFilterBytes - 4, 'a');
  EXPECT_EQ(parsed(at_limit).where.slugs.at(0).size(), kMaxFilterBytes - 4);
  EXPECT_EQ(refused(at_limit + "a").kind, FilterError::Kind::syntax);
  EXPECT_EQ(refused(std::string(10000, 'x')).kind, FilterError::Kind::syntax);

  const std::string deepest =
      std::string(kMaxFilterNesting, '(') + "tag:a" + std::string(kMaxFilterNesting, ')');
  EXPECT_EQ(parsed(deepest).where.kind, Kind::tag_slug);
  const std::string deeper = "(" + deepest + ")";
  EXPECT_NE(refused(deeper).message.find("nest"), std::string::npos);
  // Nesting far past the bound stops at the bound, not deep in the stack.
  EXPECT_NE(refused(std::string(kMaxFilterBytes, '(')).message.find("nest"), std::string::npos);
}

TEST(Nql, TooManyPartsForOneQueryAreRefused) {
  std::string many = "tag:t0";
  for (int i = 1; i < 250; ++i) many += ",tag:t" + std::to_string(i);
  EXPECT_EQ(refused(many).kind, FilterError::Kind::syntax);
  std::string fine = "tag:t0";
  for (int i = 1; i < 100; ++i) fine += ",tag:t" + std::to_string(i);
  EXPECT_EQ(parsed(fine).where.children.size(), 100u);
}

// --- Filters over records held in memory (tags, authors) ------------------

const std::vector<std::string_view> kTagFields = {"slug", "name", "visibility", "count.posts"};

RecordFilter record_filter(std::string_view nql) {
  auto result = parse_record_filter(nql, "tags", kTagFields);
  if (auto* error = std::get_if<FilterError>(&result)) {
    ADD_FAILURE() << nql << ": " << error->message;
    return {};
  }
  return std::get<RecordFilter>(result);
}

RecordFields tag(std::string slug, std::string name, long posts) {
  return {{"slug", std::move(slug)},
          {"name", std::move(name)},
          {"visibility", "public"},
          {"count.posts", std::to_string(posts)}};
}

TEST(RecordFilter, KeepsTheRecordsItsComparisonsMatch) {
  const RecordFields iran = tag("iran", "Iran", 12), oil = tag("oil", "Oil prices", 3);
  EXPECT_TRUE(record_filter("").matches(iran));
  EXPECT_TRUE(record_filter("slug:iran").matches(iran));
  EXPECT_FALSE(record_filter("slug:iran").matches(oil));
  EXPECT_TRUE(record_filter("slug:[oil,iran]").matches(oil));
  EXPECT_FALSE(record_filter("slug:-[oil,iran]").matches(oil));
  EXPECT_TRUE(record_filter("slug:-oil").matches(iran));
  EXPECT_TRUE(record_filter("name:~'PRICES'").matches(oil));
  EXPECT_TRUE(record_filter("count.posts:>10").matches(iran));
  EXPECT_FALSE(record_filter("count.posts:>10").matches(oil));
  EXPECT_TRUE(record_filter("count.posts:<=3+visibility:public").matches(oil));
  EXPECT_TRUE(record_filter("(slug:none,slug:oil)+visibility:public").matches(oil));
  EXPECT_FALSE(record_filter("visibility:internal").matches(iran));
}

TEST(RecordFilter, AFieldTheRecordsLackOrANonNumberCountIsAValueError) {
  for (const std::string_view nql : {"email:a@b.c", "count.posts:>many", "count.posts:>[1,2]"}) {
    auto result = parse_record_filter(nql, "tags", kTagFields);
    const auto* error = std::get_if<FilterError>(&result);
    ASSERT_NE(error, nullptr) << nql;
    EXPECT_EQ(error->kind, FilterError::Kind::value) << nql;
  }
  auto broken = parse_record_filter("slug:[a,b", "tags", kTagFields);
  ASSERT_TRUE(std::holds_alternative<FilterError>(broken));
  EXPECT_EQ(std::get<FilterError>(broken).kind, FilterError::Kind::syntax);
  auto long_one = parse_record_filter(std::string(kMaxFilterBytes + 1, 'a'), "tags", kTagFields);
  ASSERT_TRUE(std::holds_alternative<FilterError>(long_one));
  EXPECT_EQ(std::get<FilterError>(long_one).kind, FilterError::Kind::syntax);
}

}  // namespace
}  // namespace byline::api
