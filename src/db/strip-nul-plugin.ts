import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

// eslint-disable-next-line no-control-regex -- the NUL character is exactly what we look for
const NUL = /\u0000/g;

function clean(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replace(NUL, '') : value;
}

/** Whether any string anywhere in a query tree contains a NUL (blobs are not text and are skipped). */
function hasNul(node: unknown): boolean {
  if (typeof node === 'string') return node.includes('\u0000');
  if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node)) return false;
  if (Array.isArray(node)) {
    for (const v of node) if (hasNul(v)) return true;
    return false;
  }
  for (const k in node) if (hasNul((node as Record<string, unknown>)[k])) return true;
  return false;
}

class StripNulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = clean(node.value);
    return value === node.value ? node : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map(clean) };
  }
}

/**
 * Removes NUL characters from every string parameter. PostgreSQL text cannot hold them (the query
 * fails with "invalid byte sequence"), and they reach us from pasted text, mis-decoded exports and
 * fuzzers; stripping them on both dialects keeps SQLite and PostgreSQL storing the same thing.
 */
export class StripNulPlugin implements KyselyPlugin {
  readonly #transformer = new StripNulTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // Rebuilding the whole query tree costs more than a small query itself; look first.
    return hasNul(args.node) ? this.#transformer.transformNode(args.node) : args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
