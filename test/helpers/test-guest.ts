/** The project's own test guests, built from Debian packages by guest/*.sh and cached on disk. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './action-runner.js';

export interface TestGuest {
  path: string;
  sha256: string;
}

/** A guest shipped the way publishers ship images: compressed, with a checksum file beside it. */
export interface PublishedTestGuest extends TestGuest {
  /** The `.qcow2.xz` file (`sha256` is its digest, as the checksum file lists it). */
  path: string;
  /** The publisher-style checksum file next to it (BSD lines: `SHA256 (<file>) = <hex>`). */
  checksumPath: string;
  /** The digest of the qcow2 inside, i.e. of what the action's cache holds after decompressing. */
  uncompressedSha256: string;
}

/** One run of a build script: where it wrote, and its checksum file as read right after the run. */
interface GuestBuild {
  directory: string;
  sumsPath: string;
  sums: string;
}

const builds = new Map<string, GuestBuild>();

/**
 * Runs a build script (it returns at once when its output is cached) and reads the checksum file it
 * wrote. Once per process for each script, argument list and directory, so the digests a test sees stay
 * those of the files it was given.
 */
function buildGuest(script: string, sumsFile: string, args: readonly string[] = []): GuestBuild {
  const directory = process.env['SOLSTICE_GUEST_DIR'] || '/var/cache/solstice/guest';
  const key = JSON.stringify([script, ...args, directory]);
  const cached = builds.get(key);
  if (cached) return cached;
  execFileSync('bash', [join(REPO_ROOT, script), ...args, directory], { stdio: ['ignore', 'ignore', 'inherit'] });
  const sumsPath = join(directory, sumsFile);
  const build = { directory, sumsPath, sums: readFileSync(sumsPath, 'utf8') };
  builds.set(key, build);
  return build;
}

/** The sha256 the build's checksum file gives `fileName`, from a GNU (`<hex>  name`, `<hex> *name`) or BSD line. */
function sha256In(build: GuestBuild, fileName: string): string {
  for (const line of build.sums.split('\n')) {
    const gnu = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (gnu && gnu[2] === fileName) return gnu[1]!;
    const bsd = /^SHA256 \((.+)\) = ([0-9a-f]{64})$/.exec(line);
    if (bsd && bsd[1] === fileName) return bsd[2]!;
  }
  throw new Error(`${build.sumsPath} has no sha256 line for ${fileName}`);
}

function guestImage(build: GuestBuild, imageName: string): TestGuest {
  return { path: join(build.directory, imageName), sha256: sha256In(build, imageName) };
}

/** The Debian 12 cloud-init guest: for everything the seed decides and the main end-to-end runs. */
export function testGuest(): TestGuest {
  return guestImage(buildGuest('guest/build.sh', 'SHA256SUMS'), 'debian-12-solstice-amd64.qcow2');
}

/** The 4-second busybox + dropbear guest (guest/TINY.md): for the action's own mechanics. */
export function tinyGuest(): TestGuest {
  return guestImage(buildGuest('guest/build-tiny.sh', 'SHA256SUMS-tiny'), 'tiny-solstice-amd64.qcow2');
}

/**
 * The tiny guest for aarch64 (guest/TINY.md, "arm64"): -machine virt, UEFI (AAVMF), seed on a second
 * virtio disk. Building needs no emulation; booting needs qemu-system-arm and qemu-efi-aarch64.
 */
export function tinyArm64Guest(): TestGuest {
  return guestImage(
    buildGuest('guest/build-tiny.sh', 'SHA256SUMS-tiny', ['--arch', 'arm64']),
    'tiny-solstice-arm64.qcow2',
  );
}

/**
 * The rhel-like cloud-init guest (guest/README.md, "The rhel-like guest"): Debian 13 with RHEL's admin
 * layout (`wheel`, no `sudo` group, RHEL's sudoers, bash for new users and as /bin/sh), published as
 * `.qcow2.xz` with a BSD-style CHECKSUM file that lists the .xz and the qcow2 inside it.
 */
export function rhelLikeGuest(): PublishedTestGuest {
  const name = 'debian-13-solstice-rhel-like-x86_64';
  const build = buildGuest('guest/build.sh', `${name}-CHECKSUM`, ['--flavour', 'rhel-like']);
  return {
    ...guestImage(build, `${name}.qcow2.xz`),
    checksumPath: build.sumsPath,
    uncompressedSha256: sha256In(build, `${name}.qcow2`),
  };
}

/** A guest that the action reaches only through its serial console first, and the files beside it. */
export interface PeerLikeTestGuest extends TestGuest {
  /** The GNU-style checksum file next to it (`<hex>  <file>`), listing only the qcow2. */
  checksumPath: string;
  /** The private half of root's baked authorized key (ed25519, mode 0600), like vmactions' `host.id_rsa`. */
  bakedKeyPath: string;
  /** Its public half, as it is in the guest's /root/.ssh/authorized_keys. */
  bakedPublicKeyPath: string;
  /** The guest's baked host public keys (ecdsa, ed25519, rsa), one `<type> <base64> <comment>` line each. */
  bakedHostKeysPath: string;
}

/**
 * The peer-like guest (guest/README.md, "The peer-like guest"): Debian 12 without cloud-init, shaped like
 * the NetBSD/DragonFly/MidnightBSD images of cross-platform-actions and vmactions, for the `console` seed
 * dialect. root has an empty password and logs in on ttyS0 and over SSH; the host keys and an authorized
 * key for root are baked into the image, and the key's private half is published next to it.
 */
export function peerLikeGuest(): PeerLikeTestGuest {
  const name = 'debian-12-solstice-peer-like';
  const build = buildGuest('guest/build.sh', 'SHA256SUMS-peer-like', ['--flavour', 'peer-like']);
  return {
    ...guestImage(build, `${name}-amd64.qcow2`),
    checksumPath: build.sumsPath,
    bakedKeyPath: join(build.directory, `${name}-baked-key`),
    bakedPublicKeyPath: join(build.directory, `${name}-baked-key.pub`),
    bakedHostKeysPath: join(build.directory, `${name}-baked-host-keys.pub`),
  };
}

let warmCache: string | undefined;

/**
 * Inputs that restore the guest from a warm-start template instead of booting it, for tests whose
 * subject is what runs in the guest, not its boot. The template cache is shared by every test file of
 * one `npm test` run (scripts/test.mjs sets SOLSTICE_TEST_WARM_CACHE), so the template is built once;
 * a file run alone gets a cache of its own.
 */
export function warmStartInputs(): Record<string, string> {
  warmCache ??= process.env['SOLSTICE_TEST_WARM_CACHE'] || mkdtempSync(join(tmpdir(), 'solstice-warm-cache-'));
  return { 'warm-start': 'true', 'cache-dir': warmCache };
}
