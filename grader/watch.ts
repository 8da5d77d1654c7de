/**
 * Watching the learner's files. File-change events do not arrive everywhere (some network and
 * container file systems never send them), so the watcher probes at start: it writes a file and
 * waits up to a second for its event. When none comes it switches to polling, and says so.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChokidarOptions, watch } from 'chokidar';

/** What the watch mode needs from a watcher (chokidar's, or a test's stand-in). */
export interface FileWatcher {
  on(event: 'all', listener: (event: string, path: string) => void): unknown;
  close(): Promise<void>;
}

export type WatcherFactory = (paths: string[], options: ChokidarOptions) => FileWatcher;

export interface WatchHandle {
  mode: 'events' | 'polling';
  /** Set when the watcher fell back to polling: the sentence to show the learner. */
  note?: string;
  close(): Promise<void>;
}

export const POLL_INTERVAL_MS = 500;
export const PROBE_TIMEOUT_MS = 1000;

/**
 * Watches `dirs` and calls `onChange` with the path of every file added or changed. With
 * `forcePolling`, skips the probe.
 */
export async function watchFiles(
  root: string,
  dirs: string[],
  onChange: (path: string) => void,
  options: { forcePolling?: boolean; factory?: WatcherFactory } = {},
): Promise<WatchHandle> {
  const factory = options.factory ?? ((paths, chokidarOptions) => watch(paths, chokidarOptions));
  const forward = (event: string, path: string) => {
    if (event === 'add' || event === 'change') onChange(path);
  };
  if (!options.forcePolling) {
    const probeDir = join(root, '.course', 'probe');
    mkdirSync(probeDir, { recursive: true });
    const watcher = factory([...dirs, probeDir], { ignoreInitial: true });
    if (await probe(watcher, probeDir)) {
      watcher.on('all', (event, path) => {
        if (!path.startsWith(probeDir)) forward(event, path);
      });
      return { mode: 'events', close: () => watcher.close() };
    }
    await watcher.close();
  }
  const watcher = factory(dirs, {
    ignoreInitial: true,
    usePolling: true,
    interval: POLL_INTERVAL_MS,
  });
  watcher.on('all', forward);
  const note = options.forcePolling
    ? `Watching by polling every ${POLL_INTERVAL_MS / 1000} s, as asked.`
    : `File change events did not arrive within a second here, so the grader watches by polling every ${POLL_INTERVAL_MS / 1000} s instead.`;
  return { mode: 'polling', note, close: () => watcher.close() };
}

/** Writes a probe file, again every 200 ms, until its event arrives or the time is up. */
function probe(watcher: FileWatcher, probeDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const file = join(probeDir, 'probe.txt');
    let settled = false;
    const finish = (arrived: boolean) => {
      if (settled) return;
      settled = true;
      clearInterval(writer);
      clearTimeout(timer);
      resolve(arrived);
    };
    watcher.on('all', (_event, path) => {
      if (path.startsWith(probeDir)) finish(true);
    });
    // chokidar may still be setting up when the first write lands, hence the repeats.
    const write = () => writeFileSync(file, String(Date.now()));
    const writer = setInterval(write, 200);
    const timer = setTimeout(() => finish(false), PROBE_TIMEOUT_MS);
    write();
  });
}
