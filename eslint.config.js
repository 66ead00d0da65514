import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os', 'stream', 'zlib', 'worker_threads', 'http', 'https', 'net', 'url']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', '.bench/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]", message: 'No focused or skipped tests.' }
      ]
    }
  },
  {
    // Layer rule: the domain runs in the CLI, tests and both hosts, so it never sees electron or react.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'react', 'react-dom', 'react/*', 'zustand', 'zustand/*'], message: 'src/core must not import electron or react.' },
        { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'src/core must not import the shells.' }
      ] }]
    }
  },
  {
    // Layer rule: recomputation is pure (it runs wherever verification runs); only *-node.ts files read bytes.
    files: ['src/core/recompute/**/*.ts'],
    ignores: ['src/core/recompute/**/*-node.ts', 'src/core/recompute/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...nodeBuiltins, '**/io/*-reader', '**/io/open'], message: 'src/core/recompute is pure: node: imports and pack readers only in *-node.ts files.' },
        { group: ['electron', 'react', 'react-dom', 'react/*', 'zustand', 'zustand/*'], message: 'src/core must not import electron or react.' },
        { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'src/core must not import the shells.' }
      ] }]
    }
  },
  {
    // Layer rule: the renderer is sandboxed web content (Electron checklist: contextIsolation/sandbox).
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', ...nodeBuiltins], message: 'The renderer must not import node: modules or electron.' },
        { group: ['**/core/io/**', '**/main/**', '**/cli/**'], message: 'The renderer talks to the host only through lib/api.ts.' }
      ] }]
    }
  },
  {
    // Layer rule: the preload exposes the contract's API object and nothing else.
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**', ...nodeBuiltins], message: 'src/preload imports only electron and src/shared.' }
      ] }]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'react', ...nodeBuiltins, '**/main/**', '**/renderer/**', '**/cli/**', '**/core/io/**'], message: 'src/shared is the pure contract: types, schemas, no runtime dependencies.' }
      ] }]
    }
  }
)
