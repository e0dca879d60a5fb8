// Writes dist/api2cart-request.schema.json and dist/api2cart-methods.json from the vendored spec,
// for the guide's methods (ALL_METHODS in src/core/scopes). Run by tools/build.mjs.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { buildMethodCatalogue, buildRequestSchema, MAX_SCHEMA_BYTES, METHOD_CATALOGUE_FILE, REQUEST_SCHEMA_FILE } from './lib/requestSchema.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The guide's methods, read from the TypeScript source (bundled in memory, so no compile step is needed first). */
async function guideMethods() {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'src/core/scopes/index.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].contents).toString('base64')}`);
  return [...mod.ALL_METHODS];
}

export async function writeRequestArtifacts() {
  const spec = JSON.parse(fs.readFileSync(path.join(root, 'spec/api2cart-openapi.json'), 'utf8'));
  const methods = await guideMethods();
  const schema = JSON.stringify(buildRequestSchema(spec, methods));
  if (Buffer.byteLength(schema) > MAX_SCHEMA_BYTES) {
    throw new Error(`${REQUEST_SCHEMA_FILE} would be ${Buffer.byteLength(schema)} bytes, over the ${MAX_SCHEMA_BYTES}-byte budget`);
  }
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, REQUEST_SCHEMA_FILE), schema);
  fs.writeFileSync(path.join(root, METHOD_CATALOGUE_FILE), JSON.stringify(buildMethodCatalogue(spec, methods)));
}
