// Lets the app-wide Ctrl+L reach the quick log of the open case.

import { createContext } from "preact";

export type QuickLogHandle = { current: (() => void) | null };

export const QuickLogContext = createContext<QuickLogHandle>({ current: null });
