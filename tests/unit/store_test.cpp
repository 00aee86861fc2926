// One suite for the Store interface, run against every backend.
#include "store/store.hpp"

#include "content/post_rules.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>

#include <filesystem>
#include <functional>

namespace byline::store {
namespace {

using namespace std::chrono_literals;
using content::Post;
using content::PostStatus;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)> open;
};

// Names the backend in test listings instead of dumping its bytes.
void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

std::vector<Backend> backends() {
  return {{"sqlite", [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
             auto store = sqlite::SqliteStore::open(dir / "byline.db", 2);
             if (!store) ADD_FAILURE() << store.error().message << " " << store.error().detail;
             return store ? std::move(*store) : nullptr;
           }}};
}

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 3h;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("byline-store-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = GetParam().open(dir_);
    ASSERT_NE(store_, nullptr);

    content::User author;
    author.email = "emad@example.com";
    author.name = "Emad Askarieh";
    author.slug = "emad-askarieh";
    author.bio = "Journalist since 2002.";
    auto author_id = store_->create_user(author, "");
    ASSERT_TRUE(author_id.ok());
    author_ = author;
    author_.id = *author_id;
    content::Section section;
    section.slug = "world";
    section.name = "World";
    section_id_ = *store_->create_section(section);
    content::Tag tag;
    tag.slug = "iran";
    tag.name = "Iran";
    tag_id_ = *store_->create_tag(tag);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Stores a post through the content rules, as the product does.
  content::Id add_post(std::string title, PostStatus status, std::optional<Time> published_at,
                       bool in_section = false, bool tagged = false) {
    Post post;
    post.title = std::move(title);
    post.body_source = "<p>Body of " + post.title + "</p>";
    post.status = status;
    post.published_at = published_at;
    content::User author;
    author.id = author_.id;
    post.authors.push_back(author);
    if (in_section) post.sections.push_back(content::Section{section_id_, "", "", ""});
    if (tagged) post.tags.push_back(content::Tag{tag_id_, "", "", ""});
    auto prepared = content::prepare_post(std::move(post), kNow);
    EXPECT_TRUE(prepared.ok());
    auto id = store_->create_post(*prepared);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().detail);
    return id.ok() ? *id : 0;
  }

  // "Markets today", published an hour ago: "oil" three times in its
  // text and never in its title, for the search tests' ranking.
  void add_markets_today() {
    Post post;
    post.title = "Markets today";
    post.body_source = "<p>Oil, oil and more oil moved the markets.</p>";
    post.status = PostStatus::published;
    post.published_at = kNow - 1h;
    post.authors.push_back(author_);
    ASSERT_TRUE(store_->create_post(*content::prepare_post(post, kNow)).ok());
  }

  PostQuery published(int limit = 10) {
    PostQuery query;
    query.now = kNow;
    query.limit = limit;
    return query;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  content::User author_;
  content::Id section_id_ = 0;
  content::Id tag_id_ = 0;
};

TEST_P(StoreTest, CountsOnlyPublishedPostsWhoseTimeHasComePerTagAndAuthor) {
  add_post("Out and tagged", PostStatus::published, kNow - 2h, false, true);
  add_post("Out, untagged", PostStatus::published, kNow - 1h);
  add_post("A tagged draft", PostStatus::draft, std::nullopt, false, true);
  add_post("Tagged, not out yet", PostStatus::published, kNow + 1h, false, true);
  content::Tag unused;
  unused.slug = "unused";
  unused.name = "Unused";
  ASSERT_TRUE(store_->create_tag(unused).ok());

  const auto counts = store_->published_counts(content::PostType::article, kNow);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->by_tag, (std::vector<std::pair<content::Id, long>>{{tag_id_, 1}}));
  EXPECT_EQ(counts->by_author, (std::vector<std::pair<content::Id, long>>{{author_.id, 2}}));
  // Pages are counted apart from articles.
  const auto pages = store_->published_counts(content::PostType::page, kNow);
  ASSERT_TRUE(pages.ok());
  EXPECT_TRUE(pages->by_tag.empty());
  EXPECT_TRUE(pages->by_author.empty());
}

TEST_P(StoreTest, EachPostReadsBackTheSourceItWasWrittenIn) {
  const content::Id html = add_post("Written as HTML", PostStatus::draft, std::nullopt);
  Post markdown;
  markdown.title = "Written in Markdown";
  markdown.source_format = content::SourceFormat::markdown;
  markdown.body_source = "Oil *rose*.";
  markdown.authors.push_back(author_);
  Post cleaned = markdown;
  cleaned.title = "Cleaned on the way in";
  cleaned.source_format = content::SourceFormat::html;
  cleaned.body_source = "<p onclick=\"x()\">Kept as typed</p>";
  const content::Id markdown_id = *store_->create_post(*content::prepare_post(markdown, kNow));
  const content::Id cleaned_id = *store_->create_post(*content::prepare_post(cleaned, kNow));

  const Post as_html = **store_->post_by_id(html);
  EXPECT_EQ(as_html.body_source, "<p>Body of Written as HTML</p>");
  EXPECT_EQ(as_html.body_html, as_html.body_source);
  const Post as_markdown = **store_->post_by_id(markdown_id);
  EXPECT_EQ(as_markdown.body_source, "Oil *rose*.");
  EXPECT_EQ(as_markdown.body_html, "<p>Oil <em>rose</em>.</p>\n");
  const Post as_cleaned = **store_->post_by_id(cleaned_id);
  EXPECT_EQ(as_cleaned.body_source, "<p onclick=\"x()\">Kept as typed</p>");
  EXPECT_EQ(as_cleaned.body_html, "<p>Kept as typed</p>");
}

TEST_P(StoreTest, FindsAPostBySlugWithItsAuthorsSectionsAndTags) {
  add_post("Strategic ties", PostStatus::published, kNow - 1h, true, true);
  auto found = store_->post_by_slug("strategic-ties");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  const Post& post = **found;
  EXPECT_EQ(post.title, "Strategic ties");
  EXPECT_EQ(post.body_html, "<p>Body of Strategic ties</p>");
  EXPECT_EQ(post.plaintext, "Body of Strategic ties");
  EXPECT_EQ(post.published_at, kNow - 1h);
  ASSERT_EQ(post.authors.size(), 1u);
  EXPECT_EQ(post.authors[0].name, "Emad Askarieh");
  EXPECT_EQ(post.authors[0].bio, "Journalist since 2002.");
  ASSERT_EQ(post.sections.size(), 1u);
  EXPECT_EQ(post.sections[0].slug, "world");
  ASSERT_EQ(post.tags.size(), 1u);
  EXPECT_EQ(post.tags[0].name, "Iran");
}

TEST_P(StoreTest, ASectionKeepsTheEditionItIsIn) {
  content::Section persian;
  persian.slug = "siyasat";
  persian.name = "سیاست";
  persian.language = "fa";
  auto id = store_->create_section(persian);
  ASSERT_TRUE(id.ok()) << id.error().detail;
  EXPECT_EQ((**store_->section_by_slug("siyasat")).language, "fa");
  EXPECT_EQ((**store_->section_by_slug("world")).language, "") << "the site's own";

  Post post;
  post.title = "پوتین: روسیه و ایران روابط راهبردی دارند";
  post.slug = "putin";
  post.body_source = "<p>متن</p>";
  post.status = PostStatus::published;
  post.published_at = kNow - 1h;
  post.authors.push_back(author_);
  post.sections.push_back(content::Section{*id, "", "", ""});
  ASSERT_TRUE(store_->create_post(*content::prepare_post(post, kNow)).ok());
  const auto found = **store_->post_by_slug("putin");
  ASSERT_EQ(found.sections.size(), 1u);
  EXPECT_EQ(found.sections[0].language, "fa") << "a story's sections say their edition";

  content::Section moved = **store_->section_by_slug("siyasat");
  moved.language = "";
  ASSERT_TRUE(store_->update_section(moved).ok());
  const auto sections = *store_->sections();
  const auto back = std::find_if(sections.begin(), sections.end(),
                                 [&](const content::Section& s) { return s.id == *id; });
  ASSERT_NE(back, sections.end());
  EXPECT_EQ(back->language, "") << "moved back to the site's own edition";
  EXPECT_EQ(back->name, "سیاست");
}

