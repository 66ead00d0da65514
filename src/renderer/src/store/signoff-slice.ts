import type { StateCreator } from 'zustand'
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
  /** The signer accepts the release gate's blocking reasons (signed into the statement). */
  readonly acknowledgeBlockers: boolean
}

export interface SignoffSlice {
  readonly checklist: readonly ChecklistItem[] | null
  readonly answers: Readonly<Record<string, Answer>>
  readonly signoffForm: SignoffForm
  readonly signing: boolean
  readonly keys: readonly KeyInfo[]
  readonly trust: TrustFile | null
  readonly resetSignoff: () => void
  /** Checklist (pre-evaluated, against the previous release when it sits beside the pack) and keys. */
  readonly loadSignoff: () => Promise<void>
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

const EMPTY_FORM: SignoffForm = { keyId: '', role: 'engineer', decision: 'approve', comment: '', acknowledgeBlockers: false }

function blankAnswers(items: readonly ChecklistItem[]): Record<string, Answer> {
  return Object.fromEntries(items.map((i) => [i.id, { answer: null, note: '' }]))
}

export const createSignoffSlice: StateCreator<AppState, [], [], SignoffSlice> = (set, get) => ({
  checklist: null,
  answers: {},
  signoffForm: EMPTY_FORM,
  signing: false,
  keys: [],
  trust: null,
  resetSignoff: () => set({ checklist: null, answers: {}, signoffForm: { ...EMPTY_FORM, keyId: get().signoffForm.keyId } }),
  loadSignoff: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    // The host judges against the same previous release as the assessment.
    const checklist = await api.signoff.checklist(v.opened.packId)
    if (checklist.ok) {
      const answers: Record<string, Answer> = {}
      for (const item of checklist.value) answers[item.id] = get().answers[item.id] ?? { answer: null, note: '' }
      set({ checklist: checklist.value, answers })
    } else get().reportError('Preparing the sign-off checklist', checklist.error, 'sign')
    await get().loadKeys()
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
      ...(comment === '' ? {} : { comment }),
      ...(form.decision === 'approve' && form.acknowledgeBlockers ? { acknowledgeBlockers: true } : {})
    })
    set({ signing: false })
    if (!r.ok) {
      get().reportError('Signing the pack', r.error, 'sign')
      return false
    }
    get().clearTopic('sign')
    const copy = r.value.copy
    if (copy !== undefined) {
      // A sample is read-only: the host signed a copy in the workspace. Show that copy from now on.
      get().reportInfo('Sign-off added to a copy', `The sample is read-only, so a copy was signed: ${copy.location} (${r.value.signoffPath}).`, 'sign')
      await get().openPack(copy.location)
      return true
    }
    // The pack changed: its files (the new envelope among them), its history and its verdict, and a fresh form.
    const now = get().verify
    if (now.kind === 'done' && now.opened.packId === v.opened.packId) set({ verify: { ...now, report: r.value.report } })
    set({ assessment: r.value.assessment, assessError: null, answers: blankAnswers(checklist), signoffForm: { ...EMPTY_FORM, keyId: form.keyId, role: form.role } })
    get().reportInfo('Sign-off added', `Written to ${r.value.signoffPath} inside the pack.`, 'sign')
    void get().refreshRecents()
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
    } else get().reportError('Listing keys', keys.error, 'keys')
    if (trust.ok) set({ trust: trust.value })
    else get().reportError('Reading the trust file', trust.error, 'trust')
  },
  createKey: async (name, role, passphrase) => {
    const r = await api.keys.create({ name, role, passphrase })
    if (!r.ok) {
      get().reportError('Creating a key', r.error, 'keys')
      return false
    }
    get().clearTopic('keys')
    get().reportInfo('Key created', `${r.value.name} (${r.value.role}) ${r.value.keyId}`, 'keys')
    await get().loadKeys()
    return true
  },
  importKey: async (path) => {
    const r = await api.keys.import(path.trim())
    if (!r.ok) {
      get().reportError(`Importing the key ${path}`, r.error, 'keys')
      return false
    }
    get().clearTopic('keys')
    get().reportInfo('Key imported', `${r.value.name} (${r.value.role}) ${r.value.keyId}`, 'keys')
    await get().loadKeys()
    return true
  },
  exportPublicKey: async (keyId) => {
    const r = await api.keys.exportPublic(keyId)
    if (r.ok) return r.value
    get().reportError('Exporting the public key', r.error, 'keys')
    return null
  },
  saveTrust: async (text) => {
    const r = await api.trust.save(text)
    if (!r.ok) {
      get().reportError('Saving the trust file', r.error, 'trust')
      return false
    }
    set({ trust: r.value })
    get().clearTopic('trust')
    get().reportInfo('Trust file saved', r.value.path, 'trust')
    // Trust changes what counts as approved: re-assess the open pack.
    await get().refreshAssessment()
    return true
  }
})
