export { modelInpaint, type ModelInpaintOptions } from './run';
export { disposeInpainters, getInpainter } from './select';
export { holeWindows, type HoleWindow } from './windows';
