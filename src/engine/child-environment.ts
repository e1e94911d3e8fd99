/** Placeholder: replaced by the hostile-cache branch's version at merge. */
export function childEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'LANG', 'LC_ALL', 'TMPDIR']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}
