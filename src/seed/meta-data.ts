import { stringify } from 'yaml';
import type { SeedSpec } from './seed-spec.js';

/**
 * NoCloud meta-data, the same for every reader of a cidata volume: readers that take keys only from
 * here (cloud-tini, cloudbase-init, illumos' NoCloud path) find the job's key; cloud-init, which keys
 * the user of user-data, ignores it for users it creates. `extra` adds a reader's own fields.
 */
export function metaData(spec: SeedSpec, extra: Record<string, string> = {}): string {
  // One line per key: small readers (cloud-tini's) parse no folded scalars.
  return stringify(
    {
      'instance-id': spec.instanceId,
      'local-hostname': spec.hostname,
      'public-keys': [...spec.authorizedKeys],
      ...extra,
    },
    { lineWidth: 0 },
  );
}
