import type { Command } from 'commander';
import type { AiModel } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

interface FieldFlags {
  name?: string;
  inputPrice?: string;
  cachedInputPrice?: string;
  outputPrice?: string;
  imagePrice?: string;
  tokensPerCredit?: string;
  creditsPerImage?: string;
  contextWindow?: string;
  maxOutput?: string;
  sizes?: string;
  capabilities?: string;
  tier?: string;
}

/** Options for every editable field; "none" clears a nullable one. */
function withFieldOptions(cmd: Command): Command {
  return cmd
    .option('--name <text>', 'display name')
    .option('--input-price <usd>', 'USD per 1M input tokens ("none" clears)')
    .option('--cached-input-price <usd>', 'USD per 1M cached input tokens')
    .option('--output-price <usd>', 'USD per 1M output tokens')
    .option('--image-price <usd>', 'USD per image')
    .option('--tokens-per-credit <n>', 'tokens billed as one credit (text models)')
    .option('--credits-per-image <n>', 'credits per image (image models)')
    .option('--context-window <tokens>', 'context window in tokens')
    .option('--max-output <tokens>', 'largest output in tokens')
    .option('--sizes <list>', 'image sizes, comma-separated, e.g. 1024x1024,1792x1024')
    .option('--capabilities <list>', 'comma-separated, e.g. json_schema,vision,streaming')
    .option('--tier <name>', 'basic, standard, quality, premium …');
}

function toFields(o: FieldFlags): Record<string, unknown> {
  const num = (v?: string) => (v === undefined ? undefined : /^(none|null)$/i.test(v) ? null : Number(v));
  const list = (v?: string) =>
    v === undefined
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const fields: Record<string, unknown> = {
    displayName: o.name,
    inputPrice: num(o.inputPrice),
    cachedInputPrice: num(o.cachedInputPrice),
    outputPrice: num(o.outputPrice),
    imagePrice: num(o.imagePrice),
    tokensPerCredit: num(o.tokensPerCredit),
    creditsPerImage: num(o.creditsPerImage),
    contextWindow: num(o.contextWindow),
    maxOutput: num(o.maxOutput),
    sizes: list(o.sizes),
    capabilities: list(o.capabilities),
    tier: o.tier === undefined ? undefined : /^(none|null)$/i.test(o.tier) ? null : o.tier,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

const usd = (v: number | null) => (v === null ? '—' : `$${v}`);

function summary(m: AiModel): Record<string, unknown> {
  return {
    ref: `${m.provider}:${m.modelId}`,
    type: m.type,
    tier: m.tier,
    price:
      m.type === 'image' ? `${usd(m.imagePrice)}/image` : `${usd(m.inputPrice)}/${usd(m.outputPrice)} per 1M`,
    credits: m.type === 'image' ? `${m.creditsPerImage} per image` : `1 per ${m.tokensPerCredit} tokens`,
    default: m.isDefault ? 'yes' : '',
    active: m.active ? 'yes' : 'no',
  };
}

const show = (m: AiModel) =>
  renderKeyValues({ ...m, sizes: m.sizes.join(', ') || '—', capabilities: m.capabilities.join(', ') || '—' });

export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('the AI model registry: prices, credit rates, defaults');
  models
    .command('list')
    .description('list models (active ones unless --all)')
    .option('--type <type>', 'text, image or embedding')
    .option('--provider <name>', 'only this provider')
    .option('--all', 'include disabled models')
    .action(
      action(async (ctx, o: { type?: string; provider?: string; all?: boolean }) => {
        const core = await ctx.core();
        const list = await core.models.list({
          type: o.type,
          provider: o.provider,
          includeInactive: Boolean(o.all),
        });
        ctx.out.list(list, () => renderTable(list.map(summary)));
      }),
    );
  models
    .command('show <ref>')
    .description('show one model (ref: provider:model, model id or id)')
    .action(
      action(async (ctx, ref: string) => {
        const model = await (await ctx.core()).models.get(ref);
        ctx.out.result(model, () => show(model));
      }),
    );
  withFieldOptions(
    models
      .command('add')
      .description('add a model to the registry')
      .requiredOption(
        '--provider <name>',
        'a native provider (openai, …: see the README), sandbox or a compatible endpoint',
      )
      .requiredOption('--model <id>', "the provider's model id, e.g. gpt-4o-mini")
      .requiredOption('--type <type>', 'text, image or embedding'),
  )
    .option('--inactive', 'add it disabled')
    .option('--default', 'make it the default of its type')
    .action(
      action(
        async (
          ctx,
          o: FieldFlags & {
            provider: string;
            model: string;
            type: string;
            inactive?: boolean;
            default?: boolean;
          },
        ) => {
          const core = await ctx.core();
          const model = await core.models.add({
            ...toFields(o),
            provider: o.provider,
            modelId: o.model,
            type: o.type as AiModel['type'],
            active: !o.inactive,
            isDefault: Boolean(o.default),
          });
          ctx.out.result(model, () => `added ${model.provider}:${model.modelId}\n${show(model)}`);
        },
      ),
    );
  withFieldOptions(
    models.command('update <ref>').description('change prices, credit rates, limits, sizes …'),
  ).action(
    action(async (ctx, ref: string, o: FieldFlags) => {
      const model = await (await ctx.core()).models.update(ref, toFields(o));
      ctx.out.result(model, () => `updated ${model.provider}:${model.modelId}\n${show(model)}`);
    }),
  );
  for (const [verb, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    models
      .command(`${verb} <ref>`)
      .description(`${verb} a model`)
      .action(
        action(async (ctx, ref: string) => {
          const model = await (await ctx.core()).models.setActive(ref, active);
          ctx.out.result(model, () => `${verb}d ${model.provider}:${model.modelId}`);
        }),
      );
  }
  models
    .command('set-default <ref>')
    .description('make a model the default of its type')
    .action(
      action(async (ctx, ref: string) => {
        const model = await (await ctx.core()).models.setDefault(ref);
        ctx.out.result(
          model,
          () => `${model.provider}:${model.modelId} is now the default ${model.type} model`,
        );
      }),
    );
  models
    .command('seed')
    .description('add the bundled models (templates/models.json) that are missing; edits are kept')
    .action(
      action(async (ctx) => {
        const result = await (await ctx.core()).models.seed();
        ctx.out.result(result, () => `added ${result.added} model(s)`);
      }),
    );
}
