/**
 * Why a registry operation stopped. Every kind except `incomplete` guarantees that the repository and
 * the user's files are exactly as before; `incomplete` says in its message how to finish by hand.
 */
export type RegistryErrorKind =
  /** Refused before changing anything: bad input or a repository state we must not touch. */
  | 'refused'
  /** Refused because the run's quality gates failed (and no --force reason was given). */
  | 'gates'
  /** Lost a race against another commit or registration; everything we did was undone. */
  | 'conflict'
  /** The commit landed but a later step failed; the message lists the exact commands to finish. */
  | 'incomplete';

export class RegistryError extends Error {
  constructor(message: string, readonly kind: RegistryErrorKind = 'refused') {
    super(message);
    this.name = 'RegistryError';
  }
}
