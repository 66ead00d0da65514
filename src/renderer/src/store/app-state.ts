import type { BrowseSlice } from './browse-slice'
import type { CurvesSlice } from './curves-slice'
import type { DiffSlice } from './diff-slice'
import type { PackSlice } from './pack-slice'
import type { SignoffSlice } from './signoff-slice'
import type { UiSlice } from './ui-slice'
import type { VerifySlice } from './verify-slice'

/** The whole store: the union of its slices (zustand slices pattern). */
export type AppState = UiSlice & PackSlice & VerifySlice & DiffSlice & SignoffSlice & CurvesSlice & BrowseSlice
