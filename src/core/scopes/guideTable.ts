/**
 * The guide's "Table of Required Wix App Scopes for our API Methods", one entry per row, in the
 * guide's order. Written out as data (the unit tests check it against the guide's text row by row).
 * Normalised: names trimmed, a scope repeated within a row kept once. "X OR Y" is an `anyOf`
 * requirement. `product.variant.update` has two rows with different lists; both are kept as-is and
 * the planner requires their union.
 */
import type { GuideRow } from './guideRow';
import { ROWS_BASKET_TO_ORDER } from './guideRowsBasketToOrder';
import { ROWS_PRODUCT_TO_TAX } from './guideRowsProductToTax';

// The rows are written out in two files, split alphabetically at "product".
export const GUIDE_ROWS = [...ROWS_BASKET_TO_ORDER, ...ROWS_PRODUCT_TO_TAX] as const satisfies readonly GuideRow[];

/** An API2Cart method named in the guide's table. */
export type MethodName = (typeof GUIDE_ROWS)[number]['method'];
