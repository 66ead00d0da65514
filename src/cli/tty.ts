import { stdin, stderr } from 'node:process'

/** Reads one line from the terminal without echoing it (for passphrases). */
export function readSecretFromTTY(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(question)
    const wasRaw = stdin.isRaw
    stdin.setRawMode?.(true)
    stdin.resume()
    let buf = ''
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done()
          resolve(buf)
          return
        }
        if (ch === '\u0003') {
          done()
          reject(new Error('cancelled'))
          return
        }
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1)
        else buf += ch
      }
    }
    const done = (): void => {
      stdin.off('data', onData)
      stdin.setRawMode?.(wasRaw)
      stdin.pause()
      stderr.write('\n')
    }
    stdin.on('data', onData)
  })
}
