// The argument list Kbuild gives a source checker (`make C=1 CHECK=...` runs `$(CHECK) $(CHECKFLAGS) $(c_flags)
// file.c` in the object tree), made into a compile command for clang: sparse's own flags dropped, the target that
// `--arch=`, `-m64`/`-m32` and the endianness flag name made explicit, and the object Kbuild is building recovered
// from its dependency file's name, for per-unit outputs.
#ifndef MMIO_AUDIT_TOOLING_KBUILDCOMMAND_H
#define MMIO_AUDIT_TOOLING_KBUILDCOMMAND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmio {

struct KbuildCommand {
  /// "clang", the target, then Kbuild's compiler flags and the source file: a command for cleanCommandLine, which
  /// still drops what GCC alone knows and whatever writes a file (-Wp,-MMD,...).
  std::vector<std::string> CompilerArgs;
  std::string Source;                    // the unit's source file, as Kbuild names it
  std::string Object;                    // the object Kbuild builds from it (relative to the object tree); may be empty
  std::string Target;                    // the triple given or derived
  std::vector<std::string> CheckerFlags; // sparse's flags, dropped
};

/// The object Kbuild builds with `Args` (relative to the object tree), from its dependency file's name
/// (`-Wp,-MMD,dir/.obj.o.d`) or `-o`; empty when neither says.
std::string kbuildObject(llvm::ArrayRef<std::string> Args);

/// The compile command in `Args` (what follows the checker's own options); `ExtraArgs`, what the user adds to it,
/// may name the target. Errors say what is missing: no source file, more than one, an architecture clang has no
/// target for.
llvm::Expected<KbuildCommand> parseKbuildCommand(llvm::ArrayRef<std::string> Args,
                                                 llvm::ArrayRef<std::string> ExtraArgs = {});

} // namespace mmio

#endif
