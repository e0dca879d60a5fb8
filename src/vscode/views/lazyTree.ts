import vscode = require('vscode');

/** What a view's real provider (in the lazily loaded feature-views bundle) implements. */
export interface TreeModel<T> extends vscode.Disposable {
  getChildren(element?: T): vscode.ProviderResult<T[]>;
  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem>;
  /** Drop cached data; the next getChildren reads it again. */
  invalidate?(): void;
}

/**
 * A tree provider that builds its model on the first getChildren, i.e. when the view is first
 * shown: activation only registers the view. Changes before then cost nothing.
 */
export class LazyTree<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private model: TreeModel<T> | undefined;

  constructor(private readonly create: (redraw: () => void) => TreeModel<T>) {}

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    this.model ??= this.create(() => this.emitter.fire());
    return this.model.getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.model!.getTreeItem(element);
  }

  /** Something the view shows changed: redraw, if it was ever shown. */
  refresh(): void {
    if (!this.model) return;
    this.model.invalidate?.();
    this.emitter.fire();
  }

  get shown(): boolean {
    return this.model !== undefined;
  }

  dispose(): void {
    this.model?.dispose();
    this.emitter.dispose();
  }
}
