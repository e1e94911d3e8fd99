import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Teardown } from '../../src/engine/teardown.js';

describe('teardown stack', () => {
  it('closes newest first, every closer even when one fails, each once', async () => {
    const order: string[] = [];
    const teardown = new Teardown();
    teardown.add(() => order.push('job directory'));
    teardown.add(async () => {
      order.push('console');
      throw new Error('console failed');
    });
    teardown.add(() => order.push('vm'));
    const errors = await teardown.run();
    assert.deepEqual(order, ['vm', 'console', 'job directory']);
    assert.equal(errors.length, 1);
    assert.deepEqual(await teardown.run(), []);
    assert.equal(order.length, 3);
  });
  it('closes a resource out of turn once, and leaves what outlives a hand-over', async () => {
    const order: string[] = [];
    const teardown = new Teardown();
    teardown.add(() => order.push('directory'), { outlivesHandOver: true });
    const closeFirstBoot = teardown.add(() => order.push('first boot'), { outlivesHandOver: true });
    teardown.add(() => order.push('second boot'), { outlivesHandOver: true });
    teardown.add(() => order.push('ssh'));
    await closeFirstBoot();
    await closeFirstBoot();
    teardown.handOver();
    await teardown.run();
    assert.deepEqual(order, ['first boot', 'ssh']);
  });
});
