/** One run of a request file, as the history quick pick lists it and the answer document shows it. */
export interface RunRecord {
  readonly id: number;
  readonly method: string;
  readonly storeName: string;
  readonly at: Date;
  /** The answer document's title, e.g. "product.list · HTTP 200 · 84 ms". */
  readonly title: string;
  readonly summary: string;
  /** The request file it ran from (a URI string). */
  readonly requestUri: string;
  readonly language: 'jsonc' | 'plaintext';
  /** The answer document's text; dropped for old runs once the memory budget is used up. */
  text?: string;
}

export const HISTORY_LIMIT = 20;
/** Answers can be megabytes each: the oldest texts go first beyond this. */
export const HISTORY_TEXT_BUDGET = 64 * 1024 * 1024;

/** The last runs, newest first, bounded in count and in the memory their answers take. */
export class RunHistory {
  private readonly records: RunRecord[] = [];
  private nextId = 1;

  constructor(private readonly limit = HISTORY_LIMIT, private readonly textBudget = HISTORY_TEXT_BUDGET) {}

  add(record: Omit<RunRecord, 'id'>): RunRecord {
    const added: RunRecord = { ...record, id: this.nextId++ };
    this.records.unshift(added);
    this.records.splice(this.limit);
    let used = 0;
    for (const r of this.records) {
      used += r.text?.length ?? 0;
      if (used > this.textBudget && r !== added) delete r.text;
    }
    return added;
  }

  /** Newest first. */
  list(): readonly RunRecord[] {
    return [...this.records];
  }

  get(id: number): RunRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** The newest run of this request file. */
  latestFor(requestUri: string): RunRecord | undefined {
    return this.records.find((r) => r.requestUri === requestUri);
  }
}
