import fs from 'node:fs';
import path from 'node:path';

/** Failure screenshots are evidence of one run only: the ones an earlier run left go first. */
export function clearFailureScreenshots(root) {
  const dir = path.join(root, 'test-results', 'screenshots');
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir).filter(f => f.startsWith('failed-'))) fs.rmSync(path.join(dir, f));
}
