// The AST consumer every compiler-driven front end instantiates (the plugin, the CLI, the language server): once
// the unit is parsed it is audited, unless it did not compile, and the findings go to the front end's reporter.
#ifndef MMIO_AUDIT_SESSION_AUDITCONSUMER_H
#define MMIO_AUDIT_SESSION_AUDITCONSUMER_H

#include "session/AuditSession.h"

#include "clang/AST/ASTConsumer.h"

#include <vector>

namespace clang {
class CompilerInstance;
}

namespace mmio {

/// How a front end shows one unit's findings.
class UnitReporter {
public:
  virtual ~UnitReporter() = default;
  /// The findings of a unit that compiled, while its AST (`CI`'s) is alive.
  virtual void report(std::vector<AuditedFinding> Findings, clang::CompilerInstance &CI) = 0;
  /// What the cross-unit analysis asks of this unit; none in front ends that see one unit at a time.
  virtual const CrossUnitRequest *crossUnit() { return nullptr; }
};

class AuditConsumer : public clang::ASTConsumer {
public:
  AuditConsumer(const AuditSession &Session, clang::CompilerInstance &CI, UnitReporter &Reporter)
      : Session(Session), CI(CI), Reporter(Reporter) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override;

private:
  const AuditSession &Session;
  clang::CompilerInstance &CI;
  UnitReporter &Reporter;
};

} // namespace mmio

#endif
