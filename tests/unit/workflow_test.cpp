#include "publishing/workflow.hpp"

#include "content/slug.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace byline::publishing {
namespace {

using namespace std::chrono_literals;
using content::PostStatus;
using content::Role;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 9h;

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("byline-workflow-test-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::SqliteStore::open(dir_ / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    contributor_ = person("carla@example.com", "Carla Contributor", Role::contributor);
    author_ = person("arash@example.com", "Arash Author", Role::author);
    editor_ = person("eddie@example.com", "Eddie Editor", Role::editor);
    content::Section world;
    world.slug = "world";
    world.name = "World";
    world_id_ = *store_->create_section(world);
    content::Tag iran;
    iran.slug = "iran";
    iran.name = "Iran";
    ASSERT_TRUE(store_->create_tag(iran).ok());
    workflow_ = std::make_unique<Workflow>(store_);
  }
  void TearDown() override {
    workflow_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // People who never sign in here: no password to hash.
  content::User person(std::string email, std::string name, Role role) {
    content::User user;
    user.email = std::move(email);
    user.slug = content::make_slug(name);
    user.name = std::move(name);
    user.role = role;
    auto id = store_->create_user(user, "");
    EXPECT_TRUE(id.ok());
    user.id = id.ok() ? *id : 0;
    return user;
  }

  Edit edit(std::string title) {
    Edit e;
    e.title = std::move(title);
    e.body_html = "<p>Body</p>";
    return e;
  }

  content::Post create(const content::User& actor, std::string title,
                       Intent intent = Intent::save) {
    auto post = workflow_->create(actor, edit(std::move(title)), intent, kNow);
    EXPECT_TRUE(post.ok()) << (post.ok() ? "" : post.error().message);
    return post.ok() ? *post : content::Post{};
  }

  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;
  std::unique_ptr<Workflow> workflow_;
  content::User contributor_, author_, editor_;
  content::Id world_id_ = 0;
};

TEST_F(WorkflowTest, AContributorsDraftGoesToReviewThenAnEditorPublishesIt) {
  const auto draft = create(contributor_, "Talks resume in Vienna");
  EXPECT_EQ(draft.status, PostStatus::draft);
  EXPECT_EQ(draft.slug, "talks-resume-in-vienna");
  EXPECT_EQ(draft.authors.at(0).id, contributor_.id);

  auto submitted = workflow_->update(contributor_, draft.id, draft.revision,
                                     edit("Talks resume in Vienna"), Intent::submit, kNow + 1min);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(submitted->status, PostStatus::review);

  Edit kept = edit("Talks resume in Vienna");
  kept.author_ids = {contributor_.id};
  auto published =
      workflow_->update(editor_, draft.id, submitted->revision, kept, Intent::publish, kNow + 2min);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(published->status, PostStatus::published);
  EXPECT_EQ(published->published_at, kNow + 2min);
  EXPECT_EQ(published->authors.at(0).id, contributor_.id);
}

TEST_F(WorkflowTest, PublishingWithATimeAlreadyPastBackdatesAndALaterTimeIsNow) {
  Edit first_ran = edit("First ran in print");
  first_ran.publish_at = kNow - 24h * 400;
  auto backdated = workflow_->create(editor_, first_ran, Intent::publish, kNow);
  ASSERT_TRUE(backdated.ok()) << backdated.error().message;
  EXPECT_EQ(backdated->published_at, kNow - 24h * 400);

  // Moved again while it is live: the time given is taken.
  first_ran.publish_at = kNow - 24h * 399;
  auto moved = workflow_->update(editor_, backdated->id, backdated->revision, first_ran,
                                 Intent::publish, kNow + 1min);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->published_at, kNow - 24h * 399);

