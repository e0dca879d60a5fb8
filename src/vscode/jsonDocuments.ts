import vscode = require('vscode');
import { capDepth, depthNote } from '../core/jsonDisplay';
import type { Redactor } from '../core/redaction';

// Documents are kept in memory only; old ones are dropped so a long receiver session stays small.
const MAX_DOCUMENTS = 50;

/**
 * Read-only JSON documents under one scheme, e.g. decoded webhooks
 * (`api2cart-wix-webhook:/AppInstalled-….json`). A content provider rather than an untitled
 * file: nothing to save, nothing left on disk.
 */
export class JsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private counter = 0;

  /** `gone` is what a document says once it was dropped from memory (e.g. after a reload). */
  constructor(private readonly scheme: string, private readonly redactor: Redactor, private readonly gone: string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? JSON.stringify({ _notes: [this.gone] }, null, 2);
  }

  /**
   * Open `value` as a JSON document named after `name` (e.g. the event type) and show it. Any
   * body the receiver accepts can be shown: deep nesting is cut, and `_notes` says where.
   */
  async show(name: string, value: unknown): Promise<vscode.TextEditor> {
    const safeName = name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60) || 'document';
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${safeName}-${++this.counter}.json` });
    // A token is no secret, but everything user-visible passes the redactor.
    const capped = capDepth(value);
    this.contents.set(uri.toString(), this.redactor.redact(`${JSON.stringify(withNote(capped.value, depthNote(capped)), null, 2)}\n`));
    while (this.contents.size > MAX_DOCUMENTS) this.contents.delete(this.contents.keys().next().value!);
    const doc = await vscode.workspace.openTextDocument(uri);
    const json = doc.languageId === 'json' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(json, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}

/** Adds a note to the document's `_notes` (first, where people look), or wraps the value to carry one. */
function withNote(value: unknown, note: string | undefined): unknown {
  if (note === undefined) return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const notes = Array.isArray(record._notes) ? record._notes : [];
    return { ...record, _notes: [...notes, note] };
  }
  return { _notes: [note], value };
}
