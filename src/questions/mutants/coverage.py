# opsdrill mutation testing: this file stands in for a reference solution. It runs the reference
# (below, base64) under a line tracer and, when the process exits, writes on stderr which of its
# lines ran and the types each line returned. The driver loads it like any solution: once per
# case in one process (function, design) or as its own process per case (script).
import atexit as _odc_atexit
import base64 as _odc_base64
import json as _odc_json
import os as _odc_os
import sys as _odc_sys
import threading as _odc_threading

_ODC_FILE = "<opsdrill-reference>"
# Frames whose `return` is not the function's result (a lambda's on a `return` line would lie).
_ODC_INNER = {"<lambda>", "<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"}


def _odc_install():
    tracer = getattr(_odc_sys, "_opsdrill_coverage", None)
    if tracer is None:
        lines = set()
        returns = {}
        raising = set()

        def local(frame, event, arg):
            if event == "line":
                lines.add(frame.f_lineno)
                raising.discard(frame)
            elif event == "exception":
                raising.add(frame)
            elif event == "return":
                if frame in raising:
                    # Left by an exception: `arg` is None, not a returned value.
                    raising.discard(frame)
                elif frame.f_code.co_name not in _ODC_INNER:
                    seen = returns.setdefault(frame.f_lineno, {})
                    name = type(arg).__name__
                    seen[name] = seen.get(name, 0) + 1
            return local

        def on_call(frame, event, arg):
            if frame.f_code.co_filename != _ODC_FILE:
                return None
            lines.add(frame.f_lineno)
            return local

        def report():
            data = {"lines": sorted(lines), "returns": {str(k): v for k, v in returns.items()}}
            try:
                _odc_os.write(2, ("\n@@opsdrill-coverage@@" + _odc_json.dumps(data) + "\n").encode("utf-8"))
            except OSError:
                pass

        _odc_atexit.register(report)
        tracer = on_call
        _odc_sys._opsdrill_coverage = tracer
    _odc_sys.settrace(tracer)
    _odc_threading.settrace(tracer)


_odc_install()
exec(compile(_odc_base64.b64decode("__REFERENCE_BASE64__").decode("utf-8"), _ODC_FILE, "exec"), globals())
