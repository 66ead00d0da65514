/**
 * For CLI tests that sign: in `dir`, through the CLI itself, an engineer key (eng.key, eng.key.pub),
 * a trust file naming it (trust.txt) and a checklist answered yes throughout (answers.json).
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'

export async function prepareSigner(dir: string, env: Record<string, string>): Promise<void> {
  const created = fakeIO({ cwd: dir, env })
  if ((await runCli(['key', 'new', '--name', 'ana.eng', '--role', 'engineer', '--out', 'eng.key'], created)) !== 0) throw new Error(`key new: ${created.stderr()}`)
  const show = fakeIO({ cwd: dir })
  await runCli(['key', 'show', 'eng.key.pub'], show)
  await writeFile(join(dir, 'trust.txt'), `${/trust line {3}(.*)/.exec(show.stdout())?.[1]?.replace('<role>', 'engineer')}\n`)
  const answers = fakeIO({ cwd: dir })
  await runCli(['signoff', 'checklist'], answers)
  const a = JSON.parse(answers.stdout()) as { checklist: { answer: string }[] }
  for (const item of a.checklist) item.answer = 'yes'
  await writeFile(join(dir, 'answers.json'), JSON.stringify(a))
}
