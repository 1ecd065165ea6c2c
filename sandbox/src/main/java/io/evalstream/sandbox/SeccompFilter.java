package io.evalstream.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The seccomp filter bwrap installs on the sandboxed program ({@code --seccomp FD}), x86_64 only: a deny-list of
 * the system calls that attack the kernel or escape a namespace, none of which a HumanEval program needs. Denied
 * calls fail with EPERM, so a program that probes them gets an error, not a crash. {@code clone3} fails with
 * ENOSYS instead: its flags live in memory a filter cannot read, and ENOSYS makes glibc fall back to
 * {@code clone}, whose namespace flags the filter can check. A call made under another ABI (32-bit, x32) kills
 * the process: the numbers below mean other calls there.
 */
final class SeccompFilter {

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    /** System calls of the x32 ABI have this bit set in their number, on the x86_64 architecture. */
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_ERRNO = 0x00050000;
    static final int RET_ALLOW = 0x7FFF0000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    static final int SYS_CLONE = 56;
    static final int SYS_CLONE3 = 435;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID and NEWNET: a new namespace of any kind. */
    static final int CLONE_NEW_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000;
    private static final int NR_OFFSET = 0;
    private static final int ARCH_OFFSET = 4;
    /** The low 32 bits of the first argument (little-endian), where clone's flags are. */
    private static final int ARG0_LOW_OFFSET = 16;

    /** Denied calls by x86_64 number (from asm/unistd_64.h). */
    static final Map<String, Integer> DENIED = new TreeMap<>(Map.ofEntries(
            Map.entry("ptrace", 101), Map.entry("syslog", 103), Map.entry("uselib", 134),
            Map.entry("pivot_root", 155), Map.entry("chroot", 161), Map.entry("acct", 163),
            Map.entry("mount", 165), Map.entry("umount2", 166), Map.entry("swapon", 167), Map.entry("swapoff", 168),
            Map.entry("reboot", 169), Map.entry("init_module", 175), Map.entry("delete_module", 176),
            Map.entry("quotactl", 179), Map.entry("lookup_dcookie", 212), Map.entry("kexec_load", 246),
            Map.entry("add_key", 248), Map.entry("request_key", 249), Map.entry("keyctl", 250),
            Map.entry("unshare", 272), Map.entry("perf_event_open", 298), Map.entry("fanotify_init", 300),
            Map.entry("name_to_handle_at", 303), Map.entry("open_by_handle_at", 304), Map.entry("setns", 308),
            Map.entry("process_vm_readv", 310), Map.entry("process_vm_writev", 311), Map.entry("finit_module", 313),
            Map.entry("kexec_file_load", 320), Map.entry("bpf", 321), Map.entry("userfaultfd", 323),
            Map.entry("io_uring_setup", 425), Map.entry("io_uring_enter", 426), Map.entry("io_uring_register", 427),
            Map.entry("open_tree", 428), Map.entry("move_mount", 429), Map.entry("fsopen", 430),
            Map.entry("fsconfig", 431), Map.entry("fsmount", 432), Map.entry("fspick", 433),
            Map.entry("mount_setattr", 442)));

    private SeccompFilter() {
    }

    /** The filter for a JVM's {@code os.arch}: none but on x86_64, where another ABI's numbers mean other calls. */
    static Optional<byte[]> forArchitecture(String osArch) {
        return "amd64".equals(osArch) || "x86_64".equals(osArch) ? Optional.of(x86_64()) : Optional.empty();
    }

    /** The compiled filter, as bwrap reads it from its {@code --seccomp} descriptor. */
    static byte[] x86_64() {
        ClassicBpf bpf = new ClassicBpf()
                .load(ARCH_OFFSET).jumpUnlessEqual(AUDIT_ARCH_X86_64, "kill")
                .load(NR_OFFSET).jumpIfAtLeast(X32_SYSCALL_BIT, "kill");
        DENIED.values().forEach(nr -> bpf.jumpIfEqual(nr, "eperm"));
        return bpf.jumpIfEqual(SYS_CLONE3, "enosys")
                .jumpIfEqual(SYS_CLONE, "clone")
                .returnValue(RET_ALLOW)
                .label("clone").load(ARG0_LOW_OFFSET).jumpIfAnySet(CLONE_NEW_NAMESPACES, "eperm")
                .returnValue(RET_ALLOW)
                .label("eperm").returnValue(RET_ERRNO | EPERM)
                .label("enosys").returnValue(RET_ERRNO | ENOSYS)
                .label("kill").returnValue(RET_KILL_PROCESS)
                .assemble();
    }

    /** For the log line: which filter a JVM of this {@code os.arch} installs under bubblewrap. */
    static String describe(String osArch) {
        return forArchitecture(osArch).isPresent()
                ? "seccomp denies " + (DENIED.size() + 2) + " system calls"
                : "NO seccomp filter (it is written for x86_64, this is " + osArch + ")";
    }
}
