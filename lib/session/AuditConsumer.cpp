#include "session/AuditConsumer.h"

#include "clang/Frontend/CompilerInstance.h"

namespace mmio {

void AuditConsumer::HandleTranslationUnit(clang::ASTContext &Ctx) {
  // A unit that did not compile has a partial AST; its errors are the user's first concern.
  if (CI.getDiagnostics().hasErrorOccurred())
    return;
  clang::Preprocessor *PP = CI.hasPreprocessor() ? &CI.getPreprocessor() : nullptr;
  Reporter.report(Session.auditUnit(Ctx, PP, Reporter.crossUnit()), CI);
}

} // namespace mmio
