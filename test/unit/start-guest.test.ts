/**
 * The engine's start policies without a VM: the chooser and the boot retries against fake ways to a
 * guest (GuestPaths, boot attempts), as kata's factory tests run against a mock hypervisor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobConfig } from '../../src/config/job.js';
import { CancelledError, SolsticeError } from '../../src/core/errors.js';
import { silentReporter, type Reporter } from '../../src/core/reporter.js';
import type { JobScope } from '../../src/engine/job-scope.js';
import { PhaseClock } from '../../src/engine/phase-clock.js';
import { retryBoots, type BootAttempt } from '../../src/engine/start/boot.js';
import type { Guest } from '../../src/engine/start/launch.js';
import { afterFailedRestore, startGuest, type GuestPaths } from '../../src/engine/start/start-guest.js';
import { Teardown } from '../../src/engine/teardown.js';
import { HostKeyMismatchError } from '../../src/ssh/connect.js';
import type { TemplateIdentity } from '../../src/warm/template-key.js';
import type { Template } from '../../src/warm/template-store.js';

const guest = (name: string) => ({ name }) as unknown as Guest;
const template = { record: { key: 'k' } } as unknown as Template;

function scope(
  config: Partial<JobConfig>,
  signal = new AbortController().signal,
  reporter: Reporter = silentReporter,
): JobScope {
  return {
    config: { warmStart: true, prepare: 'apt-get install -y gcc', bootRetries: 1, ...config } as JobConfig,
    reporter,
    clock: new PhaseClock(),
    signal,
    teardown: new Teardown(),
    tempRoot: '/nonexistent',
  };
}

/** Fake ways to a guest that record what the chooser did. */
function paths(overrides: Partial<GuestPaths> = {}): GuestPaths & { calls: string[] } {
  const calls: string[] = [];
  const fake: GuestPaths = {
    boot: async () => (calls.push('boot'), guest('booted')),
    templateIdentity: async () => (calls.push('identity'), { imageDigest: 'sha256:x' } as TemplateIdentity),
    template: async () => (calls.push('template'), template),
    restore: async () => (calls.push('restore'), guest('restored')),
    used: async () => void calls.push('used'),
    discard: async (key) => void calls.push(`discard ${key.slice(0, 6)}`),
  };
  const recorded = Object.fromEntries(
    Object.entries({ ...fake, ...overrides }).map(([name, call]) => [
      name,
      (...args: never[]) => {
        if (name in overrides) calls.push(name);
        return (call as (...a: never[]) => unknown)(...args);
      },
    ]),
  ) as unknown as GuestPaths;
  return Object.assign(recorded, { calls });
}

