// Types of requestSchema.mjs, for the unit tests that call it.
export function plainText(html: unknown): string | undefined;
export function buildRequestSchema(spec: unknown, methods: readonly string[]): Record<string, unknown> & { definitions: Record<string, unknown> };
export function buildMethodCatalogue(spec: unknown, methods: readonly string[]): unknown;
export const REQUEST_SCHEMA_FILE: string;
export const METHOD_CATALOGUE_FILE: string;
export const MAX_SCHEMA_BYTES: number;
export const SPEC_NOTICE: string;
