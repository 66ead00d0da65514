import { create } from 'zustand'
import type { AppState } from './app-state'
import { createBrowseSlice } from './browse-slice'
import { createCurvesSlice } from './curves-slice'
import { createDiffSlice } from './diff-slice'
import { createPackSlice } from './pack-slice'
import { createSignoffSlice } from './signoff-slice'
import { createUiSlice } from './ui-slice'
import { createVerifySlice } from './verify-slice'

/** The one bound store; components subscribe with narrow selectors. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createUiSlice(...a),
  ...createPackSlice(...a),
  ...createVerifySlice(...a),
  ...createDiffSlice(...a),
  ...createSignoffSlice(...a),
  ...createCurvesSlice(...a),
  ...createBrowseSlice(...a)
}))

export type { AppState } from './app-state'
