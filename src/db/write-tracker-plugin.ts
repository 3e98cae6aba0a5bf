import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Raw statements that never change rows by themselves (a rollback only undoes changes already counted). */
const NO_ROW_CHANGES = /^\s*(begin|commit|end|rollback|savepoint|release|pragma)\b/i;

/**
 * Counts this connection's writes, per table, so a result derived from a table (a cached count)
 * can tell whether it may have changed since. Versions move after each write succeeds, so a
 * stamp read before a query runs is never newer than the data that query sees. Conservative by
 * design: an INSERT or UPDATE moves its own table; a DELETE (foreign keys may cascade), INSERT OR
 * REPLACE, DDL, a raw statement or a query compiled outside Kysely's builders moves everything.
 * Only this connection's writes are seen: other connections are the caller's business (SQLite's
 * data_version tells). SQLite only — on PostgreSQL, commits do not pass through plugins.
 */
export class WriteTrackerPlugin implements KyselyPlugin {
  /** Bumped by writes whose tables are not known. */
  #everything = 0;
  readonly #tables = new Map<string, number>();
  /** Per query: the tables its success moves, null for everything, [] for none (reads). */
  readonly #pending = new WeakMap<QueryId, readonly string[] | null>();

  constructor(
    /** SQLite's data_version (moves when another connection commits), or null when it cannot be read now. */
    readonly dataVersion: () => number | null,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#pending.set(args.queryId, tablesWritten(args.node));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const tables = this.#pending.get(args.queryId);
    if (tables === undefined || tables === null) this.#everything += 1;
    else for (const t of tables) this.#tables.set(t, (this.#tables.get(t) ?? 0) + 1);
    return args.result;
  }

  /** A value that differs whenever one of `tables` may have been written through this connection. */
  stamp(tables: readonly string[]): string {
    let s = String(this.#everything);
    for (const t of tables) s += `:${this.#tables.get(t) ?? 0}`;
    return s;
  }
}

function tableName(node: OperationNode | undefined): string | null {
  if (node === undefined) return null;
  if (node.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  if (node.kind !== 'TableNode') return null;
  return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
}

function tablesWritten(node: RootOperationNode): readonly string[] | null {
  switch (node.kind) {
    case 'SelectQueryNode':
      return [];
    case 'InsertQueryNode': {
      if (node.replace || node.orAction || node.with) return null;
      const t = tableName(node.into);
      return t === null ? null : [t];
    }
    case 'UpdateQueryNode': {
      if (node.with || node.from || node.joins) return null;
      const t = tableName(node.table);
      return t === null ? null : [t];
    }
    case 'RawNode':
      return node.sqlFragments.length === 1 && NO_ROW_CHANGES.test(node.sqlFragments[0]!) ? [] : null;
    default:
      return null;
  }
}
