#include "ListRules.h"

#include "Output.h"

#include "report/AtomicFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

namespace {

bool checked(const Rule &R, const CheckOptions &Check) {
  if (Check.DisabledRules.count(R.Id))
    return false;
  return R.OnByDefault || Check.EnabledRules.count(R.Id);
}

llvm::json::Array strings(const std::vector<std::string> &V) {
  llvm::json::Array A;
  for (const std::string &S : V)
    A.push_back(S);
  return A;
}

llvm::json::Value describe(const AuditSession &Session) {
  const Ruleset &Rs = Session.rules();
  llvm::json::Array Allocators, Rules, Mitigations;
  for (const AllocatorSpec &A : Rs.Allocators) {
    // Roles as a list, in the engine's order, which a JSON object's keys would lose.
    llvm::json::Array Roles;
    llvm::json::Object Params;
    for (const auto &[Role, Index] : A.Params) {
      Roles.push_back(roleName(Role));
      Params[roleName(Role)] = Index;
    }
    Allocators.push_back(
        llvm::json::Object{{"name", A.Name}, {"roles", std::move(Roles)}, {"parameters", std::move(Params)}});
  }
  for (const Rule &R : Rs.Rules)
    Rules.push_back(llvm::json::Object{{"id", R.Id},
                                       {"severity", severityName(R.Level)},
                                       {"checked", checked(R, Session.checkOptions())},
                                       {"enabled", R.OnByDefault},
                                       {"onUnknown", unknownPolicyName(R.OnUnknown)},
                                       {"message", R.Message},
                                       {"description", R.Description},
                                       {"impliedBy", strings(R.ImpliedBy)},
                                       {"mitigatedBy", strings(R.MitigatedBy)}});
  for (const MitigationSpec &M : Rs.Mitigations)
    Mitigations.push_back(llvm::json::Object{{"id", M.Id},
                                             {"commit", M.Commit},
                                             {"subject", M.Subject},
                                             {"why", M.Why},
                                             {"file", M.File},
                                             {"function", M.Function}});
  return llvm::json::Object{{"version", 1},
                            {"ruleset", Rs.Source},
                            {"allocators", std::move(Allocators)},
                            {"rules", std::move(Rules)},
                            {"mitigations", std::move(Mitigations)}};
}

void writeText(const AuditSession &Session, llvm::raw_ostream &OS) {
  const Ruleset &Rs = Session.rules();
  OS << "ruleset " << Rs.Source << "\n\nallocators:\n";
  for (const AllocatorSpec &A : Rs.Allocators) {
    OS << "  " << A.Name << "(";
    const char *Sep = "";
    for (const auto &[Role, Index] : A.Params) {
      OS << Sep << roleName(Role) << " = argument " << Index + 1;
      Sep = ", ";
    }
    OS << ")\n";
  }
  OS << "\nrules:\n";
  for (const Rule &R : Rs.Rules) {
    OS << "  " << R.Id << " (" << severityName(R.Level) << "): ";
    if (checked(R, Session.checkOptions()))
      OS << "checked";
    else if (R.OnByDefault || Session.checkOptions().DisabledRules.count(R.Id))
      OS << "disabled";
    else
      OS << "off by default (--enable " + R.Id + ")";
    if (!R.ImpliedBy.empty())
      OS << "; implied by " << llvm::join(R.ImpliedBy, ", ");
    if (!R.MitigatedBy.empty())
      OS << "; mitigated by " << llvm::join(R.MitigatedBy, ", ");
    OS << "\n";
  }
  if (Rs.Mitigations.empty())
    return;
  OS << "\nknown fixes:\n";
  for (const MitigationSpec &M : Rs.Mitigations)
    OS << "  " << M.Id << ": " << M.Commit << " (\"" << M.Subject << "\"), in " << M.Function << "() of " << M.File
       << "\n";
}

} // namespace

int listRules(const AuditSession &Session, const CliOptions &Options) {
  if (Options.Format == ReportFormat::Sarif) {
    llvm::errs() << "mmio-audit: error: --list-rules writes text or json, not sarif\n";
    return ExitFailure;
  }
  auto Write = [&](llvm::raw_ostream &OS) {
    if (Options.Format == ReportFormat::Json)
      OS << llvm::formatv("{0:2}", describe(Session)) << "\n";
    else
      writeText(Session, OS);
    return llvm::Error::success();
  };
  llvm::Error E = Options.OutputPath.empty() ? Write(llvm::outs()) : writeFileAtomically(Options.OutputPath, Write);
  if (!E && Options.OutputPath.empty())
    E = flushStandardOutput();
  if (E) {
    llvm::errs() << "mmio-audit: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitFailure;
  }
  return ExitClean;
}

} // namespace mmio
