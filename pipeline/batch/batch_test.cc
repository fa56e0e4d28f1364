#include "pipeline/batch/batch.h"

#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

namespace budgetx::batch {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("budgetx-batch-test-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  void Write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
  }
};

class MemorySink : public Sink {
 public:
  bool Has(const std::string& sha256) const override { return docs.count(sha256) > 0; }
  Status Put(const Job& job, const Result& result) override {
    docs[job.sha256] = result.head;
    names.push_back(job.name);
    return Status::Ok();
  }
  std::map<std::string, nlohmann::ordered_json> docs;
  std::vector<std::string> names;
};

// A document and its head alike: a head is the document without its tables and records.
void OkJson(const Job& job, std::ostream& out, std::ostream& head, const PageProgress& = {}) {
  const std::string doc = R"({"source": {"path": ")" + job.path + R"(", "sha256": ")" + job.sha256 +
                          R"(", "kind": "text", "pages": 2}, "summary": {"tables": 3, "checks": {"fail": 1}}, "warnings": []})";
  head << doc;
  out << doc;
}

BOOST_AUTO_TEST_SUITE(batch)

BOOST_AUTO_TEST_CASE(folders_are_walked_for_documents_in_name_order) {
  TempDir dir;
  dir.Write("b.pdf", "x");
  dir.Write("a/c.TXT", "y");
  dir.Write("a/notes.doc", "z");
  std::vector<std::string> problems;
  auto jobs = FindInputs({dir.path.string(), (dir.path / "missing.pdf").string()}, &problems);
  BOOST_REQUIRE_EQUAL(jobs.size(), 2u);
  BOOST_TEST(jobs[0].name == "a/c");
  BOOST_TEST(jobs[1].name == "b");
  BOOST_TEST(jobs[1].bytes == 1u);
  BOOST_REQUIRE_EQUAL(problems.size(), 1u);
  BOOST_TEST(problems[0].find("missing.pdf: no such file or folder") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_folder_without_documents_is_reported) {
  TempDir dir;
  dir.Write("table.xls", "\xD0\xCF\x11\xE0");
  std::vector<std::string> problems;
  BOOST_TEST(FindInputs({dir.path.string()}, &problems).empty());
  BOOST_REQUIRE_EQUAL(problems.size(), 1u);
  BOOST_TEST(problems[0].find(": no .pdf, .txt or .html file in this folder") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_shard_is_the_content_hash_modulo_the_count) {
  BOOST_TEST(ShardOf(std::string(64, '0'), 7) == 0);
  BOOST_TEST(ShardOf(std::string(64, 'f'), 7) == 1);  // (2^64 - 1) mod 7
  BOOST_TEST(ShardOf("000000000000000a" + std::string(48, 'f'), 4) == 2);
  BOOST_TEST(ShardOf(std::string(64, 'f'), 1) == 0);
  Shard shard;
  std::string error;
  BOOST_TEST(ParseShard("3/8", &shard, &error));
  BOOST_TEST(shard.index == 3);
  BOOST_TEST(shard.count == 8);
  for (const char* bad : {"8/8", "-1/4", "1/0", "a/b", "3", "3/", "/3", "1/4x", " 1/4"}) {
    BOOST_TEST(!ParseShard(bad, &shard, &error), bad);
    BOOST_TEST(error.find(std::string("got '") + bad + "'") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(the_shards_of_a_folder_are_disjoint_and_make_up_the_whole) {
  TempDir dir;
  for (int i = 0; i < 40; ++i) dir.Write("d" + std::to_string(i) + ".txt", "document " + std::to_string(i));
  dir.Write("copy/d7.txt", "document 7");  // a copy lands with its original
  std::vector<std::string> problems;
  std::vector<Job> all = FindInputs({dir.path.string()}, &problems);
  all.push_back({(dir.path / "gone.pdf").string(), "gone", 0, ""});  // unreadable: part 0 reports it
  std::map<std::string, int> taken;
  std::vector<size_t> sizes;
  for (int k = 0; k < 3; ++k) {
    std::vector<Job> part = TakeShard(all, {k, 3});
    sizes.push_back(part.size());
    for (const auto& job : part) ++taken[job.path];
  }
  BOOST_TEST(taken.size() == all.size());
  BOOST_TEST(std::all_of(taken.begin(), taken.end(), [](const auto& t) { return t.second == 1; }));
  BOOST_TEST(std::count_if(taken.begin(), taken.end(), [](const auto& t) { return t.first.ends_with("gone.pdf"); }) == 1);
  BOOST_TEST(*std::min_element(sizes.begin(), sizes.end()) >= 5u);  // uniform enough: 42 into 3
  for (int k = 0; k < 3; ++k) {
    std::vector<Job> part = TakeShard(all, {k, 3});
    const bool original = std::any_of(part.begin(), part.end(), [](const Job& j) { return j.name == "d7"; });
    const bool copy = std::any_of(part.begin(), part.end(), [](const Job& j) { return j.name == "copy/d7"; });
    BOOST_TEST(original == copy);
  }
  // The order of the files does not matter.
  std::reverse(all.begin(), all.end());
  std::vector<Job> again = TakeShard(all, {1, 3});
  BOOST_TEST(again.size() == sizes[1]);
}

BOOST_AUTO_TEST_CASE(every_document_is_stored_once_and_a_rerun_skips_them) {
  TempDir dir;
  for (int i = 0; i < 5; ++i) dir.Write("d" + std::to_string(i) + ".txt", "document " + std::to_string(i));
  dir.Write("e.txt", "document 0");  // the same content under another name
  std::vector<std::string> problems;
  auto jobs = FindInputs({dir.path.string()}, &problems);
  MemorySink sink;
  Options options;
  options.jobs = 2;
  Summary summary;
  BOOST_REQUIRE(Run(jobs, OkJson, &sink, options, &summary).ok());
  BOOST_TEST(sink.docs.size() == 5u);
  BOOST_TEST(summary.ok == 5);
  BOOST_TEST(summary.skipped == 1);
  BOOST_TEST(summary.pages == 10);
  BOOST_TEST(summary.tables == 15);
  BOOST_TEST(summary.checks_failed == 5);
  Summary again;
  BOOST_REQUIRE(Run(jobs, OkJson, &sink, options, &again).ok());
  BOOST_TEST(again.skipped == 6);
  BOOST_TEST(again.documents == 0);
  BOOST_TEST(sink.names.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_crashing_or_hanging_document_is_recorded_and_the_run_goes_on) {
  TempDir dir;
  dir.Write("crash.txt", "1");
  dir.Write("good.txt", "2");
  dir.Write("hang.txt", "3");
  std::vector<std::string> problems;
  auto jobs = FindInputs({dir.path.string()}, &problems);
  Work work = [](const Job& job, std::ostream& out, std::ostream& head, const PageProgress&) {
    if (job.name == "crash") raise(SIGKILL);  // Boost.Test would catch SIGSEGV in the child
    if (job.name == "hang") std::this_thread::sleep_for(std::chrono::seconds(30));
    OkJson(job, out, head);
  };
  MemorySink sink;
  Options options;
  options.jobs = 3;
  options.timeout_s = 1;
  Summary summary;
  BOOST_REQUIRE(Run(jobs, work, &sink, options, &summary).ok());
  BOOST_TEST(summary.ok == 1);
  BOOST_TEST(summary.failed == 2);
  BOOST_REQUIRE_EQUAL(summary.failures.size(), 2u);
  BOOST_TEST(summary.failures[0].find("crash.txt: worker crashed (Killed)") != std::string::npos);
  BOOST_TEST(summary.failures[1].find("hang.txt: stopped after 1 s") != std::string::npos);
  BOOST_TEST(sink.docs.size() == 3u);  // failed documents are kept as records too
  BOOST_TEST(summary.seconds < 20);
}

// AddressSanitizer's shadow memory counts as data: the limit is not set under it.
#if !defined(__SANITIZE_ADDRESS__)
BOOST_AUTO_TEST_CASE(a_document_beyond_the_worker_memory_limit_fails_with_that_cause) {
  TempDir dir;
  dir.Write("greedy.txt", "1");
  std::vector<std::string> problems;
  auto jobs = FindInputs({dir.path.string()}, &problems);
  Work work = [](const Job& job, std::ostream& out, std::ostream& head, const PageProgress&) {
    std::vector<char> greedy(size_t{1} << 30, 1);  // 1 GiB, beyond the 256 MB limit
    if (greedy[12345] == 1) OkJson(job, out, head);
  };
  MemorySink sink;
  Options options;
  options.worker_memory_mb = 256;
  Summary summary;
  BOOST_REQUIRE(Run(jobs, work, &sink, options, &summary).ok());
  BOOST_TEST(summary.failed == 1);
  BOOST_REQUIRE_EQUAL(summary.failures.size(), 1u);
  BOOST_TEST(summary.failures[0].find("greedy.txt: out of memory: the document needed more than the worker's 256 MB") !=
                 std::string::npos,
             summary.failures[0]);
}
#endif

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::batch
