import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { Igny8Error, parseInput } from '../errors/index.js';
import { ModelTemplatesFileSchema, type AddModelInputSchema } from './ai-model.schema.js';
import { findTemplatesDir } from './find-templates-dir.js';

export type ModelTemplate = z.output<typeof AddModelInputSchema>;

/** Read and validate a models.json (default: the bundled templates/models.json). */
export function loadModelTemplates(file = path.join(findTemplatesDir(), 'models.json')): ModelTemplate[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Igny8Error(
      'FILE_NOT_FOUND',
      `Cannot read the model templates ${file}: ${(cause as Error).message}`,
      {
        hint: 'Restore templates/models.json from the igny8 package.',
        cause,
      },
    );
  }
  const models = parseInput(ModelTemplatesFileSchema, raw, path.basename(file)).models;
  checkTemplates(models, file);
  return models;
}

/** One row per provider:model, and at most one default per type. */
function checkTemplates(models: ModelTemplate[], file: string): void {
  const seen = new Set<string>();
  const defaults = new Map<string, string>();
  for (const m of models) {
    const key = `${m.provider}:${m.modelId}`;
    if (seen.has(key)) throw invalid(file, `${key} appears twice`);
    seen.add(key);
    if (!m.isDefault) continue;
    const other = defaults.get(m.type);
    if (other) throw invalid(file, `${other} and ${key} are both the default ${m.type} model`);
    defaults.set(m.type, key);
  }
}

function invalid(file: string, why: string): Igny8Error {
  return new Igny8Error('VALIDATION_FAILED', `Invalid ${path.basename(file)}: ${why}`, {
    hint: 'Fix the file so each model appears once and each type has one default.',
  });
}
