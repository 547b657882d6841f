// The clang-tidy check `mmio-audit-rules`: runs the mmio-audit engine over the whole translation unit and reports
// every finding as the plugin does (message and rule id, notes, fix-it), so `--fix` and `-export-fixes` apply them.
#ifndef MMIO_AUDIT_TIDY_RULESCHECK_H
#define MMIO_AUDIT_TIDY_RULESCHECK_H

#include "check/Checker.h"
#include "rules/Ruleset.h"

#include "ClangTidyCheck.h"
#include "report/ExternalFileLocations.h"

#include <optional>
#include <string>
#include <vector>

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
  /// The configured ruleset, loaded for this translation unit; errors are reported and give nullptr.
  const Ruleset *loadRules(clang::SourceManager &SM);
  void report(const Finding &F, clang::SourceManager &SM);
  /// A line and column of a file outside the translation unit (a ruleset), loaded into `SM` on demand.
  clang::SourceLocation locationIn(clang::SourceManager &SM, llvm::StringRef File, unsigned Line, unsigned Column);

  std::string RulesOption;
  std::string DisableOption;
  std::string ReportUnknownOption;

  clang::Preprocessor *PP = nullptr;
  std::optional<Ruleset> Rules;
  CheckOptions Check;
  ExternalFileLocations External;
};

} // namespace mmio

#endif
