import type { Role } from "./Role";

// The `input` argument of `add_participant` (src-tauri `ParticipantInput`).
export type ParticipantInput = {
  name: string;
  role: Role;
  /** The party a delegate represents; null for the other roles. */
  party: string | null;
};