TEST_P(StoreTest, AnswersEmptyForAMissingSlug) {
  auto found = store_->post_by_slug("nothing-here");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreTest, RefusesADuplicateSlugAsAConflict) {
  add_post("Same title", PostStatus::published, kNow - 1h);
  Post post;
  post.title = "Same title";
  post.status = PostStatus::draft;
  post.authors.push_back(author_);
  auto prepared = content::prepare_post(post, kNow);
  auto id = store_->create_post(*prepared);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::conflict);
}

TEST_P(StoreTest, ListsOnlyPublishedPostsWhoseTimeHasComeNewestFirst) {
  add_post("Older", PostStatus::published, kNow - 3h);
  add_post("Newer", PostStatus::published, kNow - 1h);
  add_post("A draft", PostStatus::draft, std::nullopt);
  add_post("Scheduled", PostStatus::scheduled, kNow + 1h);
  add_post("Future", PostStatus::published, kNow + 1h);
  auto page = store_->published_posts(published());
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->posts.size(), 2u);
  EXPECT_EQ(page->posts[0].title, "Newer");
  EXPECT_EQ(page->posts[1].title, "Older");
  EXPECT_FALSE(page->has_more);
}

TEST_P(StoreTest, PagesThroughAListing) {
  for (int i = 0; i < 5; ++i) {
    add_post("Story " + std::to_string(i), PostStatus::published, kNow - std::chrono::hours(i + 1));
  }
  PostQuery query = published(2);
  auto first = store_->published_posts(query);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->posts[0].title, "Story 0");
  EXPECT_TRUE(first->has_more);
  query.offset = 4;
  auto last = store_->published_posts(query);
  ASSERT_EQ(last->posts.size(), 1u);
  EXPECT_EQ(last->posts[0].title, "Story 4");
  EXPECT_FALSE(last->has_more);
}

using Kind = PostCondition::Kind;

std::vector<std::string> titles(const PostPage& page) {
  std::vector<std::string> out;
  for (const auto& post : page.posts) out.push_back(post.title);
  return out;
}

TEST_P(StoreTest, FiltersByAuthorSectionAndTagAndExcludesAPost) {
  const auto in_section = add_post("In section", PostStatus::published, kNow - 1h, true, false);
  add_post("Tagged", PostStatus::published, kNow - 2h, false, true);
  PostQuery query = published();
  query.where = PostCondition::with_ids(Kind::section_id, {section_id_});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"In section"});
  query.where = PostCondition::with_ids(Kind::tag_id, {tag_id_});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Tagged"});
  query.where = PostCondition::with_ids(Kind::author_id, {author_.id});
  EXPECT_EQ(store_->published_posts(query)->posts.size(), 2u);
  query.where = PostCondition::all_of(
      {PostCondition::with_ids(Kind::author_id, {author_.id}),
       PostCondition::none_of({PostCondition::with_ids(Kind::id, {in_section})})});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Tagged"});
}

// Every condition holds together: none is dropped for another (the old
// listing query kept only the first of author, section and tag).
TEST_P(StoreTest, CombinesEveryConditionItIsGiven) {
  add_post("Both", PostStatus::published, kNow - 1h, true, true);
  add_post("Section only", PostStatus::published, kNow - 2h, true, false);
  add_post("Tag only", PostStatus::published, kNow - 3h, false, true);
  add_post("Neither", PostStatus::published, kNow - 4h);
  const auto section = PostCondition::with_ids(Kind::section_id, {section_id_});
  const auto tag = PostCondition::with_ids(Kind::tag_id, {tag_id_});
  PostQuery query = published();
  query.where = PostCondition::all_of({section, tag});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Both"});
  query.where = PostCondition::all_of({section, PostCondition::none_of({tag})});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Section only"});
  query.where = PostCondition::any_of({section, tag});
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Both", "Section only", "Tag only"}));
  query.where = PostCondition::none_of({section, tag});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Neither"});
  query.where = PostCondition::all_of(
      {PostCondition::any_of({PostCondition::with_slugs(Kind::section_slug, {"world"}),
                              PostCondition::with_slugs(Kind::slug, {"neither"})}),
       PostCondition::with_slugs(Kind::author_slug, {"emad-askarieh"})});
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Both", "Section only", "Neither"}));
  query.where = PostCondition::with_slugs(Kind::tag_slug, {"nowhere", "iran"});
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Both", "Tag only"}));
}

TEST_P(StoreTest, FindsAPostsPrimaryTagAndAuthorByTheirPlaceInTheList) {
  content::Tag second;
  second.slug = "oil";
  second.name = "Oil";
  const auto second_id = *store_->create_tag(second);
  for (const bool iran_first : {true, false}) {
    Post post;
    post.title = iran_first ? "Iran first" : "Oil first";
    post.body_source = "<p>Text</p>";
    post.status = PostStatus::published;
    post.published_at = kNow - 1h;
    post.authors.push_back(author_);
    post.tags = {content::Tag{iran_first ? tag_id_ : second_id, "", "", ""},
                 content::Tag{iran_first ? second_id : tag_id_, "", "", ""}};
    ASSERT_TRUE(store_->create_post(*content::prepare_post(post, kNow)).ok());
  }
  PostQuery query = published();
  query.where = PostCondition::with_slugs(Kind::primary_tag_slug, {"oil"});
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Oil first"});
  query.where = PostCondition::with_slugs(Kind::tag_slug, {"oil"});
  EXPECT_EQ(store_->published_posts(query)->posts.size(), 2u);
  query.where = PostCondition::with_slugs(Kind::primary_author_slug, {"emad-askarieh"});
  EXPECT_EQ(store_->published_posts(query)->posts.size(), 2u);
  query.where = PostCondition::with_slugs(Kind::primary_author_slug, {"someone-else"});
  EXPECT_TRUE(store_->published_posts(query)->posts.empty());
}

TEST_P(StoreTest, ComparesTimesOrdersAndCountsEveryPage) {
  for (int i = 0; i < 5; ++i) {
    add_post(std::string(1, static_cast<char>('E' - i)) + " story", PostStatus::published,
             kNow - std::chrono::hours(i + 1));
  }
  add_post("Not out yet", PostStatus::published, kNow + 1h);
  PostQuery query = published(2);
  query.count_total = true;
  auto first = store_->published_posts(query);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, 5) << "a post whose time has not come is not counted";
  EXPECT_EQ(titles(*first), (std::vector<std::string>{"E story", "D story"}));
  query.where = PostCondition::time_is(Kind::published_at, PostCondition::Compare::after,
                                       kNow - std::chrono::hours(3));
  EXPECT_EQ(store_->published_posts(query)->total, 2) << "after is strictly after";
  query.where.compare = PostCondition::Compare::at_or_after;
  EXPECT_EQ(store_->published_posts(query)->total, 3);
  query.where = {};
  query.order = {PostOrder{PostOrderField::title, false}};
  query.offset = 2;
  auto by_title = store_->published_posts(query);
  EXPECT_EQ(titles(*by_title), (std::vector<std::string>{"C story", "D story"}));
  EXPECT_EQ(by_title->total, 5);
  EXPECT_TRUE(by_title->has_more);
  query.count_total = false;
  EXPECT_FALSE(store_->published_posts(query)->total.has_value()) << "a count only when asked";
}

TEST_P(StoreTest, ReadsCardsWithoutTheBodyAndFullPostsWithIt) {
  add_post("Story", PostStatus::published, kNow - 1h);
  PostQuery query = published();
  auto card = store_->published_posts(query);
  ASSERT_EQ(card->posts.size(), 1u);
  EXPECT_EQ(card->posts[0].body_html, "");
  EXPECT_EQ(card->posts[0].plaintext, "Body of Story");
  EXPECT_EQ(card->posts[0].authors.size(), 1u);
  query.projection = Projection::full;
  EXPECT_EQ(store_->published_posts(query)->posts[0].body_html, "<p>Body of Story</p>");
}