describe('starting the guest: the chooser', () => {
  it('without warm-start boots, and prepare is still due', async () => {
    const fake = paths();
    const start = await startGuest(scope({ warmStart: false }), fake);
    assert.deepEqual(fake.calls, ['boot']);
    assert.deepEqual(start, { guest: guest('booted'), how: 'cold', prepareNeeded: true });
  });

  it('with warm-start restores the template, marks it used, and prepare is not run again', async () => {
    const fake = paths();
    const start = await startGuest(scope({}), fake);
    assert.deepEqual(fake.calls, ['identity', 'template', 'restore', 'used']);
    assert.equal(start.how, 'warm');
    assert.equal(start.prepareNeeded, false);
    assert.match(start.templateKey ?? '', /^[0-9a-f]{64}$/);
  });

  it('a restore that fails discards the template, warns, and boots cold keeping the key', async () => {
    const warnings: string[] = [];
    const fake = paths({
      restore: async () => {
        throw new SolsticeError('the guest agent could not install the job keys (exit status 1)');
      },
    });
    const start = await startGuest(scope({}, undefined, { ...silentReporter, warning: (m) => warnings.push(m) }), fake);
    assert.deepEqual(fake.calls.slice(0, 3), ['identity', 'template', 'restore']);
    assert.match(fake.calls[3]!, /^discard [0-9a-f]{6}$/, 'discarded before the cold boot');
    assert.equal(fake.calls[4], 'boot');
    assert.equal(start.how, 'cold');
    assert.equal(start.prepareNeeded, true, 'the cold guest has not run prepare');
    assert.match(start.templateKey ?? '', /^[0-9a-f]{64}$/, 'the summary still names the template that failed');
    assert.match(warnings[0]!, /did not restore \(the guest agent could not install the job keys/);
    assert.match(warnings[0]!, /the next job builds it again\.$/);
  });

  it('a template from the Actions cache that does not restore: the warning says the cache keeps its copy', async () => {
    const warnings: string[] = [];
    const fake = paths({
      template: async () => ({ ...template, restoredFrom: 'the Actions cache' }),
      restore: async () => {
        throw new SolsticeError('QEMU failed restoring the template: load of migration failed');
      },
    });
    const start = await startGuest(scope({}, undefined, { ...silentReporter, warning: (m) => warnings.push(m) }), fake);
    assert.equal(start.how, 'cold');
    assert.ok(!fake.calls.includes('used'), 'a template no clone came from is not kept anywhere');
    assert.match(
      warnings[0]!,
      /it came from the Actions cache, which keeps its copy: later jobs restore that again until the entry whose key ends in [0-9a-f]{64} is deleted there\.$/,
    );
  });

  it('a cancel during the restore ends the job: nothing is discarded and nothing boots', async () => {
    const cancelled = new AbortController();
    const fake = paths({
      restore: async () => {
        cancelled.abort();
        throw new Error('aborted while the agent answered');
      },
    });
    await assert.rejects(startGuest(scope({}, cancelled.signal), fake), /aborted while the agent answered/);
    assert.deepEqual(fake.calls, ['identity', 'template', 'restore']);
  });

  it('the fallback decision: a cancel rethrows, anything else boots cold', () => {
    const running = new AbortController().signal;
    assert.equal(afterFailedRestore(new CancelledError(), running), 'rethrow');
    assert.equal(afterFailedRestore(new Error('x'), AbortSignal.abort()), 'rethrow');
    assert.equal(afterFailedRestore(new SolsticeError('the state file is damaged'), running), 'boot cold');
  });
});

describe('starting the guest: boot retries', () => {
  /** Attempts that fail (with an observation) until `succeedAt`, recording their order with releases. */
  function attempts(failure: Error, observed: object, succeedAt: number, events: string[]) {
    return async (boot: number): Promise<BootAttempt> => {
      events.push(`boot ${boot}`);
      if (boot === succeedAt) return { guest: guest(`boot ${boot}`) };
      return {
        failure,
        observe: async () => observed as never,
        release: async () => void events.push(`release ${boot}`),
      };
    };
  }

  it('a crashed boot is released before the next one starts', async () => {
    const events: string[] = [];
    const warnings: string[] = [];
    const result = await retryBoots(
      { config: { bootRetries: 1 }, reporter: { ...silentReporter, warning: (m) => warnings.push(m) } },
      attempts(new Error('QEMU exited during boot.'), { exit: { code: null, signal: 'SIGSEGV' } }, 2, events),
    );
    assert.deepEqual(events, ['boot 1', 'release 1', 'boot 2']);
    assert.deepEqual(result, guest('boot 2'));
    assert.match(
      warnings[0]!,
      /Boot 1 failed: QEMU exited during boot\. Booting again from a fresh disk, since QEMU crashed with SIGSEGV/,
    );
  });

  it('never retries a wrong host key or a cancel, nor a guest that answers', async () => {
    for (const [failure, observed] of [
      [new HostKeyMismatchError('the host key changed'), { exit: { code: null, signal: 'SIGSEGV' } }],
      [new CancelledError(), { panicked: true }],
      [
        new Error('SSH did not become ready'),
        { timedOut: { guestAnswers: true, consoleQuietMs: 60_000, waitedMs: 120_000 } },
      ],
    ] as const) {
      const events: string[] = [];
      await assert.rejects(
        retryBoots({ config: { bootRetries: 3 }, reporter: silentReporter }, attempts(failure, observed, 9, events)),
        failure,
      );
      assert.deepEqual(events, ['boot 1'], failure.message);
    }
  });

  it('past boot-retries, the last failure says how many boots it took', async () => {
    const events: string[] = [];
    await assert.rejects(
      retryBoots(
        { config: { bootRetries: 1 }, reporter: silentReporter },
        attempts(new Error('The guest kernel panicked during boot.'), { panicked: true }, 9, events),
      ),
      /panicked during boot\.\nThat was boot 2 of at most 2 \('boot-retries'|boot-retries=1\)/,
    );
    assert.deepEqual(events, ['boot 1', 'release 1', 'boot 2']);
  });
});
