/**
 * renderAttestation: the PDF as a pure function of the data and the font bytes. Same input, same
 * bytes: no clock (the date comes from the sign-offs or the pack unless exportDate is given),
 * pdf-lib's metadata update off, a trailer /ID derived from the content, fonts subset by Vouch.
 */
import { AFRelationship, PDFArray, PDFDocument, PDFHexString, PDFName, PDFNull, rgb, type PDFRef, type PDFFont, type PDFPage } from 'pdf-lib'
import fontkit from '@pdf-lib/fontkit'
import { buildAttachments, sha256Hex, type Attachment } from './attachments'
import { makeFontSet, type FaceKey, type FontBytes, type FontSet } from './fonts/font-set'
import type { AttestationInput, RenderOptions } from './input'
import type { Block } from './layout/blocks'
import { fitText } from './layout/wrap'
import { COLORS, PAGE, TEXT_WIDTH, paginate, type Op } from './layout/paginate'
import { evaluationSection } from './sections/evaluation'
import { bagInfo, digestText, fmtDate, parseDate } from './sections/format'
import { recheckSection, titleSection, type Dating } from './sections/overview'
import { releaseSection } from './sections/release'
import { reproducibilitySection } from './sections/reproducibility'
import { signoffSection } from './sections/signoffs'
import { verificationSection } from './sections/verification'
import { safeText } from '../text/safe-text'

export function attestationDate(input: AttestationInput, exportDate?: Date): Dating {
  if (exportDate) return { date: exportDate, source: 'time of export' }
  const times = input.assessment.signoffs.map((s) => parseDate(s.statement?.signedAt)).filter((d): d is Date => d !== undefined)
  if (times.length > 0) return { date: new Date(Math.max(...times.map((d) => d.getTime()))), source: 'latest sign-off' }
  const bagging = parseDate(bagInfo(input.report, 'Bagging-Date'))
  if (bagging) return { date: bagging, source: 'Bagging-Date of the pack' }
  const finished = parseDate(input.report.evidence.traceability?.finished)
  if (finished) return { date: finished, source: 'end of the evaluation run' }
  return { date: new Date(0), source: 'the pack carries no date' }
}

export function attestationBlocks(input: AttestationInput, vouchVersion: string, dating: Dating, attachments: readonly Attachment[]): Block[] {
  return [
    ...titleSection(input, vouchVersion, dating),
    ...verificationSection(input.assessment.integrity),
    ...reproducibilitySection(input.assessment.reproducibility),
    ...evaluationSection(input.report.evidence, input.previous?.diff?.regressedSlices ?? []),
    ...releaseSection(input.previous),
    ...signoffSection(input.assessment.signoffs, input.assessment.approval),
    ...recheckSection(input, attachments)
  ]
}

function chrome(pages: Op[][], input: AttestationInput, vouchVersion: string, fonts: FontSet): void {
  const name = `${input.report.pack.name ?? 'pack'} ${input.report.pack.version ?? ''}`.trim()
  const digest = `Pack digest ${digestText(input.report)}`
  pages.forEach((ops, i) => {
    const right = PAGE.left + TEXT_WIDTH
    ops.push({ kind: 'line', x1: PAGE.left, y1: 50, x2: right, y2: 50, color: COLORS.rule, width: 0.6 })
    const pageText = `Page ${i + 1} of ${pages.length}`
    const pageW = fonts.width(pageText, 'bold', 7.5)
    // The pack name is cut to the room left of "Page N of M": a long name never overprints it.
    const left = fitText(fonts, `Vouch ${vouchVersion} · Assurance Pack attestation · ${name}`, 'regular', 7, TEXT_WIDTH - pageW - 12)
    ops.push({ kind: 'text', x: PAGE.left, y: 39, text: left, style: 'regular', size: 7, color: COLORS.muted })
    ops.push({ kind: 'text', x: right - pageW, y: 39, text: pageText, style: 'bold', size: 7.5, color: COLORS.ink })
    ops.push({ kind: 'text', x: PAGE.left, y: 28, text: digest, style: 'mono', size: 6.6, color: COLORS.ink })
    if (i > 0) {
      ops.push({ kind: 'text', x: PAGE.left, y: PAGE.height - 36, text: fitText(fonts, `${name} · attestation`, 'regular', 7.5, TEXT_WIDTH), style: 'regular', size: 7.5, color: COLORS.muted })
      ops.push({ kind: 'line', x1: PAGE.left, y1: PAGE.height - 42, x2: right, y2: PAGE.height - 42, color: COLORS.rule, width: 0.6 })
    }
  })
}

async function embedFonts(doc: PDFDocument, fonts: FontSet, pages: readonly Op[][]): Promise<Map<FaceKey, PDFFont>> {
  const used = new Map<FaceKey, Set<number>>()
  for (const ops of pages)
    for (const op of ops) {
      if (op.kind !== 'text') continue
      for (const run of fonts.runs(op.text, op.style)) {
        let set = used.get(run.face)
        if (!set) used.set(run.face, (set = new Set()))
        for (const ch of run.text) set.add(ch.codePointAt(0) as number)
      }
    }
  const out = new Map<FaceKey, PDFFont>()
  for (const key of ['regular', 'bold', 'mono', 'cjk'] as const) {
    const cps = used.get(key)
    const face = fonts.faces.get(key)
    if (!cps || !face) continue
    const sorted = [...cps].sort((a, b) => a - b)
    // PDF subset tag: six capitals derived from the glyph set (deterministic, distinct per subset).
    const h = await sha256Hex(new TextEncoder().encode(`${key}:${sorted.join(',')}`))
    const tag = [...h.slice(0, 6)].map((c) => String.fromCharCode(65 + (parseInt(c, 16) % 26))).join('')
    out.set(key, await doc.embedFont(face.subset(sorted), { subset: false, customName: `${tag}+${face.name}` }))
  }
  return out
}

