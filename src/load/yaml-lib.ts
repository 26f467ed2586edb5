/**
 * The `yaml` package, loaded on first use: well-formed files are parsed by js-yaml (load/yaml.ts) and need it only
 * when a check reports on them, so a clean run of a large repository never loads it (nor does each worker thread).
 */
import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

export function yamlLib(): YamlLib {
  return (lib ??= createRequire(import.meta.url)('yaml') as YamlLib);
}
