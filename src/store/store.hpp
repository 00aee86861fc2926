// The Store: everything Byline keeps, behind one interface. SQLite is the
// default backend (store/sqlite/); pages and services only ever see this.
#pragma once

#include "common/result.hpp"
#include "content/model.hpp"
#include "store/post_query.hpp"
#include "store/webhooks.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace byline::store {

using content::Id;
using content::Time;

// Which posts of any status the newsroom lists, most recently changed first.
struct PostFilter {
  std::optional<content::PostType> type;  // nullopt: articles and pages
  std::optional<content::PostStatus> status;
  std::optional<Id> author_id;
  std::optional<Id> section_id;
  std::string title_contains;  // "": any title
  // When set, posts that are not published are listed only when this
  // person is in their byline (what contributors and authors may see).
  std::optional<Id> unpublished_only_by;
  int limit = 50;
  int offset = 0;
  bool count_total = false;  // PostPage::total, at the cost of a count
};

enum class EntryOrder { oldest_first, newest_first };

// What a sitemap needs of a published post.
struct SitemapEntry {
  std::string slug;
  std::string title;
  std::string locale;  // "": the site's
  Time published{};
  Time updated{};
};

// A search result: the post and a snippet of its text, with the matches
// between \x01 and \x02 (the page turns them into <mark>, after escaping).
struct SearchHit {
  content::Post post;
  std::string snippet;
};

struct SearchPage {
  std::vector<SearchHit> hits;
  bool has_more = false;
};

// One page of a listing. `has_more` says whether a next page exists, which
// costs one extra row rather than a COUNT over the whole table; `total`
// is there when the query asked for it (count_total).
struct PostPage {
  std::vector<content::Post> posts;
  bool has_more = false;
  std::optional<long> total;
};

struct PublishedCounts {
  std::vector<std::pair<Id, long>> by_tag;     // tag id, posts
  std::vector<std::pair<Id, long>> by_author;  // user id, posts
};

// An image readers may see: one that a published post features, with the
// first such post (the APIs' attachment and its parent). Images uploaded
// for drafts stay out until their story is out.
struct PublicMedia {
  content::Media media;
  Id post_id = 0;
  std::string alt;      // that post's alt text for it, else the upload's
  std::string caption;  // that post's caption for it
};

struct PublicMediaQuery {
  std::vector<Id> include;  // only these uploads; empty: any
  std::vector<Id> exclude;
  // Only images these posts feature, each then with the first of them as
  // its post; empty: any.
  std::vector<Id> featured_by;
  std::string alt_contains;  // only images whose alt text holds this (Latin letters in any case)
  Time now{};
  bool oldest_first = false;  // by upload time; newest first otherwise
  int limit = 10;
  int offset = 0;
};

struct PublicMediaPage {
  std::vector<PublicMedia> items;
  long total = 0;  // over every page
};

// A signed-in staff member's session. The Store keeps the digest of the
// cookie's token, never the token.
struct Session {
  std::string token_digest;
  Id user_id = 0;
  std::string csrf_token;
  Time created_at{};
  Time expires_at{};
  std::string address;
  std::string user_agent;
};

// A key for the APIs (accounts/api_keys.hpp makes and checks them).
enum class ApiKeyKind { content, admin };
struct ApiKey {
  Id id = 0;
  ApiKeyKind kind = ApiKeyKind::content;
  std::string name;    // what it is for: "Mobile app"
  std::string lookup;  // a content key's digest, an admin key's public id
  std::string secret;  // an admin key's signing secret; "" for content keys
  std::string hint;    // the key's first characters, to tell keys apart
  Time created_at{};
  Id created_by = 0;  // 0: made on the command line
  std::optional<Time> revoked_at;
};

// One line of the audit log: who did what to what, from where.
struct AuditEntry {
  Id id = 0;
  Time at{};
  Id actor_id = 0;      // 0: not a signed-in person
  std::string actor;    // email, or "command line", "scheduler"
  std::string action;   // "signed in", "published", "changed role", ...
  std::string subject;  // what it was done to: a post's title, a person's email
  std::string address;  // network address, when there is one
};

// Where an old address leads now: to a post, wherever it has moved since,
// or to a fixed path. Addresses are compared in http::canonical_address
// form: "/old-slug/", "/?p=12", "/2019/05/04/story/".
struct Redirect {
  std::string address;
  Id post_id = 0;        // leads to this post's page
  std::string location;  // or, when post_id is 0, to this path ("/section/world/")
};