function paint(page: PDFPage, ops: readonly Op[], fonts: FontSet, pdfFonts: ReadonlyMap<FaceKey, PDFFont>): void {
  for (const op of ops) {
    if (op.kind === 'rect') {
      page.drawRectangle({
        x: op.x,
        y: op.y,
        width: op.w,
        height: op.h,
        color: op.fill ? rgb(...op.fill) : undefined,
        borderColor: op.stroke ? rgb(...op.stroke) : undefined,
        borderWidth: op.stroke ? 0.6 : 0
      })
    } else if (op.kind === 'line') {
      page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.width, color: rgb(...op.color) })
    } else if (op.kind === 'text') {
      let x = op.x
      for (const run of fonts.runs(op.text, op.style)) {
        const font = pdfFonts.get(run.face)
        if (font) page.drawText(run.text, { x, y: op.y, size: op.size, font, color: rgb(...op.color) })
        x += fonts.runWidth(run, op.size)
      }
    }
  }
}

/** Bookmarks to each section (PDF 32000 12.3.3), shown when the file opens. */
function addOutline(doc: PDFDocument, marks: readonly { title: string; y: number; page: PDFRef }[]): void {
  if (marks.length === 0) return
  const ctx = doc.context
  const root = ctx.nextRef()
  const refs = marks.map(() => ctx.nextRef())
  marks.forEach((m, i) => {
    // Bookmarks are shown by the reader as they are: pack text in them goes through the sanitiser too.
    const item = ctx.obj({ Title: PDFHexString.fromText(safeText(m.title)), Parent: root })
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1] as PDFRef)
    if (i < marks.length - 1) item.set(PDFName.of('Next'), refs[i + 1] as PDFRef)
    item.set(PDFName.of('Dest'), ctx.obj([m.page, PDFName.of('XYZ'), PAGE.left, Math.min(PAGE.height, m.y + 16), PDFNull]))
    ctx.assign(refs[i] as PDFRef, item)
  })
  ctx.assign(root, ctx.obj({ Type: 'Outlines', First: refs[0] as PDFRef, Last: refs[refs.length - 1] as PDFRef, Count: marks.length }))
  doc.catalog.set(PDFName.of('Outlines'), root)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** Parsed fonts per FontBytes object: a host that keeps its FontBytes parses the 10 MB CJK cmap once. */
const fontSets = new WeakMap<FontBytes, FontSet>()

export async function renderAttestation(
  input: AttestationInput,
  opts: RenderOptions & { readonly fonts: FontBytes }
): Promise<Uint8Array> {
  let fonts = fontSets.get(opts.fonts)
  if (!fonts) fontSets.set(opts.fonts, (fonts = makeFontSet(opts.fonts)))
  const dating = attestationDate(input, opts.exportDate)
  const attachments = await buildAttachments(input)
  const pages = paginate(attestationBlocks(input, opts.vouchVersion, dating, attachments), fonts)
  chrome(pages, input, opts.vouchVersion, fonts)

  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(fontkit)
  const pdfFonts = await embedFonts(doc, fonts, pages)
  const pdfPages = pages.map((ops) => {
    const page = doc.addPage([PAGE.width, PAGE.height])
    paint(page, ops, fonts, pdfFonts)
    return page
  })
  addOutline(
    doc,
    pages.flatMap((ops, i) => ops.flatMap((op) => (op.kind === 'mark' ? [{ title: op.title, y: op.y, page: (pdfPages[i] as PDFPage).ref }] : [])))
  )

  // The EmbeddedFiles name tree must be sorted by name (PDF 32000 7.9.6); pdf-lib appends in call order.
  for (const a of [...attachments].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    await doc.attach(a.bytes, a.name, {
      mimeType: a.mimeType,
      description: `${a.description} (SHA-256 ${a.sha256})`,
      creationDate: dating.date,
      modificationDate: dating.date,
      afRelationship: AFRelationship[a.relationship]
    })
  }

  const { report } = input
  // Document information is shown raw by readers (title bar, properties): sanitised like the page text.
  const name = safeText(report.pack.name ?? report.evidence.pack?.name ?? 'pack')
  const version = safeText(report.pack.version ?? report.evidence.pack?.version ?? '')
  const producer = `Vouch ${opts.vouchVersion}`
  doc.setTitle(`Attestation: ${name} ${version}`.trim())
  doc.setSubject(`Assurance Pack ${name}@${version}, pack digest ${digestText(report)}, exported ${fmtDate(dating.date)}`)
  doc.setKeywords(['Vouch', 'Assurance Pack', 'attestation', `${name}@${version}`, digestText(report), report.evidence.pack?.domain ?? 'unknown-domain'])
  doc.setAuthor(producer)
  doc.setCreator(producer)
  doc.setProducer(producer)
  doc.setLanguage('en')
  doc.setCreationDate(dating.date)
  doc.setModificationDate(dating.date)

  // A fixed document /ID (PDF 32000 14.4): derived from what the PDF records, so it is stable too.
  const idSource = new TextEncoder().encode([...attachments.map((a) => a.sha256), producer, dating.date.toISOString()].join('\n'))
  const id = (await sha256Hex(idSource)).slice(0, 32)
  doc.context.trailerInfo.ID = PDFArray.withContext(doc.context)
  const ids = doc.context.trailerInfo.ID as PDFArray
  ids.push(PDFHexString.of(id))
  ids.push(PDFHexString.of(id))
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false })
}
