// Types for code-server.mjs, which the UX suite (TypeScript) imports.
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';

export const root: string;
export interface CodeServer { serverMain: string; node: string }
export interface Profile { tmp: string; userDataDir: string; extensionsDir: string; workspace: string; remove(): void }
export interface VsCodeServer { port: number; child: ChildProcess; log(): string; stop(): Promise<void> }
export function installCodeServer(): CodeServer;
export function quietSettings(extra?: Record<string, unknown>): Record<string, unknown>;
export function freshProfile(settings: Record<string, unknown>): Profile;
export function installVsix(cs: CodeServer, profile: Profile, vsix: string): void;
export function startVsCodeServer(cs: CodeServer, profile: Profile, options?: { env?: Record<string, string>; smokeTestDriver?: boolean }): Promise<VsCodeServer>;
export function launchChromium(): Promise<Browser>;
export function stopProcessGroup(child: ChildProcess): Promise<void>;
export function freePort(): Promise<number>;
