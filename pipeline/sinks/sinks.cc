#include "pipeline/sinks/sinks.h"

#include <algorithm>

#include "pipeline/sinks/internal.h"

namespace budgetx::sinks {
namespace {

class AllStores : public Sinks {
 public:
  explicit AllStores(std::vector<std::unique_ptr<Store>> stores) : stores_(std::move(stores)) {}

  bool Has(const std::string& sha256) const override {
    return std::all_of(stores_.begin(), stores_.end(), [&](const auto& s) { return s->Has(sha256); });
  }

  Status Put(const batch::Job& job, const batch::Result& result) override {
    for (auto& s : stores_) BUDGETX_RETURN_IF_ERROR(s->Put(job, result));
    return Status::Ok();
  }

  Status Close() override {
    for (auto& s : stores_) BUDGETX_RETURN_IF_ERROR(s->Close());
    return Status::Ok();
  }

 private:
  std::vector<std::unique_ptr<Store>> stores_;
};

}  // namespace

bool KnownFormat(const std::string& format) {
  return format == "json" || format == "jsonl" || format == "csv" || format == "fdp";
}

Status Open(const Options& options, std::unique_ptr<Sinks>* out) {
  std::vector<std::unique_ptr<Store>> stores;
  if (!options.out_dir.empty()) {
    stores.emplace_back();
    BUDGETX_RETURN_IF_ERROR(OpenFolder(options, &stores.back()));
  }
  for (const auto& db : options.dbs) {
    stores.emplace_back();
    BUDGETX_RETURN_IF_ERROR(OpenDatabase(db, options.shard, &stores.back()));
  }
  *out = std::make_unique<AllStores>(std::move(stores));
  return Status::Ok();
}

}  // namespace budgetx::sinks