TEST_P(StoreTest, RefusesAQueryBeyondItsBoundsAndAnswersTheNext) {
  add_post("Story", PostStatus::published, kNow - 1h);
  PostQuery query = published();
  query.where = PostCondition::with_ids(Kind::id, std::vector<Id>(kMaxConditionValues + 1, Id{1}));
  auto refused = store_->published_posts(query);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  query.where = PostCondition::with_ids(Kind::id, std::vector<Id>(kMaxConditionValues, Id{1}));
  EXPECT_TRUE(store_->published_posts(query).ok()) << "the bound itself is allowed";

  PostCondition deep = PostCondition::featured_is(false);
  for (int depth = 1; depth < kMaxConditionDepth; ++depth) deep = PostCondition::all_of({deep});
  query.where = deep;
  EXPECT_EQ(store_->published_posts(query)->posts.size(), 1u) << "16 deep is allowed";
  query.where = PostCondition::all_of({deep});
  EXPECT_EQ(store_->published_posts(query).error().code, ErrorCode::invalid_input);
  query.where = PostCondition::with_ids(Kind::tag_id, {});
  EXPECT_EQ(store_->published_posts(query).error().code, ErrorCode::invalid_input)
      << "a leaf without values would match nothing, silently";
  query.where = {};
  query.limit = kMaxListingLimit + 1;
  EXPECT_EQ(store_->published_posts(query).error().code, ErrorCode::invalid_input);
  query.limit = 10;
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Story"});
}

TEST_P(StoreTest, ListsEditorsPicksAndTheRest) {
  const auto pick = add_post("Pick", PostStatus::published, kNow - 2h);
  add_post("Other", PostStatus::published, kNow - 1h);
  auto post = **store_->post_by_id(pick);
  post.featured = true;
  ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  PostQuery query = published();
  query.where = PostCondition::featured_is(true);
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Pick"});
  query.where = PostCondition::featured_is(false);
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Other"});
}

TEST_P(StoreTest, ListsPostsByLanguageWithTheSitesAsTheOneNamedByNone) {
  const auto in = [&](const std::string& title, const std::string& locale, Time when) {
    auto post = **store_->post_by_id(add_post(title, PostStatus::published, when));
    post.locale = locale;
    ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  };
  in("Site's own", "", kNow - 1h);
  in("Persian", "fa", kNow - 2h);
  in("Persian of Iran", "fa-IR", kNow - 3h);
  in("Farsi-like but not", "fas", kNow - 4h);
  in("Arabic", "AR", kNow - 5h);
  PostQuery query = published();
  query.where = PostCondition::with_slugs(PostCondition::Kind::language, {"fa"});
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Persian", "Persian of Iran"}));
  query.where = PostCondition::with_slugs(PostCondition::Kind::language, {"", "ar"});
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Site's own", "Arabic"}))
      << "none named is the site's; tags match whatever their case";
  query.where = PostCondition::none_of(
      {PostCondition::with_slugs(PostCondition::Kind::language, {"fa", "ar"})});
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Site's own", "Farsi-like but not"}));

  // A tag holding what LIKE reads as a pattern is refused, not matched.
  query.where = PostCondition::with_slugs(PostCondition::Kind::language, {"f%"});
  EXPECT_EQ(store_->published_posts(query).error().code, ErrorCode::invalid_input);
  query.where = PostCondition::with_slugs(PostCondition::Kind::language, {"f_"});
  EXPECT_EQ(store_->published_posts(query).error().code, ErrorCode::invalid_input);
}

TEST_P(StoreTest, ListsPostsOfEveryStatusForTheNewsroom) {
  add_post("A draft", PostStatus::draft, std::nullopt);
  add_post("Published", PostStatus::published, kNow - 1h);
  add_post("In review", PostStatus::review, std::nullopt);
  PostFilter filter;
  EXPECT_EQ(store_->list_posts(filter)->posts.size(), 3u);
  filter.status = PostStatus::review;
  auto in_review = store_->list_posts(filter);
  ASSERT_EQ(in_review->posts.size(), 1u);
  EXPECT_EQ(in_review->posts[0].title, "In review");
  filter.status.reset();
  filter.author_id = author_.id + 100;
  EXPECT_TRUE(store_->list_posts(filter)->posts.empty());
  filter.author_id = author_.id;
  filter.limit = 2;
  EXPECT_TRUE(store_->list_posts(filter)->has_more);
}

TEST_P(StoreTest, ListsNewsroomPostsOfOneTypeWithTheirTotal) {
  add_post("A draft", PostStatus::draft, std::nullopt);
  add_post("Published", PostStatus::published, kNow - 1h);
  const auto page_id = add_post("About us", PostStatus::published, kNow - 1h);
  auto page = **store_->post_by_id(page_id);
  page.type = content::PostType::page;
  ASSERT_TRUE(store_->update_post(page, author_.id).ok());

  PostFilter filter;
  filter.type = content::PostType::article;
  filter.limit = 1;
  EXPECT_FALSE(store_->list_posts(filter)->total) << "counted only when asked";
  filter.count_total = true;
  auto articles = store_->list_posts(filter);
  ASSERT_TRUE(articles.ok());
  ASSERT_EQ(articles->posts.size(), 1u);
  EXPECT_EQ(articles->total, 2);
  EXPECT_TRUE(articles->has_more);
  filter.type = content::PostType::page;
  auto pages = store_->list_posts(filter);
  ASSERT_EQ(pages->posts.size(), 1u);
  EXPECT_EQ(pages->posts[0].title, "About us");
  EXPECT_EQ(pages->total, 1);
  filter.status = PostStatus::draft;
  EXPECT_EQ(store_->list_posts(filter)->total, 0) << "the count has the listing's conditions";
}

TEST_P(StoreTest, DeletesAPostWithEverythingOfItAndAnAuditLine) {
  const auto id = add_post("Oil deal signed", PostStatus::published, kNow - 1h, true, true);
  const auto kept = add_post("Oil prices fall", PostStatus::published, kNow - 1h);
  ASSERT_TRUE(store_->add_redirect(Redirect{"/old-oil-deal/", id, ""}).ok());
  // As an import leaves it: with the key it came from.
  const LegacyKey legacy{"wordpress https://old.example", "post", "12"};
  PostWrite imported;
  imported.post = **store_->post_by_id(id);
  imported.legacy = legacy;
  ASSERT_TRUE(store_->save_post(imported).ok());
  ASSERT_TRUE(store_->legacy_record(legacy)->has_value());
  ASSERT_EQ(store_->search("oil", kNow, 10, 0)->hits.size(), 2u);

  AuditEntry audit;
  audit.at = kNow;
  audit.actor = "Admin API key \"Desk app\"";
  audit.action = "deleted";
  audit.subject = "Oil deal signed";
  auto deleted = store_->delete_post(id, audit, "");
  ASSERT_TRUE(deleted.ok()) << deleted.error().detail;
  EXPECT_TRUE(*deleted);

  EXPECT_FALSE(*store_->post_by_id(id));
  EXPECT_TRUE(store_->revisions(id)->empty());
  EXPECT_FALSE(*store_->redirect_for("/old-oil-deal/"));
  EXPECT_FALSE(store_->legacy_record(legacy)->has_value()) << "an import run again brings it back";
  auto hits = store_->search("oil", kNow, 10, 0);
  ASSERT_EQ(hits->hits.size(), 1u) << "its search entry went with it";
  EXPECT_EQ(hits->hits[0].post.id, kept);
  EXPECT_EQ(store_->published_posts(published())->posts.size(), 1u);
  const auto entries = store_->audit_entries(10, 0);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].action, "deleted");
  EXPECT_EQ((*entries)[0].actor, "Admin API key \"Desk app\"");

  // The newest post deleted, its id is not given to the next one: the APIs
  // name posts by id, and a retried delete must find nothing.
  const auto newest = add_post("Newest", PostStatus::draft, std::nullopt);
  ASSERT_TRUE(*store_->delete_post(newest, audit, ""));
  EXPECT_GT(add_post("After it", PostStatus::draft, std::nullopt), newest);
  auto again = store_->delete_post(id, audit, "");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "nothing to delete the second time";
  EXPECT_EQ(store_->audit_entries(10, 0)->size(), 2u) << "and no audit line for it";
}

