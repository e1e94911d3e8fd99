/**
 * deploy/ as a cluster would render it (kustomize with the chart's values): what matters for Solstice
 * runners is checked against the runner image's own Containerfile. No cluster here: see
 * docs/scale-out.md for what a user runs to prove it on theirs.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/action-runner.js';

const deploy = join(REPO_ROOT, 'deploy');
const read = (path: string): any => parse(readFileSync(join(deploy, path), 'utf8'));
const containerfile = readFileSync(join(REPO_ROOT, 'Containerfile'), 'utf8');
const kustomization = read('kustomization.yaml');
const chart = kustomization.helmCharts[0];
const values = read(chart.valuesFile);
const pod = values.template.spec;
const runner = pod.containers.find((container: any) => container.name === 'runner');
const plugin = read('kvm-device-plugin/daemonset.yaml');

/** Every value under `object` at a key named `key`, at any depth. */
function everyValue(object: unknown, key: string): unknown[] {
  if (Array.isArray(object)) return object.flatMap((item) => everyValue(item, key));
  if (object === null || typeof object !== 'object') return [];
  return Object.entries(object).flatMap(([name, value]) => [
    ...(name === key ? [value] : []),
    ...everyValue(value, key),
  ]);
}

describe('deploy/: KVM runners on actions-runner-controller without privileged pods', () => {
  it('the kustomization names files that exist and renders the scale-set chart with our values', () => {
    for (const resource of kustomization.resources) assert.ok(existsSync(join(deploy, resource)), resource);
    assert.equal(chart.name, 'gha-runner-scale-set');
    assert.match(chart.repo, /^oci:\/\/ghcr\.io\/actions\/actions-runner-controller-charts$/);
    assert.equal(values.containerMode, undefined, 'steps, and so QEMU, run in the runner container itself');
  });

  it('the runner asks for /dev/kvm as the resource the device plugin advertises, on the nodes it runs on', () => {
    const args: string[] = plugin.spec.template.spec.containers[0].args;
    const domain = args[args.indexOf('--domain') + 1];
    const device = parse(args[args.indexOf('--device') + 1]!);
    assert.deepEqual(device.groups[0].paths, [{ path: '/dev/kvm' }]);
    const resource = `${domain}/${device.name}`;
    assert.equal(resource, 'squat.ai/kvm');
    assert.equal(runner.resources.limits[resource], '1', 'limits: a hard scheduling requirement');
    assert.deepEqual(pod.nodeSelector, plugin.spec.template.spec.nodeSelector, 'the same KVM nodes');
  });

  it('the runner pod is unprivileged: no privileged container, no hostPath, non-root, no privilege escalation', () => {
    assert.deepEqual(everyValue(values, 'privileged').filter(Boolean), []);
    assert.deepEqual(everyValue(values, 'hostPath'), []);
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(runner.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(runner.securityContext.capabilities.drop, ['ALL']);
  });

  it("runs the image's entrypoint, probes readiness with its health check, and mounts the cache where the action looks", () => {
    const entrypoint = /^COPY container\/entrypoint\.sh (\S+)$/m.exec(containerfile)![1]!;
    const healthCheck = JSON.parse(/^HEALTHCHECK .* CMD (\[.*\])$/m.exec(containerfile)![1]!);
    const volume = JSON.parse(/^VOLUME (\[.*\])$/m.exec(containerfile)![1]!)[0];
    assert.deepEqual(runner.command, [entrypoint, '/home/runner/run.sh']);
    assert.deepEqual(runner.readinessProbe.exec.command, healthCheck);
    assert.equal(runner.volumeMounts.find((mount: any) => mount.name === 'solstice-cache').mountPath, volume);
    const claim = pod.volumes.find((entry: any) => entry.name === 'solstice-cache').persistentVolumeClaim.claimName;
    assert.equal(claim, read('arc/cache-pvc.yaml').metadata.name);
    assert.deepEqual(read('arc/cache-pvc.yaml').spec.accessModes, ['ReadWriteMany'], 'one cache for every pod');
  });
});
