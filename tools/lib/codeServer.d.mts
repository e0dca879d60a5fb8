import type { Browser } from 'playwright-core';
export interface Scratch { tmp: string; home: string; env: NodeJS.ProcessEnv }
export interface CodeServer { port: number; authority: string; url: string; logFile: string; stop(): Promise<void>; hasExited(): boolean }
export function runtimePaths(): { node: string; entry: string };
export function freePort(): Promise<number>;
export const quietSettings: Record<string, unknown>;
export function makeScratch(prefix: string): Scratch;
export function installVsix(o: { vsix: string; userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv }): string;
export function startCodeServer(o: { scratch: Scratch; userDataDir: string; extensionsDir: string; smokeTestDriver?: boolean;
  settings?: Record<string, unknown>; verbose?: boolean; workspaceTrust?: boolean }): Promise<CodeServer>;
export function launchChromium(scratch: Scratch): Promise<Browser>;
