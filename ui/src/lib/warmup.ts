// The first time WebKitGTK lays out text in a font size and weight it has not
// met yet, it asks fontconfig for the face: ~10 ms each here (BENCHMARKS.md,
// "first case opened"). The first case opened after launch met several at
// once. So once the first screen is up, the app meets every step of its type
// scale (the --fs-* sizes in styles.css) off screen, one step a task, while
// the user is still reading the list.

/** The steps of the type scale in styles.css, smallest first. */
export const TYPE_SCALE = ["xs", "sm", "base", "lg", "xl"] as const;
const WEIGHTS = [400, 600] as const;
const FAMILIES = ["inherit", "var(--mono)"] as const;

/** One inline style per face the app shows text in. */
export function warmUpStyles(): string[] {
  return FAMILIES.flatMap((family) =>
    TYPE_SCALE.flatMap((size) =>
      WEIGHTS.map((weight) => `font-family:${family};font-size:var(--fs-${size});font-weight:${weight}`),
    ),
  );
}

/** Lays out a line of the UI's script in every face, hidden; then removes it all. */
export function warmUpFonts(doc: Document = document): void {
  // Chinese text is set in its own family (styles.css, :lang(zh)).
  const sample = doc.documentElement.lang.startsWith("zh") ? "案件 K-2026 0123" : "Pacta K-2026 0123";
  const steps = warmUpStyles();
  const box = doc.createElement("div");
  box.setAttribute("aria-hidden", "true");
  box.style.cssText = "position:fixed;left:-10000px;top:0;visibility:hidden;pointer-events:none";
  doc.body.appendChild(box);
  const next = () => {
    const style = steps.shift();
    if (style === undefined) {
      box.remove();
      return;
    }
    const span = doc.createElement("span");
    span.style.cssText = style;
    span.textContent = sample;
    box.appendChild(span);
    void span.offsetWidth; // the layout that loads the face
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}
