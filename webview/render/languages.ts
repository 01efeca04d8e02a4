// Which languages the highlighter knows, by VS Code's language id or a fence's usual name
// ("ts", "py", "sh"). Code with no language, or one not listed here, is shown plain: a
// guessing highlighter colours prose and unknown syntax as if it were C.

const ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  py: 'python', python3: 'python', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript',
  rb: 'ruby', pl: 'perl', yml: 'yaml', ps1: 'powershell', pwsh: 'powershell', coffee: 'coffeescript', ex: 'elixir', exs: 'elixir',
  rs: 'rust', golang: 'go', kt: 'kotlin', cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', h: 'c',
  docker: 'dockerfile', make: 'makefile', objc: 'objective-c', 'objective-cpp': 'cpp', sc: 'scala',
};

const KNOWN = new Set(
  (
    'typescript typescriptreact javascript javascriptreact json jsonc python shellscript ruby perl r yaml toml dockerfile makefile ' +
    'powershell coffeescript elixir rust go kotlin csharp cpp c java swift php scala dart groovy objective-c css scss less lua sql'
  ).split(' '),
);

/** The language id the highlighter knows `language` by, or undefined: show the code plain. */
export function knownLanguage(language: string): string | undefined {
  const name = language.trim().toLowerCase();
  const id = Object.hasOwn(ALIASES, name) ? ALIASES[name] : name;
  return id && KNOWN.has(id) ? id : undefined;
}
