import type { ErrorCode, ErrorMessageKey } from '../../../preload/contract';
import type { ERROR_MESSAGES, Placeholders } from '../../../preload/contract/error-messages';

/**
 * The engine's catalogued errors in Simplified Chinese, by the key main sends with each
 * (preload/contract/error-messages.ts has the English). Typed so that a new key fails the build
 * until it is translated, and so does a wording whose placeholders differ from the English.
 */
export const zhCNErrors = {
  fileNotFound: '找不到 {name}。它可能已被移动或删除。',
  folderNotImage: '{name} 是文件夹，不是图像文件。',
  readDenied: '无法读取 {name}：没有权限。',
  readFailed: '无法读取 {name}（{reason}）。',
  folderNotFile: '{name} 是文件夹，不是文件。',
  notAFolder: '{name} 是文件，不是文件夹。',
  emptyFile: '{name} 是空文件（0 字节）：复制或下载可能尚未完成。',
  damagedAs: '无法打开 {name}：文件已损坏，或并不是真正的 {format} 文件。',
  damaged: '无法打开 {name}：文件已损坏或不完整。',
  tooManyPixels: '{name} 为 {width} × {height} 像素（{mp} MP），超过了 Latentshop 可安全打开的 {limit} MP。',
  tooLargeToOpen: '{name} 太大，Latentshop 无法安全打开。',
  wrongFormat: '{name} 是 {format} 格式。Latentshop 可打开 JPEG、PNG、WebP 和 TIFF 文件。',
  notAnImage: '{name} 不是 Latentshop 能读取的图像。Latentshop 可打开 JPEG、PNG、WebP 和 TIFF 文件。',
  unknownImage: '此图像已不再打开。请重新打开文件。',
  noFileDialog: '浏览器模式下没有文件对话框，请改为拖放文件。',
  dropNeedsDesktop: '只有桌面应用可以拖放路径。',
  batchDropNeedsDesktop: '只有桌面应用可以拖放路径，请改为上传文件。',
  pathNotOpened: '此文件不是通过对话框或拖放打开的。',
  folderNotChosen: '本次会话中没有选择过该输出文件夹。',
  noOutputFolder: '没有选择输出文件夹。',
  exportCancelled: '已取消导出。',
  cancelled: '已取消。',
  wouldOverwriteSource: '保存会覆盖原文件 {name}。请换一个名称，或允许覆盖。',
  fileExists: '{name} 已存在。请换一个名称，或允许覆盖。',
  diskFull: '无法保存 {name}：磁盘已满。',
  quotaFull: '无法保存 {name}：磁盘配额已用完。',
  writeDenied: '无法保存 {name}：没有权限。',
  readOnlyDisk: '无法保存 {name}：磁盘为只读。',
  noSuchFolder: '无法保存 {name}：文件夹不存在。',
  folderInTheWay: '无法保存 {name}：已有同名文件夹。',
  nameTooLong: '无法保存 {name}：文件名对磁盘来说太长（最多 255 字节；一个汉字占 3 字节）。',
  writeFailed: '无法保存 {name}：错误 {reason}。',
  encodeFailed: '无法将 {name} 保存为 {format}：{reason}',
  noSixteenBits: '{format} 无法存储每通道 16 位。请选择 PNG 或 TIFF。',
  tooLargeForFormat: '{width} × {height} 对 {format} 来说太大（每边最多 {limit} 像素）。',
  resizeWholePixels: '宽度和高度必须是整数像素。',
  resizeBadScale: '缩放比例必须是大于 0 的数字。',
  resizeNeedsSize: '请给出缩放比例，或宽度和/或高度。',
  resizeTooSmall: '结果将为 {width} × {height} 像素；至少应为 1 × 1。',
  resizeSideLimit: '结果将为 {width} × {height} 像素；每边最多 {limit}。',
  resizePixelLimit: '结果将为 {mp} MP；上限为 {limit} MP。',
  selectionOutside: '选区 {width}×{height}（位于 {x}, {y}）不在 {imageWidth}×{imageHeight} 的图像之内。',
  upscaleTooLarge: '结果将有 {mp} 百万像素（上限为 {limit}）。请选择更小的倍数，或框选一个矩形。',
  upscaleOutOfMemory: '即使用最小的分块，内存也不足以完成放大。请关闭其他图像，或选择更小的倍数。',
  outOfMemory: '内存不足，无法完成此操作。请尝试更小的图像或区域。',
  maskPixelCount: '蒙版有 {count} 个像素，但图像为 {width} × {height}（{pixels} 个像素）；两者尺寸必须相同。',
  frameOverflow: '{name}（{width} × {height}）放不进 {frameWidth} × {frameHeight} 的图像中 {left}, {top} 的位置。',
  maskSize: '蒙版为 {maskWidth} × {maskHeight} 像素，但图像为 {width} × {height}（{pixels} 个像素）；两者尺寸必须相同。',
  maskCoversAllFill: '蒙版覆盖了整幅图像，没有可用来填充的内容。',
  maskCoversAllComplete: '蒙版覆盖了整幅图像，没有可用来补全的内容。',
  maskOutsideRegion: '蒙版超出了为 GAN 补全指定的区域。',
  patchSize: '块大小必须是 3 到 15 之间的奇数，而不是 {value}。',
  noInpainter: '没有安装修复模型。请在模型文件夹中添加一个带 “inpainter” 网络的模型族（见 README）。',
  inpainterNotInstalled: '没有安装修复模型 “{name}”（已安装：{installed}）。',
  noGanFamily: 'GAN 补全需要一个 GAN 模型族（清单中包含生成器和判别器的模型文件夹）；{folder} 中没有安装。',
  ganFamilyNotInstalled: '没有安装 GAN 模型族 “{name}”（已安装：{installed}）。',
  noMaskFor: '{name} 没有蒙版。',
  sameNameTwice: '{name}：此文件夹中另有文件按相同名称配对，无法分辨它的蒙版。请重命名其中一个。',
  noMaskBeside: '{name} 没有蒙版：请在它旁边放置 {mask}，或为所有图像选择同一个蒙版。',
  aboutImageAndMask: '{image}（蒙版 {mask}）：{detail}',
  sessionClosed: '此潜空间会话已关闭或未知。请重新反演该区域。',
  noEncoderUseOptimize: '模型族 “{family}” 没有编码器；请使用优化（optimize）方法。',
  noEncoder: '模型族 “{family}” 没有编码器。',
  noClassifier: '模型族 “{family}” 没有分类器。',
  attributesNotJson: '属性文件不是有效的 JSON。',
  notLearnedAttribute: '“{name}” 不是您为 {family} 学习的属性；内置属性无法删除。',
  unknownAttribute: '未知属性 “{name}”（已知：{known}）。',
  noConstraintResult: '此会话还没有笔画约束的结果；请先运行跟随笔画。',
  latentLength: 'z 有 {count} 个值；模型族 “{family}” 需要 {size} 个。',
  familyNotInstalled: '{folder} 中没有模型族 “{name}”；已安装：{installed}。',
  builtInAttributeExists: '“{name}” 是 {family} 的内置属性。请换一个名称，或允许覆盖（学习的属性会遮住内置属性，直到将其删除）。',
  learnedAttributeExists: '您已为 {family} 学习过属性 “{name}”。请换一个名称，或允许覆盖。',
  engineDidNotStart: '引擎无法启动（退出代码 {code}）。',
  engineRestarted: '引擎在工作时停止了，已重新启动。请重试。',
  engineShutDown: 'Latentshop 正在关闭，引擎在工作时被关闭。',
  engineCrashLoop: '引擎在一分钟内停止了 6 次，因此不再重新启动。请重新启动 Latentshop。',
  connectionLost: '运行期间与 Latentshop 的连接中断，正在重新连接。请重试。',
  noConnection: '未连接到 Latentshop。请确认它仍在运行，然后重试。',
} as const satisfies Record<ErrorMessageKey, string>;

