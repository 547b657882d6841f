#include "CrossUnit.h"

#include "ScanSelection.h"

#include "bounds/Evaluator.h"

namespace mmio {

namespace {

/// The wrappers `Outcomes` summarised that `Known` has not heard of, added to it; a name two units summarise
/// differently is given up. Returns the names added. A name known from an earlier pass keeps its summary: the
/// units audited with it stand.
std::vector<std::string> addNewSummaries(const std::vector<TUOutcome *> &Outcomes, DerivedAllocators &Known) {
  DerivedAllocators Pass;
  for (const TUOutcome *O : Outcomes)
    for (const DerivedAllocator &D : O->Summaries)
      if (!Known.find(D.name()))
        Pass.add(D);
  std::vector<std::string> New;
  for (const DerivedAllocator *D : Pass.all()) {
    if (Known.add(*D))
      New.push_back(D->name());
  }
  // A later pass that sees a known name summarised otherwise: from then on it is not followed either.
  for (const TUOutcome *O : Outcomes)
    for (const DerivedAllocator &D : O->Summaries)
      if (const DerivedAllocator *Seen = Known.find(D.name()); Seen && !sameSummary(*Seen, D))
        Known.giveUp(D.name());
  for (const std::string &Name : Pass.ambiguous())
    if (!Known.find(Name))
      Known.giveUp(Name);
  return New;
}

} // namespace

DerivedAllocators followWrappers(const AuditSession &Session, const RunOptions &Run, const Selection &Units,
                                 const CliOptions &Options, std::vector<TUOutcome> &Outcomes,
                                 llvm::function_ref<void(const TUOutcome &, size_t, size_t, unsigned)> OnDone,
                                 llvm::raw_ostream &Notes) {
  DerivedAllocators Known;
  std::vector<TUOutcome *> Last;
  for (TUOutcome &O : Outcomes)
    Last.push_back(&O);
  std::vector<std::string> New = addNewSummaries(Last, Known);
  bool Scan = scanSelects(Options, Units.Jobs.size());
  // A wrapper of depth n is summarised in pass n at the latest, so pass MaxCallDepth + 1 has nothing to add.
  for (unsigned Pass = 2; !New.empty() && Pass <= Evaluator::MaxCallDepth + 1; ++Pass) {
    // The callers may be any unit the first pass found no allocator name in; a unit that failed stays failed.
    Selection Next = Units;
    for (size_t I = 0; I < Next.Jobs.size(); ++I) {
      TUJob &J = Next.Jobs[I];
      if (J.SkipReason == NoFileNamesAnAllocator)
        J.SkipReason.clear();
      if (Outcomes[I].Info.Status == TUStatus::Failed && J.SkipReason.empty())
        J.SkipReason = "failed";
    }
    if (Scan)
      narrowByScanFor(Next, Options, New, Run.Overlay, Notes);
    std::vector<size_t> Index;
    Selection Jobs;
    for (size_t I = 0; I < Next.Jobs.size(); ++I)
      if (Next.Jobs[I].SkipReason.empty()) {
        Index.push_back(I);
        Jobs.Jobs.push_back(std::move(Next.Jobs[I]));
      }
    if (Options.Verbose) {
      Notes << "mmio-audit: pass " << Pass << ": calls of";
      for (size_t K = 0; K < New.size(); ++K)
        Notes << (K ? ", " : " ") << New[K];
      Notes << " looked for in " << Jobs.Jobs.size() << " unit" << (Jobs.Jobs.size() == 1 ? "" : "s") << "\n";
    }
    RunOptions Again = Run;
    Again.Derived = &Known;
    Again.PrefilterNames = New;
    // The callers read no changed file, but what they request has changed with the wrapper.
    Again.ChangedFiles = nullptr;
    Runner R(Session, Again);
    std::vector<TUOutcome> More =
        R.run(Jobs.Jobs, [&](const TUOutcome &O, size_t Done, size_t Total) { OnDone(O, Done, Total, Pass); });
    Last.clear();
    for (size_t K = 0; K < More.size(); ++K) {
      if (More[K].Info.Status == TUStatus::Skipped)
        continue; // names none of the new wrappers: what the earlier pass found stands
      Outcomes[Index[K]] = std::move(More[K]);
      Last.push_back(&Outcomes[Index[K]]);
    }
    New = addNewSummaries(Last, Known);
  }
  return Known;
}

} // namespace mmio
