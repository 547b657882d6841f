// The clang-tidy check `mmio-audit-rules`: runs the mmio-audit session over the whole translation unit and reports
// every finding as the plugin does (message and rule id, notes, fix-it), so `--fix` and `-export-fixes` apply them.
#ifndef MMIO_AUDIT_TIDY_RULESCHECK_H
#define MMIO_AUDIT_TIDY_RULESCHECK_H

#include "session/AuditSession.h"
#include "source/ExternalFileLocations.h"

#include "ClangTidyCheck.h"

#include <optional>
#include <string>

namespace mmio {

/// The check's name, as `--checks='-*,mmio-audit-*'` selects it. One check for every rule: rule ids come from a
/// ruleset chosen per file (CheckOptions), after clang-tidy has registered its checks, so the rule id is in the
/// message, exactly as the plugin and the CLI print it, and clang-tidy adds this name after it.
constexpr const char *RulesCheckName = "mmio-audit-rules";

/// CheckOptions (`mmio-audit-rules.NAME`):
///   Rules          ruleset file; empty (the default) is the built-in rules/hyperv.yaml
///   Disable        rule ids not to check, separated by ',' or ';'
///   ReportUnknown  also report calls a rule cannot decide (default false)
class RulesCheck : public clang::tidy::ClangTidyCheck {
public:
  RulesCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// The session for the configured options, loaded on the first unit; errors are reported and give nullptr.
  const AuditSession *session(const clang::SourceManager &SM);

  std::string RulesOption;
  std::string DisableOption;
  std::string EnableOption;
  std::string ReportUnknownOption;

  clang::Preprocessor *PP = nullptr;
  std::optional<AuditSession> Session;
  ExternalFileLocations Outside;
};

} // namespace mmio

#endif