/** The keys whose Chinese wording has other placeholders than the English (never, or the build fails). */
type MismatchedPlaceholders = {
  [K in ErrorMessageKey]: [Placeholders<(typeof ERROR_MESSAGES)[K][1]>] extends [Placeholders<(typeof zhCNErrors)[K]>]
    ? [Placeholders<(typeof zhCNErrors)[K]>] extends [Placeholders<(typeof ERROR_MESSAGES)[K][1]>] ? never : K
    : K;
}[ErrorMessageKey];
// A compile-time check: a mismatch makes this `true` unassignable, and the error names the key.
const placeholdersMatch: [MismatchedPlaceholders] extends [never] ? true : MismatchedPlaceholders = true;
void placeholdersMatch;

/**
 * For an error without a catalogued key (a broken model file, a malformed request), or an
 * unknown one from an older batch record: what kind of error it is in Chinese, then the
 * engine's English detail, which names the file or field at fault.
 */
export const zhCNErrorCodes: Record<ErrorCode, string> = {
  BAD_ARGUMENT: '请求无效：{message}',
  PATH_NOT_ALLOWED: '不允许访问此路径：{message}',
  FILE_NOT_FOUND: '找不到文件：{message}',
  IMAGE_DECODE_FAILED: '无法打开图像：{message}',
  IMAGE_TOO_LARGE: '图像太大：{message}',
  UNSUPPORTED_FORMAT: '不支持的格式：{message}',
  WRITE_FAILED: '保存失败：{message}',
  WOULD_OVERWRITE_SOURCE: '会覆盖原文件：{message}',
  FILE_EXISTS: '文件已存在：{message}',
  MODEL_INVALID: '模型无效：{message}',
  MODEL_NOT_FOUND: '找不到模型：{message}',
  OUT_OF_MEMORY: '内存不足：{message}',
  CANCELLED: '已取消。',
  ENGINE_CRASHED: '引擎出错：{message}',
  UNAUTHORIZED: '未授权：{message}',
  UNKNOWN_IMAGE: '此图像已不再打开：{message}',
  INTERNAL: '内部错误：{message}',
};
