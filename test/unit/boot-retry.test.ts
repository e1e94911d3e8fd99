import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootRetryReason } from '../../src/engine/start/boot-retry.js';

const hung = { guestAnswers: false, consoleQuietMs: 40_000, waitedMs: 480_000 };

describe('boot retry: only where a second boot can help', () => {
  it('retries QEMU crashing by itself, and a kernel panic', () => {
    assert.equal(bootRetryReason({ exit: { code: null, signal: 'SIGSEGV' } }), 'QEMU crashed with SIGSEGV');
    assert.equal(bootRetryReason({ exit: { code: null, signal: 'SIGABRT' } }), 'QEMU crashed with SIGABRT');
    assert.equal(bootRetryReason({ exit: { code: 1, signal: null } }), 'QEMU failed with exit code 1');
    assert.equal(bootRetryReason({ panicked: true }), 'the guest kernel panicked');
  });

  it('does not retry QEMU killed from outside or a guest that powered off', () => {
    for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP'] as const)
      assert.equal(bootRetryReason({ exit: { code: null, signal } }), undefined);
    assert.equal(bootRetryReason({ exit: { code: 0, signal: null } }), undefined);
  });

  it('retries a timeout only when the boot hung: console quiet and no answer on the network', () => {
    assert.match(
      bootRetryReason({ timedOut: hung }) ?? '',
      /^the boot hung: the console went quiet for 40 s and the guest never answered on the network$/,
    );
    assert.ok(
      bootRetryReason({ timedOut: { ...hung, consoleQuietMs: 20_000, waitedMs: 20_000 } }),
      'a console that never printed counts as quiet',
    );
    assert.equal(
      bootRetryReason({ timedOut: { ...hung, guestAnswers: true } }),
      undefined,
      'the guest is up: SSH or login is what is wrong',
    );
    assert.equal(
      bootRetryReason({ timedOut: { ...hung, consoleQuietMs: 3_000 } }),
      undefined,
      'still printing: slow, not stuck',
    );
  });
});