  // A scheduled post published early goes out now, whatever its form says.
  Edit later = edit("Embargoed");
  later.publish_at = kNow + 2h;
  const auto scheduled = workflow_->create(editor_, later, Intent::schedule, kNow);
  ASSERT_TRUE(scheduled.ok());
  auto early = workflow_->update(editor_, scheduled->id, scheduled->revision, later,
                                 Intent::publish, kNow + 1min);
  ASSERT_TRUE(early.ok()) << early.error().message;
  EXPECT_EQ(early->published_at, kNow + 1min);
}

TEST_F(WorkflowTest, AContributorMayNotPublish) {
  auto refused = workflow_->create(contributor_, edit("Straight out"), Intent::publish, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store_->list_posts({})->posts.empty());
}

TEST_F(WorkflowTest, AContributorMayNotEditOnceSubmitted) {
  const auto draft = create(contributor_, "Draft", Intent::submit);
  auto refused = workflow_->update(contributor_, draft.id, draft.revision, edit("Changed"),
                                   Intent::save, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

TEST_F(WorkflowTest, AnAuthorPublishesOwnButNotOthersPosts) {
  const auto own = create(author_, "Own story", Intent::publish);
  EXPECT_EQ(own.status, PostStatus::published);
  const auto theirs = create(contributor_, "Their story", Intent::submit);
  auto refused = workflow_->update(author_, theirs.id, theirs.revision, edit("Their story"),
                                   Intent::publish, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

TEST_F(WorkflowTest, SchedulesForALaterTimeOnly) {
  Edit later = edit("Embargoed");
  later.publish_at = kNow + 2h;
  auto scheduled = workflow_->create(author_, later, Intent::schedule, kNow);
  ASSERT_TRUE(scheduled.ok()) << scheduled.error().message;
  EXPECT_EQ(scheduled->status, PostStatus::scheduled);
  EXPECT_EQ(scheduled->published_at, kNow + 2h);

  Edit past = edit("Too late");
  past.publish_at = kNow - 1h;
  EXPECT_EQ(workflow_->create(author_, past, Intent::schedule, kNow).error().code,
            ErrorCode::invalid_input);

  EXPECT_TRUE(workflow_->publish_due(kNow + 1h)->empty());
  EXPECT_EQ(workflow_->publish_due(kNow + 2h)->size(), 1u);
  EXPECT_EQ((**store_->post_by_id(scheduled->id)).status, PostStatus::published);
}

TEST_F(WorkflowTest, RefusesASaveOverSomeoneElses) {
  const auto post = create(editor_, "Shared");
  ASSERT_TRUE(
      workflow_->update(editor_, post.id, post.revision, edit("First save"), Intent::save, kNow)
          .ok());
  auto second =
      workflow_->update(editor_, post.id, post.revision, edit("Second save"), Intent::save, kNow);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ((**store_->post_by_id(post.id)).title, "First save");
}

TEST_F(WorkflowTest, GivesTwoPostsWithOneTitleTwoSlugsButRefusesATakenTypedSlug) {
  const auto first = create(author_, "Same title");
  const auto second = create(author_, "Same title");
  EXPECT_EQ(first.slug, "same-title");
  EXPECT_EQ(second.slug, "same-title-2");
  Edit typed = edit("Other");
  typed.slug = "same-title";
  EXPECT_EQ(workflow_->create(author_, typed, Intent::save, kNow).error().code,
            ErrorCode::conflict);
}

TEST_F(WorkflowTest, OnlyEditorsCreateNewTags) {
  Edit tagged = edit("Tagged");
  tagged.tag_names = {"Iran", "Brand new tag"};
  EXPECT_EQ(workflow_->create(author_, tagged, Intent::save, kNow).error().code,
            ErrorCode::forbidden);
  auto by_editor = workflow_->create(editor_, tagged, Intent::save, kNow);
  ASSERT_TRUE(by_editor.ok());
  ASSERT_EQ(by_editor->tags.size(), 2u);
  EXPECT_EQ(by_editor->tags[1].slug, "brand-new-tag");
  tagged.tag_names = {"Iran"};
  EXPECT_TRUE(workflow_->create(author_, tagged, Intent::save, kNow).ok());
}

TEST_F(WorkflowTest, KeepsWritersInTheirOwnByline) {
  Edit someone_else = edit("Ghost written");
  someone_else.author_ids = {editor_.id};
  EXPECT_EQ(workflow_->create(author_, someone_else, Intent::save, kNow).error().code,
            ErrorCode::invalid_input);
  EXPECT_TRUE(workflow_
                  ->create(
                      editor_,
                      [&] {
                        Edit e = edit("For Arash");
                        e.author_ids = {author_.id};
                        return e;
                      }(),
                      Intent::save, kNow)
                  .ok());
}

TEST_F(WorkflowTest, RestoresAnEarlierRevisionAsANewOne) {
  const auto post = create(editor_, "Original headline");
  auto changed = workflow_->update(editor_, post.id, post.revision, edit("Worse headline"),
                                   Intent::save, kNow);
  ASSERT_TRUE(changed.ok());
  auto restored = workflow_->restore(editor_, post.id, changed->revision, 1, kNow);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->title, "Original headline");
  EXPECT_EQ(restored->revision, 3);
  EXPECT_EQ(store_->revisions(post.id)->size(), 3u);
}

TEST_F(WorkflowTest, SanitisesTheBody) {
  Edit hostile = edit("Hostile");
  hostile.body_html = "<p onclick=\"x()\">Hi</p><script>steal()</script>";
  auto post = workflow_->create(author_, hostile, Intent::save, kNow);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ((**store_->post_by_id(post->id)).body_html, "<p>Hi</p>");
}

TEST_F(WorkflowTest, NoPostTakesASlugByline_sOwnAddressesNeed) {
  for (const std::string title :
       {"Feed", "RSS", "Newsroom", "WP JSON", "Ghost", "Search", "Page"}) {
    const content::Post post = create(editor_, title);
    EXPECT_FALSE(content::is_reserved_slug(post.slug)) << title << " got " << post.slug;
    EXPECT_EQ(post.slug, content::make_slug(title) + "-2") << title;
  }
  for (const std::string slug : {"feed", "wp-json", "newsroom", "admin"}) {
    Edit typed = edit("A story");
    typed.slug = slug;
    auto refused = workflow_->create(editor_, typed, Intent::save, kNow);
    ASSERT_FALSE(refused.ok()) << slug;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
    EXPECT_NE(refused.error().message.find("kept for Byline's own addresses"), std::string::npos);
  }
}

TEST_F(WorkflowTest, NoPostTakesTheAddressOfAnEditionsFrontPage) {
  workflow_->keep_slugs_for([](std::string_view slug) { return slug == "fa"; });
  EXPECT_EQ(create(editor_, "FA").slug, "fa-2") << "a generated slug moves on";
  EXPECT_EQ(create(editor_, "Far").slug, "far") << "other slugs are free";
  Edit typed = edit("A story");
  typed.slug = "fa";
  auto refused = workflow_->create(editor_, typed, Intent::save, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_NE(refused.error().message.find("the address of an edition's front page"),
            std::string::npos);
}

TEST_F(WorkflowTest, RefusesASlugThatPassesForAnother) {
  create(editor_, "PayPal");
  Edit lookalike = edit("Payment news");
  lookalike.slug = "p\u0430ypal";  // a Cyrillic а
  auto refused = workflow_->create(editor_, lookalike, Intent::save, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("mixes alphabets"), std::string::npos);
  auto from_title = workflow_->create(editor_, edit("P\u0430yPal hacked"), Intent::save, kNow);
  EXPECT_FALSE(from_title.ok());
  EXPECT_EQ(create(editor_, "Путин meets Biden").slug, "путин-meets-biden");
  // A post that has such a slug already (from before the rule, or an
  // import) can still be saved: the rule is for new addresses.
  content::Post old = create(editor_, "Old story");
  old.slug = "p\u0430ypal-old";
  old.revision = 1;
  ASSERT_TRUE(store_->update_post(old, editor_.id).ok());
  auto kept =
      workflow_->update(editor_, old.id, 2, edit("Old story, corrected"), Intent::save, kNow);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->slug, "p\u0430ypal-old");
  EXPECT_EQ(create(editor_, "Zero\u200Bwidth title").slug, "zerowidth-title");
}

TEST_F(WorkflowTest, OnlyEditorsDeleteAndTheAuditLogSaysWho) {
  const auto post = create(author_, "Own story", Intent::publish);
  auto refused = workflow_->remove(author_, post.id, kNow);
  ASSERT_FALSE(refused.ok()) << "authors unpublish their posts; they do not delete them";
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store_->post_by_id(post.id)->has_value());

  ASSERT_TRUE(workflow_->remove(editor_, post.id, kNow).ok());
  EXPECT_FALSE(store_->post_by_id(post.id)->has_value());
  const auto audit = store_->audit_entries(1, 0);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].actor, "eddie@example.com");
  EXPECT_EQ((*audit)[0].action, "deleted");
  EXPECT_EQ((*audit)[0].subject, "Own story");
  auto again = workflow_->remove(editor_, post.id, kNow);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
}

