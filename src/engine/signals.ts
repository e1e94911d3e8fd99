/**
 * The runner cancels a step with SIGINT, then SIGTERM 7.5 s later, then SIGKILL: the first of them
 * aborts the returned signal so teardown starts at once.
 */
export function abortOnRunnerSignals(onFirst?: (signal: NodeJS.Signals) => void): AbortSignal {
  const cancel = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!cancel.signal.aborted) onFirst?.(signal);
      cancel.abort();
    });
  }
  return cancel.signal;
}
