// Small pieces of feedback used on every screen.

import type { ComponentChildren } from "preact";

export function ErrorNote({ message, testid = "error" }: { message: string | null; testid?: string }) {
  if (!message) return null;
  return (
    <p class="note note--error" role="alert" data-testid={testid}>
      {message}
    </p>
  );
}

export function OkNote({ children, testid }: { children: ComponentChildren; testid?: string }) {
  return (
    <p class="note note--ok" role="status" data-testid={testid}>
      {children}
    </p>
  );
}

export function Muted({ children }: { children: ComponentChildren }) {
  return <p class="muted">{children}</p>;
}
