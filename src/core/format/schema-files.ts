/**
 * The published JSON Schema files (resources/schemas/*.schema.json), rendered from schemas.ts.
 * Regenerate with `UPDATE_SCHEMAS=1 npx vitest run src/core/format/schemas.test.ts`.
 */
import { toJsonSchema } from './schema-dsl'
import { PREDICTIONS_SCHEMA } from './predictions'
import { SCHEMAS, schemaFileName, schemaId, type DocKey } from './schemas'

/** file name -> exact file text (2-space JSON, LF, trailing newline). */
export function renderSchemaFiles(): ReadonlyMap<string, string> {
  const out = new Map<string, string>()
  for (const key of Object.keys(SCHEMAS) as DocKey[]) {
    const def = SCHEMAS[key]
    out.set(schemaFileName(key), JSON.stringify(toJsonSchema(schemaId(key), def.title, def.schema), null, 2) + '\n')
  }
  // The optional predictions descriptor (not an Evidence document: a pack may omit it).
  out.set('predictions.schema.json', JSON.stringify(toJsonSchema('urn:vouch:schema:predictions:v1', 'Assurance Pack: evaluation/predictions.json', PREDICTIONS_SCHEMA), null, 2) + '\n')
  return out
}
