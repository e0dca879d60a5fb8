// Steps whose only output is a picture (a grid for the README, a screenshot of a state already
// checked): they run in `npm run screenshots` (tools/screenshots.mjs), not in the test count.
export const SCREENSHOTS_ENV = 'API2CART_WIX_SCREENSHOTS';

/** Registers a picture-only step when the screenshot script runs; in `npm test` it does not exist. */
export function pictureStep(title: string, fn: () => Promise<void>): void {
  if (process.env[SCREENSHOTS_ENV] === '1') it(title, fn);
}