TEST_F(WorkflowTest, AnApiKeyWritesAsAnEditorAndEachOfItsSavesIsAudited) {
  store::ApiKey key;
  key.id = 7;
  key.name = "Desk app";
  const Actor integration = Actor::integration(key, "192.0.2.7");
  Edit story = edit("Filed by the desk app");
  story.author_ids = {author_.id};
  story.tag_names = {"A tag nobody had"};  // only editors make tags
  auto created = workflow_->create(integration, story, Intent::publish, kNow);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->status, PostStatus::published);
  ASSERT_EQ(created->authors.size(), 1u);
  EXPECT_EQ(created->authors[0].id, author_.id) << "the byline is the one asked for, not the key";

  Edit changed = edit_of(*created);
  changed.title = "Filed by the desk app, corrected";
  auto saved = workflow_->update(integration, created->id, created->revision, changed, Intent::save,
                                 kNow + 1min);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  const auto audit = store_->audit_entries(10, 0);
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "edited") << "a key's plain save is audited too";
  EXPECT_EQ((*audit)[1].action, "published");
  for (const auto& entry : *audit) {
    EXPECT_EQ(entry.actor, "API key \u201CDesk app\u201D");
    EXPECT_EQ(entry.address, "192.0.2.7");
  }
  // A person's plain save still is not.
  auto by_editor = workflow_->update(editor_, saved->id, saved->revision, edit_of(*saved),
                                     Intent::save, kNow + 2min);
  ASSERT_TRUE(by_editor.ok());
  EXPECT_EQ(store_->audit_entries(10, 0)->size(), 2u);
}

