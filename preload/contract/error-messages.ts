import type { ErrorCode } from './error-codes';

/**
 * Every error a photographer can meet, by key: its code and its English wording, with
 * `{name}` placeholders. Main and the engine format the English (the CLI and logs read it);
 * the renderer finds its own locale's wording by the key and fills in the same parameters,
 * so a message is translated without parsing English text. Errors only a developer can
 * cause (a malformed request, a broken model file) keep free English text and no key.
 */
export const ERROR_MESSAGES = {
  // Opening files.
  fileNotFound: ['FILE_NOT_FOUND', '{name} was not found. It may have been moved or deleted.'],
  folderNotImage: ['IMAGE_DECODE_FAILED', '{name} is a folder, not an image file.'],
  readDenied: ['IMAGE_DECODE_FAILED', '{name} could not be read: permission denied.'],
  readFailed: ['IMAGE_DECODE_FAILED', '{name} could not be read ({reason}).'],
  folderNotFile: ['BAD_ARGUMENT', '{name} is a folder, not a file.'],
  notAFolder: ['BAD_ARGUMENT', '{name} is a file, not a folder.'],
  emptyFile: ['IMAGE_DECODE_FAILED', '{name} is empty (0 bytes): the copy or download may not have finished.'],
  damagedAs: ['IMAGE_DECODE_FAILED', '{name} could not be opened: it is damaged or is not really a {format} file.'],
  damaged: ['IMAGE_DECODE_FAILED', '{name} could not be opened: the file is damaged or incomplete.'],
  tooManyPixels: ['IMAGE_TOO_LARGE', '{name} is {width} × {height} pixels ({mp} MP), more than the {limit} MP Latentshop can open safely.'],
  tooLargeToOpen: ['IMAGE_TOO_LARGE', '{name} is larger than Latentshop can open safely.'],
  wrongFormat: ['UNSUPPORTED_FORMAT', '{name} is in {format} format. Latentshop opens JPEG, PNG, WebP and TIFF files.'],
  notAnImage: ['UNSUPPORTED_FORMAT', '{name} is not an image Latentshop can read. Latentshop opens JPEG, PNG, WebP and TIFF files.'],
  unknownImage: ['UNKNOWN_IMAGE', 'This image is no longer open. Open the file again.'],
  // Where files may come from and go to.
  noFileDialog: ['BAD_ARGUMENT', 'There is no file dialog in browser mode; drop files instead.'],
  dropNeedsDesktop: ['PATH_NOT_ALLOWED', 'Paths can only be dropped in the desktop app.'],
  batchDropNeedsDesktop: ['PATH_NOT_ALLOWED', 'Paths can only be dropped in the desktop app; upload the files instead.'],
  pathNotOpened: ['PATH_NOT_ALLOWED', 'This file was not opened through a dialog or a drop.'],
  folderNotChosen: ['PATH_NOT_ALLOWED', 'That output folder was not chosen in this session.'],
  noOutputFolder: ['CANCELLED', 'No output folder was chosen.'],
  exportCancelled: ['CANCELLED', 'Export cancelled.'],
  cancelled: ['CANCELLED', 'Cancelled.'],
  // Saving.
  wouldOverwriteSource: ['WOULD_OVERWRITE_SOURCE', 'Saving would replace the original, {name}. Choose another name, or allow overwriting.'],
  fileExists: ['FILE_EXISTS', '{name} already exists. Choose another name, or allow overwriting.'],
  diskFull: ['WRITE_FAILED', '{name} could not be saved: the disk is full.'],
  quotaFull: ['WRITE_FAILED', '{name} could not be saved: the disk quota is used up.'],
  writeDenied: ['WRITE_FAILED', '{name} could not be saved: permission denied.'],
  readOnlyDisk: ['WRITE_FAILED', '{name} could not be saved: the disk is read-only.'],
  noSuchFolder: ['WRITE_FAILED', '{name} could not be saved: the folder does not exist.'],
  folderInTheWay: ['WRITE_FAILED', '{name} could not be saved: a folder has that name.'],
  nameTooLong: ['WRITE_FAILED', '{name} could not be saved: the name is too long for the disk (255 bytes at most; a Chinese character takes 3).'],
  writeFailed: ['WRITE_FAILED', '{name} could not be saved: error {reason}.'],
  encodeFailed: ['WRITE_FAILED', '{name} could not be saved as {format}: {reason}'],
  noSixteenBits: ['BAD_ARGUMENT', '{format} cannot store 16 bits per channel. Choose PNG or TIFF.'],
  tooLargeForFormat: ['BAD_ARGUMENT', '{width} × {height} is too large for {format} (at most {limit} pixels per side).'],
  // Resizing and upscaling.
  resizeWholePixels: ['BAD_ARGUMENT', 'Width and height must be whole numbers of pixels.'],
  resizeBadScale: ['BAD_ARGUMENT', 'The scale must be a number greater than 0.'],
  resizeNeedsSize: ['BAD_ARGUMENT', 'Give a scale, or a width and/or height.'],
  resizeTooSmall: ['BAD_ARGUMENT', 'The result would be {width} × {height} pixels; it must be at least 1 × 1.'],
  resizeSideLimit: ['BAD_ARGUMENT', 'The result would be {width} × {height} pixels; each side can be at most {limit}.'],
  resizePixelLimit: ['BAD_ARGUMENT', 'The result would be {mp} MP; the limit is {limit} MP.'],
  selectionOutside: ['BAD_ARGUMENT', 'The selection {width}×{height} at ({x}, {y}) is not inside the {imageWidth}×{imageHeight} image.'],
  upscaleTooLarge: ['IMAGE_TOO_LARGE', 'The result would be {mp} megapixels (the limit is {limit}). Choose a smaller scale or select a rectangle.'],
  upscaleOutOfMemory: ['OUT_OF_MEMORY', 'Not enough memory to upscale even with the smallest tiles. Close other images or try a smaller scale.'],
  outOfMemory: ['OUT_OF_MEMORY', 'Not enough memory for this operation. Try a smaller image or region.'],
  // Completion.
  maskPixelCount: ['BAD_ARGUMENT', 'The mask has {count} pixels but the image is {width} × {height} ({pixels} pixels); they must be the same size.'],
  frameOverflow: ['BAD_ARGUMENT', '{name} ({width} × {height}) does not fit in a {frameWidth} × {frameHeight} image at {left}, {top}.'],
  maskSize: ['BAD_ARGUMENT', 'The mask is {maskWidth} × {maskHeight} pixels but the image is {width} × {height} ({pixels} pixels); they must be the same size.'],
  maskCoversAllFill: ['BAD_ARGUMENT', 'The mask covers the whole image; nothing to fill from.'],
  maskCoversAllComplete: ['BAD_ARGUMENT', 'The mask covers the whole image; nothing to complete from.'],
  maskOutsideRegion: ['BAD_ARGUMENT', 'The mask reaches outside the region given for GAN completion.'],
  patchSize: ['BAD_ARGUMENT', 'The patch size must be an odd whole number from 3 to 15, not {value}.'],
  noInpainter: ['MODEL_NOT_FOUND', 'No inpainting model is installed. Add a family with an "inpainter" network to the models folder (see the README).'],
  inpainterNotInstalled: ['MODEL_NOT_FOUND', 'No inpainting model "{name}" is installed (installed: {installed}).'],
  noGanFamily: ['MODEL_NOT_FOUND', 'GAN completion needs a GAN family (a models folder whose manifest has a generator and a discriminator); none is installed in {folder}.'],
  ganFamilyNotInstalled: ['MODEL_NOT_FOUND', 'No GAN family "{name}" is installed (installed: {installed}).'],
  noMaskFor: ['FILE_NOT_FOUND', 'No mask for {name}.'],
  sameNameTwice: ['BAD_ARGUMENT', '{name}: another file of this folder pairs by the same name, so its mask cannot be told apart. Rename one of them.'],
  noMaskBeside: ['FILE_NOT_FOUND', 'No mask for {name}: put {mask} beside it, or choose one mask for every image.'],
  /** A batch file's own error, prefixed with the image and mask it is about (the detail is the cause's wording). */
  aboutImageAndMask: ['BAD_ARGUMENT', '{image} (mask {mask}). {detail}'],
  // Latent editing.
  sessionClosed: ['BAD_ARGUMENT', 'This latent session is closed or unknown. Invert the region again.'],
  noEncoderUseOptimize: ['MODEL_NOT_FOUND', 'Family "{family}" has no encoder; use the optimize method.'],
  noEncoder: ['MODEL_NOT_FOUND', 'Family "{family}" has no encoder.'],
  noClassifier: ['MODEL_NOT_FOUND', 'Family "{family}" has no classifier.'],
  attributesNotJson: ['MODEL_INVALID', 'The attributes file is not valid JSON.'],
  notLearnedAttribute: ['BAD_ARGUMENT', '"{name}" is not an attribute you learned for {family}; built-in attributes cannot be removed.'],
  unknownAttribute: ['BAD_ARGUMENT', 'Unknown attribute "{name}" (known: {known}).'],
  noConstraintResult: ['BAD_ARGUMENT', 'There is no painted-constraint result for this session yet; run constrain first.'],
  latentLength: ['BAD_ARGUMENT', 'z has {count} values; family "{family}" needs {size}.'],
  familyNotInstalled: ['MODEL_NOT_FOUND', 'No model family "{name}" in {folder}; installed: {installed}.'],
  builtInAttributeExists: ['BAD_ARGUMENT', '"{name}" is a built-in attribute of {family}. Choose another name, or allow overwriting (a learned one hides the built-in until it is removed).'],
  learnedAttributeExists: ['BAD_ARGUMENT', 'You already learned an attribute "{name}" for {family}. Choose another name, or allow overwriting.'],
  // The engine process.
  engineDidNotStart: ['ENGINE_CRASHED', 'The engine could not start (exit code {code}).'],
  engineRestarted: ['ENGINE_CRASHED', 'The engine stopped while working; it has been restarted. Try again.'],
  engineShutDown: ['ENGINE_CRASHED', 'The engine was shut down while working, as Latentshop is closing.'],
  engineCrashLoop: ['ENGINE_CRASHED', 'The engine stopped 6 times within a minute, so it was not restarted again. Restart Latentshop.'],
  /** Browser mode: the page's connection to the app dropped (the renderer words these itself). */
  connectionLost: ['ENGINE_CRASHED', 'Lost the connection to Latentshop while this ran; reconnecting. Try again.'],
  noConnection: ['ENGINE_CRASHED', 'No connection to Latentshop. Check that it is still running, then try again.'],
} as const satisfies Record<string, readonly [ErrorCode, string]>;

export type ErrorMessageKey = keyof typeof ERROR_MESSAGES;

/** The `{…}` names in a template, as a union of string literals. */
export type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a key's template needs, each one checked at compile time. */
export type ErrorParamsOf<K extends ErrorMessageKey> = { [P in Placeholders<(typeof ERROR_MESSAGES)[K][1]>]: string | number };

/** Parameters as they travel: plain values only, so any process can serialise them. */
export type ErrorParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}` rather than vanishing. */
export function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
