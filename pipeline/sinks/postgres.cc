// PostgreSQL through libpq, for teams loading into one database from several machines.
//
// libpq is loaded when a PostgreSQL URL is first opened, not linked: it and the libraries it
// needs (Kerberos, LDAP, TLS) take several milliseconds to load, paid by every run otherwise.
#include <dlfcn.h>
#include <libpq-fe.h>

#include <cstdio>
#include <mutex>

#include "pipeline/sinks/database.h"

namespace budgetx::sinks {
namespace {

constexpr const char* kLibPq = "libpq.so.5";

// The libpq functions the sink calls, resolved from the loaded library.
struct LibPq {
  decltype(&PQconnectdb) connectdb;
  decltype(&PQstatus) status;
  decltype(&PQerrorMessage) error_message;
  decltype(&PQfinish) finish;
  decltype(&PQsetClientEncoding) set_client_encoding;
  decltype(&PQsetNoticeProcessor) set_notice_processor;
  decltype(&PQexecParams) exec_params;
  decltype(&PQresultStatus) result_status;
  decltype(&PQntuples) ntuples;
  decltype(&PQnfields) nfields;
  decltype(&PQgetvalue) getvalue;
  decltype(&PQclear) clear;
};

// libpq, loaded once; nullptr with the cause in *why when it cannot be.
const LibPq* LoadLibPq(std::string* why) {
  static LibPq pq;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen(kLibPq, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      error = dlerror();
      return;
    }
    bool all = true;
    auto bind = [&](auto* fn, const char* name) {
      *fn = reinterpret_cast<std::remove_reference_t<decltype(*fn)>>(dlsym(lib, name));
      if (!*fn && all) error = std::string("no ") + name + " in " + kLibPq, all = false;
    };
    bind(&pq.connectdb, "PQconnectdb");
    bind(&pq.status, "PQstatus");
    bind(&pq.error_message, "PQerrorMessage");
    bind(&pq.finish, "PQfinish");
    bind(&pq.set_client_encoding, "PQsetClientEncoding");
    bind(&pq.set_notice_processor, "PQsetNoticeProcessor");
    bind(&pq.exec_params, "PQexecParams");
    bind(&pq.result_status, "PQresultStatus");
    bind(&pq.ntuples, "PQntuples");
    bind(&pq.nfields, "PQnfields");
    bind(&pq.getvalue, "PQgetvalue");
    bind(&pq.clear, "PQclear");
  });
  if (!error.empty()) *why = error;
  return error.empty() ? &pq : nullptr;
}

class Postgres : public Connection {
 public:
  Postgres(const LibPq& pq, std::string url, PGconn* conn) : pq_(pq), where_(Redacted(url)), conn_(conn) {}
  ~Postgres() override { pq_.finish(conn_); }

  std::string TypeName(Type type) const override {
    return type == Type::kInteger ? "BIGINT" : type == Type::kReal ? "DOUBLE PRECISION" : "TEXT";
  }
  std::string Placeholder(size_t i) const override { return "$" + std::to_string(i + 1); }
  size_t MaxParams() const override { return 65535; }

  Status Run(const std::string& sql, const std::vector<Value>& params) override { return Query(sql, params, nullptr); }

  Status Query(const std::string& sql, const std::vector<Value>& params,
               std::vector<std::vector<std::string>>* rows) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::monostate>(params[i])) continue;
      texts[i] = Text(params[i]);
      values[i] = texts[i].c_str();
    }
    PGresult* res = pq_.exec_params(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                 nullptr, nullptr, 0);
    ExecStatusType st = pq_.result_status(res);
    for (int r = 0; rows && st == PGRES_TUPLES_OK && r < pq_.ntuples(res); ++r) {
      auto& row = rows->emplace_back();
      for (int c = 0; c < pq_.nfields(res); ++c) row.emplace_back(pq_.getvalue(res, r, c));  // "" for NULL
    }
    pq_.clear(res);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? Status::Ok() : Error(sql);
  }

  Status LockDocument(const std::string& sha256) override {
    return Run("SELECT pg_advisory_xact_lock(hashtext($1))", {sha256});
  }
  Status LockSchema() override { return Run("SELECT pg_advisory_xact_lock(hashtext('budgetx schema'))", {}); }
  std::string SchemaObjectsQuery() const override {
    return "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
           "UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()";
  }

 private:
  static std::string Text(const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto d = std::get_if<double>(&v)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", *d);
      return buf;
    }
    return std::get<std::string>(v);
  }

  Status Error(const std::string& sql) const {
    std::string why = pq_.error_message(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status::Error(Status::Code::kIoError, where_, "PostgreSQL: " + why + " in: " + Shorten(sql));
  }

  const LibPq& pq_;
  std::string where_;
  PGconn* conn_;
};

}  // namespace

std::string Redacted(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

Status ConnectPostgres(const std::string& url, std::unique_ptr<Connection>* out) {
  std::string missing;
  const LibPq* pq = LoadLibPq(&missing);
  if (!pq) {
    return Status::Error(Status::Code::kIoError, Redacted(url),
                         "cannot load the PostgreSQL client library (" + missing + "; Debian package libpq5)");
  }
  PGconn* conn = pq->connectdb(url.c_str());
  if (pq->status(conn) != CONNECTION_OK) {
    std::string why = conn ? pq->error_message(conn) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    pq->finish(conn);
    return Status::Error(Status::Code::kIoError, Redacted(url), "cannot connect to PostgreSQL: " + why);
  }
  pq->set_client_encoding(conn, "UTF8");
  *out = std::make_unique<Postgres>(*pq, url, conn);
  // Notices (e.g. "relation already exists, skipping") are not for the user's terminal.
  pq->set_notice_processor(conn, [](void*, const char*) {}, nullptr);
  return Status::Ok();
}

}  // namespace budgetx::sinks