TEST_P(StoreTest, FindsNewsroomPostsBySectionAndTitleWords) {
  add_post("Oil deal signed", PostStatus::draft, std::nullopt, true);
  add_post("Oil prices fall", PostStatus::draft, std::nullopt);
  add_post("100% turnout", PostStatus::draft, std::nullopt);
  PostFilter filter;
  filter.title_contains = "oil";
  EXPECT_EQ(store_->list_posts(filter)->posts.size(), 2u);
  filter.section_id = section_id_;
  ASSERT_EQ(store_->list_posts(filter)->posts.size(), 1u);
  EXPECT_EQ(store_->list_posts(filter)->posts[0].title, "Oil deal signed");
  PostFilter percent;
  percent.title_contains = "0%";
  ASSERT_EQ(store_->list_posts(percent)->posts.size(), 1u);
  percent.title_contains = "%";
  EXPECT_EQ(store_->list_posts(percent)->posts.size(), 1u) << "% means itself";
}

TEST_P(StoreTest, KeepsARevisionOfEverySave) {
  const auto id = add_post("First title", PostStatus::draft, std::nullopt);
  auto post = **store_->post_by_id(id);
  EXPECT_EQ(post.revision, 1);
  post.title = "Second title";
  post.updated_at = kNow + 1min;
  auto saved = store_->update_post(post, author_.id);
  ASSERT_TRUE(saved.ok()) << saved.error().detail;
  EXPECT_EQ(*saved, 2);
  EXPECT_EQ((**store_->post_by_id(id)).title, "Second title");

  auto revisions = store_->revisions(id);
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].number, 2);
  EXPECT_EQ((*revisions)[0].saved_by_name, "Emad Askarieh");
  EXPECT_EQ((*revisions)[1].title, "First title");
  auto first = store_->revision(id, 1);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->body_html, "<p>Body of First title</p>");
}

// The newest revision shares the post's body (migration 15): each save
// must leave the one it makes old with the body it had.
TEST_P(StoreTest, EveryRevisionKeepsTheBodyItWasSavedWith) {
  const auto id = add_post("Story", PostStatus::draft, std::nullopt);
  for (const char* body : {"<p>Second draft</p>", "<p>Third draft</p>"}) {
    auto post = **store_->post_by_id(id);
    post.body_html = post.body_source = body;
    ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  }
  auto stale = **store_->post_by_id(id);
  stale.revision = 1;
  stale.body_html = stale.body_source = "<p>From an old tab</p>";
  ASSERT_FALSE(store_->update_post(stale, author_.id).ok());

  EXPECT_EQ((*store_->revision(id, 1))->body_html, "<p>Body of Story</p>");
  EXPECT_EQ((*store_->revision(id, 2))->body_html, "<p>Second draft</p>");
  EXPECT_EQ((*store_->revision(id, 3))->body_html, "<p>Third draft</p>");
  EXPECT_FALSE(store_->revision(id, 4)->has_value());
  EXPECT_EQ((**store_->post_by_id(id)).body_html, "<p>Third draft</p>");
}

TEST_P(StoreTest, RefusesASaveStartedFromAnOlderRevision) {
  const auto id = add_post("Shared story", PostStatus::draft, std::nullopt);
  auto mine = **store_->post_by_id(id);
  auto theirs = mine;
  theirs.title = "Their version";
  ASSERT_TRUE(store_->update_post(theirs, author_.id).ok());
  mine.title = "My version";
  auto refused = store_->update_post(mine, author_.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ((**store_->post_by_id(id)).title, "Their version");
  EXPECT_EQ(store_->revisions(id)->size(), 2u);
}

TEST_P(StoreTest, ReplacesAuthorsSectionsAndTagsOnSave) {
  const auto id = add_post("Tagged story", PostStatus::draft, std::nullopt, true, true);
  auto post = **store_->post_by_id(id);
  post.tags.clear();
  post.sections.clear();
  ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  const auto saved = **store_->post_by_id(id);
  EXPECT_TRUE(saved.tags.empty());
  EXPECT_TRUE(saved.sections.empty());
  EXPECT_EQ(saved.authors.size(), 1u);
}

TEST_P(StoreTest, PublishesScheduledPostsWhenTheirTimeComes) {
  const auto soon = add_post("Soon", PostStatus::scheduled, kNow + 1h);
  add_post("Later", PostStatus::scheduled, kNow + 3h);
  EXPECT_TRUE(store_->publish_due_posts(kNow, "scheduler")->empty());
  auto due = store_->publish_due_posts(kNow + 2h, "scheduler");
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(*due, std::vector<Id>{soon});
  EXPECT_EQ((**store_->post_by_id(soon)).status, PostStatus::published);
  // Its audit line came with it, in the same transaction.
  const auto audit = store_->audit_entries(10, 0);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->front().actor, "scheduler");
  EXPECT_EQ(audit->front().action, "published on schedule");
  EXPECT_EQ(audit->front().subject, "Soon");
  PostQuery query = published();
  query.now = kNow + 2h;
  EXPECT_EQ(store_->published_posts(query)->posts.size(), 1u);
}

TEST_P(StoreTest, APostWriteCommitsWholeOrNotAtAll) {
  content::Tag fresh;
  fresh.slug = "sanctions";
  fresh.name = "Sanctions";
  content::Post post;
  post.title = "Talks resume";
  post.body_source = "<p>Body</p>";
  post.status = PostStatus::published;
  post.published_at = kNow - 1h;
  post.authors.push_back(author_);
  post.tags.push_back(fresh);
  AuditEntry entry;
  entry.at = kNow;
  entry.actor = "arash@example.com";
  entry.action = "published";
  entry.subject = "Talks resume";
  PostWrite write;
  write.post = *content::prepare_post(post, kNow);
  write.saved_by = author_.id;
  write.audit = entry;
  auto saved = store_->save_post(write);
  ASSERT_TRUE(saved.ok()) << saved.error().detail;
  ASSERT_EQ(saved->tags.size(), 1u);
  EXPECT_GT(saved->tags[0].id, 0);
  EXPECT_EQ(saved->revision, 1);
  EXPECT_TRUE(store_->tag_by_slug("sanctions")->has_value());
  EXPECT_EQ(store_->audit_entries(10, 0)->size(), 1u);

  // A write refused half-way (a stale revision) leaves nothing of itself:
  // not its new tag, not its redirect, not its audit line.
  auto stale = **store_->post_by_id(saved->id);
  stale.revision = 0;
  content::Tag another;
  another.slug = "oil";
  another.name = "Oil";
  stale.tags.push_back(another);
  AuditEntry second = entry;
  second.action = "unpublished";
  PostWrite stale_write;
  stale_write.post = stale;
  stale_write.saved_by = author_.id;
  stale_write.redirects_from = {"/old-address/"};
  stale_write.audit = second;
  auto refused = store_->save_post(stale_write);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_FALSE(store_->tag_by_slug("oil")->has_value());
  EXPECT_FALSE(store_->redirect_for("/old-address/")->has_value());
  EXPECT_EQ(store_->audit_entries(10, 0)->size(), 1u);
}

