import { fail, ok, type Problem, type Result } from '../result';
import type { HttpMethod } from '../http/request';

/**
 * The runner's view of the guide's methods, generated at build time from API2Cart's OpenAPI spec
 * (tools/lib/requestSchema.mjs → dist/api2cart-methods.json) and read on first use.
 */
export type QueryParamType = 'string' | 'integer' | 'number' | 'boolean' | 'array';

export interface QueryParamSpec {
  readonly type: QueryParamType;
  readonly required?: boolean;
  readonly enum?: readonly unknown[];
}

/** The JSON-schema subset the spec-checking stub enforces: types, enums, required, item counts. */
export interface CatalogueSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, CatalogueSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: CatalogueSchema;
  readonly anyOf?: readonly CatalogueSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
}

export interface MethodSpec {
  readonly http: HttpMethod;
  /** Sends x-store-key (every method of the guide does). */
  readonly storeScoped: boolean;
  /** First line of the spec's description. */
  readonly summary: string;
  /** Query-string methods: every parameter the spec defines. */
  readonly query?: Readonly<Record<string, QueryParamSpec>>;
  /** JSON-body methods: the body's schema. */
  readonly body?: CatalogueSchema;
  readonly bodyRequired?: boolean;
}

export interface MethodCatalogue {
  readonly version: 1;
  readonly methods: Readonly<Record<string, MethodSpec>>;
  /** Schemas the bodies refer to by `$ref` (a bare name). */
  readonly definitions: Readonly<Record<string, CatalogueSchema>>;
}

/** A method that changes the store: asks before it runs. */
export const isWriteMethod = (spec: MethodSpec): boolean => spec.http !== 'GET';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A shape check of the generated file: a broken build must give a message, not a crash mid-run. */
export function parseCatalogue(json: unknown): Result<MethodCatalogue, Problem> {
  const broken = fail({
    kind: 'catalogue-unreadable',
    message: 'The extension\'s list of API2Cart methods is damaged. Reinstall the API2Cart Wix extension.',
  });
  if (!isRecord(json) || json.version !== 1 || !isRecord(json.methods) || !isRecord(json.definitions)) return broken;
  for (const spec of Object.values(json.methods)) {
    if (!isRecord(spec) || !['GET', 'POST', 'PUT', 'DELETE'].includes(String(spec.http))) return broken;
    if (!isRecord(spec.query) && !isRecord(spec.body)) return broken;
  }
  return ok(json as unknown as MethodCatalogue);
}

/** The parameters a minimal request of this method needs, in order. */
export function requiredParamNames(catalogue: MethodCatalogue, spec: MethodSpec): string[] {
  if (spec.query) return Object.entries(spec.query).filter(([, p]) => p.required).map(([name]) => name);
  return [...(resolveSchema(catalogue, spec.body ?? {}).required ?? [])];
}

export function resolveSchema(catalogue: MethodCatalogue, schema: CatalogueSchema): CatalogueSchema {
  let current = schema;
  for (let depth = 0; current.$ref !== undefined && depth < 20; depth++) {
    current = catalogue.definitions[current.$ref] ?? {};
  }
  return current;
}

export const typesOf = (schema: CatalogueSchema): readonly string[] =>
  schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
