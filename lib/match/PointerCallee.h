// The function a call through a function pointer must reach, when the pointer can hold nothing else: a `const`
// pointer (a `static const` table entry, say) initialised with a function, or a local one that is initialised with
// a function and never assigned or handed out afterwards. Such a call of an allocator is audited like a direct one.
#ifndef MMIO_AUDIT_MATCH_POINTERCALLEE_H
#define MMIO_AUDIT_MATCH_POINTERCALLEE_H

namespace clang {
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace mmio {

/// The sole possible target of `Call`'s callee pointer, or null (a direct call, or a pointer that may hold another
/// function). `Enclosing` is the function the call is in, where a local pointer's assignments are looked for.
const clang::FunctionDecl *soleTargetOfPointer(const clang::CallExpr *Call, const clang::FunctionDecl *Enclosing);

} // namespace mmio

#endif