TEST_P(StoreTest, ImportedPeopleAndTermsAreFoundAgainByTheirKeysOrNaturalKeys) {
  const std::string source = "wordpress https://old.example";
  content::User newcomer;
  newcomer.email = "nadia@old.example";
  newcomer.name = "Nadia";
  newcomer.slug = "emad-askarieh";  // taken: the newcomer gets another
  content::User known;
  known.email = author_.email;  // on the staff already
  known.name = "Someone Else";
  known.slug = "someone";
  auto ids =
      store_->import_users({{newcomer, {source, "user", "7"}}, {known, {source, "user", "8"}}});
  ASSERT_TRUE(ids.ok()) << ids.error().detail;
  EXPECT_EQ((*ids)[1], author_.id);
  EXPECT_EQ((**store_->user_by_id(author_.id)).name, author_.name)
      << "the newsroom's word on its own staff";
  const auto nadia = **store_->user_by_id((*ids)[0]);
  EXPECT_EQ(nadia.slug, "emad-askarieh-2");
  EXPECT_EQ(*store_->password_hash(nadia.id), "");
  newcomer.name = "Nadia Rahimi";
  auto again = store_->import_users({{newcomer, {source, "user", "7"}}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0], nadia.id);
  EXPECT_EQ((**store_->user_by_id(nadia.id)).name, "Nadia Rahimi");

  auto sections = store_->import_sections(
      {{content::Section{0, "world", "World", "", 0}, {source, "section", "1"}, std::nullopt},
       {content::Section{0, "europe", "Europe", "", 0},
        {source, "section", "2"},
        store::LegacyKey{source, "section", "1"}}});
  ASSERT_TRUE(sections.ok()) << sections.error().detail;
  EXPECT_EQ((**store_->section_by_slug("europe")).parent_id, (*sections)[0]);
  auto sections_again = store_->import_sections({{content::Section{0, "world", "World news", "", 0},
                                                  {source, "section", "1"},
                                                  std::nullopt}});
  ASSERT_TRUE(sections_again.ok());
  EXPECT_EQ((*sections_again)[0], (*sections)[0]);
  EXPECT_EQ((**store_->section_by_slug("world")).name, "World news");

  auto tags = store_->import_tags({{content::Tag{0, "oil", "Oil", ""}, {source, "tag", "30"}}});
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ((*store_->legacy_record({source, "tag", "30"}))->local_id, (*tags)[0]);
  EXPECT_FALSE(store_->legacy_record({source, "tag", "31"})->has_value());
}

TEST_P(StoreTest, ImportedPeopleTermsAndImagesKeepTheirOldIdsWhereNobodyHasThem) {
  const std::string source = "wordpress https://old.example";
  content::User nadia;
  nadia.email = "nadia@old.example";
  nadia.name = "Nadia";
  nadia.slug = "nadia";
  content::User kaveh = nadia;
  kaveh.email = "kaveh@old.example";
  kaveh.slug = "kaveh";
  auto people = store_->import_users(
      {{nadia, {source, "user", "nadia"}, 40}, {kaveh, {source, "user", "kaveh"}, author_.id}});
  ASSERT_TRUE(people.ok()) << people.error().detail;
  EXPECT_EQ((*people)[0], 40);
  EXPECT_NE((*people)[1], author_.id) << "an id in use goes to nobody else";
  EXPECT_EQ((**store_->user_by_id(author_.id)).email, author_.email);

  auto sections = store_->import_sections(
      {{content::Section{0, "europe", "Europe", "", 0}, {source, "section", "5"}, std::nullopt, 5},
       {content::Section{0, "asia", "Asia", "", 0},
        {source, "section", "9"},
        std::nullopt,
        section_id_}});
  ASSERT_TRUE(sections.ok()) << sections.error().detail;
  EXPECT_EQ((*sections)[0], 5);
  EXPECT_NE((*sections)[1], section_id_);
  auto tags = store_->import_tags({{content::Tag{0, "oil", "Oil", ""}, {source, "tag", "11"}, 11}});
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ((*tags)[0], 11);

  content::Media media;
  media.original_path = "2026/11/abcdefghijklmnop.jpg";
  media.width = 400;
  media.height = 300;
  media.variants = {{400, "2026/11/abcdefghijklmnop-400.webp"}};
  media.created_at = kNow;
  EXPECT_EQ(*store_->import_media(media, {source, "media", "201"}, 201), 201);
  media.variants = {{400, "2026/11/bbbbbbbbbbbbbbbb-400.webp"}};
  EXPECT_NE(*store_->import_media(media, {source, "media", "202"}, 201), 201);
}

TEST_P(StoreTest, AnOldAddressLeadsToAPostOrAPathAndTheNewestWordWins) {
  content::Post post;
  post.title = "Talks resume";
  post.body_source = "<p>Body</p>";
  post.authors.push_back(author_);
  PostWrite write;
  write.post = *content::prepare_post(post, kNow);
  write.saved_by = author_.id;
  write.redirects_from = {"/?p=12", "/2019/05/talks/"};
  auto saved = store_->save_post(write);
  ASSERT_TRUE(saved.ok()) << saved.error().detail;
  EXPECT_EQ((*store_->redirect_for("/?p=12"))->post_id, saved->id);
  EXPECT_EQ((*store_->redirect_for("/2019/05/talks/"))->post_id, saved->id);
  EXPECT_FALSE(store_->redirect_for("/?p=13")->has_value());

  ASSERT_TRUE(store_->add_redirect(Redirect{"/category/world/", 0, "/section/world/"}).ok());
  auto to_path = *store_->redirect_for("/category/world/");
  ASSERT_TRUE(to_path.has_value());
  EXPECT_EQ(to_path->post_id, 0);
  EXPECT_EQ(to_path->location, "/section/world/");
  ASSERT_TRUE(store_->add_redirect(Redirect{"/?p=12", 0, "/elsewhere/"}).ok());
  EXPECT_EQ((*store_->redirect_for("/?p=12"))->location, "/elsewhere/");
  EXPECT_EQ((*store_->redirect_for("/?p=12"))->post_id, 0);
}

TEST_P(StoreTest, SearchRanksTitleMatchesFirstAndShowsOnlyPublished) {
  add_post("Weather report", PostStatus::published, kNow - 3h);
  add_markets_today();  // newer, and "oil" three times, but only in its text
  add_post("Oil prices climb", PostStatus::published, kNow - 5h);
  add_post("Oil draft", PostStatus::draft, std::nullopt);
  auto results = store_->search("oil", kNow, 10, 0);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 2u) << "the draft never appears";
  EXPECT_EQ(results->hits[0].post.title, "Oil prices climb") << "a title match ranks first";
  EXPECT_EQ(results->hits[1].post.title, "Markets today");
  EXPECT_NE(results->hits[0].snippet.find("\x01"), std::string::npos);
  EXPECT_TRUE(store_->search("weath", kNow, 10, 0)->hits.size() == 1u) << "prefix";
  EXPECT_TRUE(store_->search("", kNow, 10, 0)->hits.empty());
  EXPECT_TRUE(store_->search("\"unbalanced", kNow, 10, 0).ok())
      << "FTS syntax errors are no results";
}

// The API listings' search: the same words and index as the site's,
// combined with any other condition, counted, and ordered by date or by
// how well each post matches.
TEST_P(StoreTest, AListingSearchesCombinesCountsAndOrdersByRelevance) {
  add_post("Weather report", PostStatus::published, kNow - 3h, true);
  add_markets_today();  // newer, and "oil" three times, but only in its text
  add_post("Oil prices climb", PostStatus::published, kNow - 5h, true);
  add_post("Oil draft", PostStatus::draft, std::nullopt, true);
  add_post("Oil next week", PostStatus::published, kNow + 1h, true);

  PostQuery query = published();
  query.search = "oil";
  query.count_total = true;
  auto by_date = store_->published_posts(query);
  ASSERT_TRUE(by_date.ok()) << by_date.error().message;
  EXPECT_EQ(titles(*by_date), (std::vector<std::string>{"Markets today", "Oil prices climb"}))
      << "newest first; never a draft or a post whose time has not come";
  EXPECT_EQ(by_date->total, 2);

  query.order = {{PostOrderField::relevance, true}};
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"Oil prices climb", "Markets today"}))
      << "a title match ranks first";

  query.where = PostCondition::with_ids(PostCondition::Kind::section_id, {section_id_});
  auto in_section = store_->published_posts(query);
  EXPECT_EQ(titles(*in_section), std::vector<std::string>{"Oil prices climb"});
  EXPECT_EQ(in_section->total, 1);

  query.where = {};
  query.limit = 1;
  query.offset = 1;
  auto second = store_->published_posts(query);
  EXPECT_EQ(titles(*second), std::vector<std::string>{"Markets today"});
  EXPECT_EQ(second->total, 2) << "the total counts every page";

  query.limit = 10;
  query.offset = 0;
  query.search = "weath";
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Weather report"})
      << "the last word is a prefix, as on the site";
  query.search = "!!! \"";
  auto nothing = store_->published_posts(query);
  ASSERT_TRUE(nothing.ok()) << "words that make no query find nothing, and are no error: "
                            << nothing.error().message << " " << nothing.error().detail;
  EXPECT_TRUE(nothing->posts.empty());
  EXPECT_EQ(nothing->total, 0);

  query.search.clear();
  EXPECT_EQ(store_->published_posts(query).error().code, ErrorCode::invalid_input)
      << "relevance needs a search";
}

