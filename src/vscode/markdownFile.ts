import vscode = require('vscode');

/** Where tests send a document instead of the save dialog they cannot click. */
export type MarkdownTarget = vscode.Uri | 'untitled';

export interface SaveMarkdownOptions {
  /** Suggested in the save dialog, in the first workspace folder. */
  readonly fileName: string;
  readonly saveLabel: string;
  readonly title: string;
  /** Skips the dialog (tests). */
  readonly target?: MarkdownTarget;
}

/**
 * Saves a Markdown document where the person chooses. With no folder to save into in a browser
 * window, it opens as an untitled document they can save later. Resolves to where it went, as the
 * person reads it, or undefined when they cancelled.
 */
export async function saveMarkdown(markdown: string, options: SaveMarkdownOptions): Promise<string | undefined> {
  const target = options.target ?? (await askTarget(options));
  if (!target) return undefined;
  if (target === 'untitled') {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return vscode.l10n.t('an untitled document');
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  return vscode.workspace.asRelativePath(target);
}

async function askTarget(options: SaveMarkdownOptions): Promise<MarkdownTarget | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder && vscode.env.uiKind === vscode.UIKind.Web) return 'untitled';
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, options.fileName) : undefined,
    filters: { [vscode.l10n.t('Markdown')]: ['md'] },
    saveLabel: options.saveLabel,
    title: options.title,
  });
}
