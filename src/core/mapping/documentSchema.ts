/**
 * JSON Schema of a version-1 mapping document: the structural half of validation (the
 * semantic half is checkDocument, beside it). Its validator is generated from this file
 * by `npm run generate`; a test fails when the generated code is stale.
 */
export const MAPPING_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['version', 'mappings'],
  properties: {
    $schema: { type: 'string' },
    /** What \`suggest --explain\` adds for review; dropped on load. */
    explain: { type: 'array' },
    kind: { const: 'xdm-mapper/mapping' },
    version: { const: 1 },
    name: { type: 'string' },
    description: { type: 'string' },
    source: {
      type: 'object',
      properties: {
        columns: { type: 'array', items: { type: 'string' } },
        delimiter: { enum: [',', ';', '\t', '|'] },
        encoding: { enum: ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh'] },
        headerFingerprint: { type: 'string' },
      },
      additionalProperties: false,
    },
    target: {
      type: 'object',
      properties: { schemaId: { type: 'string' }, title: { type: 'string' }, tenant: { type: ['string', 'null'] } },
      additionalProperties: false,
    },
    options: {
      type: 'object',
      properties: { emptyCells: { enum: ['omit', 'null'] } },
      additionalProperties: false,
    },
    mappings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sourceType', 'source', 'destination'],
        properties: {
          sourceType: { enum: ['ATTRIBUTE', 'STATIC', 'EXPRESSION'] },
          source: { type: 'string' },
          destination: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          description: { type: 'string' },
          /** How the source is read: ReadingSettings in convert/coerce.ts. */
          settings: {
            type: 'object',
            properties: {
              dateFormat: { type: 'string', minLength: 1 },
              dateLanguage: { enum: ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'] },
              twoDigitYearStart: { type: 'integer', minimum: 1000, maximum: 9899 },
              timeZone: { type: 'string', minLength: 1 },
              epoch: { enum: ['seconds', 'milliseconds'] },
              decimalSeparator: { enum: ['.', ','] },
              thousandsSeparator: { enum: ['', ',', '.', ' ', "'"] },
              currency: { type: 'string', minLength: 1, maxLength: 8 },
              percent: { type: 'boolean' },
              trueWords: { type: 'array', items: { type: 'string', maxLength: 40 }, minItems: 1 },
              falseWords: { type: 'array', items: { type: 'string', maxLength: 40 }, minItems: 1 },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
