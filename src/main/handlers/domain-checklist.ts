/**
 * The domain items of the sign-off checklist (issue 13): a pack that follows one of the `vouch init`
 * templates (its domain, and a task its predictions declare) gets that template's items after the
 * default ones, as `vouch signoff checklist --template <name>` prints them for the CLI. Templates are
 * read once; where they cannot be found, the default checklist stands alone.
 */
import { listTemplates, templateForPack, type PackTemplate } from '../../core/build/template-data'
import { DEFAULT_CHECKLIST, type ChecklistItemDef } from '../../core/signoff/checklist'
import type { VerifyReport } from '../../shared/domain'

let cached: Promise<readonly PackTemplate[]> | undefined
const templates = (): Promise<readonly PackTemplate[]> => (cached ??= listTemplates().catch((): readonly PackTemplate[] => []))
const DEFAULT_IDS = new Set(DEFAULT_CHECKLIST.map((c) => c.id))

/** The template's items for this pack (none when it follows no template), never repeating a default item. */
export async function domainChecklist(report: VerifyReport): Promise<readonly ChecklistItemDef[]> {
  const tasks = (report.reproducibility?.predictions ?? []).map((p) => p.task)
  const t = templateForPack(await templates(), report.evidence.pack?.domain, tasks)
  return (t?.checklist ?? []).filter((c) => !DEFAULT_IDS.has(c.id))
}

/** The text of every template item, by id: the app sends ids and answers; the signed statement carries the text. */
export async function templateItemTexts(): Promise<ReadonlyMap<string, string>> {
  return new Map((await templates()).flatMap((t) => t.checklist.filter((c) => !DEFAULT_IDS.has(c.id)).map((c) => [c.id, c.text] as const)))
}