TEST_P(StoreTest, AListingOfAnyTypeHoldsArticlesAndPages) {
  add_post("Story", PostStatus::published, kNow - 2h);
  Post about;
  about.title = "About us";
  about.type = content::PostType::page;
  about.body_source = "<p>Who we are.</p>";
  about.status = PostStatus::published;
  about.published_at = kNow - 1h;
  about.authors.push_back(author_);
  ASSERT_TRUE(store_->create_post(*content::prepare_post(about, kNow)).ok());
  PostQuery query = published();
  EXPECT_EQ(titles(*store_->published_posts(query)), std::vector<std::string>{"Story"});
  query.type = std::nullopt;
  EXPECT_EQ(titles(*store_->published_posts(query)),
            (std::vector<std::string>{"About us", "Story"}));
}

// What the APIs may list as attachments: images published stories
// feature, never one uploaded for a draft.
TEST_P(StoreTest, PublicMediaAreTheImagesPublishedPostsFeature) {
  auto upload = [&](std::string name, int minutes) {
    content::Media media;
    media.original_path = "2026/11/" + name + ".jpg";
    media.width = 800;
    media.height = 600;
    media.variants = {{400, "2026/11/" + name + "-400.webp"},
                      {800, "2026/11/" + name + "-800.webp"}};
    media.created_at = kNow - std::chrono::minutes(minutes);
    auto id = store_->create_media(media);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  };
  const auto older = upload("aaaaaaaaaaaaaaaa", 30);
  const auto newer = upload("bbbbbbbbbbbbbbbb", 20);
  const auto embargoed = upload("cccccccccccccccc", 10);
  auto feature = [&](std::string title, PostStatus status, std::string image) {
    Post post;
    post.title = std::move(title);
    post.body_source = "<p>Body</p>";
    post.status = status;
    if (status == PostStatus::published) post.published_at = kNow - 1h;
    post.featured_image = std::move(image);
    post.featured_image_alt = "A picture";
    post.authors.push_back(author_);
    auto id = store_->create_post(*content::prepare_post(post, kNow));
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  };
  const auto first =
      feature("First", PostStatus::published, "/media/2026/11/aaaaaaaaaaaaaaaa-800.webp");
  const auto second =
      feature("Second", PostStatus::published, "/media/2026/11/aaaaaaaaaaaaaaaa-400.webp");
  const auto third =
      feature("Third", PostStatus::published, "/media/2026/11/bbbbbbbbbbbbbbbb-800.webp");
  feature("Draft", PostStatus::draft, "/media/2026/11/cccccccccccccccc-800.webp");
  feature("Elsewhere", PostStatus::published, "https://images.example/x.jpg");

  PublicMediaQuery query;
  query.now = kNow;
  auto page = store_->public_media(query);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u) << "never the draft's image, nor another site's";
  EXPECT_EQ(page->total, 2);
  EXPECT_EQ(page->items[0].media.id, newer) << "newest upload first";
  EXPECT_EQ(page->items[0].post_id, third);
  EXPECT_EQ(page->items[1].media.id, older);
  EXPECT_EQ(page->items[1].post_id, first) << "the first post that features it";

  query.oldest_first = true;
  query.limit = 1;
  query.offset = 1;
  page = store_->public_media(query);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].media.id, newer);
  EXPECT_EQ(page->total, 2) << "the total counts every page";

  query = PublicMediaQuery{};
  query.now = kNow;
  query.featured_by = {second};
  page = store_->public_media(query);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].media.id, older);
  EXPECT_EQ(page->items[0].post_id, second) << "the post asked about is its post";
  EXPECT_EQ(page->items[0].alt, "A picture") << "what the post says of it";
  query.featured_by = {third, second};
  query.exclude = {older};
  query.include = {older, newer};
  page = store_->public_media(query);
  ASSERT_EQ(page->items.size(), 1u) << "every filter at once";
  EXPECT_EQ(page->items[0].media.id, newer);
  query.featured_by = {};
  query.exclude = {newer};
  query.include = {};
  EXPECT_EQ(store_->public_media(query)->items.at(0).media.id, older);
  query.exclude = {};
  query.include = {embargoed};
  EXPECT_EQ(store_->public_media(query)->total, 0) << "named, the draft's image is still not out";
  query.include = {};
  query.alt_contains = "PICTURE";
  EXPECT_EQ(store_->public_media(query)->total, 2);
  query.alt_contains = "merger";
  EXPECT_EQ(store_->public_media(query)->total, 0);

  auto found =
      store_->media_by_paths({"2026/11/bbbbbbbbbbbbbbbb-400.webp",
                              "2026/11/cccccccccccccccc-800.webp", "2026/11/nothing.webp"});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].id, newer);
  EXPECT_EQ((*found)[1].id, embargoed);
}

TEST_P(StoreTest, SearchWorkStaysBoundedWhateverAPostHolds) {
  std::string repeated;
  for (int i = 0; i < 20000; ++i) repeated += "oil ";
  content::Post post;
  post.title = "Crude";
  post.body_source = "<p>" + repeated + "</p>";
  post.status = PostStatus::published;
  post.published_at = kNow - 1h;
  post.authors.push_back(author_);
  ASSERT_TRUE(store_->create_post(*content::prepare_post(post, kNow)).ok());
  auto results = store_->search("oil", kNow, 10, 0);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(std::count(results->hits[0].snippet.begin(), results->hits[0].snippet.end(), '\x01'),
            24);
  // One letter is a word, never a prefix of every word that starts with it.
  EXPECT_TRUE(store_->search("a", kNow, 10, 0)->hits.empty());
  EXPECT_TRUE(store_->search("%E0%A4%A", kNow, 10, 0).ok());
}

TEST_P(StoreTest, SearchFindsPersianAsTyped) {
  add_post("دیدار ایران و روسیه", PostStatus::published, kNow - 1h);
  // Typed with the Arabic yeh, as many keyboards do.
  auto results = store_->search("ايران", kNow, 10, 0);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].post.title, "دیدار ایران و روسیه");
}

TEST_P(StoreTest, AnUnpublishedPostLeavesSearchAtOnce) {
  const auto id = add_post("Retracted story", PostStatus::published, kNow - 1h);
  EXPECT_EQ(store_->search("retracted", kNow, 10, 0)->hits.size(), 1u);
  auto post = **store_->post_by_id(id);
  post.status = PostStatus::unpublished;
  ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  EXPECT_TRUE(store_->search("retracted", kNow, 10, 0)->hits.empty());
}

