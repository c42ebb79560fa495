import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In `npm run dev` the API runs on API_PORT (default 3000); Vite proxies to it.
const apiPort = Number(process.env.PORT ?? 3000);
const api = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/trpc": api, "/api": api, "/healthz": api, "/readyz": api },
  },
  // The manifest lets the benchmark (bench/web.ts) add up what Today loads before it renders.
  build: { outDir: "dist", sourcemap: true, target: "es2022", manifest: true },
});
