/**
 * `npm run gen:api`: write the OpenAPI document (dist/openapi.json, or the path given) and the
 * dashboard's types generated from it (ui/src/api/schema.gen.ts, committed). A test fails when the
 * committed types are older than the route table.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { API_TYPES_FILE, generateApiTypes, openApiDocument } from './api-types.js';

const jsonFile = process.argv[2] ?? 'dist/openapi.json';
const doc = openApiDocument();
await mkdir(dirname(jsonFile), { recursive: true });
await writeFile(jsonFile, JSON.stringify(doc, null, 2) + '\n');
await writeFile(API_TYPES_FILE, await generateApiTypes(doc));
console.log(`wrote ${jsonFile} and ${API_TYPES_FILE}`);