// The index keeps no copy of the text (it is contentless): each change
// must take out exactly the words the entry was made of.
TEST_P(StoreTest, SearchFollowsEveryChangeOfAStoryAndNoOldWordFindsIt) {
  const auto id = add_post("Oil deal signed", PostStatus::published, kNow - 1h);
  auto hits = [&](std::string_view words) {
    return store_->search(words, kNow, 10, 0)->hits.size();
  };
  EXPECT_EQ(hits("oil"), 1u);

  auto post = **store_->post_by_id(id);
  post.title = "Gas deal signed";
  post.body_html = post.body_source = "<p>Pipeline talks</p>";
  post.plaintext = "Pipeline talks";
  ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  EXPECT_EQ(hits("oil"), 0u) << "the old title's words are gone";
  EXPECT_EQ(hits("gas"), 1u);
  EXPECT_EQ(hits("pipeline"), 1u);

  post = **store_->post_by_id(id);
  post.status = PostStatus::unpublished;
  ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  EXPECT_EQ(hits("gas"), 0u);
  post = **store_->post_by_id(id);
  post.status = PostStatus::published;
  ASSERT_TRUE(store_->update_post(post, author_.id).ok());
  EXPECT_EQ(hits("gas"), 1u);

  // A batch: the story renamed again beside a new one.
  post = **store_->post_by_id(id);
  post.title = "Coal deal signed";
  std::vector<PostWrite> writes(2);
  writes[0].post = post;
  writes[1].post = **store_->post_by_id(add_post("Gas prices", PostStatus::draft, std::nullopt));
  writes[1].post.status = PostStatus::published;
  writes[1].post.published_at = kNow - 1h;
  ASSERT_TRUE(store_->save_posts(writes).ok());
  EXPECT_EQ(hits("coal"), 1u);
  EXPECT_EQ(hits("gas"), 1u) << "only the new story: the renamed one no longer says gas";
  EXPECT_EQ(store_->search("gas", kNow, 10, 0)->hits[0].post.title, "Gas prices");
}

TEST_P(StoreTest, FindsAPostsPublishedTranslationsFromAnyMemberOfTheGroup) {
  const auto original = add_post("Talks in Vienna", PostStatus::published, kNow - 3h);
  auto translate = [&](std::string title, std::string locale, PostStatus status) {
    const auto id = add_post(std::move(title), status, kNow - 2h);
    auto post = **store_->post_by_id(id);
    post.locale = std::move(locale);
    post.translation_of = original;
    EXPECT_TRUE(store_->update_post(post, author_.id).ok());
    return id;
  };
  const auto persian = translate("مذاکرات در وین", "fa", PostStatus::published);
  const auto german = translate("Gespräche in Wien", "de", PostStatus::published);
  translate("Entwurf", "fr", PostStatus::draft);
  add_post("Unrelated story", PostStatus::published, kNow - 1h);

  auto slugs_of = [&](content::Id id) {
    auto translations = store_->published_translations(**store_->post_by_id(id), kNow);
    EXPECT_TRUE(translations.ok());
    std::vector<std::string> slugs;
    if (!translations) return slugs;
    for (const auto& post : *translations) slugs.push_back(post.slug + ":" + post.locale);
    return slugs;
  };
  const std::string persian_slug = (*store_->post_by_id(persian))->slug;
  EXPECT_EQ(slugs_of(original),
            (std::vector<std::string>{"gesprache-in-wien:de", persian_slug + ":fa"}));
  EXPECT_EQ(slugs_of(persian),
            (std::vector<std::string>{"talks-in-vienna:", "gesprache-in-wien:de"}));
  EXPECT_EQ((*store_->post_by_id(german))->translation_of, original);
  EXPECT_EQ(*store_->count_translations(original),
            3);  // the draft counts: it is still a translation
  EXPECT_EQ(*store_->count_translations(persian), 0);
}

TEST_P(StoreTest, VisitsSitemapEntriesOldestOrNewestFirstWithinAWindow) {
  add_post("Two days old", PostStatus::published, kNow - 49h);
  add_post("Yesterday", PostStatus::published, kNow - 20h);
  add_post("This morning", PostStatus::published, kNow - 2h);
  add_post("A draft", PostStatus::draft, std::nullopt);
  auto titles = [&](Time since, EntryOrder order, int limit) {
    std::vector<std::string> seen;
    EXPECT_TRUE(store_
                    ->visit_published_entries(
                        content::PostType::article, kNow, since, order, 0, limit,
                        [&](const SitemapEntry& entry) { seen.push_back(entry.title); })
                    .ok());
    return seen;
  };
  EXPECT_EQ(titles(Time{}, EntryOrder::oldest_first, 10),
            (std::vector<std::string>{"Two days old", "Yesterday", "This morning"}));
  EXPECT_EQ(titles(kNow - 48h, EntryOrder::newest_first, 10),
            (std::vector<std::string>{"This morning", "Yesterday"}));
  EXPECT_EQ(titles(kNow - 48h, EntryOrder::newest_first, 1),
            (std::vector<std::string>{"This morning"}));
}

TEST_P(StoreTest, FindsUsersSectionsAndTagsBySlug) {
  EXPECT_EQ((*store_->user_by_slug("emad-askarieh"))->name, "Emad Askarieh");
  EXPECT_EQ((*store_->section_by_slug("world"))->name, "World");
  EXPECT_EQ((*store_->tag_by_slug("iran"))->name, "Iran");
  EXPECT_FALSE(store_->user_by_slug("nobody")->has_value());
  EXPECT_EQ(store_->sections()->size(), 1u);
  EXPECT_EQ(store_->tags()->size(), 1u);
}

TEST_P(StoreTest, KeepsSettings) {
  EXPECT_FALSE(store_->setting("title")->has_value());
  ASSERT_TRUE(store_->put_setting("title", "The Daily Byline").ok());
  ASSERT_TRUE(store_->put_setting("title", "Byline Times").ok());
  EXPECT_EQ(**store_->setting("title"), "Byline Times");
  ASSERT_TRUE(store_->put_settings({{"title", "The Ledger"}, {"time_zone", "Asia/Tehran"}}).ok());
  EXPECT_EQ(**store_->setting("title"), "The Ledger");
  EXPECT_EQ(**store_->setting("time_zone"), "Asia/Tehran");
}

TEST_P(StoreTest, KeepsEverythingAcrossAReopen) {
  add_post("Durable", PostStatus::published, kNow - 1h);
  store_.reset();
  store_ = GetParam().open(dir_);
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(store_->post_by_slug("durable")->has_value());
  EXPECT_EQ(*store_->count_posts(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(backends()),
                         [](const auto& backend) { return backend.param.name; });

// Databases as older Bylines left them, opened by this one.
class SqliteMigrations : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path db() const { return dir_ / "byline.db"; }

  // A writer on the staff of `store`, with their id.
  static content::User add_writer(Store& store) {
    content::User author;
    author.email = "writer@example.com";
    author.name = "Writer";
    author.slug = "writer";
    author.role = content::Role::author;
    author.id = *store.create_user(author, "x");
    return author;
  }

  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() /
      ("byline-migrations-" + std::to_string(::getpid()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
};

// Not a migration, but it needs the database by hand: a refused setting
// takes the others of its save with it.
TEST_F(SqliteMigrations, SettingsSavedTogetherAreKeptAllOrNone) {
  auto store = sqlite::SqliteStore::open(db(), 1);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->put_settings({{"title", "The Ledger"}, {"time_zone", "UTC"}}).ok());
  {
    auto connection = sqlite::Connection::open(db().string(), false);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)
                    ->execute("CREATE TRIGGER refuse_time_zone BEFORE UPDATE ON settings "
                              "WHEN NEW.key = 'time_zone' BEGIN SELECT RAISE(ABORT, 'no'); END;")
                    .ok());
  }
  EXPECT_FALSE(
      (*store)->put_settings({{"title", "Half Saved"}, {"time_zone", "Asia/Tehran"}}).ok());
  EXPECT_EQ(**(*store)->setting("title"), "The Ledger") << "the title went back with the rest";
  EXPECT_EQ(**(*store)->setting("time_zone"), "UTC");
  EXPECT_TRUE((*store)->put_settings({{"title", "Saved Whole"}}).ok()) << "the next save works";
  EXPECT_EQ(**(*store)->setting("title"), "Saved Whole");
}

TEST_F(SqliteMigrations, RefuseADatabaseFromANewerByline) {
  {
    auto connection = sqlite::Connection::open(db().string(), true);
    ASSERT_TRUE(connection.ok());
    const std::string pragma =
        "PRAGMA user_version = " + std::to_string(sqlite::latest_schema_version() + 1);
    ASSERT_TRUE((*connection)->execute(pragma.c_str()).ok());
  }
  auto store = sqlite::SqliteStore::open(db(), 1);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("newer Byline"), std::string::npos);
}

