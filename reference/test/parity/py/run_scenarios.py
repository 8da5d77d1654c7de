"""Runs the Python side of parity scenarios, each in a fresh namespace, and reports their logs.

    python run_scenarios.py scenarios/NAME.py ...          # the logs, one scenario after another
    python run_scenarios.py --json scenarios/NAME.py ...   # what parity.test.ts reads

A scenario is a script: it prints its log to stdout, one event a line. This runner executes it
as ``__main__`` with stdout and stderr captured, so that one interpreter runs many scenarios
(starting Python and importing asyncio costs more than most scenarios take). This directory is on
``sys.path``, so a scenario can ``from virtual_clock import ...``.

With ``--json`` it prints one JSON object a line:
``{"path": ..., "stdout": ..., "stderr": ..., "error": <traceback or null>}``.
"""

import asyncio
import contextlib
import gc
import io
import json
import runpy
import sys
import traceback


def run_one(path):
    out, err = io.StringIO(), io.StringIO()
    error = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_path(path, run_name='__main__')
        except SystemExit as exc:
            if exc.code not in (None, 0):
                error = f'SystemExit({exc.code!r})'
        except BaseException:  # noqa: BLE001 - report anything the scenario raised
            error = traceback.format_exc()
        finally:
            # Leave nothing behind for the next scenario: no running or current loop, and the
            # garbage of this one collected now, so that its reports land in its own stderr.
            asyncio.events._set_running_loop(None)
            asyncio.set_event_loop(None)
            gc.collect()
    return {'path': path, 'stdout': out.getvalue(), 'stderr': err.getvalue(), 'error': error}


def main(argv):
    as_json = '--json' in argv
    paths = [arg for arg in argv if arg != '--json']
    for path in paths:
        result = run_one(path)
        if as_json:
            print(json.dumps(result), flush=True)
            continue
        print(f'== {path}')
        sys.stdout.write(result['stdout'])
        if result['stderr']:
            sys.stderr.write(result['stderr'])
        if result['error']:
            sys.stderr.write(result['error'])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
