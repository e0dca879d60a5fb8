import vscode = require('vscode');
import { REQUEST_FILE_SUFFIX, type RunAction } from './requestFiles';

// What Run API2Cart Request is asked to do, and on which file.

const isRequestDocument = (document: vscode.TextDocument): boolean => document.uri.path.endsWith(REQUEST_FILE_SUFFIX);

const RUN_ACTIONS: readonly RunAction[] = ['run', 'nextPage', 'curl', 'history'];

export function parseRunArgs(arg: unknown): { readonly uri?: vscode.Uri; readonly action: RunAction } {
  if (arg instanceof vscode.Uri) return { uri: arg, action: 'run' };
  if (typeof arg === 'object' && arg !== null) {
    const { uri, action } = arg as { uri?: unknown; action?: unknown };
    const known = RUN_ACTIONS.find((a) => a === action) ?? 'run';
    if (typeof uri === 'string') {
      try {
        return { uri: vscode.Uri.parse(uri, true), action: known };
      } catch {
        return { action: known };
      }
    }
    return { action: known };
  }
  return { action: 'run' };
}

export function activeRequestDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isRequestDocument(document) ? document : undefined;
}
