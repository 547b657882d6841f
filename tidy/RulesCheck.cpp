#include "RulesCheck.h"
#include "RulesetPath.h"

#include "diag/FindingEmitter.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace mmio {

namespace {

/// clang-tidy's diagnostics as a sink. A rule of severity `error` is an error, as in the plugin and the CLI:
/// clang-tidy then exits 1 ("Found compiler error(s)") and applies fixes only with --fix-errors.
class TidyDiagnosticSink : public DiagnosticSink {
public:
  explicit TidyDiagnosticSink(tidy::ClangTidyCheck &Check) : Check(Check) {}

  std::optional<DiagLevel> levelFor(Severity S) const override {
    return S == Severity::Error ? DiagLevel::Error : DiagLevel::Warning;
  }
  DiagnosticBuilder start(SourceLocation Loc, DiagLevel Level, llvm::StringRef Text) override {
    DiagnosticIDs::Level L = Level == DiagLevel::Error     ? DiagnosticIDs::Error
                             : Level == DiagLevel::Warning ? DiagnosticIDs::Warning
                             : Level == DiagLevel::Remark  ? DiagnosticIDs::Remark
                                                           : DiagnosticIDs::Note;
    DiagnosticBuilder B = Check.diag(Loc, "%0", L);
    B << Text;
    return B;
  }

private:
  tidy::ClangTidyCheck &Check;
};

/// A boolean option as clang-tidy spells them. Not OptionsView::get<bool>: GCC and Clang mangle that specialisation
/// differently, so a module built with GCC cannot link it from clang-tidy.
std::optional<bool> parseBool(llvm::StringRef Value) {
  return llvm::StringSwitch<std::optional<bool>>(Value.trim())
      .CasesLower("true", "1", "on", "yes", true)
      .CasesLower("false", "0", "off", "no", false)
      .Default(std::nullopt);
}

/// The main file's absolute path, for finding a relative ruleset.
std::string mainFilePath(const SourceManager &SM) {
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!FE)
    return std::string();
  llvm::SmallString<256> Path(FE->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  return std::string(Path);
}

/// "a, b;c": clang-tidy's own list separators.
void splitRuleIds(llvm::StringRef Rest, std::vector<std::string> &Out) {
  while (!Rest.empty()) {
    size_t Sep = Rest.find_first_of(",;");
    if (llvm::StringRef Id = Rest.substr(0, Sep).trim(); !Id.empty())
      Out.push_back(Id.str());
    Rest = Sep == llvm::StringRef::npos ? llvm::StringRef() : Rest.substr(Sep + 1);
  }
}

} // namespace

RulesCheck::RulesCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), RulesOption(Options.get("Rules", "").str()),
      DisableOption(Options.get("Disable", "").str()), EnableOption(Options.get("Enable", "").str()),
      ReportUnknownOption(Options.get("ReportUnknown", "false").str()) {}

void RulesCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Rules", RulesOption);
  Options.store(Opts, "Disable", DisableOption);
  Options.store(Opts, "Enable", EnableOption);
  Options.store(Opts, "ReportUnknown", ReportUnknownOption);
}

void RulesCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP, Preprocessor *) {
  // The engine asks the preprocessor which macros exist, so a fix-it can spell SZ_4G rather than its value.
  this->PP = PP;
}

void RulesCheck::registerMatchers(MatchFinder *Finder) {
  // The engine works on the whole translation unit (callers, wrappers, static helpers): one match, once per unit.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

const AuditSession *RulesCheck::session(const SourceManager &SM) {
  if (Session)
    return &*Session;
  AuditSettings Settings;
  if (!RulesOption.empty())
    Settings.RulesPath = resolveRulesetPath(RulesOption, mainFilePath(SM));
  std::optional<bool> Unknown = parseBool(ReportUnknownOption);
  if (!Unknown) {
    configurationDiag("%0: invalid value '%1' for option ReportUnknown: expected true or false", DiagnosticIDs::Error)
        << RulesCheckName << ReportUnknownOption;
    return nullptr;
  }
  Settings.ReportUnknown = *Unknown;
  splitRuleIds(DisableOption, Settings.Disabled);
  splitRuleIds(EnableOption, Settings.Enabled);
  llvm::Expected<AuditSession> Loaded = AuditSession::load(Settings);
  if (!Loaded) {
    // clang-tidy keeps only diagnostics in user code, and a ruleset is not: configuration errors are always shown,
    // and this one says where in the YAML it is, as the plugin does.
    llvm::handleAllErrors(Loaded.takeError(), [&](const llvm::ErrorInfoBase &E) {
      configurationDiag("%0: %1", DiagnosticIDs::Error) << RulesCheckName << errorText(E);
    });
    return nullptr;
  }
  Session.emplace(std::move(*Loaded));
  return &*Session;
}

void RulesCheck::check(const MatchFinder::MatchResult &Result) {
  // A unit that does not compile has a partial AST; its own errors come first, as with the plugin.
  if (Result.Context->getDiagnostics().hasErrorOccurred())
    return;
  SourceManager &SM = *Result.SourceManager;
  const AuditSession *S = session(SM);
  if (!S)
    return;
  TidyDiagnosticSink Sink(*this);
  FindingEmitter Emit(Sink, SM, Outside);
  for (const AuditedFinding &A : S->auditUnit(*Result.Context, PP))
    if (!A.suppressed())
      Emit.emit(A.F);
}

} // namespace mmio
