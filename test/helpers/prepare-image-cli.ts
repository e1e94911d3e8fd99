/**
 * Test helper: runs prepareImage in its own process.
 * Usage: node --import tsx test/helpers/prepare-image-cli.ts '<json {request, options?}>'
 * Prints the PreparedImage as JSON on stdout, or {"error": {name, message}} and exits 1.
 */
import { prepareImage } from '../../src/image/prepare.js';
import { silentReporter } from '../../src/core/reporter.js';
import type { ImageOptions, ImageRequest } from '../../src/image/types.js';

const input = JSON.parse(process.argv[2] ?? '{}') as { request: ImageRequest; options?: ImageOptions };
try {
  const prepared = await prepareImage(input.request, silentReporter, undefined, input.options);
  process.stdout.write(`${JSON.stringify(prepared)}\n`);
} catch (error) {
  const { name, message } = error as Error;
  process.stdout.write(`${JSON.stringify({ error: { name, message } })}\n`);
  process.exitCode = 1;
}
