/**
 * `npm run samples`: regenerates resources/samples/ (credit-default and support-ticket-assistant, 1.0.0 and 1.1.0), the embedded
 * default packs. Deterministic: run it twice and git sees no change.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateSamples } from './samples/generate'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'resources', 'samples')
const digests = await generateSamples(root)
for (const [name, digest] of digests) process.stdout.write(`${name}  sha256:${digest}\n`)
