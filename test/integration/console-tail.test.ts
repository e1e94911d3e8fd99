import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('console log against a flooding guest', () => {
  it('is created private, and is read no further than its limit, which the front end hears of once', async () => {
    const { ConsoleTail, MAX_CONSOLE_LOG_BYTES } = await import('../../src/console/console-tail.js');
    const { mkdtemp, stat, appendFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(await mkdtemp(join(tmpdir(), 'solstice-console-')), 'console.log');
    const console = new ConsoleTail(path);
    await console.create();
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    let limits = 0;
    let lastLine = '';
    console.onLimit(() => limits++);
    console.onLine((line) => (lastLine = line));
    const line = `${'x'.repeat(79)}\n`;
    await appendFile(path, line.repeat(MAX_CONSOLE_LOG_BYTES / 80 + 1000));
    await appendFile(path, 'AFTER THE LIMIT\n');
    console.start();
    const deadline = Date.now() + 30_000;
    while (limits === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await console.stop();
    assert.equal(limits, 1);
    assert.notEqual(lastLine, 'AFTER THE LIMIT');
    assert.ok(console.tail(1)[0]!.startsWith('x'));
  });
});