TEST_F(WorkflowTest, AnEditOfAPostLeavesItAsItIs) {
  Edit full = edit("Everything set");
  full.custom_excerpt = "The excerpt";
  full.section_ids = {world_id_};
  full.tag_names = {"Iran"};
  full.seo_title = "SEO title";
  const auto post = workflow_->create(editor_, full, Intent::save, kNow);
  ASSERT_TRUE(post.ok());
  const Edit same = edit_of(*post);
  EXPECT_EQ(same.title, "Everything set");
  EXPECT_EQ(same.slug, post->slug);
  EXPECT_EQ(same.custom_excerpt, "The excerpt");
  EXPECT_EQ(same.section_ids, std::vector<content::Id>{world_id_});
  EXPECT_EQ(same.tag_names, std::vector<std::string>{"Iran"});
  EXPECT_EQ(same.featured, false) << "an edit that says featured: false changes nothing";
  auto saved = workflow_->update(editor_, post->id, post->revision, same, Intent::save, kNow);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(edit_of(*saved), same) << "saving it changes nothing";
}

TEST_F(WorkflowTest, AnHtmlEditOfAMarkdownPostIsReadAsHtml) {
  Edit markdown = edit("Written in Markdown");
  markdown.body_html = "Some *emphasis*";
  markdown.source_format = content::SourceFormat::markdown;
  const auto post = workflow_->create(editor_, markdown, Intent::save, kNow);
  ASSERT_TRUE(post.ok());
  EXPECT_NE(post->body_html.find("<em>emphasis</em>"), std::string::npos);
  Edit html = edit_of(*post);
  html.body_html = "<p>Now *HTML*</p>";
  html.source_format = content::SourceFormat::html;
  auto saved = workflow_->update(editor_, post->id, post->revision, html, Intent::save, kNow);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->body_html, "<p>Now *HTML*</p>") << "not run through Markdown again";
}

}  // namespace
}  // namespace byline::publishing

