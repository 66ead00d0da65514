import type { StateCreator } from 'zustand'
import type { SignoffAssessment } from '../../../core/signoff/assess'
import {
  api,
  type ChecklistAnswerValue,
  type ChecklistItem,
  type Decision,
  type KeyInfo,
  type TrustFile
} from '../lib/api'
import type { AppState } from './app-state'

export interface Answer {
  readonly answer: ChecklistAnswerValue | null
  readonly note: string
}

export interface SignoffForm {
  readonly keyId: string
  readonly role: string
  readonly decision: Decision
  readonly comment: string
}

export interface SignoffSlice {
  readonly checklist: readonly ChecklistItem[] | null
  readonly answers: Readonly<Record<string, Answer>>
  readonly assessment: SignoffAssessment | null
  readonly signoffForm: SignoffForm
  readonly signing: boolean
  readonly keys: readonly KeyInfo[]
  readonly trust: TrustFile | null
  readonly resetSignoff: () => void
  /** Checklist (pre-evaluated, against the previous release when it sits beside the pack), sign-offs, keys. */
  readonly loadSignoff: () => Promise<void>
  /** Just the approval verdict of the open pack (cheap; shown in the header). */
  readonly refreshAssessment: () => Promise<void>
  readonly setAnswer: (id: string, a: Partial<Answer>) => void
  readonly setSignoffForm: (f: Partial<SignoffForm>) => void
  /** The passphrase is an argument, never state: it goes straight to the host. */
  readonly sign: (passphrase: string) => Promise<boolean>
  readonly loadKeys: () => Promise<void>
  readonly createKey: (name: string, role: string, passphrase: string) => Promise<boolean>
  readonly importKey: (path: string) => Promise<boolean>
  readonly exportPublicKey: (keyId: string) => Promise<string | null>
  readonly saveTrust: (text: string) => Promise<boolean>
}

/** The contract carries H5's assessment (src/core/signoff/assess.ts); its placeholder type is looser. */
function asAssessment(a: unknown): SignoffAssessment {
  return a as SignoffAssessment
}

const EMPTY_FORM: SignoffForm = { keyId: '', role: 'engineer', decision: 'approve', comment: '' }

export const createSignoffSlice: StateCreator<AppState, [], [], SignoffSlice> = (set, get) => ({
  checklist: null,
  answers: {},
  assessment: null,
  signoffForm: EMPTY_FORM,
  signing: false,
  keys: [],
  trust: null,
  resetSignoff: () => set({ checklist: null, answers: {}, assessment: null, signoffForm: { ...EMPTY_FORM, keyId: get().signoffForm.keyId } }),
  loadSignoff: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    const packId = v.opened.packId
    // An absent optional argument must be left out, not sent as undefined (JSON turns it into null).
    let previousId: string | undefined
    const prev = await api.diff.previous(packId)
    if (prev.ok && prev.value !== null) {
      const opened = await api.pack.open(prev.value)
      if (opened.ok) previousId = opened.value.packId
    }
    const [checklist, assessment] = await Promise.all([previousId === undefined ? api.signoff.checklist(packId) : api.signoff.checklist(packId, previousId), api.signoff.assess(packId)])
    if (checklist.ok) {
      const answers: Record<string, Answer> = {}
      for (const item of checklist.value) answers[item.id] = get().answers[item.id] ?? { answer: null, note: '' }
      set({ checklist: checklist.value, answers })
    } else get().reportError('Preparing the sign-off checklist', checklist.error)
    if (assessment.ok) set({ assessment: asAssessment(assessment.value) })
    else get().reportError('Reading the sign-offs', assessment.error)
    await get().loadKeys()
  },
  refreshAssessment: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    const a = await api.signoff.assess(v.opened.packId)
    if (a.ok) set({ assessment: asAssessment(a.value) })
  },
  setAnswer: (id, a) =>
    set((s) => ({ answers: { ...s.answers, [id]: { ...(s.answers[id] ?? { answer: null, note: '' }), ...a } } })),
  setSignoffForm: (f) => set((s) => ({ signoffForm: { ...s.signoffForm, ...f } })),
  sign: async (passphrase) => {
    const v = get().verify
    const checklist = get().checklist
    if (v.kind !== 'done' || checklist === null) return false
    const form = get().signoffForm
    const answers = checklist.map((item) => {
      const a = get().answers[item.id]
      const note = a?.note.trim() ?? ''
      return { id: item.id, answer: a?.answer ?? 'no', ...(note === '' ? {} : { note }) }
    })
    set({ signing: true })
    const comment = form.comment.trim()
    const r = await api.signoff.sign(v.opened.packId, {
      keyId: form.keyId,
      passphrase,
      role: form.role,
      decision: form.decision,
      answers,
      ...(comment === '' ? {} : { comment })
    })
    set({ signing: false })
    if (!r.ok) {
      get().reportError('Signing the pack', r.error)
      return false
    }
    set({ assessment: asAssessment(r.value.assessment) })
    get().reportInfo('Sign-off added', `Written to ${r.value.signoffPath} inside the pack.`)
    return true
  },
  loadKeys: async () => {
    const [keys, trust] = await Promise.all([api.keys.list(), api.trust.get()])
    if (keys.ok) {
      set({ keys: keys.value })
      const form = get().signoffForm
      const signable = keys.value.filter((k) => k.canSign)
      if (!signable.some((k) => k.keyId === form.keyId) && signable[0] !== undefined) {
        set({ signoffForm: { ...form, keyId: signable[0].keyId, role: signable[0].role } })
      }
    } else get().reportError('Listing keys', keys.error)
    if (trust.ok) set({ trust: trust.value })
    else get().reportError('Reading the trust file', trust.error)
  },
  createKey: async (name, role, passphrase) => {
    const r = await api.keys.create({ name, role, passphrase })
    if (!r.ok) {
      get().reportError('Creating a key', r.error)
      return false
    }
    get().reportInfo('Key created', `${r.value.name} (${r.value.role}) ${r.value.keyId}`)
    await get().loadKeys()
    return true
  },
  importKey: async (path) => {
    const r = await api.keys.import(path.trim())
    if (!r.ok) {
      get().reportError(`Importing the key ${path}`, r.error)
      return false
    }
    get().reportInfo('Key imported', `${r.value.name} (${r.value.role}) ${r.value.keyId}`)
    await get().loadKeys()
    return true
  },
  exportPublicKey: async (keyId) => {
    const r = await api.keys.exportPublic(keyId)
    if (r.ok) return r.value
    get().reportError('Exporting the public key', r.error)
    return null
  },
  saveTrust: async (text) => {
    const r = await api.trust.save(text)
    if (!r.ok) {
      get().reportError('Saving the trust file', r.error)
      return false
    }
    set({ trust: r.value })
    get().reportInfo('Trust file saved', r.value.path)
    // Trust changes what counts as approved: re-assess the open pack.
    const v = get().verify
    if (v.kind === 'done') {
      const a = await api.signoff.assess(v.opened.packId)
      if (a.ok) set({ assessment: asAssessment(a.value) })
    }
    return true
  }
})
