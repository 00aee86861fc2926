// The publishing workflow: every change to a post made in the newsroom goes
// through here, so the rules hold whichever page or API asked.
#pragma once

#include "common/result.hpp"
#include "content/model.hpp"
#include "store/store.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace byline::publishing {

class Changes;

// The post as its writer left it in the editor.
struct Edit {
  content::PostType type = content::PostType::article;
  std::string title;
  std::string slug;       // "": made from the title (a new post) or kept (an existing one)
  std::string body_html;  // what the writer wrote, in `source_format`
  content::SourceFormat source_format = content::SourceFormat::html;
  std::string custom_excerpt;
  std::vector<content::Id> author_ids;   // byline order; empty: the writer
  std::vector<content::Id> section_ids;  // first is the primary section
  std::vector<std::string> tag_names;    // new names become tags, for editors
  std::optional<Time> publish_at;        // when scheduling, or a past time publishing backdates to
  std::string featured_image;
  std::string featured_image_alt;
  std::string featured_image_caption;
  std::string seo_title;
  std::string seo_description;
  std::optional<bool> featured;  // nullopt: leave as it is
  // The post's language tag, "" for the site's; nullopt: leave as it is.
  std::optional<std::string> locale;
  // The slug of the original this post translates, "" for none; nullopt:
  // leave as it is.
  std::optional<std::string> translation_of;

  bool operator==(const Edit&) const = default;
};

// The edit that would leave `post` as it is: a start for changing some of it.
Edit edit_of(const content::Post& post);

// Who makes a change, as the audit log names them: a person (checked
// against their role) and the network address they came from, if any.
struct Actor {
  Actor(const content::User& person, std::string from = "")
      : user(person), address(std::move(from)) {}
  // Byline itself at work, named as the audit log shows it ("importer
  // (WordPress)"); not a person, so no role limits it.
  static Actor system(std::string name) {
    content::User nobody;
    nobody.name = std::move(name);
    nobody.role = content::Role::admin;
    return Actor(nobody);
  }
  // An API key at work, as the integration it stands for: an editor's
  // powers (it writes, publishes and deletes anyone's posts, and makes
  // tags), named in the audit log as the key is in the newsroom.
  static Actor integration(const store::ApiKey& key, std::string from) {
    content::User integration;
    integration.name = "API key \u201C" + key.name + "\u201D";
    integration.role = content::Role::editor;
    Actor actor(integration, std::move(from));
    // Revisions name people; the audit log is where a key's edits show.
    actor.audits_every_save = true;
    return actor;
  }
  content::User user;
  std::string address;
  // Whether a plain save of an existing post gets an audit line too
  // ("edited"); a person's autosaves do not, their revisions say enough.
  bool audits_every_save = false;
};

// A post as an import brings it: its content, status and times as the
// source had them, its people and terms already resolved to local ids
// (tags with id 0 are made with it).
struct ImportedPost {
  content::Post post;  // id and revision are the Workflow's to set
  store::LegacyKey legacy;
  std::string digest;  // of the source's item: equal to last time means unchanged
  std::vector<std::string> old_addresses;  // canonical addresses that must lead to it
  content::Id preferred_id = 0;            // the source's number, kept if free (PostWrite)
};

enum class ImportResult { created, updated, unchanged, skipped };

struct ImportOutcome {
  ImportResult result = ImportResult::skipped;
  content::Id id = 0;
  std::string slug;
  std::string note;   // why it was skipped, or what was changed on the way in
  int redirects = 0;  // old addresses that now lead to it
};

// A batch of imported posts checked and ready to write: prepare_import's
// work, which write_import finishes.
struct PreparedImport {
  std::vector<ImportOutcome> outcomes;  // as they will be once written
  std::vector<store::PostWrite> writes;
  std::vector<std::size_t> written;                  // the outcome each write is
  std::vector<std::optional<content::Post>> before;  // each write's post as it was
  std::set<std::string, std::less<>> slugs;          // the slugs the batch takes
};

// What the writer asked for with their save.
enum class Intent { save, submit, publish, schedule, unpublish };

std::optional<Intent> intent_from_string(std::string_view text);

