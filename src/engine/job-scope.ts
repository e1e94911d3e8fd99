import type { JobConfig } from '../config/job.js';
import type { Reporter } from '../core/reporter.js';
import type { RemoteImageStore } from '../image/types.js';
import type { RemoteTemplateStore } from '../warm/template-pack.js';
import type { PhaseClock } from './phase-clock.js';
import type { Teardown } from './teardown.js';

/**
 * What every stage of one job works within, made once by runJob: the job's settings, where it reports,
 * its phase clock and cancel signal, the teardown its resources register with, and where job
 * directories go. A template build runs in a scope of its own (its own teardown, its phases prefixed).
 */
export interface JobScope {
  config: JobConfig;
  reporter: Reporter;
  clock: PhaseClock;
  signal: AbortSignal;
  teardown: Teardown;
  /** Parent of job directories and of kept console logs (RUNNER_TEMP for the action). */
  tempRoot: string;
  /** Images beyond the local cache (the action's Actions cache), asked before a download. */
  remoteImages?: RemoteImageStore;
  /** Warm-start templates beyond the local cache (the action's Actions cache), asked before a build. */
  remoteTemplates?: RemoteTemplateStore;
}
