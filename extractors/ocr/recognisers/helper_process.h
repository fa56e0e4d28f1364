// Internal to the OCR recognisers: a helper process spoken to in JSON lines (one request, one
// reply) over a socket pair on its standard input and output; its standard error is ours.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/model/model.h"

namespace budgetx::ocr {

class HelperProcess {
 public:
  // Starts argv[0] (found on PATH) with argv; fails when it cannot be started.
  static Status Start(const std::vector<std::string>& argv, std::unique_ptr<HelperProcess>* out);
  ~HelperProcess();  // reads the replies still due, asks it to quit, then waits for it

  // Sends one request and reads its reply. Fails when the process has died or answers with
  // something that is not JSON; a reply {"ok":false,"error":…} is the error's message.
  Status Call(const nlohmann::json& request, nlohmann::json* reply);
  // Call in two halves, so the caller works while the helper does (loads its models): replies
  // come in the order of the requests.
  Status Send(const nlohmann::json& request);
  Status Receive(nlohmann::json* reply);

  // Replies not come by `deadline` fail the call, and the process is killed: it is busy with a
  // request nobody waits for. Without a deadline calls wait as long as it takes.
  void SetDeadline(std::optional<std::chrono::steady_clock::time_point> deadline) { deadline_ = deadline; }
  bool killed() const { return killed_; }

 private:
  HelperProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  Status ReadLine(std::string* line);

  pid_t pid_;
  int fd_;
  std::string pending_;  // bytes read past the last line
  int unanswered_ = 0;   // requests sent whose reply is not read yet
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  bool killed_ = false;
};

}  // namespace budgetx::ocr
