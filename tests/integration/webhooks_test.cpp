// Webhooks through the running server: an admin adds one in the newsroom,
// a publish reaches a receiver on loopback signed with the secret shown
// once, the newsroom lists the delivery; loopback needs an admin's
// explicit word, and nobody but admins may see or change webhooks.
#include "byline_process.hpp"
#include "newsroom_client.hpp"
#include "webhook_receiver.hpp"

#include "accounts/accounts.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "webhooks/signature.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

class Webhooks : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(accounts::add_account(
                    *store_, {"owner@example.com", "Olga Owner", content::Role::admin, kPassword})
                    .ok());
    ASSERT_TRUE(accounts::add_account(*store_, {"eddie@example.com", "Eddie Editor",
                                                content::Role::editor, kPassword})
                    .ok());
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{"--demo"});
  }

  std::string add_form(const std::string& url, bool allow_private) const {
    return "name=Desk+bot&url=" + http::url_encode(url) +
           "&event=post.published&event=post.unpublished" +
           (allow_private ? "&allow_private_network=on" : "");
  }

  TempDir data_{"webhooks"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ServerProcess> server_;
  WebhookReceiver receiver_;
};

TEST_F(Webhooks, APublishReachesTheReceiverSignedWithTheSecretShownOnce) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  ASSERT_TRUE(owner.signed_in());
  const HttpResponse made = owner.post("/newsroom/webhooks/", add_form(receiver_.url(), true));
  ASSERT_EQ(made.status, 201) << made.body.substr(0, 800);
  const std::string secret =
      first_match(made.body, R"re(id="new-secret-value"[^>]*value="([0-9a-f]{64})")re");
  ASSERT_EQ(secret.size(), 64u) << made.body;
  const HttpResponse listed = owner.get("/newsroom/webhooks/");
  EXPECT_EQ(listed.body.find(secret), std::string::npos) << "the secret is shown only once";
  EXPECT_NE(visible_text(listed.body).find("post.published, post.unpublished"), std::string::npos);

  const HttpResponse published = owner.post(
      "/newsroom/posts/new/", "title=Ceasefire+agreed&body=%3Cp%3EText.%3C%2Fp%3E&intent=publish");
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 500);
  const auto received = receiver_.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  const ReceivedRequest& delivery = received[0];
  EXPECT_EQ(delivery.method, "POST");
  EXPECT_EQ(delivery.headers.at("byline-event"), "post.published");
  const std::string header = delivery.headers.at("x-ghost-signature");
  const auto stamp = header.find(", t=");
  ASSERT_NE(stamp, std::string::npos) << header;
  EXPECT_EQ(header,
            webhooks::signature(secret, delivery.body, std::stoll(header.substr(stamp + 4))));
  const auto body = boost::json::parse(delivery.body);
  EXPECT_EQ(body.at("post").at("current").at("title"), "Ceasefire agreed");
  EXPECT_EQ(body.at("post").at("current").at("status"), "published");
  EXPECT_EQ(body.at("post").at("current").at("html"), "<p>Text.</p>");
  EXPECT_TRUE(body.at("post").at("previous").as_object().empty());  // new: nothing was before

  // The newsroom shows it delivered once the receiver's answer is recorded.
  std::string page;
  for (int look = 0; look < 50; ++look) {
    page = visible_text(owner.get("/newsroom/webhooks/").body);
    if (page.find("Delivered (200)") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(page.find("Delivered (200)"), std::string::npos) << page.substr(0, 1500);
  EXPECT_NE(page.find("Ceasefire agreed"), std::string::npos);

  const std::string audit = visible_text(owner.get("/newsroom/audit/").body);
  EXPECT_NE(audit.find("added a webhook"), std::string::npos);

  // Deleted, it is sent nothing more.
  const std::string id = first_match(listed.body, R"re(/newsroom/webhooks/(\d+)/delete/)re");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(owner.post("/newsroom/webhooks/" + id + "/delete/", "").status, 200);
  EXPECT_EQ(owner.post("/newsroom/webhooks/" + id + "/delete/", "").status, 404);
  ASSERT_EQ(owner
                .post("/newsroom/posts/new/",
                      "title=After+the+delete&body=%3Cp%3EText.%3C%2Fp%3E&intent=publish")
                .status,
            303);
  // Nothing was queued for it: a deleted webhook's deliveries go with it.
  const auto queued = store_->recent_webhook_deliveries(10);
  ASSERT_TRUE(queued.ok());
  EXPECT_TRUE(queued->empty());
  EXPECT_EQ(receiver_.received().size(), 1u);
}

TEST_F(Webhooks, LoopbackIsRefusedWithoutAnAdminsExplicitWordAndNothingIsMade) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  const HttpResponse refused = owner.post("/newsroom/webhooks/", add_form(receiver_.url(), false));
  EXPECT_EQ(refused.status, 400);
  const std::string text = visible_text(refused.body);
  EXPECT_NE(text.find("127.0.0.1 is a loopback address"), std::string::npos) << text.substr(0, 800);
  EXPECT_NE(refused.body.find(receiver_.url()), std::string::npos)
      << "the form keeps what was typed";
  EXPECT_EQ(owner
                .post("/newsroom/webhooks/",
                      "name=Lab&url=http%3A%2F%2F169.254.10.10%2F"
                      "&event=post.published&allow_private_network=on")
                .status,
            201)
      << "an admin may allow a link-local receiver explicitly";
  EXPECT_EQ(owner
                .post("/newsroom/webhooks/",
                      "name=Cloud&url=http%3A%2F%2F169.254.169.254%2F"
                      "&event=post.published&allow_private_network=on")
                .status,
            400)
      << "but never the cloud metadata service";
  EXPECT_EQ(owner
                .post("/newsroom/webhooks/",
                      "name=Odd&url=ftp%3A%2F%2Fexample.com%2F"
                      "&event=post.published")
                .status,
            400);
  EXPECT_EQ(owner.post("/newsroom/webhooks/", "name=None&url=https%3A%2F%2Fexample.com%2F").status,
            400);
  EXPECT_EQ(store_->webhooks()->size(), 1u);
  // A good one after the refusals works.
  EXPECT_EQ(owner.post("/newsroom/webhooks/", add_form(receiver_.url(), true)).status, 201);
}

TEST_F(Webhooks, OnlyAdminsMaySeeOrChangeWebhooks) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  ASSERT_EQ(owner.post("/newsroom/webhooks/", add_form(receiver_.url(), true)).status, 201);
  const std::string id = std::to_string(store_->webhooks()->front().id);

  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const HttpResponse seen = eddie.get("/newsroom/webhooks/");
  EXPECT_EQ(seen.status, 403);
  EXPECT_EQ(seen.body.find("Desk bot"), std::string::npos);
  EXPECT_EQ(eddie.post("/newsroom/webhooks/", add_form(receiver_.url(), true)).status, 403);
  EXPECT_EQ(eddie.post("/newsroom/webhooks/" + id + "/delete/", "").status, 403);
  EXPECT_EQ(store_->webhooks()->size(), 1u);
  EXPECT_EQ(http_get(server_->port(), "/newsroom/webhooks/").status, 303);
}

}  // namespace
}  // namespace byline::testing
