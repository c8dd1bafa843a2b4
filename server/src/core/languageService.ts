import type {
  CodeAction, CodeLens, CompletionItem, Definition, Diagnostic, DocumentSymbol, Hover, Position, Range,
} from 'vscode-languageserver-types';

/**
 * What the core needs from the outside world, passed in so tests can run the core without a server.
 * Paths are absolute file-system paths.
 */
export interface CoreHost {
  /** True when a file or folder exists at the path (the server caches it; watchers invalidate). */
  exists(path: string): boolean;
  /** Text of a file: the editor's unsaved buffer when open, else the disk; undefined when unreadable. */
  readText(path: string): string | undefined;
  /** Entries of a folder (for path completion); empty when unreadable. */
  listDir(path: string): Array<{ name: string; isDirectory: boolean }>;
  /** The workspace folder that holds the path, if any (for path-outside-workspace). */
  workspaceRoot(path: string): string | undefined;
}

/** A document as the core sees it: its absolute path, text and version. */
export interface CoreDocument {
  /** The document's URI as the client names it (file:// for files on disk). */
  uri: string;
  path: string;
  text: string;
  version: number;
}

/**
 * The language features of one document kind (pipeline specs, data contracts). The language server
 * picks the service whose `accepts` returns true and forwards each request; every method is pure.
 */
export interface LanguageService {
  readonly id: string;
  accepts(path: string, text: string): boolean;
  validate(doc: CoreDocument, host: CoreHost): Diagnostic[];
  complete(doc: CoreDocument, position: Position, host: CoreHost): CompletionItem[];
  hover(doc: CoreDocument, position: Position, host: CoreHost): Hover | null;
  symbols(doc: CoreDocument): DocumentSymbol[];
  definition?(doc: CoreDocument, position: Position, host: CoreHost): Definition | null;
  codeActions?(doc: CoreDocument, range: Range, diagnostics: Diagnostic[], host: CoreHost): CodeAction[];
  codeLenses?(doc: CoreDocument): CodeLens[];
  /** Absolute paths of other files whose content this document's diagnostics depend on. */
  dependencies?(doc: CoreDocument, host: CoreHost): string[];
  /**
   * Slow work whose answers `validate` reads (e.g. a data contract's SQL parsed by DuckDB), run off
   * the keystroke path; resolves true when it learned something, so the document is validated again.
   */
  prepare?(doc: CoreDocument, host: CoreHost): Promise<boolean>;
  /** Drops what is cached for the document at `path` (closed, or a throwaway one). */
  forget?(path: string): void;
}
