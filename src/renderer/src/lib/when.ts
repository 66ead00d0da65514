/** When something happened, for lists of recent packs: "today 14:02", "yesterday 09:10", "2026-11-28 14:02" (local time). */
const pad = (n: number): string => String(n).padStart(2, '0')

export function formatWhen(iso: string, now: Date = new Date()): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return ''
  const day = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const time = `${pad(t.getHours())}:${pad(t.getMinutes())}`
  const yesterday = new Date(now)
  yesterday.setDate(now.getDate() - 1)
  if (day(t) === day(now)) return `today ${time}`
  if (day(t) === day(yesterday)) return `yesterday ${time}`
  return `${day(t)} ${time}`
}
