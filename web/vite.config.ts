import { defineConfig } from 'vite';

// The gateway serves the built app from Gateway.Api/wwwroot (committed, so the gateway runs without node).
// `npm run dev` proxies the API to a running gateway (DAILYFEED_GATEWAY, default http://localhost:8080).
const gateway = process.env.DAILYFEED_GATEWAY ?? 'http://localhost:8080';

export default defineConfig({
  build: {
    outDir: '../Gateway.Api/wwwroot',
    emptyOutDir: true,
    // Content-hashed names and no source maps: the same source always builds to the same bytes,
    // so CI can rebuild and compare with the committed bundle.
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
    },
  },
});
