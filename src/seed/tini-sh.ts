import { hostKeyScript } from './host-key-script.js';
import { metaData } from './meta-data.js';
import type { NoCloudDocuments, SeedSpec } from './seed-spec.js';

/**
 * OpenBSD's cloud-tini (ivoronin/openbsd-cloudimg): it reads an ISO 9660 volume labelled `CIDATA`, puts
 * meta-data's `public-keys` into the image's own account (`openbsd`, passwordless doas) and runs
 * user-data as a root `/bin/sh` script once per instance-id. It takes no host key as data, so user-data
 * is the script that installs the pinned one (cloud-config is not understood there).
 */
export const TINI_LABEL = 'CIDATA';

export function tiniDocuments(spec: SeedSpec): NoCloudDocuments {
  return { 'meta-data': metaData(spec), 'user-data': hostKeyScript(spec) };
}