// Where something came from when an import brought it: WordPress's post
// 12 of https://old.example is {"wordpress https://old.example", "post",
// "12"}. Running the import again finds what it made by this key.
struct LegacyKey {
  std::string source;
  std::string kind;  // "post", "user", "section", "tag", "media"
  std::string id;
};

struct LegacyRecord {
  Id local_id = 0;
  std::string digest;  // of what the source said last time: equal means unchanged
};

// People, sections and tags as an import brings them. Each is matched by
// its key first, then by its natural key (a person's email, a term's
// slug), and made only when neither finds it. A new one is given
// `preferred_id` when nobody of its kind has it (WordPress's own numbers,
// so that API clients' stored ids still name the same author or term);
// 0, or an id in use, gives the next free one.
struct ImportedUser {
  content::User user;  // made without a password: they set one before signing in
  LegacyKey legacy;
  Id preferred_id = 0;
};
struct ImportedSection {
  content::Section section;  // parent_id is ignored: `parent` names it
  LegacyKey legacy;
  std::optional<LegacyKey> parent;  // imported before it, or already there
  Id preferred_id = 0;
};
struct ImportedTag {
  content::Tag tag;
  LegacyKey legacy;
  Id preferred_id = 0;
};

// One write of a post, committed whole or not at all: the post with its
// revision, the tags it brings in, the redirect a slug change leaves and
// the audit line that says who did it. A crash at any moment keeps all of
// it or none.
struct PostWrite {
  // id 0: a new post. Otherwise `revision` is the one the writer started
  // from, and the save is refused (conflict) when someone saved since.
  content::Post post;
  Id saved_by = 0;
  // Tags in post.tags with id 0 are created with the post.
  std::vector<std::string> redirects_from;  // old addresses that must lead here now
  std::optional<AuditEntry> audit;
  // An imported post: where it came from, recorded with it.
  std::optional<LegacyKey> legacy;
  std::string legacy_digest;
  // For a new post: the id to give it if no post has ever had it (an
  // import from WordPress keeps WordPress's numbers, so that API clients'
  // stored ids still name the same story); 0, or an id once used, gives
  // the next free one.
  Id preferred_id = 0;
  // The post's title and text as content::normalize_for_search makes them,
  // when the writer made them already (an import does, on every core, so
  // that the one writer does not); nullopt: the Store makes them.
  std::optional<std::pair<std::string, std::string>> search_text;
  // The webhook events the write raises (content/post_events.hpp): each
  // queues a delivery for every webhook that waits for it, in the same
  // transaction, dated the post's updated_at.
  std::vector<std::string> events;
};

struct SavedPost {
  Id id = 0;
  int revision = 0;
  std::vector<content::Tag> tags;  // the post's tags, new ones with their ids
};

class Store {
 public:
  virtual ~Store() = default;

  // Reads. "Not there" is an empty optional, not an error.
  virtual Result<std::optional<content::Post>> post_by_slug(std::string_view slug) = 0;
  virtual Result<std::optional<content::Post>> post_by_id(Id id) = 0;
  // A post's revisions, newest first (without their bodies' text).
  virtual Result<std::vector<content::Revision>> revisions(Id post_id) = 0;
  virtual Result<std::optional<content::Revision>> revision(Id post_id, int number) = 0;
  // Where an old address (in canonical_address form) leads, if anywhere.
  virtual Result<std::optional<Redirect>> redirect_for(std::string_view address) = 0;
  // What readers may see of the posts `query` asks for (post_query.hpp); a
  // query beyond its bounds is invalid_input.
  virtual Result<PostPage> published_posts(const PostQuery& query) = 0;
  virtual Result<PostPage> list_posts(const PostFilter& filter) = 0;
  // The rest of `post`'s translation group that readers may see: the
  // original it translates and the original's other translations, ordered
  // by language (without their text or relations).
  virtual Result<std::vector<content::Post>> published_translations(const content::Post& post,
                                                                    Time now) = 0;
  // How many posts of any status name `original` as the post they translate.
  virtual Result<long> count_translations(Id original) = 0;
  // Published posts of `type` out by `now`, published at or after `since`,
  // oldest first (so a sitemap page keeps its posts as new ones arrive) or
  // newest first (for the news sitemap, which wants the latest).
  virtual Result<long> count_published(content::PostType type, Time now) = 0;
  // Each is handed to `visit` as it is read, so a sitemap of 50,000 posts
  // never holds them all.
  virtual Result<void> visit_published_entries(
      content::PostType type, Time now, Time since, EntryOrder order, int offset, int limit,
      const std::function<void(const SitemapEntry&)>& visit) = 0;
  // Published articles matching what a reader typed (any text: each backend
  // makes its own query of it, with content/search_text's rules), best
  // first: titles weigh more than text. Snippets by content::make_snippet.
  virtual Result<SearchPage> search(std::string_view typed, Time now, int limit, int offset) = 0;
  // People with at least one published post.
  virtual Result<std::vector<content::User>> published_authors(Time now) = 0;
  // How many published posts of `type` each tag and each person has by
  // `now`; only those with at least one are named.
  virtual Result<PublishedCounts> published_counts(content::PostType type, Time now) = 0;
  virtual Result<std::optional<content::User>> user_by_slug(std::string_view slug) = 0;
  virtual Result<std::optional<content::User>> user_by_email(std::string_view email) = 0;
  virtual Result<std::optional<content::User>> user_by_id(Id id) = 0;
  virtual Result<std::vector<content::User>> users() = 0;
  virtual Result<long> count_users_with_role(content::Role role) = 0;
  // The argon2id hash of the user's password; "" when none is set.
  virtual Result<std::string> password_hash(Id user_id) = 0;
  virtual Result<std::optional<Session>> session_by_digest(std::string_view token_digest) = 0;
  virtual Result<std::optional<content::Section>> section_by_slug(std::string_view slug) = 0;
  virtual Result<std::optional<content::Tag>> tag_by_slug(std::string_view slug) = 0;
  virtual Result<std::vector<content::Section>> sections() = 0;
  virtual Result<std::vector<content::Tag>> tags() = 0;
  virtual Result<std::optional<std::string>> setting(std::string_view key) = 0;
  virtual Result<long> count_posts() = 0;

