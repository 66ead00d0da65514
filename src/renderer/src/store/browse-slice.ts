import type { StateCreator } from 'zustand'
import { api, type FolderListing, type Result } from '../lib/api'
import type { AppState } from './app-state'

/** The folder browser of hosts without a native dialog (`vouch serve`): one folder at a time, from the host. */
export interface BrowseSlice {
  /** Lists a folder (typed paths resolve as in Open; none: where relative paths resolve). Errors are returned, not reported: the browser shows them in place. */
  readonly listFolder: (path?: string) => Promise<Result<FolderListing>>
}

export const createBrowseSlice: StateCreator<AppState, [], [], BrowseSlice> = () => ({
  listFolder: (path) => (path === undefined ? api.fs.list() : api.fs.list(path))
})
