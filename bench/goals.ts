/**
 * The issue's speed goals, each judged from the measured rows: met, not met, or not measurable.
 *
 * @module
 */

import type { Outcome } from './measure.ts';
import { SIZES } from './options.ts';
import type { Row } from './plan.ts';
import { cpuPerOp, fmtInt, fmtMs, fmtPerOp, fmtRatio, med, perOp } from './stats.ts';

export interface Goal {
  goal: string;
  figure: string;
  met: boolean | null;
}

export function goals(outcomes: Map<string, Outcome>, rows: Map<string, Row>): Goal[] {
  const t = (key: string) => perOp(outcomes, rows, key);
  const missing = (key: string) => {
    const o = outcomes.get(key);
    return o === undefined
      ? 'not run'
      : (o.missing ?? (o.samples.length === 0 ? 'no result' : null));
  };
  const list: Goal[] = [];
  const faster = (section: string, refKey: string, pyKey: string, what: string) => {
    const why = missing(refKey) ?? missing(pyKey);
    if (why !== null) {
      list.push({
        goal: `${section}: ≥ 10× faster than CPython's asyncio`,
        figure: why,
        met: null,
      });
      return;
    }
    const ratio = t(pyKey) / t(refKey);
    list.push({
      goal: `${section}: ≥ 10× faster than CPython's asyncio`,
      figure: `asyncio takes ${fmtRatio(ratio)} the reference's time${what === '' ? '' : ` (${what})`}`,
      met: ratio >= 10,
    });
  };
  faster('A', 'A.ref', 'A.asyncio', 'bare `yield` against `sleep(0)`');
  faster('B', 'B.ref', 'B.asyncio.loop', 'both joining with a loop of awaits');
  faster('D (queued at once)', 'D.batch.ref', 'D.batch.asyncio', '');
  faster('D (chained)', 'D.chain.ref', 'D.chain.asyncio', '');
  faster('E', 'E.ref', 'E.asyncio', '');

  const within = (
    section: string,
    refKey: string,
    peerKeys: string[],
    limit: number,
    peerName: string,
  ) => {
    const goal = `${section}: within ${limit}× of ${peerName}`;
    const present = peerKeys.filter((k) => missing(k) === null);
    const why = missing(refKey) ?? (present.length === 0 ? 'no native figure' : null);
    if (why !== null) {
      list.push({ goal, figure: why, met: null });
      return;
    }
    const best = present.reduce((a, b) => (t(b) < t(a) ? b : a));
    const ratio = t(refKey) / t(best);
    const label = rows.get(best)?.label.replace(/^native: /, '') ?? best;
    list.push({
      goal,
      figure: `the reference takes ${fmtRatio(ratio)} the time of ${label}`,
      met: ratio <= limit,
    });
  };
  within('A', 'A.ref', ['A.baton'], 1.5, 'native promises (the baton)');
  const microtasks = 'native promises (the faster of `queueMicrotask` and `then`)';
  within(
    'D (queued at once)',
    'D.batch.ref',
    ['D.batch.microtask', 'D.batch.then'],
    1.5,
    microtasks,
  );
  within('D (chained)', 'D.chain.ref', ['D.chain.microtask', 'D.chain.then'], 1.5, microtasks);
  within('B', 'B.ref', ['B.native'], 3, 'native promises');

  {
    const goal = "B: bytes per task no higher than CPython's";
    const why = missing('Bmem.ref') ?? missing('Bmem.asyncio');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const ref = med(outcomes.get('Bmem.ref'), 'bytesPerTask');
      const py = med(outcomes.get('Bmem.asyncio'), 'bytesPerTask');
      list.push({
        goal,
        figure: `reference ${fmtInt(Math.round(ref))} B, CPython ${fmtInt(Math.round(py))} B`,
        met: ref <= py,
      });
    }
  }
  {
    const mid = SIZES.timers[1];
    const goal = `C: lateness at ${fmtInt(mid)} timers no worse than native \`setTimeout\`'s (1 ms of slack, Node's timer resolution)`;
    const why = missing('C1.ref') ?? missing('C1.native');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const ref = outcomes.get('C1.ref');
      const nat = outcomes.get('C1.native');
      const rm = med(ref, 'lateMedianMs');
      const rp = med(ref, 'lateP99Ms');
      const nm = med(nat, 'lateMedianMs');
      const np = med(nat, 'lateP99Ms');
      list.push({
        goal,
        figure: `median ${fmtMs(rm)} ms against ${fmtMs(nm)} ms; p99 ${fmtMs(rp)} ms against ${fmtMs(np)} ms`,
        met: rm <= nm + 1 && rp <= np + 1,
      });
    }
  }
  {
    const goal = 'F: within 1.2× of a plain `worker_threads` pool';
    const why = missing('F.ref') ?? missing('F.native');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const ratio = t('F.ref') / t('F.native');
      list.push({
        goal,
        figure: `the reference takes ${fmtRatio(ratio)} the pool's time`,
        met: ratio <= 1.2,
      });
    }
  }
  {
    // Issue 6: the jobs must overlap on the 2 workers; on 2 cores, ideally half the loop's time.
    const goal = `G: ${SIZES.cpuBoundJobs} CPU-bound jobs through \`toThread\` with 2 workers overlap (≤ 0.75× the time of the loop alone)`;
    const why = missing('G.ref') ?? missing('G.ref.loop');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const threaded = med(outcomes.get('G.ref'), 'ms');
      const alone = med(outcomes.get('G.ref.loop'), 'ms');
      list.push({
        goal,
        figure: `${fmtMs(threaded)} ms through \`toThread\` against ${fmtMs(alone)} ms on the loop: ${fmtRatio(threaded / alone)}`,
        met: threaded / alone <= 0.75,
      });
    }
  }
  {
    const [, mid, big] = SIZES.timers;
    const goal =
      'C: cost linear in the number of tasks and timers (CPU per task grows ≤ 1.5× from the middle size to the largest)';
    const why = missing('C1.ref') ?? missing('C2.ref');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const growth = cpuPerOp(outcomes, rows, 'C2.ref') / cpuPerOp(outcomes, rows, 'C1.ref');
      list.push({
        goal,
        figure: `${fmtPerOp(cpuPerOp(outcomes, rows, 'C1.ref'), 1)} per task at ${fmtInt(mid)}, ${fmtPerOp(cpuPerOp(outcomes, rows, 'C2.ref'), 1)} at ${fmtInt(big)}: ${fmtRatio(growth)}`,
        met: growth <= 1.5,
      });
    }
  }
  return list;
}
