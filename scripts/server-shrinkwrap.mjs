// The teamchat-server package's npm-shrinkwrap.json: the part of this checkout's
// package-lock.json its dependencies reach, so an install gets the very versions the tests
// ran here, transitive ones included, not whatever their ranges allow on the day.

/** Where Node would find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveKey(packages, from, name) {
  let base = from;
  for (;;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[key]) return key;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** The lockfile entries `dependencies` reach, as a lockfile for a package of that name and version. */
export function shrinkwrapFor(lock, rootEntry) {
  const packages = lock.packages;
  const reached = new Map();
  const visit = (from, deps, optional) => {
    for (const name of Object.keys(deps ?? {})) {
      const key = resolveKey(packages, from, name);
      if (!key) {
        if (optional.has(name)) continue;
        throw new Error(`server-shrinkwrap: ${name} (needed by ${from || 'the server'}) is not in package-lock.json; run npm install.`);
      }
      if (reached.has(key)) continue;
      reached.set(key, packages[key]);
      const entry = packages[key];
      const peersOptional = Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([peer]) => peer);
      const optionalHere = new Set([...Object.keys(entry.optionalDependencies ?? {}), ...peersOptional]);
      const required = Object.fromEntries(Object.entries(entry.peerDependencies ?? {}).filter(([peer]) => !peersOptional.includes(peer)));
      visit(key, { ...entry.dependencies, ...entry.optionalDependencies, ...required }, optionalHere);
    }
  };
  visit('', rootEntry.dependencies, new Set());
  const entries = {};
  for (const key of [...reached.keys()].sort()) {
    const { dev: _dev, devOptional, peer: _peer, ...entry } = reached.get(key);
    entries[key] = devOptional ? { ...entry, optional: true } : entry;
  }
  return { name: rootEntry.name, version: rootEntry.version, lockfileVersion: 3, requires: true, packages: { '': rootEntry, ...entries } };
}