  // Writes. Each is one transaction: it happened completely or not at all.
  // Fails with `conflict` when the email or the slug is taken.
  virtual Result<Id> create_user(const content::User& user, std::string_view password_hash) = 0;
  virtual Result<void> set_role(Id user_id, content::Role role) = 0;
  virtual Result<void> set_password_hash(Id user_id, std::string_view password_hash) = 0;
  virtual Result<void> create_session(const Session& session) = 0;
  virtual Result<void> delete_session(std::string_view token_digest) = 0;
  // Ends every session of the user but the one whose digest is `keep` ("" for none).
  virtual Result<void> delete_sessions_of_user(Id user_id, std::string_view keep) = 0;
  virtual Result<Id> create_section(const content::Section& section) = 0;
  virtual Result<Id> create_tag(const content::Tag& tag) = 0;
  // Change a section's or tag's name and description, and a section's
  // parent (the slug stays, so addresses keep working).
  virtual Result<void> update_section(const content::Section& section) = 0;
  virtual Result<void> update_tag(const content::Tag& tag) = 0;
  // Stores `post` with its authors, sections and tags, which must exist
  // already (their ids are used), and its first revision, saved by
  // `saved_by` (0: nobody, as for imports). Fails with `conflict` on a
  // taken slug.
  virtual Result<Id> create_post(const content::Post& post, Id saved_by = 0) = 0;
  // Replaces the post `post.id` and keeps a revision of it, in one
  // transaction, but only if its revision is still `post.revision`: when
  // someone saved in between, fails with `conflict` and changes nothing.
  // Returns the new revision number.
  virtual Result<int> update_post(const content::Post& post, Id saved_by) = 0;
  // Remembers where an old address leads; the newest word on an address wins.
  virtual Result<void> add_redirect(const Redirect& redirect) = 0;
  // Many at once, in one transaction.
  virtual Result<void> add_redirects(const std::vector<Redirect>& redirects) = 0;
  // The whole of one post write, in one transaction (see PostWrite).
  virtual Result<SavedPost> save_post(const PostWrite& write) = 0;
  // Several post writes in one transaction (an import's batch): all of
  // them or none. Returns what each saved, in order.
  virtual Result<std::vector<SavedPost>> save_posts(const std::vector<PostWrite>& writes) = 0;
  // Deletes post `id` with its revisions, relations, redirects, search
  // entry and legacy key, records `audit` and queues the webhook `event`
  // ("": none, dated audit.at), in one transaction; false when there was
  // no such post (and nothing is recorded). Translations of it stay, as
  // translations of nothing.
  virtual Result<bool> delete_post(Id id, const AuditEntry& audit, std::string_view event) = 0;

