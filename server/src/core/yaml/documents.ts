import type { CoreDocument } from '../languageService';
import { IncrementalYamlParser, type ParsedYaml } from './parse';

/** The last parse of one document, and whatever a service derived from it (reset when the text changes). */
export interface ParsedEntry<Derived> {
  text: string;
  parsed: ParsedYaml;
  derived?: Derived;
}

/**
 * The open documents of a language service: one incremental parser per document (an edit re-parses
 * only the blocks it touched) and the last result, reused while the text is unchanged.
 */
export class ParsedDocuments<Derived = never> {
  private readonly parsers = new Map<string, IncrementalYamlParser>();
  private readonly last = new Map<string, ParsedEntry<Derived>>();

  entry(doc: CoreDocument): ParsedEntry<Derived> {
    const hit = this.last.get(doc.path);
    if (hit && hit.text === doc.text) return hit;
    let parser = this.parsers.get(doc.path);
    if (!parser) this.parsers.set(doc.path, (parser = new IncrementalYamlParser()));
    const entry: ParsedEntry<Derived> = { text: doc.text, parsed: parser.parse(doc.text) };
    this.last.set(doc.path, entry);
    return entry;
  }

  parse(doc: CoreDocument): ParsedYaml {
    return this.entry(doc).parsed;
  }

  forget(path: string): void {
    this.parsers.delete(path);
    this.last.delete(path);
  }
}
