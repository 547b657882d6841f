#include "bounds/CallContexts.h"
#include "bounds/DerivedAllocator.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace mmio {

namespace {

bool dependsOnOpenParameter(const std::vector<Scenario> &Scenarios) {
  return llvm::any_of(Scenarios, [](const Scenario &S) { return llvm::is_contained(S.FromOpenParameter, true); });
}

std::string quoted(const FunctionDecl *F) { return "'" + F->getNameAsString() + "'"; }

CallContext contextFor(const AllocatorCall &Call, std::vector<const CallExpr *> Chain, Evaluator &Eval) {
  CallContext C;
  C.Scenarios = Eval.evaluateCall(Call, Chain);
  if (Call.Derived)
    C.Scenarios = expandDerivedCall(*Call.Derived, C.Scenarios);
  C.Site = Chain.empty() ? Call.Call : Chain.front();
  C.SiteFunction = Chain.empty() ? Call.Enclosing : Eval.calls().callerOf(C.Site);
  C.Callee = Call.Spec->Name;
  C.ViaSummary = Call.Derived != nullptr;
  if (!Chain.empty())
    if (const FunctionDecl *W = C.Site->getDirectCallee())
      C.Callee = W->getNameAsString();
  for (size_t K = 1; K <= Chain.size(); ++K) {
    const CallExpr *Inner = K < Chain.size() ? Chain[K] : Call.Call;
    const FunctionDecl *In = Eval.calls().callerOf(Inner);
    std::string What =
        K < Chain.size() && Inner->getDirectCallee() ? quoted(Inner->getDirectCallee()) : "'" + Call.Spec->Name + "'";
    C.PassedOn.push_back(
        {Inner->getBeginLoc(), (In ? quoted(In) : std::string("it")) + " passes them on to " + What + " here"});
  }
  if (Call.Derived)
    C.PassedOn.insert(C.PassedOn.end(), Call.Derived->PassedOn.begin(), Call.Derived->PassedOn.end());
  C.Chain = std::move(Chain);
  return C;
}

void visitWrapperCalls(const AllocatorCall &Call, const CallContext &Inner, Evaluator &Eval,
                       llvm::function_ref<void(const CallContext &)> Visit) {
  if (Inner.Chain.size() >= Evaluator::MaxCallDepth || !dependsOnOpenParameter(Inner.Scenarios))
    return;
  // A bound comes from a parameter of an externally visible function: a wrapper. Its callers in this file decide
  // the bound, so each of their calls is audited as an allocator call of its own.
  const FunctionDecl *Wrapper = Inner.Chain.empty() ? Call.Enclosing : Inner.SiteFunction;
  if (!Wrapper)
    return;
  for (const CallSiteRef &Site : Eval.calls().callersOf(Wrapper)) {
    if (!Site.Caller || llvm::is_contained(Inner.Chain, Site.Call))
      continue;
    std::vector<const CallExpr *> Outer{Site.Call};
    Outer.insert(Outer.end(), Inner.Chain.begin(), Inner.Chain.end());
    CallContext C = contextFor(Call, std::move(Outer), Eval);
    Visit(C);
    visitWrapperCalls(Call, C, Eval, Visit);
  }
}

} // namespace

CallContext directCallContext(const AllocatorCall &Call, Evaluator &Eval) { return contextFor(Call, {}, Eval); }

void forEachCallContext(const AllocatorCall &Call, Evaluator &Eval,
                        llvm::function_ref<void(const CallContext &)> Visit) {
  CallContext Direct = contextFor(Call, {}, Eval);
  Visit(Direct);
  visitWrapperCalls(Call, Direct, Eval, Visit);
}

} // namespace mmio
