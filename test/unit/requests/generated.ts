// The schema and the catalogue exactly as tools/build.mjs generates them, from the vendored spec.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCatalogue, type MethodCatalogue } from '../../../src/core/requests';
import { ALL_METHODS } from '../../../src/core/scopes';

type Generator = typeof import('../../../tools/lib/requestSchema.mjs');

export const root = path.resolve(__dirname, '../../../..');

let cached: Promise<{ schema: Record<string, unknown> & { definitions: Record<string, unknown> }; catalogue: MethodCatalogue; generator: Generator }> | undefined;

export function generated() {
  cached ??= (async () => {
    const generator: Generator = await import(pathToFileURL(path.join(root, 'tools/lib/requestSchema.mjs')).href);
    const spec = JSON.parse(fs.readFileSync(path.join(root, 'spec/api2cart-openapi.json'), 'utf8')) as unknown;
    const parsed = parseCatalogue(JSON.parse(JSON.stringify(generator.buildMethodCatalogue(spec, ALL_METHODS))));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return { schema: generator.buildRequestSchema(spec, ALL_METHODS), catalogue: parsed.value, generator };
  })();
  return cached;
}
