// Closing a dialog that holds typed text (`dirty`): Esc, × or Cancel first
// ask, in the dialog itself, whether to discard it. Esc while asking means
// "keep editing"; × or Cancel while asking leave the question as it is.

export type CloseVia = "escape" | "button";
export type CloseStep = "close" | "ask" | "keep";

export function closeStep(dirty: boolean, asking: boolean, via: CloseVia): CloseStep {
  if (!dirty) return "close";
  if (asking && via === "escape") return "keep";
  return "ask";
}
