// Webhooks: which addresses a delivery may reach, what each save raises,
// that deliveries are queued with the write that raised them, and that the
// dispatcher signs, retries, gives up and survives a restart. The
// dispatcher talks to a real receiver on loopback.
#include "accounts/secrets.hpp"
#include "content/post_events.hpp"
#include "publishing/changes.hpp"
#include "publishing/workflow.hpp"
#include "site/settings.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_store.hpp"
#include "webhook_receiver.hpp"
#include "webhooks/destination.hpp"
#include "webhooks/dispatcher.hpp"
#include "webhooks/payload.hpp"
#include "webhooks/registry.hpp"
#include "webhooks/signature.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>
#include <cstdlib>
#include <thread>

namespace byline::webhooks {
namespace {

using namespace std::chrono_literals;
using boost::asio::ip::make_address;
using content::PostStatus;
using testing::WebhookReceiver;

const Time kNow = Time(std::chrono::sys_days(std::chrono::December / 2 / 2026)) + 9h;

TEST(WebhookDestination, ReadsHttpAndHttpsAddressesAndRefusesTheRest) {
  auto plain = parse_destination("http://hooks.example.com:8080/in?x=1#part");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->host, "hooks.example.com");
  EXPECT_EQ(plain->port, "8080");
  EXPECT_EQ(plain->target, "/in?x=1");
  EXPECT_EQ(plain->host_header, "hooks.example.com:8080");
  auto secure = parse_destination("https://[2001:db8::1]");
  ASSERT_TRUE(secure.ok());
  EXPECT_TRUE(secure->tls);
  EXPECT_EQ(secure->host, "2001:db8::1");
  EXPECT_EQ(secure->port, "443");
  EXPECT_EQ(secure->target, "/");

