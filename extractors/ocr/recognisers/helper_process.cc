#include "extractors/ocr/recognisers/helper_process.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace budgetx::ocr {

Status HelperProcess::Start(const std::vector<std::string>& argv, std::unique_ptr<HelperProcess>* out) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return Status::Error(Status::Code::kIoError, "", std::string("cannot make a socket pair: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int err = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (err != 0) {
    close(fds[0]);
    return Status::Error(Status::Code::kUnsupported, "", "cannot start " + argv[0] + ": " + std::strerror(err));
  }
  out->reset(new HelperProcess(pid, fds[0]));
  return Status::Ok();
}

HelperProcess::~HelperProcess() {
  // Every answer is read, so it never writes to a closed socket.
  nlohmann::json reply;
  deadline_.reset();
  while (!killed_ && unanswered_ > 0 && ReadLine(nullptr).ok()) {
  }
  if (!killed_) (void)Call({{"op", "quit"}}, &reply);
  close(fd_);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

Status HelperProcess::ReadLine(std::string* line) {
  for (;;) {
    size_t end = pending_.find('\n');
    if (end != std::string::npos) {
      if (line) *line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      --unanswered_;
      return Status::Ok();
    }
    if (killed_) return Status::Error(Status::Code::kInternal, "", "the OCR helper process was stopped");
    if (deadline_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - std::chrono::steady_clock::now());
      pollfd ready{fd_, POLLIN, 0};
      const int n = poll(&ready, 1, static_cast<int>(std::max<int64_t>(0, left.count())));
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) {
        kill(pid_, SIGKILL);
        killed_ = true;
        return Status::Error(Status::Code::kInternal, "", "the recogniser ran past the page's time limit (--page-timeout)");
      }
    }
    char buf[65536];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::Error(Status::Code::kInternal, "", "the OCR helper process ended without answering");
    pending_.append(buf, static_cast<size_t>(n));
  }
}

Status HelperProcess::Call(const nlohmann::json& request, nlohmann::json* reply) {
  Status s = Send(request);
  return s.ok() ? Receive(reply) : s;
}

Status HelperProcess::Send(const nlohmann::json& request) {
  std::string text = request.dump() + "\n";
  for (size_t sent = 0; sent < text.size();) {
    ssize_t n = send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::Error(Status::Code::kInternal, "", "the OCR helper process is gone");
    sent += static_cast<size_t>(n);
  }
  ++unanswered_;
  return Status::Ok();
}

Status HelperProcess::Receive(nlohmann::json* reply) {
  std::string line;
  Status s = ReadLine(&line);
  if (!s.ok()) return s;
  *reply = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (reply->is_discarded() || !reply->is_object()) {
    return Status::Error(Status::Code::kInternal, "", "the OCR helper process answered something not JSON");
  }
  if (!reply->value("ok", false)) {
    return Status::Error(Status::Code::kInternal, "", "the OCR helper process failed: " + reply->value("error", std::string("?")));
  }
  return Status::Ok();
}

}  // namespace budgetx::ocr
