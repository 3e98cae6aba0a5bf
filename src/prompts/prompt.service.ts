import fs from 'node:fs';
import path from 'node:path';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { PromptBodySchema, PromptKeySchema } from './prompt.schema.js';
import { parsePromptVariables, placeholderNames } from './prompt-template.js';
import { assertRequiredVariables } from './required-variables.js';
import * as repo from './prompts.repository.js';

export interface PromptInfo {
  key: string;
  source: 'account' | 'default';
  /** 0 for the bundled default; 1, 2, … for each account edit. */
  version: number;
  variables: string[];
}

export interface ResolvedPrompt {
  key: string;
  body: string;
  source: 'task' | 'account' | 'default';
  version: number;
  variables: string[];
}

export interface PromptService {
  list(scope: Scope): Promise<PromptInfo[]>;
  /** Task override → account override → default template. */
  get(scope: Scope, key: string, taskOverride?: string | null): Promise<ResolvedPrompt>;
  /** The default template, ignoring overrides. */
  getDefault(key: string): Promise<ResolvedPrompt>;
  /** Store the account's override (version + 1); placeholders must be ones the default declares. */
  set(scope: Scope, key: string, body: string): Promise<ResolvedPrompt>;
  /**
   * Check an override body for `key` without storing it: a known prompt, a non-empty body, only
   * placeholders the default declares, and every variable the function requires. Returns the body.
   */
  validateOverride(key: string, body: string, where?: 'account' | 'task'): string;
  /** The variables an override of `key` must keep (from the AI function's descriptor). */
  requiredVariables(key: string): readonly string[];
  /** Drop the account's override; `removed` is false when there was none. */
  reset(scope: Scope, key: string): Promise<{ key: string; removed: boolean }>;
}

export interface PromptServiceOptions {
  /** Folder of default templates, one `<key>.md` each. */
  templatesDir: string;
  /** The variables each prompt's AI function needs (its descriptor's requiredVariables); none when unknown. */
  requiredVariables?: (key: string) => readonly string[];
}

/**
 * Prompt templates with per-account overrides in the database.
 * @example const { body } = await prompts.get(scope, 'auto_cluster'); renderPrompt(body, { keywords })
 */
export function createPromptService(db: Db, options: PromptServiceOptions): PromptService {
  const readDefault = (key: string): string | null => {
    try {
      return fs.readFileSync(path.join(options.templatesDir, `${key}.md`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };

  const defaultKeys = (): string[] => {
    try {
      return fs
        .readdirSync(options.templatesDir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3))
        .filter((k) => PromptKeySchema.safeParse(k).success);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  };

  const notFound = (key: string) =>
    new Igny8Error('PROMPT_NOT_FOUND', `No prompt "${key}"`, {
      action: { id: 'list_prompts', params: { known: defaultKeys().sort().join(', ') || '(none)' } },
    });

  /** Variables of a body, falling back to the default's when an override declares none. */
  const variablesOf = (body: string, fallbackBody: string | null): string[] =>
    (parsePromptVariables(body) ?? (fallbackBody ? parsePromptVariables(fallbackBody) : null) ?? []).map(
      (v) => v.name,
    );

  const service: PromptService = {
    async list(scope) {
      const rows = await repo.listPromptRows(db, scope);
      const keys = [...new Set([...defaultKeys(), ...rows.map((r) => r.key)])].sort();
      return keys.map((key) => {
        const row = rows.find((r) => r.key === key);
        const def = readDefault(key);
        return row
          ? { key, source: 'account', version: row.version, variables: variablesOf(row.body, def) }
          : { key, source: 'default', version: 0, variables: variablesOf(def ?? '', null) };
      });
    },

    async get(scope, rawKey, taskOverride) {
      const key = parseInput(PromptKeySchema, rawKey, 'prompt key');
      const def = readDefault(key);
      const row = await repo.findPromptRow(db, scope, key);
      if (!row && def === null) throw notFound(key);
      if (taskOverride && taskOverride.trim()) {
        return {
          key,
          body: taskOverride,
          source: 'task',
          version: 0,
          variables: variablesOf(taskOverride, row?.body ?? def),
        };
      }
      if (row)
        return {
          key,
          body: row.body,
          source: 'account',
          version: row.version,
          variables: variablesOf(row.body, def),
        };
      return { key, body: def!, source: 'default', version: 0, variables: variablesOf(def!, null) };
    },

    async getDefault(rawKey) {
      const key = parseInput(PromptKeySchema, rawKey, 'prompt key');
      const def = readDefault(key);
      if (def === null) throw notFound(key);
      return { key, body: def, source: 'default', version: 0, variables: variablesOf(def, null) };
    },

    validateOverride(rawKey, rawBody, where = 'account') {
      const key = parseInput(PromptKeySchema, rawKey, 'prompt key');
      const body = parseInput(PromptBodySchema, rawBody, 'prompt body');
      const def = readDefault(key);
      if (def === null) throw notFound(key);
      // Catch a typo now rather than when a run renders the prompt.
      const declared = parsePromptVariables(def)?.map((v) => v.name);
      const unknown = declared ? placeholderNames(body).filter((n) => !declared.includes(n)) : [];
      if (unknown.length > 0) {
        throw new Igny8Error(
          'VALIDATION_FAILED',
          `Unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')} in prompt "${key}"`,
          {
            hint: `"${key}" provides: ${declared!.map((n) => `{{${n}}}`).join(', ') || '(no variables)'}.`,
            fields: Object.fromEntries(unknown.map((n) => [n, ['unknown placeholder']])),
          },
        );
      }
      assertRequiredVariables(key, body, service.requiredVariables(key), where);
      return body;
    },
    requiredVariables(key) {
      const required = options.requiredVariables?.(key) ?? [];
      // A custom templates folder may ship a default without some variable: an override cannot use it either.
      const declared = parsePromptVariables(readDefault(key) ?? '')?.map((v) => v.name);
      return declared ? required.filter((n) => declared.includes(n)) : required;
    },
    async set(scope, rawKey, rawBody) {
      const key = parseInput(PromptKeySchema, rawKey, 'prompt key');
      const body = service.validateOverride(key, rawBody, 'account');
      await transaction(db, (trx) =>
        repo.upsertPromptRow(trx, scope, { id: newId(), key, body, now: nowIso() }),
      );
      return service.get(scope, key);
    },

    async reset(scope, rawKey) {
      const key = parseInput(PromptKeySchema, rawKey, 'prompt key');
      const removed = await transaction(db, (trx) => repo.deletePromptRow(trx, scope, key));
      if (removed === 0 && readDefault(key) === null) throw notFound(key);
      return { key, removed: removed > 0 };
    },
  };
  return service;
}
