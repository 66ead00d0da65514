import { EXIT, type Command } from '../command'

// Placeholder until this command lands; replaced by its implementation.
export const signoff: Command = async (_argv, io) => {
  io.err('vouch signoff: not available in this build\n')
  return EXIT.error
}