class Workflow {
 public:
  // Every save readers could see is told to `changes` (nullptr: nobody).
  explicit Workflow(std::shared_ptr<store::Store> store,
                    std::shared_ptr<const Changes> changes = nullptr);

  // Slugs the site gives to something other than a post, asked of each
  // slug a post would take: an edition's code, whose address ("/fa/") is
  // the edition's front page. A chosen slug that is taken so is refused; a
  // generated one moves on to the next free one.
  void keep_slugs_for(std::function<bool(std::string_view)> is_kept);

  // Rule: each of these is one write. The post, its revision, the tags it
  // brings in, the redirect a slug change leaves and the audit line (for
  // anything but a plain save of an existing post) commit together or not
  // at all; readers' caches hear of it only after.

  // Starts a post as `actor`: a draft, or straight to review, scheduled or
  // published when the actor may.
  Result<content::Post> create(const Actor& actor, Edit edit, Intent intent, Time now);

  // Saves post `id`, which the writer opened at `base_revision`. Refused with
  // `conflict` when someone saved since, with `forbidden` when the actor may
  // not make this change.
  Result<content::Post> update(const Actor& actor, content::Id id, int base_revision, Edit edit,
                               Intent intent, Time now);

  // Makes revision `number` the post's content again (a new revision, so
  // nothing is lost); the status stays.
  Result<content::Post> restore(const Actor& actor, content::Id id, int base_revision, int number,
                                Time now);

  // Deletes post `id` for good, with its revisions and redirects, if
  // `actor` may (editors and admins), with an audit line; `not_found` when
  // there is no such post. Readers' caches hear of it as an unpublish.
  Result<void> remove(const Actor& actor, content::Id id, Time now);

  // Publishes the scheduled posts whose time has come, as "scheduler" in
  // the audit log; returns their ids.
  Result<std::vector<content::Id>> publish_due(Time now);

  // Brings in one batch of imported posts, in one transaction: each is
  // made, or updated when an earlier run made it (by its legacy key), or
  // left alone when its digest says nothing changed. A post the rules
  // refuse (a body too long, no title) is skipped with the reason, and the
  // rest go in. Times are the source's; the audit log names `actor` at
  // `now`. A slug another post has (or Byline keeps for itself) gets "-2".
  // With `dry_run` every post is checked as it would be written, and
  // nothing is. Imports raise no webhook events: an archive moving in is
  // not news.
  Result<std::vector<ImportOutcome>> import_posts(const Actor& actor,
                                                  std::vector<ImportedPost> batch, Time now,
                                                  bool dry_run = false);

  // import_posts in two halves, so that one batch is checked while the one
  // before is written. `slugs_in_flight`: the slugs of a batch prepared but
  // not yet written, which this one must not take.
  Result<PreparedImport> prepare_import(
      const Actor& actor, std::vector<ImportedPost> batch, Time now,
      const std::set<std::string, std::less<>>& slugs_in_flight = {});
  Result<std::vector<ImportOutcome>> write_import(PreparedImport prepared);

 private:
  // update() with the audit line's action chosen by the caller (nullopt: none).
  Result<content::Post> save_existing(const Actor& actor, content::Id id, int base_revision,
                                      Edit edit, Intent intent, Time now,
                                      std::optional<std::string> action);
  Result<content::Post> apply(const content::User& actor, content::Post post, Edit edit,
                              Intent intent, Time now, bool is_new);
  Result<void> resolve_people_and_terms(const content::User& actor, content::Post& post,
                                        const Edit& edit);
  Result<void> resolve_language(content::Post& post, const Edit& edit);
  Result<std::string> free_slug(std::string_view wanted, content::Id post_id, bool generated);

  // Tells the caches of the save, and the webhooks of the `events` it queued.
  void tell(const content::Post* before, const content::Post& after,
            const std::vector<std::string>& events = {}) const;

  std::shared_ptr<store::Store> store_;
  std::shared_ptr<const Changes> changes_;
  std::function<bool(std::string_view)> is_kept_ = [](std::string_view) { return false; };
};

}  // namespace byline::publishing
