import { EXIT, type Command } from '../command'

// Placeholder until this command lands; replaced by its implementation.
export const sign: Command = async (_argv, io) => {
  io.err('vouch sign: not available in this build\n')
  return EXIT.error
}
