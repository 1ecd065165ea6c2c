package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter read as the kernel runs it: an independent interpreter of the assembled bytes. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SeccompFilterTest {

    private static final int ARCH_I386 = 0x40000003;
    private static final int ARCH_AARCH64 = 0xC00000B7;
    private static final String ALLOW = "ALLOW";
    private static final byte[] FILTER = SeccompFilter.x86_64();

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            read,                      x86_64,  0,          0,          ALLOW
            write,                     x86_64,  1,          0,          ALLOW
            mmap,                      x86_64,  9,          0,          ALLOW
            fork via clone(SIGCHLD),   x86_64,  56,         17,         ALLOW
            thread via clone,          x86_64,  56,         0x3D0F00,   ALLOW
            clone with CLONE_NEWUSER,  x86_64,  56,         0x10000011, EPERM
            clone with CLONE_NEWNET,   x86_64,  56,         0x40000000, EPERM
            clone with CLONE_NEWNS,    x86_64,  56,         0x00020000, EPERM
            clone3 (glibc falls back), x86_64,  435,        0,          ENOSYS
            ptrace,                    x86_64,  101,        0,          EPERM
            mount,                     x86_64,  165,        0,          EPERM
            umount2,                   x86_64,  166,        0,          EPERM
            pivot_root,                x86_64,  155,        0,          EPERM
            unshare,                   x86_64,  272,        0,          EPERM
            setns,                     x86_64,  308,        0,          EPERM
            keyctl,                    x86_64,  250,        0,          EPERM
            bpf,                       x86_64,  321,        0,          EPERM
            perf_event_open,           x86_64,  298,        0,          EPERM
            userfaultfd,               x86_64,  323,        0,          EPERM
            io_uring_setup,            x86_64,  425,        0,          EPERM
            mount_setattr,             x86_64,  442,        0,          EPERM
            the highest allowed,       x86_64,  0x3FFFFFFF, 0,          ALLOW
            ptrace in x32,             x86_64,  0x40000209, 0,          KILL
            read on i386,              i386,    3,          0,          KILL
            read on aarch64,           aarch64, 63,         0,          KILL
            """)
    void eachCallGetsItsVerdict(String name, String arch, String nr, String arg0, String verdict) {
        int archValue = switch (arch) {
            case "x86_64" -> SeccompFilter.AUDIT_ARCH_X86_64;
            case "i386" -> ARCH_I386;
            default -> ARCH_AARCH64;
        };

        assertThat(verdict(run(FILTER, archValue, Integer.decode(nr), Integer.decode(arg0)))).as(name).isEqualTo(verdict);
    }

    /** Checked against the kernel headers where they are installed (Debian's linux-libc-dev). */
    @Test
    void deniedNumbersAreTheKernelsX86_64Numbers() throws IOException {
        Path header = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        Map<String, Integer> expected = Map.of("ptrace", 101, "mount", 165, "unshare", 272, "setns", 308, "bpf", 321,
                "io_uring_setup", 425, "userfaultfd", 323, "keyctl", 250);
        expected.forEach((name, nr) -> assertThat(SeccompFilter.DENIED).containsEntry(name, nr));
        if (!Files.isReadable(header)) {
            System.out.println("NOT RUN against " + header + ": install linux-libc-dev to check every number");
            return;
        }
        String text = Files.readString(header);
        SeccompFilter.DENIED.forEach((name, nr) -> {
            Matcher m = Pattern.compile("#define __NR_" + name + "\\s+(\\d+)").matcher(text);
            assertThat(m.find()).as("%s in %s", name, header).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(name).isEqualTo(nr);
        });
        Matcher clone3 = Pattern.compile("#define __NR_clone3\\s+(\\d+)").matcher(text);
        assertThat(clone3.find() && Integer.parseInt(clone3.group(1)) == SeccompFilter.SYS_CLONE3).isTrue();
    }

    @Test
    void theProgramIsWholeInstructionsAndShort() {
        int instructions = FILTER.length / ClassicBpf.INSTRUCTION_BYTES;

        assertThat(FILTER.length % ClassicBpf.INSTRUCTION_BYTES).isZero();
        // arch check (2), number load and x32 check (2), one jump per denied call, clone3, clone, allow,
        // clone flags (2) and allow, and the three verdicts.
        assertThat(instructions).isEqualTo(4 + SeccompFilter.DENIED.size() + 3 + 3 + 3);
        assertThat(instruction(FILTER, 0)).containsExactly(ClassicBpf.LOAD_WORD_ABSOLUTE, 0, 0, 4);
        assertThat(instruction(FILTER, instructions - 1)).containsExactly(ClassicBpf.RETURN, 0, 0, SeccompFilter.RET_KILL_PROCESS);
    }

    @Test
    void filtersAreOnlyMadeForX86_64() {
        assertThat(SeccompFilter.forArchitecture("amd64")).isPresent();
        assertThat(SeccompFilter.forArchitecture("aarch64")).isEmpty();
        assertThat(SeccompFilter.describe("amd64")).isEqualTo("seccomp denies 43 system calls");
        assertThat(SeccompFilter.describe("aarch64")).startsWith("NO seccomp filter");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            undefined label,  missing
            backward jump,    back
            """)
    void badJumpsDoNotAssemble(String name, String kind) {
        ClassicBpf bpf = new ClassicBpf();
        if (kind.equals("back")) {
            bpf.label("start").returnValue(0);
        }
        bpf.jumpIfEqual(1, kind.equals("back") ? "start" : "nowhere").returnValue(0);

        assertThatThrownBy(bpf::assemble).as(name).isInstanceOf(IllegalStateException.class).hasMessageContaining("jump at");
    }

    @Test
    void aJumpFurtherThan255InstructionsDoesNotAssemble() {
        ClassicBpf bpf = new ClassicBpf().jumpIfEqual(1, "far");
        for (int i = 0; i < 256; i++) {
            bpf.load(0);
        }
        bpf.label("far").returnValue(0);

        assertThatThrownBy(bpf::assemble).hasMessageContaining("spans 256 instructions");
    }

    private static String verdict(int value) {
        if (value == SeccompFilter.RET_ALLOW) {
            return ALLOW;
        }
        if (value == SeccompFilter.RET_KILL_PROCESS) {
            return "KILL";
        }
        return switch (value ^ SeccompFilter.RET_ERRNO) {
            case SeccompFilter.EPERM -> "EPERM";
            case SeccompFilter.ENOSYS -> "ENOSYS";
            default -> "0x" + Integer.toHexString(value);
        };
    }

    /** Runs the filter over a {@code struct seccomp_data} with these fields, as the kernel would. */
    private static int run(byte[] filter, int arch, int nr, int arg0Low) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putInt(16, arg0Low);
        int accumulator = 0;
        int pc = 0;
        for (int steps = 0; steps < 4096; steps++) {
            int[] in = instruction(filter, pc);
            if (in[0] == ClassicBpf.RETURN) {
                return in[3];
            }
            int jump = switch (in[0]) {
                case ClassicBpf.LOAD_WORD_ABSOLUTE -> {
                    accumulator = data.getInt(in[3]);
                    yield 0;
                }
                case ClassicBpf.JUMP_IF_EQUAL -> accumulator == in[3] ? in[1] : in[2];
                case ClassicBpf.JUMP_IF_AT_LEAST -> Integer.compareUnsigned(accumulator, in[3]) >= 0 ? in[1] : in[2];
                case ClassicBpf.JUMP_IF_ANY_SET -> (accumulator & in[3]) != 0 ? in[1] : in[2];
                default -> throw new AssertionError("unknown opcode " + in[0] + " at " + pc);
            };
            pc += 1 + jump;
        }
        throw new AssertionError("the filter did not return");
    }

    private static int[] instruction(byte[] filter, int at) {
        ByteBuffer b = ByteBuffer.wrap(filter, at * 8, 8).order(ByteOrder.nativeOrder());
        return new int[] {b.getShort() & 0xFFFF, b.get() & 0xFF, b.get() & 0xFF, b.getInt()};
    }
}
