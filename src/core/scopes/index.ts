export * from './scopeCatalog';
export * from './guideRow';
export * from './guideTable';
export * from './planner';
export * from './presets';
export * from './format';
