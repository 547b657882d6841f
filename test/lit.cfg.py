# lit configuration shared by every suite under test/.
import os

import lit.formats
import lit.util

site = lit_config.params.get("mmio_site")
if not site:
    lit_config.fatal("run the suites through ctest (or pass --param mmio_site=BUILD/test/lit.site.cfg.py)")
lit_config.load_config(config, site)

config.name = "mmio-audit"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test", ".yaml"]
config.excludes = ["Inputs", "unit", "lit.cfg.py", "lit.site.cfg.py", "README.md", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
# Test outputs (%t) go to the build tree, never the sources.
config.test_exec_root = os.path.join(config.mmio_binary_root, "test")

inputs = os.path.join(config.test_source_root, "Inputs")
config.environment["PATH"] = os.pathsep.join([config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
for var in ("HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# Preparing a kernel tree (tools/kernel/prepare-tree.sh) chooses its units with this build's CLI.
config.environment["MMIO_AUDIT_CLI"] = os.path.join(config.mmio_binary_root, "bin", "mmio-audit")

# %clang compiles for x86_64 Linux against the kernel-like stub headers only, as a kernel build would.
stub_flags = "-target x86_64-linux-gnu -nostdinc -isystem {0}/include -fsyntax-only".format(inputs)
config.substitutions.append(("%mmio_plugin", "-fplugin=" + config.mmio_plugin))
config.substitutions.append(("%clang_kernel", "{0} {1}".format(config.mmio_clang, stub_flags)))
config.substitutions.append(("%clang", config.mmio_clang))
config.substitutions.append(("%plugin_path", config.mmio_plugin))
# %line_of FILE TEXT: "line N" for the one line of FILE containing TEXT (lines in real kernel sources are derived).
config.substitutions.append(("%line_of", "python3 " + os.path.join(inputs, "line-of.py")))
# %max_rss MIB -- COMMAND: COMMAND, failing if its peak resident memory passes MIB (four times that under the
# sanitizers, whose shadow memory and quarantine multiply what a process holds).
rss_scale = "4" if getattr(config, "mmio_asan_runtime", "") else "1"
config.substitutions.append(("%max_rss", "python3 {0} --scale {1}".format(os.path.join(inputs, "max-rss.py"), rss_scale)))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%rules_dir", os.path.join(config.mmio_source_root, "rules")))

# A sanitizer build (-DMMIO_SANITIZE=ON): the plugin is instrumented but the clang that loads it is not, so clang
# runs with the sanitizer runtime preloaded (and only clang: a preload in make or python slows every process down).
# Leaks are not checked in clang, which frees nothing on purpose; the unit tests check them.
if getattr(config, "mmio_asan_runtime", ""):
    config.available_features.add("asan")
    preload = "env LD_PRELOAD={0} ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ".format(
        config.mmio_asan_runtime)
    config.substitutions = [(k, preload + v if k in ("%clang_kernel", "%clang") else v) for k, v in config.substitutions]
    # tools/kernel/compile-unit.py preloads it for the clang it runs.
    config.environment["MMIO_CLANG_PRELOAD"] = config.mmio_asan_runtime
