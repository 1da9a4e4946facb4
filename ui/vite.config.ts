import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// The desktop shell (Tauri 2) loads dist/ from disk under the CSP
// `default-src 'self'`: relative asset paths, no inline scripts, nothing
// fetched from the network at run time.
export default defineConfig({
  base: "./",
  plugins: [preact()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    // Vite would inline small assets as data: URLs; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // Tests read styles.css (?raw); vitest hands CSS over empty unless told to process it.
    css: true,
  },
});
