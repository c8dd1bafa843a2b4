/**
 * True for a YAML file name, and for a name without an extension: an editor's untitled document
 * (`Untitled-1`), which is then recognised by its content as a saved YAML file would be.
 */
export function yamlOrUntitled(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  return /\.ya?ml$/i.test(name) || !name.includes('.');
}