  for (const char* bad :
       {"", "ftp://example.com/", "example.com/hook", "https://user:pw@example.com/",
        "https://example.com:0/", "https://example.com:65536/", "https://exa mple.com/",
        "https:///path", "https://ex\u00e4mple.com/", "https://[::1/", "http://::1/",
        "http://a:b:80/", "https://[evil.com]/", "https://fe80::1%eth0/",
        "https://[fe80::1%25eth0]/", "https://example.com\\@evil/"}) {
    EXPECT_FALSE(parse_destination(bad).ok()) << bad;
  }
  EXPECT_FALSE(parse_destination("https://example.com/" + std::string(kMaxUrlLength, 'a')).ok());
}

TEST(WebhookDestination, RefusesLoopbackPrivateAndLinkLocalAddressesUnlessAllowed) {
  struct Case {
    const char* address;
    AddressRange range;
  };
  for (const Case& c :
       {Case{"8.8.8.8", AddressRange::global},
        Case{"2606:4700::1111", AddressRange::global},
        Case{"127.0.0.1", AddressRange::loopback},
        Case{"127.8.9.10", AddressRange::loopback},
        Case{"::1", AddressRange::loopback},
        Case{"::ffff:127.0.0.1", AddressRange::loopback},
        Case{"10.1.2.3", AddressRange::private_network},
        Case{"172.31.255.1", AddressRange::private_network},
        Case{"192.168.0.10", AddressRange::private_network},
        Case{"100.64.0.1", AddressRange::private_network},
        Case{"fd12:3456::1", AddressRange::private_network},
        Case{"::ffff:10.0.0.1", AddressRange::private_network},
        Case{"2002:0a00:0001::1", AddressRange::private_network},  // 6to4 of 10.0.0.1
        Case{"169.254.10.10", AddressRange::link_local},
        Case{"169.254.169.254", AddressRange::unusable},  // cloud metadata
        Case{"fd00:ec2::254", AddressRange::unusable},
        Case{"::a00:1", AddressRange::private_network},   // IPv4-compatible
        Case{"64:ff9b::7f00:1", AddressRange::loopback},  // NAT64
        Case{"fec0::1", AddressRange::private_network},   // site-local
        Case{"2001:db8::1", AddressRange::unusable},
        Case{"100::1", AddressRange::unusable},
        Case{"fe80::1", AddressRange::link_local},
        Case{"0.0.0.0", AddressRange::unusable},
        Case{"::", AddressRange::unusable},
        Case{"224.0.0.1", AddressRange::unusable},
        Case{"255.255.255.255", AddressRange::unusable},
        Case{"ff02::1", AddressRange::unusable}}) {
    const auto address = make_address(c.address);
    EXPECT_EQ(range_of(address), c.range) << c.address;
    EXPECT_EQ(may_connect(address, false), c.range == AddressRange::global) << c.address;
    EXPECT_EQ(may_connect(address, true), c.range != AddressRange::unusable) << c.address;
  }
  // Beside the ranges refused, their neighbours are public.
  EXPECT_EQ(range_of(make_address("172.32.0.1")), AddressRange::global);
  EXPECT_EQ(range_of(make_address("11.0.0.1")), AddressRange::global);
}

TEST(WebhookSignature, IsGhostsHmacOfTheBodyAndTheMilliseconds) {
  // Worked out apart, with Python's hmac module.
  const std::string body = R"({"post":{}})";
  EXPECT_EQ(signature("s3cret", body, 1764666000123),
            "sha256=bb10c1f004e60a2b7155e0c31213959ee0fc6ebf2d9a956ebc6ad0404ebe6e6b, "
            "t=1764666000123");
  EXPECT_NE(signature("other", body, 1764666000123), signature("s3cret", body, 1764666000123));
  EXPECT_NE(signature("s3cret", body + " ", 1764666000123),
            signature("s3cret", body, 1764666000123));
}

// A TLS server with a certificate no authority signed: openssl s_server
// from Debian's openssl, on a free loopback port, until the test ends.
class UntrustedTlsServer {
 public:
  explicit UntrustedTlsServer(const std::filesystem::path& dir) {
    const auto key = dir / "key.pem";
    const auto certificate = dir / "certificate.pem";
    const std::string made =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
        " -keyout " +
        key.string() + " -out " + certificate.string() + " >/dev/null 2>&1";
    if (std::system(made.c_str()) != 0) return;
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(
        io, boost::asio::ip::tcp::endpoint(make_address("127.0.0.1"), 0));
    port_ = probe.local_endpoint().port();
    probe.close();
    pid_ = fork();
    if (pid_ == 0) {
      const std::string accept = "127.0.0.1:" + std::to_string(port_);
      execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-accept", accept.c_str(), "-cert",
             certificate.c_str(), "-key", key.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int tries = 0; tries < 100; ++tries) {
      boost::asio::ip::tcp::socket socket(io);
      boost::system::error_code error;
      socket.connect({make_address("127.0.0.1"), port_}, error);
      if (!error) return;
      std::this_thread::sleep_for(50ms);
    }
  }
  ~UntrustedTlsServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  unsigned short port() const { return port_; }

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

TEST(WebhookSender, RefusesAReceiverWhoseCertificateNoAuthoritySigned) {
  testing::TempStore dir("webhooks-tls");
  UntrustedTlsServer server(dir.dir());
  ASSERT_NE(server.port(), 0) << "openssl could not make a certificate";
  Sender sender;
  Outgoing outgoing;
  outgoing.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
  outgoing.allow_private_network = true;
  outgoing.body = "{}";
  const Answer answer = sender.send(outgoing);
  EXPECT_FALSE(answer.delivered());
  EXPECT_EQ(answer.status, 0);
  EXPECT_NE(answer.error.find("TLS with 127.0.0.1"), std::string::npos) << answer.error;
  EXPECT_NE(answer.error.find("certificate"), std::string::npos) << answer.error;
}

TEST(WebhookSender, RefusesHeadersThatWouldSplitTheRequest) {
  Sender sender;
  Outgoing outgoing;
  outgoing.url = "http://127.0.0.1:9/";
  outgoing.allow_private_network = true;
  outgoing.headers = {{"User-Agent", "Byline\r\nX-Injected: yes"}};
  EXPECT_EQ(sender.send(outgoing).error, "a header of the delivery holds a line break");
}

content::Post story(PostStatus status) {
  content::Post post;
  post.id = 7;
  post.slug = "story";
  post.title = "Story";
  post.status = status;
  post.revision = 2;
  return post;
}

TEST(PostEvents, NameWhatASaveMeansToReaders) {
  const auto draft = story(PostStatus::draft);
  const auto out = story(PostStatus::published);
  const auto down = story(PostStatus::unpublished);
  EXPECT_EQ(content::save_event(nullptr, out), content::PostEvent::published);
  EXPECT_EQ(content::save_event(&draft, out), content::PostEvent::published);
  EXPECT_EQ(content::save_event(&down, out), content::PostEvent::published);
  EXPECT_EQ(content::save_event(&out, out), content::PostEvent::published_edited);
  EXPECT_EQ(content::save_event(&out, down), content::PostEvent::unpublished);
  EXPECT_EQ(content::save_event(&draft, draft), std::nullopt);
  EXPECT_EQ(content::save_event(nullptr, draft), std::nullopt);
  EXPECT_EQ(content::event_name(content::PostType::page, content::PostEvent::published_edited),
            "page.published.edited");
  EXPECT_TRUE(content::is_webhook_event("post.deleted"));
  EXPECT_FALSE(content::is_webhook_event("post.added"));
}

api::JsonContext context() {
  return api::JsonContext{"https://news.example", render::DateFormatter("en", "UTC"), {}};
}

TEST(WebhookPayload, CarriesThePostAndWhatTheChangeAlteredWithoutStaffEmails) {
  auto before = story(PostStatus::published);
  before.published_at = kNow;
  content::User author;
  author.id = 3;
  author.name = "Ada Reporter";
  author.slug = "ada";
  author.email = "ada@news.example";
  before.authors = {author};
  auto after = before;
  after.title = "Story, updated";
  after.revision = 3;
  const auto body = boost::json::parse(payload(&before, &after, context())).as_object();
  const auto& post = body.at("post").as_object();
  EXPECT_EQ(post.at("current").at("title"), "Story, updated");
  EXPECT_EQ(post.at("current").at("status"), "published");
  EXPECT_EQ(post.at("current").at("url"), "https://news.example/story/");
  EXPECT_EQ(post.at("previous").at("title"), "Story");
  EXPECT_FALSE(post.at("previous").as_object().contains("slug"));  // unchanged
  EXPECT_EQ(payload(&before, &after, context()).find("ada@news.example"), std::string::npos);

  auto page = before;
  page.type = content::PostType::page;
  const auto gone = boost::json::parse(payload(&page, nullptr, context())).as_object();
  EXPECT_TRUE(gone.at("page").at("current").as_object().empty());
  EXPECT_EQ(gone.at("page").at("previous").at("title"), "Story");
}

// A Store with a writer and a webhook, and a Workflow whose writes queue
// deliveries.
class WebhookDeliveries : public ::testing::Test {
 protected:
  void SetUp() override {
    content::User editor;
    editor.email = "eddie@example.com";
    editor.name = "Eddie Editor";
    editor.slug = "eddie";
    editor.role = content::Role::editor;
    editor.id = *store()->create_user(editor, "");
    editor_ = editor;
    settings_ = std::make_shared<site::SettingsSource>(site::SiteSettings{});
    changes_ = std::make_shared<publishing::Changes>();
    workflow_ = std::make_unique<publishing::Workflow>(store(), changes_);
  }