// A database from before migration 14 had a search index that kept its
// own copy of the text; after opening, the new index holds every
// published article again.
TEST_F(SqliteMigrations, SearchFindsEveryStoryAgainAfterTheIndexLosesItsCopyOfTheText) {
  {
    auto store = sqlite::SqliteStore::open(db(), 1);
    ASSERT_TRUE(store.ok());
    const content::User author = add_writer(**store);
    Post post;
    post.title = "Oil deal signed";
    post.body_source = "<p>Talks in Vienna</p>";
    post.status = PostStatus::published;
    post.published_at = kNow - 1h;
    post.authors.push_back(author);
    ASSERT_TRUE((*store)->create_post(*content::prepare_post(post, kNow), author.id).ok());
  }
  {
    auto connection = sqlite::Connection::open(db().string(), false);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(
        (*connection)
            ->execute(
                "DROP TABLE post_search;"
                "CREATE VIRTUAL TABLE post_search USING fts5(title, body, tokenize = "
                "'unicode61 remove_diacritics 2');"
                "INSERT INTO post_search (rowid, title, body) "
                "SELECT id, title, plaintext FROM posts;"
                // Later migrations' tables, which a database of 13 has not.
                "DROP TABLE api_keys; DROP TABLE deleted_post_ids;"
                "DROP TABLE webhook_deliveries; DROP TABLE webhook_events;"
                "DROP TABLE webhooks; DROP TABLE media_files; DROP INDEX posts_by_featured_image;"
                "ALTER TABLE sections DROP COLUMN language;"
                "PRAGMA user_version = 13;")
            .ok());
  }
  auto store = sqlite::SqliteStore::open(db(), 1);
  ASSERT_TRUE(store.ok()) << store.error().detail;
  EXPECT_EQ((*store)->search("vienna", kNow, 10, 0)->hits.size(), 1u);
  EXPECT_EQ((*store)->search("oil", kNow, 10, 0)->hits.size(), 1u);
  store->reset();
}

// Migration 19 finds every upload kept before it by each of its files.
TEST_F(SqliteMigrations, EveryImageFileFindsItsUploadAfterTheFilesAreIndexed) {
  content::Media media;
  media.original_path = "2026/11/abcdefghijklmnop.jpg";
  media.width = 1600;
  media.height = 900;
  media.variants = {{400, "2026/11/abcdefghijklmnop-400.webp"},
                    {1600, "2026/11/abcdefghijklmnop-1600.webp"}};
  media.created_at = kNow;
  content::Media small = media;
  small.original_path = "2026/11/qrstuvwxyzabcdef.jpg";
  small.variants = {{300, "2026/11/qrstuvwxyzabcdef-300.webp"}};
  content::Id id = 0, small_id = 0;
  {
    auto store = sqlite::SqliteStore::open(db(), 1);
    ASSERT_TRUE(store.ok());
    id = *(*store)->create_media(media);
    small_id = *(*store)->create_media(small);
  }
  {
    auto connection = sqlite::Connection::open(db().string(), false);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)
                    ->execute("DROP TABLE media_files; DROP INDEX posts_by_featured_image; "
                              "ALTER TABLE sections DROP COLUMN language; PRAGMA "
                              "user_version = 18;")
                    .ok());
  }
  auto store = sqlite::SqliteStore::open(db(), 1);
  ASSERT_TRUE(store.ok()) << store.error().detail;
  for (const char* path :
       {"2026/11/abcdefghijklmnop-400.webp", "2026/11/abcdefghijklmnop-1600.webp"}) {
    auto found = (*store)->media_by_paths({path});
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u) << path;
    EXPECT_EQ((*found)[0].id, id);
  }
  auto one_file = (*store)->media_by_paths({"2026/11/qrstuvwxyzabcdef-300.webp"});
  ASSERT_EQ(one_file->size(), 1u);
  EXPECT_EQ((*one_file)[0].id, small_id);
  EXPECT_TRUE((*store)->media_by_paths({"2026/11/abcdefghijklmnop.jpg"})->empty())
      << "the original is no file readers get";
  store->reset();
}

// Before migration 15 every revision kept its own copy of the body; after
// it the newest shares the post's, and each reads as it was saved.
TEST_F(SqliteMigrations, RevisionsReadTheSameAfterTheNewestStopsCopyingTheBody) {
  content::Id id = 0;
  {
    auto store = sqlite::SqliteStore::open(db(), 1);
    ASSERT_TRUE(store.ok());
    const content::User author = add_writer(**store);
    Post post;
    post.title = "Ceasefire talks";
    post.body_source = "<p>First version</p>";
    post.authors.push_back(author);
    id = *(*store)->create_post(*content::prepare_post(post, kNow), author.id);
    auto saved = **(*store)->post_by_id(id);
    saved.body_html = saved.body_source = "<p>Second version</p>";
    ASSERT_TRUE((*store)->update_post(saved, author.id).ok());
  }
  {
    // The table as migration 3 made it, every body copied.
    auto connection = sqlite::Connection::open(db().string(), false);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(
        (*connection)
            ->execute(
                "CREATE TABLE old_revisions AS SELECT r.post_id, r.number, r.title, "
                "coalesce(r.body_html, p.body_html) AS body_html, "
                "coalesce(r.body_source, p.body_source) AS body_source, "
                "r.custom_excerpt, r.status, r.saved_by, r.saved_at "
                "FROM post_revisions r JOIN posts p ON p.id = r.post_id;"
                "DROP TABLE post_revisions;"
                "CREATE TABLE post_revisions (post_id INTEGER NOT NULL REFERENCES "
                "posts(id) ON DELETE CASCADE, number INTEGER NOT NULL, title TEXT NOT "
                "NULL, body_html TEXT NOT NULL, body_source TEXT NOT NULL, "
                "custom_excerpt TEXT NOT NULL, status TEXT NOT NULL, saved_by INTEGER "
                "REFERENCES users(id) ON DELETE SET NULL, saved_at INTEGER NOT NULL, "
                "PRIMARY KEY (post_id, number)) WITHOUT ROWID;"
                "INSERT INTO post_revisions SELECT * FROM old_revisions;"
                "DROP TABLE old_revisions;"
                // Migrations 16's to 20's, which a database of 14 has not.
                "DROP TABLE api_keys; DROP TABLE deleted_post_ids;"
                "DROP TABLE webhook_deliveries; DROP TABLE webhook_events;"
                "DROP TABLE webhooks; DROP TABLE media_files; DROP INDEX posts_by_featured_image;"
                "ALTER TABLE sections DROP COLUMN language;"
                "PRAGMA user_version = 14;")
            .ok());
  }
  auto store = sqlite::SqliteStore::open(db(), 1);
  ASSERT_TRUE(store.ok()) << store.error().detail;
  EXPECT_EQ((*(*store)->revision(id, 1))->body_html, "<p>First version</p>");
  EXPECT_EQ((*(*store)->revision(id, 2))->body_html, "<p>Second version</p>");
  auto post = **(*store)->post_by_id(id);
  post.body_html = post.body_source = "<p>Third version</p>";
  ASSERT_TRUE((*store)->update_post(post, 0).ok());
  EXPECT_EQ((*(*store)->revision(id, 2))->body_html, "<p>Second version</p>");
  EXPECT_EQ((*(*store)->revision(id, 3))->body_html, "<p>Third version</p>");
  store->reset();
  {
    auto connection = sqlite::Connection::open(db().string(), false);
    auto copies = (*connection)->prepare("SELECT count(body_html) FROM post_revisions");
    ASSERT_TRUE((*copies)->step().ok());
    EXPECT_EQ((*copies)->int64(0), 2)
        << "revisions 1 and 2 hold a body; the newest shares the post's";
  }
}

}  // namespace
}  // namespace byline::store
