import assert from 'node:assert/strict';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TEMPLATE_FORMAT_VERSION } from '../../src/warm/template-key.js';
import { readTemplate, templateDirectory, templateFiles } from '../../src/warm/template-store.js';

const KEY = 'a'.repeat(64);

/** A template directory as commitTemplate leaves it (small files standing in for disk, RAM and state). */
async function plantTemplate(cacheDir: string): Promise<ReturnType<typeof templateFiles>> {
  const files = templateFiles(templateDirectory(cacheDir, KEY));
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  await chmod(join(cacheDir, 'templates'), 0o755);
  for (const path of [files.disk, files.memory, files.state, files.seed]) await writeFile(path, 'x', { mode: 0o644 });
  await writeFile(
    files.record,
    JSON.stringify({
      formatVersion: TEMPLATE_FORMAT_VERSION,
      key: KEY,
      identity: {},
      imagePath: '/nowhere.img',
      hostname: 'solstice-template',
      loginPublicKey: 'ssh-ed25519 AAAA',
      hostPublicKey: 'ssh-ed25519 BBBB',
      createdAt: new Date().toISOString(),
      buildSeconds: 1,
      readOnlyRam: false,
    }),
    { mode: 0o644 },
  );
  return files;
}

describe('a template in the cache is trusted only as the runner user wrote it', () => {
  it('reads a complete template of ours (it holds no private key)', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'solstice-templates-'));
    await plantTemplate(cacheDir);
    const template = await readTemplate(cacheDir, KEY);
    assert.equal(template?.record.key, KEY);
  });

  it('no directory under the key: no template (built then), not an error', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'solstice-templates-'));
    assert.equal(await readTemplate(cacheDir, KEY), undefined);
  });

  it('a group-writable RAM file is refused, naming it: another user could have planted the machine a job runs in', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'solstice-templates-'));
    const files = await plantTemplate(cacheDir);
    await chmod(files.memory, 0o664);
    await assert.rejects(readTemplate(cacheDir, KEY), /not trusted: .*memory is writable by other users/);
  });

  it('a template directory owned by another user is refused', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'solstice-templates-'));
    const files = await plantTemplate(cacheDir);
    await chown(files.state, 65534, 65534);
    await assert.rejects(readTemplate(cacheDir, KEY), /not trusted: .*state is owned by uid 65534/);
  });

  it('a template without its state (a half-removed one) is refused as incomplete', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'solstice-templates-'));
    const files = await plantTemplate(cacheDir);
    await rm(files.state);
    await assert.rejects(readTemplate(cacheDir, KEY), /incomplete: .*state is missing/);
  });
});