  const std::shared_ptr<store::Store>& store() const { return temp_.store(); }

  store::Webhook hook(std::vector<std::string> events, bool allow_private = true) {
    auto made = add_webhook(*store(), "Desk", receiver_.url(), events, allow_private, 0, kNow);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? *made : store::Webhook{};
  }

  publishing::Edit edit(std::string title) {
    publishing::Edit e;
    e.title = std::move(title);
    e.body_html = "<p>Body</p>";
    return e;
  }

  std::vector<store::WebhookDelivery> due(Time at) {
    return *store()->due_webhook_deliveries(at, at, 100);
  }

  testing::TempStore temp_{"webhooks-test"};
  WebhookReceiver receiver_;
  content::User editor_;
  std::shared_ptr<site::SettingsSource> settings_;
  std::shared_ptr<publishing::Changes> changes_;
  std::unique_ptr<publishing::Workflow> workflow_;
};

TEST_F(WebhookDeliveries, EachWriteQueuesTheEventsItRaisesForTheWebhooksWaitingForThem) {
  hook({"post.published", "post.unpublished"});
  hook({"post.deleted"});
  const publishing::Actor actor(editor_);
  auto draft = workflow_->create(actor, edit("Quiet draft"), publishing::Intent::save, kNow);
  ASSERT_TRUE(draft.ok());
  EXPECT_TRUE(due(kNow + 1h).empty());  // a draft means nothing to readers

  auto out = workflow_->update(actor, draft->id, draft->revision, edit("Out now"),
                               publishing::Intent::publish, kNow);
  ASSERT_TRUE(out.ok());
  // Refused for its stale revision: nothing saved, nothing queued.
  EXPECT_FALSE(workflow_
                   ->update(actor, draft->id, draft->revision, edit("Stale"),
                            publishing::Intent::unpublish, kNow)
                   .ok());
  auto down = workflow_->update(actor, out->id, out->revision, edit("Out now"),
                                publishing::Intent::unpublish, kNow);
  ASSERT_TRUE(down.ok());
  ASSERT_TRUE(workflow_->remove(actor, out->id, kNow).ok());
  // A draft deleted was never out: its text goes nowhere.
  auto scrapped = workflow_->create(actor, edit("Scrapped"), publishing::Intent::save, kNow);
  ASSERT_TRUE(scrapped.ok());
  ASSERT_TRUE(workflow_->remove(actor, scrapped->id, kNow).ok());

  // No listener made the bodies (none is added here): a process that
  // stopped right after each commit; they are still queued, and due once
  // their grace has passed.
  EXPECT_TRUE(store()->due_webhook_deliveries(kNow, kNow - 30s, 100)->empty());
  const auto queued = due(kNow + 1min);
  ASSERT_EQ(queued.size(), 3u);
  EXPECT_EQ(queued[0].event, "post.published");
  EXPECT_EQ(queued[0].post_title, "Out now");
  EXPECT_EQ(queued[0].post_revision, out->revision);
  EXPECT_EQ(queued[1].event, "post.unpublished");
  EXPECT_EQ(queued[2].event, "post.deleted");
  EXPECT_EQ(queued[2].post_id, out->id);
}

TEST_F(WebhookDeliveries, ASignedDeliveryIsRetriedWithPausesUntilTheReceiverTakesIt) {
  const auto webhook = hook({"post.published"});
  Dispatcher dispatcher(store(), settings_);
  changes_->on_post_event(
      [&](std::string_view event, const content::Post* before, const content::Post* after) {
        dispatcher.post_event(event, before, after);
      });
  receiver_.answer_with({500, 503});
  auto out = workflow_->create(publishing::Actor(editor_), edit("Breaking"),
                               publishing::Intent::publish, kNow);
  ASSERT_TRUE(out.ok());

  EXPECT_EQ(dispatcher.deliver_due(kNow), 1);
  auto sent = receiver_.received();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].target, "/hook");
  EXPECT_EQ(sent[0].headers["content-type"], "application/json");
  EXPECT_EQ(sent[0].headers["byline-event"], "post.published");
  const std::string header = sent[0].headers["x-ghost-signature"];
  const std::string stamp = header.substr(header.find(", t=") + 4);
  EXPECT_EQ(header, signature(webhook.secret, sent[0].body, std::stoll(stamp)));
  EXPECT_EQ(boost::json::parse(sent[0].body).at("post").at("current").at("title"), "Breaking");

