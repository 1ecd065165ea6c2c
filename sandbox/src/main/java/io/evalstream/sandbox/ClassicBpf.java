package io.evalstream.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny assembler for classic BPF, the language of seccomp filters, so that the sandbox can build its filter
 * without libseccomp or any native tool. Jumps name a label; only forward jumps exist in classic BPF, and each
 * jump reaches at most 255 instructions ahead, which {@link #assemble()} checks.
 *
 * <p>The output is the kernel's {@code struct sock_filter} array ({@code u16 code, u8 jt, u8 jf, u32 k}) in the
 * machine's byte order, as bwrap's {@code --seccomp FD} reads it.
 */
final class ClassicBpf {

    static final int LOAD_WORD_ABSOLUTE = 0x20;
    static final int JUMP_IF_EQUAL = 0x15;
    static final int JUMP_IF_AT_LEAST = 0x35;
    static final int JUMP_IF_ANY_SET = 0x45;
    static final int RETURN = 0x06;
    static final int INSTRUCTION_BYTES = 8;
    /** BPF_MAXINSNS: the kernel refuses longer programs. */
    static final int MAX_INSTRUCTIONS = 4096;

    /** One instruction; a null target falls through to the next one. */
    record Instruction(int code, String ifTrue, String ifFalse, int k) {
    }

    private final List<Instruction> program = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    ClassicBpf load(int offset) {
        return add(new Instruction(LOAD_WORD_ABSOLUTE, null, null, offset));
    }

    ClassicBpf jumpIfEqual(int k, String target) {
        return add(new Instruction(JUMP_IF_EQUAL, target, null, k));
    }

    ClassicBpf jumpUnlessEqual(int k, String target) {
        return add(new Instruction(JUMP_IF_EQUAL, null, target, k));
    }

    ClassicBpf jumpIfAtLeast(int k, String target) {
        return add(new Instruction(JUMP_IF_AT_LEAST, target, null, k));
    }

    ClassicBpf jumpIfAnySet(int mask, String target) {
        return add(new Instruction(JUMP_IF_ANY_SET, target, null, mask));
    }

    ClassicBpf returnValue(int value) {
        return add(new Instruction(RETURN, null, null, value));
    }

    /** Names the next instruction. */
    ClassicBpf label(String name) {
        if (labels.putIfAbsent(name, program.size()) != null) {
            throw new IllegalArgumentException("label " + name + " defined twice");
        }
        return this;
    }

    byte[] assemble() {
        if (program.isEmpty() || program.size() > MAX_INSTRUCTIONS) {
            throw new IllegalStateException("a filter has 1.." + MAX_INSTRUCTIONS + " instructions, this one " + program.size());
        }
        ByteBuffer bytes = ByteBuffer.allocate(program.size() * INSTRUCTION_BYTES).order(ByteOrder.nativeOrder());
        for (int at = 0; at < program.size(); at++) {
            Instruction instruction = program.get(at);
            bytes.putShort((short) instruction.code());
            bytes.put((byte) offset(at, instruction.ifTrue()));
            bytes.put((byte) offset(at, instruction.ifFalse()));
            bytes.putInt(instruction.k());
        }
        return bytes.array();
    }

    private int offset(int at, String target) {
        if (target == null) {
            return 0;
        }
        Integer to = labels.get(target);
        if (to == null) {
            throw new IllegalStateException("jump at " + at + " to undefined label " + target);
        }
        int offset = to - at - 1;
        if (offset < 0 || offset > 255) {
            throw new IllegalStateException("jump at " + at + " to " + target + " spans " + offset
                    + " instructions; classic BPF jumps forward by 0..255");
        }
        return offset;
    }

    private ClassicBpf add(Instruction instruction) {
        program.add(instruction);
        return this;
    }
}