namespace byline::publishing {
namespace {

class WorkflowImportTest : public WorkflowTest {
 protected:
  ImportedPost imported(std::string id, std::string title, std::string slug, std::string digest) {
    ImportedPost item;
    item.post.title = std::move(title);
    item.post.slug = std::move(slug);
    item.post.body_source = "<p>Filed from Tehran.</p>";
    item.post.status = PostStatus::published;
    item.post.published_at = kNow - 24h * 400;
    item.post.created_at = kNow - 24h * 401;
    item.post.updated_at = kNow - 24h * 399;
    item.post.authors.push_back(author_);
    item.legacy = store::LegacyKey{"wordpress https://old.example", "post", std::move(id)};
    item.digest = std::move(digest);
    return item;
  }
  Actor importer_ = Actor::system("importer (WordPress)");
};

TEST_F(WorkflowImportTest, ABatchKeepsTheSourcesTimesAndIdsAndSaysWhoImportedIt) {
  std::vector<ImportedPost> batch;
  batch.push_back(imported("12", "Talks resume", "talks-resume", "d1"));
  batch.back().old_addresses = {"/?p=12", "/2025/10/25/talks-resume/", "/talks-resume/"};
  auto outcomes = workflow_->import_posts(importer_, std::move(batch), kNow);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().message;
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ((*outcomes)[0].result, ImportResult::created);
  const auto post = **store_->post_by_slug("talks-resume");
  EXPECT_EQ(post.published_at, kNow - 24h * 400);
  EXPECT_EQ(post.created_at, kNow - 24h * 401);
  EXPECT_EQ(post.updated_at, kNow - 24h * 399);
  EXPECT_EQ((*store_->legacy_record({"wordpress https://old.example", "post", "12"}))->local_id,
            post.id);
  EXPECT_EQ((*store_->redirect_for("/?p=12"))->post_id, post.id);
  EXPECT_EQ((*store_->redirect_for("/2025/10/25/talks-resume/"))->post_id, post.id);
  EXPECT_FALSE(store_->redirect_for("/talks-resume/")->has_value())
      << "an address never leads to itself";
  const auto audit = *store_->audit_entries(10, 0);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "importer (WordPress)");
  EXPECT_EQ(audit[0].action, "imported");
  EXPECT_EQ(audit[0].at, kNow);
}

TEST_F(WorkflowImportTest, RunningAgainUpdatesWhatChangedAndLeavesTheRestAlone) {
  std::vector<ImportedPost> first;
  first.push_back(imported("12", "Talks resume", "talks-resume", "d1"));
  first.push_back(imported("13", "Oil prices", "oil-prices", "d1"));
  ASSERT_TRUE(workflow_->import_posts(importer_, std::move(first), kNow).ok());
  const long posts = *store_->count_posts();

  std::vector<ImportedPost> second;
  second.push_back(imported("12", "Talks resume", "talks-resume", "d1"));
  second.push_back(imported("13", "Oil prices fall", "oil-prices-fall", "d2"));
  auto outcomes = workflow_->import_posts(importer_, std::move(second), kNow + 1h);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].result, ImportResult::unchanged);
  EXPECT_EQ((*outcomes)[1].result, ImportResult::updated);
  EXPECT_EQ(*store_->count_posts(), posts) << "no duplicates";
  const auto moved = **store_->post_by_slug("oil-prices-fall");
  EXPECT_EQ(moved.title, "Oil prices fall");
  EXPECT_EQ(moved.revision, 2);
  EXPECT_EQ((**store_->post_by_slug("talks-resume")).revision, 1);
  EXPECT_EQ((*store_->redirect_for("/oil-prices/"))->post_id, moved.id)
      << "the live story's old address";
}