  auto listed = *store()->recent_webhook_deliveries(10);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].attempts, 1);
  EXPECT_EQ(listed[0].last_status, 500);
  EXPECT_EQ(listed[0].next_attempt_at, kNow + 1min);

  EXPECT_EQ(dispatcher.deliver_due(kNow + 59s), 0);   // not yet
  EXPECT_EQ(dispatcher.deliver_due(kNow + 1min), 1);  // 503
  EXPECT_EQ(store()->recent_webhook_deliveries(10)->front().next_attempt_at, kNow + 6min);
  EXPECT_EQ(dispatcher.deliver_due(kNow + 6min), 1);  // 200
  sent = receiver_.received();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[2].body, sent[0].body);  // the same event, byte for byte
  EXPECT_EQ(sent[2].headers["byline-delivery"], sent[0].headers["byline-delivery"]);
  listed = *store()->recent_webhook_deliveries(10);
  EXPECT_EQ(listed[0].delivered_at, kNow + 6min);
  EXPECT_EQ(listed[0].next_attempt_at, std::nullopt);
  EXPECT_EQ(dispatcher.deliver_due(kNow + 24h), 0);
}

TEST_F(WebhookDeliveries, GivesUpAfterTheLastAttempt) {
  hook({"post.published"});
  receiver_.answer_with(std::vector<int>(kMaxAttempts + 1, 500));
  ASSERT_TRUE(
      workflow_
          ->create(publishing::Actor(editor_), edit("Refused"), publishing::Intent::publish, kNow)
          .ok());
  Dispatcher dispatcher(store(), settings_);
  Time at = kNow + 1min;  // past the grace of a body never made
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    ASSERT_EQ(dispatcher.deliver_due(at), 1) << attempt;
    if (attempt < kMaxAttempts) at += kRetryPauses[attempt - 1];
  }
  const auto last = store()->recent_webhook_deliveries(1)->front();
  EXPECT_EQ(last.attempts, kMaxAttempts);
  EXPECT_EQ(last.next_attempt_at, std::nullopt);
  EXPECT_NE(last.last_error.find("gave up"), std::string::npos);
  EXPECT_EQ(dispatcher.deliver_due(at + 48h), 0);
  EXPECT_EQ(receiver_.received().size(), static_cast<std::size_t>(kMaxAttempts));
}

