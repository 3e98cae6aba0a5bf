import type { Igny8Config } from '../config/index.js';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import {
  AddModelInputSchema,
  ModelListFilterSchema,
  ModelTypeRulesSchema,
  UpdateModelInputSchema,
  type AddModelInput,
  type AiModel,
  type ModelType,
  type UpdateModelInput,
} from './ai-model.schema.js';
import { patchToColumns, toModel, toRow } from './model-rows.js';
import { loadModelTemplates } from './model-templates.js';
import * as repo from './models.repository.js';
import { assertProviderServes } from './provider-serves.js';
import type { AiModelRow } from './models.repository.js';

export interface ModelListFilter {
  /** "text", "image" or "embedding" (validated). */
  type?: string;
  provider?: string;
  includeInactive?: boolean;
}

export interface ModelRegistry {
  /** Models sorted by type, provider, model id; inactive ones only with includeInactive. */
  list(filter?: ModelListFilter): Promise<AiModel[]>;
  /** ref = id | "provider:modelId" | "modelId" (when only one provider has it). */
  get(ref: string): Promise<AiModel>;
  add(input: AddModelInput): Promise<AiModel>;
  update(ref: string, patch: UpdateModelInput): Promise<AiModel>;
  /** Enable or disable a model; the default of its type cannot be disabled (DEFAULT_MODEL_REQUIRED). */
  setActive(ref: string, active: boolean): Promise<AiModel>;
  /** Make a model the default of its type (enabling it), clearing the old default in one transaction. */
  setDefault(ref: string): Promise<AiModel>;
  /** config.ai.textModel / imageModel when set, else the registry default of that type. */
  defaultModel(type: 'text' | 'image'): Promise<AiModel>;
  /** config.ai.functions[fn].model when set, else the default of `type`. */
  modelFor(functionName: string, type: 'text' | 'image'): Promise<AiModel>;
  /** Insert templates/models.json rows that are missing; never overwrites a user's edits. */
  seed(): Promise<{ added: number }>;
}

export interface ModelRegistryOptions {
  /** models.json to seed from (default: the bundled templates/models.json). */
  templatesFile?: string;
}

/**
 * The AI model registry over `ai_models`.
 * @example const model = await createModelRegistry(db, config).modelFor('generate_content', 'text');
 */
