import { EXIT, type Command } from '../command'

// Placeholder until this command lands; replaced by its implementation.
export const serve: Command = async (_argv, io) => {
  io.err('vouch serve: not available in this build\n')
  return EXIT.error
}