TEST_F(WorkflowImportTest, ATakenOrReservedSlugGetsTheNextFreeOneAndARefusedPostIsSkippedAlone) {
  std::vector<ImportedPost> batch;
  batch.push_back(imported("1", "Feed", "feed", "d"));
  batch.push_back(imported("2", "Same", "same", "d"));
  batch.push_back(imported("3", "Same again", "same", "d"));
  batch.push_back(imported("4", "   ", "empty-title", "d"));
  batch.push_back(imported("5", "Long", std::string(5000, 'a'), "d"));
  auto outcomes = workflow_->import_posts(importer_, std::move(batch), kNow);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().message;
  EXPECT_EQ((*outcomes)[0].slug, "feed-2");
  EXPECT_EQ((*outcomes)[1].slug, "same");
  EXPECT_EQ((*outcomes)[2].slug, "same-2");
  EXPECT_NE((*outcomes)[2].note.find("/same-2/"), std::string::npos);
  EXPECT_EQ((*outcomes)[3].result, ImportResult::skipped);
  EXPECT_EQ((*outcomes)[3].note, "A post needs a title.");
  EXPECT_EQ((*outcomes)[4].result, ImportResult::created);
  EXPECT_LE((*outcomes)[4].slug.size(), content::kMaxSlugBytes);
  EXPECT_EQ(*store_->count_posts(), 4);
}

TEST_F(WorkflowImportTest, AnImportedPostLeavesAnEditionsAddressToTheEdition) {
  workflow_->keep_slugs_for([](std::string_view slug) { return slug == "fa"; });
  std::vector<ImportedPost> batch;
  batch.push_back(imported("1", "Farsi", "fa", "d"));
  auto outcomes = workflow_->import_posts(importer_, std::move(batch), kNow);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().message;
  EXPECT_EQ((*outcomes)[0].slug, "fa-2");
}

TEST_F(WorkflowImportTest, ABatchCheckedWhileTheOneBeforeIsUnwrittenTakesNoneOfItsSlugs) {
  std::vector<ImportedPost> first;
  first.push_back(imported("1", "Same", "same", "d"));
  auto in_flight = workflow_->prepare_import(importer_, std::move(first), kNow);
  ASSERT_TRUE(in_flight.ok()) << in_flight.error().message;
  EXPECT_EQ(in_flight->slugs.count("same"), 1u);
  EXPECT_EQ(*store_->count_posts(), 0) << "prepared, not written";

  std::vector<ImportedPost> second;
  second.push_back(imported("2", "Same again", "same", "d"));
  auto next = workflow_->prepare_import(importer_, std::move(second), kNow, in_flight->slugs);
  ASSERT_TRUE(next.ok()) << next.error().message;

  auto written = workflow_->write_import(std::move(*in_flight));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ((*written)[0].slug, "same");
  auto then = workflow_->write_import(std::move(*next));
  ASSERT_TRUE(then.ok()) << then.error().message;
  EXPECT_EQ((*then)[0].slug, "same-2");
  EXPECT_EQ((**store_->post_by_slug("same-2")).title, "Same again");
  EXPECT_EQ(*store_->count_posts(), 2);
}

}  // namespace
}  // namespace byline::publishing
