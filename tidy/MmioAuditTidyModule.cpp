// The clang-tidy module `mmio-audit`: registers its checks when clang-tidy loads MmioAuditTidy.so (--load=).
#include "RulesCheck.h"

#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"

namespace mmio {
namespace {

class MmioAuditTidyModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<RulesCheck>(RulesCheckName);
  }
};

} // namespace
} // namespace mmio

static clang::tidy::ClangTidyModuleRegistry::Add<mmio::MmioAuditTidyModule>
    RegisterMmioAuditTidy("mmio-audit-module", "Audits MMIO allocator calls against an mmio-audit ruleset.");
