// The SQLite backend of the Store: one file, WAL, one writer and a pool of
// readers so that page views never wait behind a write.
#pragma once

#include "store/store.hpp"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace byline::store::sqlite {

class Checkpointer;
class Connection;

class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path` and applies pending migrations.
  // `readers` is how many read connections to keep (one per I/O thread).
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& path, int readers);
  ~SqliteStore() override;

  Result<std::optional<content::Post>> post_by_slug(std::string_view slug) override;
  Result<std::optional<content::Post>> post_by_id(Id id) override;
  Result<std::vector<content::Revision>> revisions(Id post_id) override;
  Result<std::optional<content::Revision>> revision(Id post_id, int number) override;
  Result<std::optional<Redirect>> redirect_for(std::string_view address) override;
  Result<void> add_redirect(const Redirect& redirect) override;
  Result<void> add_redirects(const std::vector<Redirect>& redirects) override;
  Result<PostPage> published_posts(const PostQuery& query) override;
  Result<std::vector<content::Post>> published_translations(const content::Post& post,
                                                            Time now) override;
  Result<long> count_translations(Id original) override;
  Result<PostPage> list_posts(const PostFilter& filter) override;
  Result<long> count_published(content::PostType type, Time now) override;
  Result<void> visit_published_entries(
      content::PostType type, Time now, Time since, EntryOrder order, int offset, int limit,
      const std::function<void(const SitemapEntry&)>& visit) override;
  Result<std::vector<content::User>> published_authors(Time now) override;
  Result<PublishedCounts> published_counts(content::PostType type, Time now) override;
  Result<SearchPage> search(std::string_view typed, Time now, int limit, int offset) override;
  Result<std::optional<content::User>> user_by_slug(std::string_view slug) override;
  Result<std::optional<content::User>> user_by_email(std::string_view email) override;
  Result<std::optional<content::User>> user_by_id(Id id) override;
  Result<std::vector<content::User>> users() override;
  Result<long> count_users_with_role(content::Role role) override;
  Result<std::string> password_hash(Id user_id) override;
  Result<std::optional<Session>> session_by_digest(std::string_view token_digest) override;
  Result<std::optional<content::Section>> section_by_slug(std::string_view slug) override;
  Result<std::optional<content::Tag>> tag_by_slug(std::string_view slug) override;
  Result<std::vector<content::Section>> sections() override;
  Result<std::vector<content::Tag>> tags() override;
  Result<std::optional<std::string>> setting(std::string_view key) override;
  Result<long> count_posts() override;

  Result<Id> create_user(const content::User& user, std::string_view password_hash) override;
  Result<void> set_role(Id user_id, content::Role role) override;
  Result<void> set_password_hash(Id user_id, std::string_view password_hash) override;
  Result<void> create_session(const Session& session) override;
  Result<void> delete_session(std::string_view token_digest) override;
  Result<void> delete_sessions_of_user(Id user_id, std::string_view keep) override;
  Result<Id> create_section(const content::Section& section) override;
  Result<Id> create_tag(const content::Tag& tag) override;
  Result<void> update_section(const content::Section& section) override;
  Result<void> update_tag(const content::Tag& tag) override;
  Result<Id> create_post(const content::Post& post, Id saved_by) override;
  Result<int> update_post(const content::Post& post, Id saved_by) override;
  Result<std::vector<Id>> publish_due_posts(Time now, std::string_view actor) override;
  Result<SavedPost> save_post(const PostWrite& write) override;
  Result<std::vector<SavedPost>> save_posts(const std::vector<PostWrite>& writes) override;
  Result<bool> delete_post(Id id, const AuditEntry& audit, std::string_view event) override;
  Result<std::optional<LegacyRecord>> legacy_record(const LegacyKey& key) override;
  Result<std::vector<Id>> import_users(const std::vector<ImportedUser>& users) override;
  Result<std::vector<Id>> import_sections(const std::vector<ImportedSection>& sections) override;
  Result<std::vector<Id>> import_tags(const std::vector<ImportedTag>& tags) override;
  Result<Id> import_media(const content::Media& media, const LegacyKey& legacy,
                          Id preferred_id) override;
  Result<void> put_setting(std::string_view key, std::string_view value) override;
  Result<void> put_settings(
      const std::vector<std::pair<std::string, std::string>>& values) override;
  Result<Id> create_media(const content::Media& media) override;
  Result<void> record_audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> audit_entries(int limit, int offset) override;
  Result<std::vector<content::Media>> media(int limit, int offset) override;
  Result<std::optional<content::Media>> media_by_id(Id id) override;
  Result<std::vector<content::Media>> media_by_paths(
      const std::vector<std::string>& paths) override;
  Result<PublicMediaPage> public_media(const PublicMediaQuery& query) override;
  // api_keys.cpp
  Result<Id> create_api_key(const ApiKey& key) override;
  Result<std::vector<ApiKey>> api_keys() override;
  Result<std::optional<ApiKey>> api_key_by_lookup(std::string_view lookup) override;
  Result<bool> revoke_api_key(Id id, Time at) override;

  // webhooks.cpp
  Result<Id> create_webhook(const Webhook& webhook) override;
  Result<std::vector<Webhook>> webhooks() override;
  Result<bool> delete_webhook(Id id) override;
  Result<std::vector<WebhookDelivery>> due_webhook_deliveries(Time now, Time unmade_before,
                                                              int limit) override;
  Result<std::vector<WebhookDelivery>> recent_webhook_deliveries(int limit) override;
  Result<void> set_webhook_payloads(Id post_id, int revision, std::string_view event,
                                    std::string_view payload) override;
  Result<std::string> set_webhook_payload(Id delivery_id, std::string_view payload) override;
  Result<bool> claim_webhook_delivery(Id delivery_id, Time now, Time until) override;
  Result<void> record_webhook_attempt(Id delivery_id, const DeliveryAttempt& attempt) override;
  Result<long> prune_webhook_deliveries(Time before) override;

 private:
  class ReadLease;
  SqliteStore() = default;
  // Rebuilds the search index when it does not hold every post (after the
  // migration that created it, or a restore from an older backup).
  Result<void> rebuild_search_index_if_behind();
  ReadLease read();

  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Checkpointer> checkpointer_;  // after writer_: gone before it

  std::mutex readers_mutex_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace byline::store::sqlite
