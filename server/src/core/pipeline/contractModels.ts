import { readContract, type ContractModel } from '../contract/model';

/**
 * Contract models by path, reused while a contract's text stays the same: contracts rarely change
 * while a spec is edited. Bounded (least recently used goes first) and owned by whoever creates it,
 * e.g. one language service, so nothing grows for the life of the process.
 */
export class ContractModels {
  private readonly entries = new Map<string, { text: string; model: ContractModel }>();

  constructor(private readonly limit = 64) {}

  /** The model of `text` read as the contract at `path`. */
  read(text: string, path: string): ContractModel {
    const hit = this.entries.get(path);
    this.entries.delete(path);
    const entry = hit && hit.text === text ? hit : { text, model: readContract(text, path) };
    this.entries.set(path, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return entry.model;
  }
}
