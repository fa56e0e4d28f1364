#include "extractors/ocr/recognisers/helper_process.h"

#include <boost/test/unit_test.hpp>
#include <chrono>

namespace budgetx::ocr {
namespace {

using Clock = std::chrono::steady_clock;

BOOST_AUTO_TEST_SUITE(helper_process)

BOOST_AUTO_TEST_CASE(a_reply_not_come_by_the_deadline_fails_the_call_and_stops_the_helper) {
  std::unique_ptr<HelperProcess> helper;
  // A helper that reads the request and never answers.
  BOOST_REQUIRE(HelperProcess::Start({"sh", "-c", "read line; sleep 30"}, &helper).ok());
  helper->SetDeadline(Clock::now() + std::chrono::milliseconds(200));
  const auto start = Clock::now();
  nlohmann::json reply;
  Status s = helper->Call({{"op", "det"}}, &reply);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message.find("(--page-timeout)") != std::string::npos, s.message);
  BOOST_TEST(helper->killed());
  BOOST_TEST(!helper->Call({{"op", "det"}}, &reply).ok());  // no waiting on a stopped helper
  helper.reset();  // reaps it at once
  BOOST_TEST(std::chrono::duration<double>(Clock::now() - start).count() < 5.0);
}

BOOST_AUTO_TEST_CASE(a_reply_in_time_is_read) {
  std::unique_ptr<HelperProcess> helper;
  BOOST_REQUIRE(HelperProcess::Start({"sh", "-c", "read line; echo '{\"ok\":true,\"n\":3}'; read quit"}, &helper).ok());
  helper->SetDeadline(Clock::now() + std::chrono::seconds(20));
  nlohmann::json reply;
  BOOST_REQUIRE(helper->Call({{"op", "ping"}}, &reply).ok());
  BOOST_TEST(reply.value("n", 0) == 3);
  BOOST_TEST(!helper->killed());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::ocr
