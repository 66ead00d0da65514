/**
 * Paints the charts' shapes with PDF path operators (vector, no bitmap): a polyline as one path
 * (m, l..., S) with its own width and dash, a marker as a four-curve circle. Coordinates rounded to
 * 1/100 pt: same drawing, same bytes, and a 1,459-point curve stays small.
 */
import {
  appendBezierCurve,
  closePath,
  fillAndStroke,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setDashPattern,
  setFillingRgbColor,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
  LineCapStyle,
  LineJoinStyle,
  type PDFOperator,
  type PDFPage
} from 'pdf-lib'
import type { Op } from './paginate'

const r2 = (v: number): number => Math.round(v * 100) / 100
/** Control-point distance of a quarter circle drawn as a cubic Bézier. */
const KAPPA = 0.5522847498

export function paintShape(page: PDFPage, op: Extract<Op, { kind: 'path' | 'circle' }>): void {
  const ops: PDFOperator[] = [pushGraphicsState()]
  if (op.kind === 'path') {
    if (op.points.length < 2) return
    ops.push(setStrokingRgbColor(...op.color), setLineWidth(op.width), setLineJoin(LineJoinStyle.Round), setLineCap(op.dash ? LineCapStyle.Butt : LineCapStyle.Round))
    if (op.dash) ops.push(setDashPattern([...op.dash], 0))
    op.points.forEach(([x, y], i) => ops.push(i === 0 ? moveTo(r2(x), r2(y)) : lineTo(r2(x), r2(y))))
    ops.push(stroke())
  } else {
    const { x, y, r } = op
    const k = r * KAPPA
    ops.push(setStrokingRgbColor(...op.color), setFillingRgbColor(...(op.filled ? op.color : ([1, 1, 1] as const))), setLineWidth(0.8))
    ops.push(
      moveTo(r2(x + r), r2(y)),
      appendBezierCurve(r2(x + r), r2(y + k), r2(x + k), r2(y + r), r2(x), r2(y + r)),
      appendBezierCurve(r2(x - k), r2(y + r), r2(x - r), r2(y + k), r2(x - r), r2(y)),
      appendBezierCurve(r2(x - r), r2(y - k), r2(x - k), r2(y - r), r2(x), r2(y - r)),
      appendBezierCurve(r2(x + k), r2(y - r), r2(x + r), r2(y - k), r2(x + r), r2(y)),
      closePath()
    )
    ops.push(fillAndStroke())
  }
  ops.push(popGraphicsState())
  page.pushOperators(...ops)
}
