// The Workflow's import entry point: batches of posts from another
// platform, with the source's times and ids, in one transaction each.
#include "publishing/workflow.hpp"

#include "content/post_rules.hpp"
#include "content/search_text.hpp"
#include "content/slug.hpp"
#include "publishing/changes.hpp"
#include "store/store.hpp"

#include "common/cpus.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

namespace byline::publishing {
namespace {

using content::Post;

// The slug a post asks for, in the form Byline's slugs take: WordPress's
// are percent-decoded already, but may be long or hold other characters.
std::string wanted_slug(const Post& post) {
  if (content::is_valid_slug(post.slug)) return post.slug;
  std::string made = content::make_slug(post.slug.empty() ? post.title : post.slug);
  if (made.empty()) made = content::make_slug(post.title);
  return made.empty() ? "post" : made;
}

store::AuditEntry imported_entry(const Actor& actor, std::string_view action,
                                 std::string_view title, Time now) {
  store::AuditEntry entry;
  entry.at = now;
  entry.actor_id = actor.user.id;
  entry.actor = actor.user.email.empty() ? actor.user.name : actor.user.email;
  entry.action = std::string(action);
  entry.subject = std::string(title.substr(0, 300));
  entry.address = actor.address;
  return entry;
}

}  // namespace

Result<std::vector<ImportOutcome>> Workflow::import_posts(const Actor& actor,
                                                          std::vector<ImportedPost> batch, Time now,
                                                          bool dry_run) {
  auto prepared = prepare_import(actor, std::move(batch), now);
  BYLINE_TRY(prepared);
  if (dry_run) return std::move(prepared->outcomes);
  return write_import(std::move(*prepared));
}

Result<PreparedImport> Workflow::prepare_import(
    const Actor& actor, std::vector<ImportedPost> batch, Time now,
    const std::set<std::string, std::less<>>& slugs_in_flight) {
  PreparedImport prepared_import;
  std::vector<ImportOutcome>& outcomes = prepared_import.outcomes;
  outcomes.resize(batch.size());
  std::vector<std::optional<Post>> before(batch.size());
  std::vector<std::size_t> pending;  // which of `batch` are to be written
  std::set<std::string, std::less<>>& claimed =
      prepared_import.slugs;  // slugs this batch gives out

  // First, in order: what each was made as before, and the slug it gets.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    ImportedPost& item = batch[i];
    ImportOutcome& outcome = outcomes[i];
    Post& post = item.post;

    auto record = store_->legacy_record(item.legacy);
    BYLINE_TRY(record);
    std::optional<Post> stored;
    if (*record) {
      auto found = store_->post_by_id((*record)->local_id);
      BYLINE_TRY(found);
      stored = std::move(*found);  // gone when someone deleted it since: made again
    }
    if (stored && (*record)->digest == item.digest) {
      outcome = ImportOutcome{ImportResult::unchanged, stored->id, stored->slug, ""};
      claimed.insert(stored->slug);
      continue;
    }
    post.id = stored ? stored->id : 0;
    post.revision = stored ? stored->revision : 0;

    // The source's slug where it is free; otherwise the first free one after it.
    const std::string wanted = wanted_slug(post);
    std::string slug;
    for (int suffix = 1; suffix < 100 && slug.empty(); ++suffix) {
      std::string candidate = suffix == 1 ? wanted : wanted + "-" + std::to_string(suffix);
      if (content::is_reserved_slug(candidate) || is_kept_(candidate) || claimed.count(candidate) ||
          slugs_in_flight.count(candidate)) {
        continue;
      }
      auto taken = store_->post_by_slug(candidate);
      BYLINE_TRY(taken);
      if (*taken && (*taken)->id != post.id) continue;
      slug = std::move(candidate);
    }
    if (slug.empty()) {
      outcome =
          ImportOutcome{ImportResult::skipped, 0, "", "no free address near /" + wanted + "/"};
      continue;
    }
    if (slug != post.slug && !post.slug.empty()) outcome.note = "its address is now /" + slug + "/";
    post.slug = slug;
    claimed.insert(slug);
    outcome.result = stored ? ImportResult::updated : ImportResult::created;
    before[i] = std::move(stored);
    pending.push_back(i);
  }

  // Then the rules every post meets, on every core: sanitising the bodies
  // is most of an import's work, and each post's is its own.
  std::vector<std::optional<Result<Post>>> prepared(batch.size());
  std::vector<std::optional<std::pair<std::string, std::string>>> search_texts(batch.size());
  {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t n = next++; n < pending.size(); n = next++) {
        const std::size_t i = pending[n];
        Post& post = batch[i].post;
        // The source's times kept: the last change as the source knew it,
        // and when it was first written.
        const Time created = post.created_at;
        const Time updated = post.updated_at == Time{} ? now : post.updated_at;
        auto ready = content::prepare_post(std::move(post), updated);
        if (ready && created != Time{}) ready->created_at = created;
        if (ready && ready->status == content::PostStatus::published &&
            ready->type == content::PostType::article) {
          search_texts[i].emplace(content::normalize_for_search(ready->title),
                                  content::normalize_for_search(ready->plaintext));
        }
        prepared[i] = std::move(ready);
      }
    };
    const std::size_t helpers = std::min<std::size_t>(
        static_cast<std::size_t>(std::max(1, available_cpus())) - 1, pending.size() / 16);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();
  }

  // Last, in order again: the writes, for one transaction.
  for (const std::size_t i : pending) {
    ImportOutcome& outcome = outcomes[i];
    Result<Post>& ready = *prepared[i];
    if (!ready) {
      outcome = ImportOutcome{ImportResult::skipped, 0, "", ready.error().message};
      continue;
    }
    const std::optional<Post>& stored = before[i];
    store::PostWrite write;
    write.post = std::move(*ready);
    write.redirects_from = std::move(batch[i].old_addresses);
    // Rule: a live story that moves keeps its old address working.
    if (stored && stored->status == content::PostStatus::published &&
        stored->slug != write.post.slug) {
      write.redirects_from.push_back("/" + stored->slug + "/");
    }
    // An address never leads to itself.
    const std::string own = "/" + write.post.slug + "/";
    std::erase(write.redirects_from, own);
    write.audit = imported_entry(actor, stored ? "updated from an import" : "imported",
                                 write.post.title, now);
    write.legacy = batch[i].legacy;
    write.legacy_digest = batch[i].digest;
    write.preferred_id = batch[i].preferred_id;
    write.search_text = std::move(search_texts[i]);
    outcome.redirects = static_cast<int>(write.redirects_from.size());
    prepared_import.writes.push_back(std::move(write));
    prepared_import.written.push_back(i);
    prepared_import.before.push_back(std::move(before[i]));
  }
  return prepared_import;
}

Result<std::vector<ImportOutcome>> Workflow::write_import(PreparedImport prepared) {
  std::vector<ImportOutcome>& outcomes = prepared.outcomes;
  if (prepared.writes.empty()) return std::move(outcomes);
  auto saved = store_->save_posts(prepared.writes);
  BYLINE_TRY(saved);
  for (std::size_t w = 0; w < prepared.writes.size(); ++w) {
    const std::size_t i = prepared.written[w];
    Post& post = prepared.writes[w].post;
    post.id = (*saved)[w].id;
    post.revision = (*saved)[w].revision;
    post.tags = std::move((*saved)[w].tags);
    outcomes[i].id = post.id;
    outcomes[i].slug = post.slug;
    tell(prepared.before[w] ? &*prepared.before[w] : nullptr, post);
  }
  return std::move(outcomes);
}

}  // namespace byline::publishing
