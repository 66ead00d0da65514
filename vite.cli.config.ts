import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

// The CLI (and the `vouch serve` host) is bundled into one ESM file for Node 20.
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

export default defineConfig({
  build: {
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    ssr: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { vouch: 'src/cli/main.ts', 'hash-worker': 'src/core/io/hash-worker.ts' },
      external,
      output: { format: 'es', entryFileNames: '[name].js' }
    }
  },
  ssr: { noExternal: true }
})