  // Imports. What an earlier import made of `key`, if anything.
  virtual Result<std::optional<LegacyRecord>> legacy_record(const LegacyKey& key) = 0;
  // Each list in one transaction; returns the local ids, in order. What is
  // found is updated with the source's name, description (a person's
  // name, bio and website; never their email, role or password), and a
  // section's parent; what is made gets a free slug (the one asked for, or
  // it with "-2", "-3" ...).
  virtual Result<std::vector<Id>> import_users(const std::vector<ImportedUser>& users) = 0;
  virtual Result<std::vector<Id>> import_sections(const std::vector<ImportedSection>& sections) = 0;
  virtual Result<std::vector<Id>> import_tags(const std::vector<ImportedTag>& tags) = 0;
  // Stores an image an import brought (see create_media), with its key;
  // with id `preferred_id` when no upload has it (WordPress's attachment
  // ids), else the next free one.
  virtual Result<Id> import_media(const content::Media& media, const LegacyKey& legacy,
                                  Id preferred_id) = 0;
  // Publishes every scheduled post whose time has come, each with its audit
  // line naming `actor` and its "published" webhook event, in one
  // transaction; returns their ids.
  virtual Result<std::vector<Id>> publish_due_posts(Time now, std::string_view actor) = 0;
  virtual Result<void> put_setting(std::string_view key, std::string_view value) = 0;
  // Several settings in one transaction: every one of them or none (a
  // settings page saved whole).
  virtual Result<void> put_settings(
      const std::vector<std::pair<std::string, std::string>>& values) = 0;

  virtual Result<Id> create_media(const content::Media& media) = 0;

  virtual Result<void> record_audit(const AuditEntry& entry) = 0;
  // The audit log, newest first.
  virtual Result<std::vector<AuditEntry>> audit_entries(int limit, int offset) = 0;
  // The media library, newest first.
  virtual Result<std::vector<content::Media>> media(int limit, int offset) = 0;
  virtual Result<std::optional<content::Media>> media_by_id(Id id) = 0;
  // The uploads that any of `paths` ("2026/11/…-800.webp", under /media/)
  // is a variant of, each once; paths no upload made are passed over.
  virtual Result<std::vector<content::Media>> media_by_paths(
      const std::vector<std::string>& paths) = 0;
  // The images published posts feature (PublicMedia), as `query` asks.
  virtual Result<PublicMediaPage> public_media(const PublicMediaQuery& query) = 0;

  virtual Result<Id> create_api_key(const ApiKey& key) = 0;
  // Every key, revoked ones too, oldest first.
  virtual Result<std::vector<ApiKey>> api_keys() = 0;
  virtual Result<std::optional<ApiKey>> api_key_by_lookup(std::string_view lookup) = 0;
  // Marks key `id` revoked at `at`; false when there is no such key or it
  // was revoked already.
  virtual Result<bool> revoke_api_key(Id id, Time at) = 0;

  // Webhooks (store/webhooks.hpp), oldest first.
  virtual Result<Id> create_webhook(const Webhook& webhook) = 0;
  virtual Result<std::vector<Webhook>> webhooks() = 0;
  // Deletes webhook `id` and its deliveries; false when there is none.
  virtual Result<bool> delete_webhook(Id id) = 0;
  // Deliveries whose next attempt is due by `now`, oldest first: those with
  // a payload, and those left without one since before `unmade_before`
  // (their write's process stopped before it made it).
  virtual Result<std::vector<WebhookDelivery>> due_webhook_deliveries(Time now, Time unmade_before,
                                                                      int limit) = 0;
  // The newest deliveries, finished or not, for the newsroom.
  virtual Result<std::vector<WebhookDelivery>> recent_webhook_deliveries(int limit) = 0;
  // Gives the deliveries of `event` about revision `revision` of post
  // `post_id` that have none their payload.
  virtual Result<void> set_webhook_payloads(Id post_id, int revision, std::string_view event,
                                            std::string_view payload) = 0;
  // Gives delivery `delivery_id` `payload` if it has none yet; returns the
  // payload it has now, whoever made it.
  virtual Result<std::string> set_webhook_payload(Id delivery_id, std::string_view payload) = 0;
  // Takes a due delivery for one attempt: its next attempt moves to `until`,
  // so that nobody else sends it meanwhile; false when it is no longer due
  // by `now`.
  virtual Result<bool> claim_webhook_delivery(Id delivery_id, Time now, Time until) = 0;
  virtual Result<void> record_webhook_attempt(Id delivery_id, const DeliveryAttempt& attempt) = 0;
  // Forgets finished deliveries made before `before`; returns how many.
  virtual Result<long> prune_webhook_deliveries(Time before) = 0;
};

}  // namespace byline::store
