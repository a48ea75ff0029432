import { type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Last-resort cleanup for everything a fault test starts (processes, PostgreSQL clusters, temporary directories):
 * each resource registers a synchronous undo, run in reverse order when the test process exits for any reason,
 * so a failed or interrupted test never leaves a postgres, redis-server, api or worker behind. The normal path
 * (afterAll) stops things gracefully first and unregisters them.
 */
const undo = new Map<number, () => void>();
let next = 0;
let installed = false;

function runAll(): void {
  for (const key of [...undo.keys()].reverse()) {
    try {
      undo.get(key)!();
    } catch {
      // best effort: keep undoing the rest
    }
    undo.delete(key);
  }
}

export function onExit(fn: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        runAll();
        process.exit(130);
      });
    }
  }
  const key = next++;
  undo.set(key, fn);
  return () => undo.delete(key);
}

/** SIGKILLs one child we started (by its pid) if it is still running when the test process exits. */
export function killOnExit(child: ChildProcess): () => void {
  const forget = onExit(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.once('exit', forget);
  return forget;
}

export function removeOnExit(dir: string): () => void {
  return onExit(() => rmSync(dir, { recursive: true, force: true }));
}