TEST_F(WebhookDeliveries, LoopbackIsRefusedUnlessAnAdminAllowedIt) {
  EXPECT_FALSE(
      add_webhook(*store(), "Local", receiver_.url(), {"post.published"}, false, 0, kNow).ok());
  EXPECT_FALSE(add_webhook(*store(), "Metadata", "http://169.254.169.254/latest/",
                           {"post.published"}, false, 0, kNow)
                   .ok());
  EXPECT_FALSE(
      add_webhook(*store(), "None", "https://hooks.example.com/", {}, false, 0, kNow).ok());
  EXPECT_FALSE(
      add_webhook(*store(), "Odd", "https://hooks.example.com/", {"post.added"}, false, 0, kNow)
          .ok());
  // A name is judged by what it resolves to, at each delivery.
  auto named =
      add_webhook(*store(), "Named", "http://localhost:" + std::to_string(receiver_.port()),
                  {"post.published"}, false, 0, kNow);
  ASSERT_TRUE(named.ok());
  ASSERT_TRUE(workflow_
                  ->create(publishing::Actor(editor_), edit("Local news"),
                           publishing::Intent::publish, kNow)
                  .ok());
  Dispatcher dispatcher(store(), settings_);
  EXPECT_EQ(dispatcher.deliver_due(kNow + 1min), 1);
  EXPECT_TRUE(receiver_.received().empty());
  const auto refused = store()->recent_webhook_deliveries(1)->front();
  EXPECT_EQ(refused.last_status, 0);
  EXPECT_NE(refused.last_error.find("loopback"), std::string::npos) << refused.last_error;

  hook({"post.published"}, true);
  ASSERT_TRUE(
      workflow_
          ->create(publishing::Actor(editor_), edit("Allowed"), publishing::Intent::publish, kNow)
          .ok());
  // Due now: the refused delivery's retry, refused again, and the new
  // story's two, of which only the allowed webhook's arrives.
  EXPECT_EQ(dispatcher.deliver_due(kNow + 2min), 3);
  EXPECT_EQ(receiver_.received().size(), 1u);
}

TEST_F(WebhookDeliveries, WhatWasQueuedBeforeARestartIsSentAfterIt) {
  hook({"post.published"});
  auto out = workflow_->create(publishing::Actor(editor_), edit("Before the restart"),
                               publishing::Intent::publish, kNow);
  ASSERT_TRUE(out.ok());
  workflow_.reset();
  changes_.reset();
  temp_.close();

  auto reopened = store::sqlite::SqliteStore::open(temp_.dir() / "byline.db", 1);
  ASSERT_TRUE(reopened.ok());
  std::shared_ptr<store::Store> again = std::move(*reopened);
  Dispatcher dispatcher(again, settings_);
  EXPECT_EQ(dispatcher.deliver_due(kNow + 1min), 1);
  const auto sent = receiver_.wait_for(1);
  ASSERT_EQ(sent.size(), 1u);
  // Its body was never made before the stop: it is made from the stored post.
  EXPECT_EQ(boost::json::parse(sent[0].body).at("post").at("current").at("title"),
            "Before the restart");
  EXPECT_EQ(again->recent_webhook_deliveries(1)->front().delivered_at, kNow + 1min);
}

}  // namespace
}  // namespace byline::webhooks
