/**
 * The classic mistakes of an event loop (asyncio-semantics.md, section 2, and COURSE.md
 * section 2 for the host), each planted in a copy of `solutions/03-loop/loop.ts`, with the
 * exercises whose suites must catch it.
 */
import type { PlantedMistake } from '../mistake.ts';

const mistakes: PlantedMistake[] = [
  {
    name: 'the ready queue is drained until it is empty instead of running a snapshot',
    file: 'loop.ts',
    find: '    const ntodo = this._ready.length;\n    for (let i = 0; i < ntodo; i++) {\n',
    replace: '    while (this._ready.length > 0) {\n',
    caughtBy: ['03.1', '03.7'],
  },
  {
    name: 'stop() breaks out in the middle of an iteration',
    file: 'loop.ts',
    find: '      if (!handle._cancelled) handle._run();\n    }',
    replace:
      '      if (!handle._cancelled) handle._run();\n      if (this._stopping) break;\n    }',
    caughtBy: ['03.1'],
  },
  {
    name: 'the stop flag stays set when runForever returns',
    file: 'loop.ts',
    find: '      this._stopping = false;\n      this._running = false;',
    replace: '      this._running = false;',
    caughtBy: ['03.1'],
  },
  {
    name: 'the loop never hands control to Node while callbacks keep it busy',
    file: 'loop.ts',
    find: '        if (this._sliceExpired()) {',
    replace: '        if (this._sliceExpired() && (false as boolean)) {',
    caughtBy: ['03.2'],
  },
  {
    name: 'the loop hands control to Node after every iteration',
    file: 'loop.ts',
    find: '    return performance.now() - this._sliceStart >= SLICE_MS;',
    replace: '    return performance.now() - this._sliceStart >= 0;',
    caughtBy: ['03.2'],
  },
  {
    name: 'runForever does not refuse to start while another loop runs',
    file: 'loop.ts',
    find: "    if (_getRunningLoop() !== null) {\n      throw new RuntimeError('Cannot run the event loop while another loop is running');\n    }\n",
    replace: '',
    caughtBy: ['03.3'],
  },
  {
    name: 'the running loop is not cleared when runForever returns',
    file: 'loop.ts',
    find: '      this._running = false;\n      _setRunningLoop(null);',
    replace: '      this._running = false;',
    caughtBy: ['03.3', '03.4'],
  },
  {
    name: 'time() of the real clock is in milliseconds, not seconds',
    file: 'loop.ts',
    find: "return this._clock === 'virtual' ? this._virtualNow : performance.now() / 1000;",
    replace: "return this._clock === 'virtual' ? this._virtualNow : performance.now();",
    caughtBy: ['03.4', '03.5'],
  },
  {
    name: 'callSoonThreadsafe queues the callback but does not wake a loop that waits',
    file: 'loop.ts',
    find: '    const handle = this.callSoon(callback, ...args);\n    this._writeToSelf();',
    replace: '    const handle = this.callSoon(callback, ...args);',
    caughtBy: ['03.4'],
  },
  {
    name: 'a virtual-clock loop with nothing to do waits forever instead of reporting a deadlock',
    file: 'loop.ts',
    find: '      if (timeout === null) throw this._deadlockError();',
    replace: '      if (timeout === null) return new Promise<void>(() => {});',
    caughtBy: ['03.4', '03.7'],
  },
  {
    name: 'the virtual clock jumps (or reports a deadlock) while work outside the loop is held',
    file: 'loop.ts',
    find: "    if (this._clock === 'virtual' && this._holds.size === 0) {",
    replace: "    if (this._clock === 'virtual') {",
    caughtBy: ['03.4', '03.5'],
  },
  {
    name: 'the loop waits for the next timer while callbacks are ready (the timeout is not 0)',
    file: 'loop.ts',
    find: '    if (this._ready.length > 0 || this._stopping) return 0;',
    replace: '    if (this._stopping) return 0;',
    caughtBy: ['03.4', '03.5'],
  },
  {
    name: 'a stopping loop still waits for the next timer',
    file: 'loop.ts',
    find: '    if (this._ready.length > 0 || this._stopping) return 0;',
    replace: '    if (this._ready.length > 0) return 0;',
    caughtBy: ['03.5'],
  },
  {
    name: "the clock's resolution is ignored: a timer due now waits for a later iteration",
    file: 'loop.ts',
    find: '    const endTime = this.time() + CLOCK_RESOLUTION;',
    replace: '    const endTime = this.time();',
    caughtBy: ['03.5'],
  },
  {
    name: 'one setTimeout per timer instead of a heap and a single wait',
    file: 'loop.ts',
    find: '    heapPush(this._scheduled, timer, earlier);\n    timer._scheduled = true;',
    replace:
      '    setTimeout(() => {\n      if (!timer._cancelled) this.callSoonThreadsafe(() => timer._run());\n    }, Math.max(0, when - this.time()) * 1000);',
    caughtBy: ['03.5'],
  },
  {
    name: 'callLater counts the delay from 0 instead of from loop.time()',
    file: 'loop.ts',
    find: '    return this.callAt(this.time() + delay, callback, ...args);',
    replace: '    return this.callAt(delay, callback, ...args);',
    caughtBy: ['03.5'],
  },
  {
    name: 'cancelled handles in the ready queue still run',
    file: 'loop.ts',
    find: '      if (!handle._cancelled) handle._run();',
    replace: '      handle._run();',
    caughtBy: ['03.6'],
  },
  {
    name: 'cancel() keeps the callback and its arguments',
    file: 'loop.ts',
    find: '    this._cancelled = true;\n    this._callback = null;\n    this._args = null;',
    replace: '    this._cancelled = true;',
    caughtBy: ['03.6'],
  },
  {
    name: 'a cancelled timer is spliced out of the heap at once (O(n), and the heap order breaks)',
    file: 'loop.ts',
    find: '    if (!this._cancelled) this._loop._timerHandleCancelled(this);\n    super.cancel();',
    replace:
      '    const heap = this._loop._scheduled;\n    if (heap.includes(this)) heap.splice(heap.indexOf(this), 1);\n    this._scheduled = false;\n    super.cancel();',
    caughtBy: ['03.6'],
  },
  {
    name: 'cancelled timers are never purged from the heap',
    file: 'loop.ts',
    find: '    this._purgeCancelledTimers();\n',
    replace: '',
    caughtBy: ['03.6'],
  },
  {
    name: 'a cancelled timer is counted even when it is no longer in the heap',
    file: 'loop.ts',
    find: '    if (handle._scheduled) this._timerCancelledCount++;',
    replace: '    this._timerCancelledCount++;',
    caughtBy: ['03.6'],
  },
  {
    name: 'runUntilComplete polls fut.done() after each iteration instead of stopping through a done callback',
    file: 'loop.ts',
    find: '    fut.addDoneCallback(_run_until_complete_cb);\n    this._waitingFor = fut;\n    try {\n      await this.runForever();\n    } finally {\n      this._waitingFor = null;\n      fut.removeDoneCallback(_run_until_complete_cb);\n    }',
    replace:
      '    this._waitingFor = fut;\n    this._running = true;\n    _setRunningLoop(this);\n    try {\n      while (!fut.done() && !this._stopping) await this._runOnce();\n    } finally {\n      this._waitingFor = null;\n      this._stopping = false;\n      this._running = false;\n      _setRunningLoop(null);\n    }',
    caughtBy: ['03.7'],
  },
  {
    name: 'runUntilComplete does not remove its done callback',
    file: 'loop.ts',
    find: '      fut.removeDoneCallback(_run_until_complete_cb);\n',
    replace: '',
    caughtBy: ['03.7'],
  },
  {
    name: "runUntilComplete does not say 'Event loop stopped before Future completed.'",
    file: 'loop.ts',
    find: "    if (!fut.done()) throw new RuntimeError('Event loop stopped before Future completed.');\n",
    replace: '',
    caughtBy: ['03.7'],
  },
  {
    name: 'close() closes a running loop',
    file: 'loop.ts',
    find: "    if (this.isRunning()) throw new RuntimeError('Cannot close a running event loop');\n",
    replace: '',
    caughtBy: ['03.8'],
  },
  {
    name: 'a callback that throws stops the loop: the error escapes runForever',
    file: 'loop.ts',
    find: '    try {\n      callback(...(this._args as unknown[]));\n    } catch (exc) {',
    replace: '    callback(...(this._args as unknown[]));\n    try {\n    } catch (exc) {',
    caughtBy: ['03.9'],
  },
  {
    name: 'an exception handler that throws lets its error escape',
    file: 'loop.ts',
    find: '    try {\n      handler(this, context);\n    } catch (exc) {',
    replace: '    handler(this, context);\n    try {\n    } catch (exc) {',
    caughtBy: ['03.9'],
  },
  {
    name: 'setExceptionHandler accepts something that is not a function',
    file: 'loop.ts',
    find: "    if (handler != null && typeof handler !== 'function') {",
    replace: "    if (handler != null && typeof handler !== 'function' && (false as boolean)) {",
    caughtBy: ['03.9'],
  },
];

export default mistakes;
