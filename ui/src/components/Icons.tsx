// The icons: drawn here, line drawings in the text's colour, so no icon font
// is needed. Symbol characters would be no lighter: most are missing from
// the usual UI fonts, and WebKitGTK searches every installed font for each
// one it lacks (20–30 ms apiece here, at launch; BENCHMARKS.md).

/** Each icon's strokes, on a 24×24 grid. */
const SHAPES = {
  paperclip: <path d="M21.4 11.1l-8.5 8.5a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6l7.8-7.8" />,
  // The scales of justice: the brand.
  scales: <path d="M12 3v17M7 20h10M4 7h16M7 7l-3 7h6zM17 7l-3 7h6z" />,
  search: <path d="M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13zM15.5 15.5L20 20" />,
  cases: <path d="M5 4h14v16H5zM8 9h8M8 13h8M8 17h5" />,
  deadlines: <path d="M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2" />,
  dossier: <path d="M8 20V4M4 8l4-4l4 4M16 4v16M12 16l4 4l4-4" />,
  verify: <path d="M5 12.5l4.5 4.5L19 7" />,
  settings: <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 4v4M9 10v4M17 16v4" />,
  // A pin: where something happened.
  place: <path d="M12 21s-6.5-5.8-6.5-11a6.5 6.5 0 0 1 13 0c0 5.2-6.5 11-6.5 11zM12 7.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z" />,
};

export type IconName = keyof typeof SHAPES;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {SHAPES[name]}
    </svg>
  );
}

export function PaperclipIcon() {
  return <Icon name="paperclip" size={14} />;
}
