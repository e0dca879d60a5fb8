import { resolveSchema, typesOf, type CatalogueSchema, type MethodCatalogue, type MethodSpec, type QueryParamSpec } from './catalogue';

/**
 * The smallest params a method accepts: its required parameters, each with an empty value of its
 * type (first enum value, minimum length, minimum item count). New API2Cart Request writes these
 * as placeholders; the tests send them for every method.
 */
export function minimalParams(catalogue: MethodCatalogue, spec: MethodSpec): Record<string, unknown> {
  if (spec.query) {
    return Object.fromEntries(Object.entries(spec.query).filter(([, p]) => p.required).map(([name, p]) => [name, queryPlaceholder(p)]));
  }
  const body = minimalValue(catalogue, spec.body ?? {}, 0);
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function queryPlaceholder(param: QueryParamSpec): unknown {
  if (param.enum?.length) return param.enum[0];
  return { string: '', integer: 0, number: 0, boolean: false, array: [] }[param.type];
}

const MAX_DEPTH = 8;

function minimalValue(catalogue: MethodCatalogue, schemaOrRef: CatalogueSchema, depth: number): unknown {
  const schema = resolveSchema(catalogue, schemaOrRef);
  if (schema.anyOf?.length) return minimalValue(catalogue, schema.anyOf.find((s) => !typesOf(resolveSchema(catalogue, s)).includes('null')) ?? schema.anyOf[0]!, depth);
  if (schema.enum?.length) return schema.enum[0];
  const type = typesOf(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array': {
      const count = schema.minItems ?? 0;
      return depth >= MAX_DEPTH || !schema.items ? [] : Array.from({ length: count }, () => minimalValue(catalogue, schema.items!, depth + 1));
    }
    case 'object':
      if (depth >= MAX_DEPTH) return {};
      return Object.fromEntries((schema.required ?? []).map((name) => [name, minimalValue(catalogue, schema.properties?.[name] ?? {}, depth + 1)]));
    default:
      return 'x'.repeat(schema.minLength ?? 0);
  }
}
