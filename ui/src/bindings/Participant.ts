import type { Role } from "./Role";

// Mirrors `pacta_core::case::Participant`; also the input of `add_participant`.
export type Participant = {
  name: string;
  role: Role;
  /** The party a delegate represents. */
  party: string | null;
};
