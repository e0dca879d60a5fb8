// Handing a store key over in a `.env`: the text edit, where the file really is, and whether git ignores it.
export * from './envText';
export * from './envTarget';
export * from './gitIgnore';
export * from './envWrite';
