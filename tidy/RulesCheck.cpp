#include "RulesCheck.h"
#include "RulesetPath.h"

#include "report/Suppression.h"
#include "rules/RulesetError.h"
#include "rules/RulesetLoader.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace mmio {

namespace {

/// The level clang-tidy reports a finding at. A rule of severity `error` is an error, as in the plugin and the CLI:
/// clang-tidy then exits 1 ("Found compiler error(s)") and applies fixes only with --fix-errors.
DiagnosticIDs::Level levelFor(Severity S) {
  return S == Severity::Error ? DiagnosticIDs::Error : DiagnosticIDs::Warning;
}

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

} // namespace

RulesCheck::RulesCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), RulesOption(Options.get("Rules", "").str()),
      DisableOption(Options.get("Disable", "").str()),
      ReportUnknownOption(Options.get("ReportUnknown", "false").str()) {}

void RulesCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Rules", RulesOption);
  Options.store(Opts, "Disable", DisableOption);
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

SourceLocation RulesCheck::locationIn(SourceManager &SM, llvm::StringRef File, unsigned Line, unsigned Column) {
  return External.locate(SM, File, Line, Column);
}

const Ruleset *RulesCheck::loadRules(SourceManager &SM) {
  if (Rules)
    return &*Rules;
  llvm::Expected<Ruleset> Loaded =
      RulesOption.empty() ? loadBuiltinRuleset() : loadRulesetFile(resolveRulesetPath(RulesOption, mainFilePath(SM)));
  if (!Loaded) {
    // clang-tidy keeps only diagnostics in user code, and a ruleset is not: configuration errors are always shown,
    // and this one says where in the YAML it is, as the plugin does.
    llvm::handleAllErrors(
        Loaded.takeError(),
        [&](const RulesetError &E) {
          const RulesetLocation &W = E.location();
          std::string Where = W.File;
          if (W.Line)
            Where += ":" + std::to_string(W.Line) + ":" + std::to_string(W.Column);
          configurationDiag("%0: %1: %2", DiagnosticIDs::Error) << RulesCheckName << Where << E.text();
        },
        [&](const llvm::ErrorInfoBase &E) {
          configurationDiag("%0: %1", DiagnosticIDs::Error) << RulesCheckName << E.message();
        });
    return nullptr;
  }
  CheckOptions Opts;
  std::optional<bool> Unknown = parseBool(ReportUnknownOption);
  if (!Unknown) {
    configurationDiag("%0: invalid value '%1' for option ReportUnknown: expected true or false", DiagnosticIDs::Error)
        << RulesCheckName << ReportUnknownOption;
    return nullptr;
  }
  Opts.ReportUnknown = *Unknown;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  for (llvm::StringRef Rest = DisableOption; !Rest.empty();) {
    size_t Sep = Rest.find_first_of(",;");
    Parts.push_back(Rest.substr(0, Sep).trim());
    Rest = Sep == llvm::StringRef::npos ? llvm::StringRef() : Rest.substr(Sep + 1);
  }
  for (llvm::StringRef Id : Parts) {
    if (Id.empty())
      continue;
    if (!Loaded->findRule(Id)) {
      configurationDiag("%0: cannot disable rule '%1': no such rule in %2", DiagnosticIDs::Error)
          << RulesCheckName << Id << Loaded->Source;
      return nullptr;
    }
    Opts.DisabledRules.insert(Id.str());
  }
  Check = std::move(Opts);
  Rules = std::move(*Loaded);
  return &*Rules;
}

void RulesCheck::report(const Finding &F, SourceManager &SM) {
  std::optional<SuppressionComment> Suppression = findSuppression(F, SM);
  if (Suppression && Suppression->valid())
    return; // `mmio-audit: ignore[RULE] -- REASON`, as the CLI honours it
  {
    DiagnosticBuilder B = diag(F.Loc, "%0", levelFor(F.Level)) << (F.Message + " [" + F.RuleId + "]");
    if (F.Fix)
      B << FixItHint::CreateReplacement(F.Fix->Range, F.Fix->Replacement);
  }
  for (const FindingNote &N : F.Notes) {
    SourceLocation Loc = N.Loc.isValid() ? N.Loc : locationIn(SM, N.Where.File, N.Where.Line, N.Where.Column);
    diag(Loc, "%0", DiagnosticIDs::Note) << N.Message;
  }
  if (Suppression)
    diag(Suppression->Loc, "%0", DiagnosticIDs::Note) << malformedSuppressionNote(*Suppression);
}

void RulesCheck::check(const MatchFinder::MatchResult &Result) {
  // A unit that does not compile has a partial AST; its own errors come first, as with the plugin.
  if (Result.Context->getDiagnostics().hasErrorOccurred())
    return;
  SourceManager &SM = *Result.SourceManager;
  const Ruleset *R = loadRules(SM);
  if (!R)
    return;
  Checker C(*R, Check);
  for (const Finding &F : C.checkTranslationUnit(*Result.Context, PP))
    report(F, SM);
}

} // namespace mmio