export function createModelRegistry(
  db: Db,
  config: Pick<Igny8Config, 'ai'>,
  options: ModelRegistryOptions = {},
): ModelRegistry {
  const byId = async (id: string) => toModel((await repo.findModelById(db, id))!);

  const configured = async (ref: string, type: ModelType, key: string): Promise<AiModel> => {
    let row: AiModelRow;
    try {
      row = await resolveRow(db, ref);
    } catch (err) {
      if (err instanceof Igny8Error && err.code === 'MODEL_NOT_FOUND') {
        throw new Igny8Error('MODEL_NOT_FOUND', `${key} names "${ref}", which is not in the model registry`, {
          hint: `Fix ${key} in the config (or its environment variable), or add the model with \`igny8 models add\`.`,
        });
      }
      throw err;
    }
    if (row.type !== type) {
      throw new Igny8Error(
        'CONFIG_INVALID',
        `${key} names ${refOf(row)}, a ${row.type} model; a ${type} model is needed`,
        {
          hint: `Set ${key} to a ${type} model (\`igny8 models list --type ${type}\`).`,
        },
      );
    }
    if (!row.active) {
      throw new Igny8Error('MODEL_INACTIVE', `${key} names ${refOf(row)}, which is disabled`, {
        hint: `Enable it with \`igny8 models enable ${refOf(row)}\` or change ${key}.`,
      });
    }
    return toModel(row);
  };

  const registry: ModelRegistry = {
    async list(filter = {}) {
      return (await repo.listModelRows(db, parseInput(ModelListFilterSchema, filter, 'model filter'))).map(
        toModel,
      );
    },

    async get(ref) {
      return toModel(await resolveRow(db, ref));
    },

    async add(input) {
      const m = parseInput(AddModelInputSchema, input, 'model');
      if (m.isDefault && !m.active) {
        throw new Igny8Error('VALIDATION_FAILED', 'A default model must be active', {
          hint: 'Drop --inactive or --default.',
        });
      }
      if (m.active) assertProviderServes(m);
      const id = await transaction(db, async (trx) => {
        if (await repo.findModelByKey(trx, m.provider, m.modelId)) throw exists(m.provider, m.modelId);
        const now = nowIso();
        if (m.isDefault) {
          await repo.lockModelType(trx, m.type);
          await repo.clearDefault(trx, m.type, now);
        }
        const row = toRow({ ...m, id: newId() }, now);
        if (!(await repo.insertModelRow(trx, row))) throw exists(m.provider, m.modelId);
        return row.id;
      });
      return byId(id);
    },

    async update(ref, patch) {
      const p = parseInput(UpdateModelInputSchema, patch, 'model update');
      const id = await transaction(db, async (trx) => {
        const row = await resolveRow(trx, ref);
        parseInput(ModelTypeRulesSchema, { ...toModel(row), ...p }, `update of ${refOf(row)}`);
        await repo.updateModelRow(trx, row.id, { ...patchToColumns(p), updated_at: nowIso() });
        return row.id;
      });
      return byId(id);
    },

    async setActive(ref, active) {
      const id = await transaction(db, async (trx) => {
        const row = await resolveRow(trx, ref);
        if (!active && row.is_default) {
          throw new Igny8Error(
            'DEFAULT_MODEL_REQUIRED',
            `${refOf(row)} is the default ${row.type} model and cannot be disabled`,
            {
              action: { id: 'choose_default_model', params: { type: row.type } },
            },
          );
        }
        if (active && !row.active) assertProviderServes(toModel(row));
        if (Boolean(row.active) !== active) {
          await repo.updateModelRow(trx, row.id, { active: active ? 1 : 0, updated_at: nowIso() });
        }
        return row.id;
      });
      return byId(id);
    },

    async setDefault(ref) {
      const id = await transaction(db, async (trx) => {
        const row = await resolveRow(trx, ref);
        if (row.is_default && row.active) return row.id;
        assertProviderServes(toModel(row));
        await repo.lockModelType(trx, row.type);
        const now = nowIso();
        // Clear first: the partial unique index allows one default per type at every moment.
        await repo.clearDefault(trx, row.type, now);
        await repo.updateModelRow(trx, row.id, { is_default: 1, active: 1, updated_at: now });
        return row.id;
      });
      return byId(id);
    },

    async defaultModel(type) {
      const key = type === 'text' ? 'ai.textModel' : 'ai.imageModel';
      const wanted = type === 'text' ? config.ai.textModel : config.ai.imageModel;
      if (wanted) return configured(wanted, type, key);
      const row = await repo.findDefaultModel(db, type);
      if (!row) {
        throw new Igny8Error('DEFAULT_MODEL_REQUIRED', `No default ${type} model is set`, {
          action: { id: 'seed_models' },
        });
      }
      return toModel(row);
    },

    async modelFor(functionName, type) {
      const wanted = config.ai.functions[functionName]?.model;
      if (wanted) return configured(wanted, type, `ai.functions.${functionName}.model`);
      return registry.defaultModel(type);
    },

    async seed() {
      const templates = loadModelTemplates(options.templatesFile);
      // All or nothing: one row no provider can serve refuses the seed before anything is written.
      for (const t of templates) if (t.active) assertProviderServes(t);
      return transaction(db, async (trx) => {
        const have = new Set((await repo.listModelKeys(trx)).map((k) => `${k.provider}:${k.model_id}`));
        const now = nowIso();
        let added = 0;
        for (const t of templates) {
          if (have.has(`${t.provider}:${t.modelId}`)) continue;
          // Inserted without the default flag: whether it becomes the default is decided below.
          if (await repo.insertModelRow(trx, toRow({ ...t, id: newId(), isDefault: false }, now))) added++;
        }
        for (const t of templates.filter((x) => x.isDefault)) {
          await repo.lockModelType(trx, t.type);
          if (await repo.findDefaultModel(trx, t.type)) continue;
          const row = await repo.findModelByKey(trx, t.provider, t.modelId);
          if (row?.active) await repo.updateModelRow(trx, row.id, { is_default: 1, updated_at: now });
        }
        return { added };
      });
    },
  };
  return registry;
}

/** Resolve id → provider:modelId → bare modelId (unique across providers). */
async function resolveRow(db: Db, ref: string): Promise<AiModelRow> {
  const wanted = typeof ref === 'string' ? ref.trim() : '';
  if (!wanted) throw new Igny8Error('VALIDATION_FAILED', 'A model reference is required');
  const byId = await repo.findModelById(db, wanted);
  if (byId) return byId;
  const colon = wanted.indexOf(':');
  if (colon > 0) {
    const row = await repo.findModelByKey(db, wanted.slice(0, colon), wanted.slice(colon + 1));
    if (row) return row;
  }
  // Runware ids contain a colon themselves ("runware:97@1"), so a bare model id is tried last.
  const rows = await repo.findModelsByModelId(db, wanted);
  if (rows.length === 1) return rows[0]!;
  if (rows.length > 1) {
    throw new Igny8Error(
      'MODEL_AMBIGUOUS',
      `Several providers serve "${wanted}": ${rows.map(refOf).join(', ')}`,
      {
        hint: `Name it as provider:model, e.g. ${refOf(rows[0]!)}`,
      },
    );
  }
  throw new Igny8Error('MODEL_NOT_FOUND', `No model "${wanted}" in the registry`, {
    action: { id: 'list_models' },
  });
}

function refOf(row: Pick<AiModelRow, 'provider' | 'model_id'>): string {
  return `${row.provider}:${row.model_id}`;
}

function exists(provider: string, modelId: string): Igny8Error {
  return new Igny8Error('ALREADY_EXISTS', `Model ${provider}:${modelId} is already in the registry`, {
    action: { id: 'update_model', params: { ref: `${provider}:${modelId}` } },
  });
}
