/**
 * SIGINT or SIGTERM aborts the returned signal, so teardown starts at once. The runner cancels a step
 * with SIGINT, then SIGTERM 7.5 s later, then SIGKILL; a terminal sends SIGINT on Ctrl-C.
 */
export function abortOnSignals(onFirst?: (signal: NodeJS.Signals) => void): AbortSignal {
  const cancel = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!cancel.signal.aborted) onFirst?.(signal);
      cancel.abort();
    });
  }
  return cancel.signal;
}
