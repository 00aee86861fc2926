#include "common/work_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace byline {
namespace {

TEST(WorkGate, LetsAFewRunAndAFewWaitAndTurnsTheRestAway) {
  WorkGate gate(1, 2);
  auto running = gate.enter();
  ASSERT_TRUE(running);
  std::atomic<int> got_in{0};
  std::vector<std::thread> waiting;
  for (int i = 0; i < 2; ++i) {
    waiting.emplace_back([&] {
      if (gate.enter()) ++got_in;
    });
  }
  while (gate.waiting() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(gate.enter()) << "a third waiter was let in line";
  EXPECT_EQ(got_in.load(), 0);
  running.reset();  // the two waiters get their turns, one after the other
  for (auto& thread : waiting) thread.join();
  EXPECT_EQ(got_in.load(), 2);
  EXPECT_TRUE(gate.enter());
}

}  // namespace
}  // namespace byline
